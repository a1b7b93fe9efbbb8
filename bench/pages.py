"""Page and search latency at a demo scale, against a plain Wagtail page.

Loads the demo content at the chosen scale into a PostgreSQL database, serves it with
gunicorn (one worker, so the figures are per request, not throughput) and times
sequential requests to each kind of page. Every figure is also given as a ratio to a
plain StandardPage served by the same server in the same run, because absolute times
on a shared machine mean little.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lp_bench \\
        .venv/bin/python bench/pages.py --scale seed --requests 200
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = ["wise", "ibl reservatie", "e-boeken uitlenen", "tixly", "catalogiseren"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


def sample_urls(env: dict) -> dict[str, str]:
    """One public URL per kind of page, picked from the loaded content."""
    script = (
        "from django.apps import apps\n"
        "from home.models import ServicePage, StandardPage\n"
        "kinds = {'standaardpagina (basislijn)': StandardPage,"
        " 'dienstpagina': ServicePage}\n"
        "for label, model in [('cursus', 'CoursePage'), ('les', 'LessonPage'),"
        " ('onderwerp', 'TopicPage'), ('webinar', 'WebinarPage')]:\n"
        "    try: kinds[label] = apps.get_model('courses', model)\n"
        "    except LookupError: pass\n"
        "for label, model in kinds.items():\n"
        "    page = model.objects.live().public().order_by('-numchild', 'pk').first()\n"
        "    if page: print(label + '\\t' + page.url)\n"
    )
    output = manage("shell", "-c", script, env=env)
    urls = dict(line.split("\t") for line in output.splitlines() if "\t" in line)
    urls["startpagina"] = "/"
    for query in SEARCHES:
        urls[f"zoeken: {query}"] = "/zoeken/?" + urllib.parse.urlencode({"q": query})
    return urls


def time_requests(base: str, path: str, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            assert response.status == 200, path
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "seed", "large"], default="seed")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--skip-load", action="store_true")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Zet DATABASE_URL op een PostgreSQL-database (de doelen gelden daar).")

    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.dev",
                        "DEBUG": "0", "LOG_LEVEL": "WARNING"}  # fmt: skip
    if not options.skip_load:
        started = time.perf_counter()
        manage("migrate", "--noinput", env=env)
        manage("load_demo", "--scale", options.scale, env=env)
        manage("update_index", env=env)
        print(f"demo {options.scale} geladen in {time.perf_counter() - started:.0f} s")
    urls = sample_urls(env)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--pythonpath", str(ROOT / "site"),
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "config.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for path in urls.values():  # warm caches and connections
            time_requests(base, path, 3)
        results = {label: time_requests(base, path, options.requests)
                   for label, path in urls.items()}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=20)

    baseline = statistics.median(results["standaardpagina (basislijn)"])
    print(f"\nschaal {options.scale}, {options.requests} verzoeken per pagina, "
          "1 gunicorn-worker, PostgreSQL\n")  # fmt: skip
    print(f"{'pagina':34} {'mediaan ms':>10} {'p95 ms':>8} {'x basislijn':>12}")
    for label, timings in results.items():
        median = statistics.median(timings)
        print(f"{label:34} {median:10.1f} {percentile(timings, 0.95):8.1f} "
              f"{median / baseline:12.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
