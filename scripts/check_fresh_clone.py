#!/usr/bin/env python3
"""`make smoke`: the README's two commands on a fresh clone of the committed HEAD.

1. Clones the repository's HEAD commit into a temporary folder (uncommitted changes
   are not part of it, on purpose: this is what a newcomer gets).
2. `make run` there on a free port, with no external service (SQLite, embedded
   broker, local outbox, as on a fresh machine): waits until it serves, fetches the
   main pages and the health endpoints, checks that the worker and beat started,
   stops it with SIGINT to its process group (Ctrl-C) and checks that nothing it
   started is left running.
3. `make test` there, with the environment this script was given (CI passes
   PostgreSQL, Redis and REQUIRE_SERVICES=1).

Prints a report and, last, pytest's summary line; exits non-zero when anything
failed. Only the standard library is used: it runs before any virtualenv exists.

Environment: SMOKE_PYTEST_ARGS (e.g. ``tests/config``) runs part of the suite
instead of all of it; SMOKE_KEEP=1 keeps the temporary folder;
SMOKE_RUN_TIMEOUT (seconds, default 900) bounds the wait for `make run`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The pages a visitor and a load balancer see first; a service page from the demo.
PAGES = ["/", "/wise/", "/zoeken/?q=wise", "/nieuwsbrieven/", "/healthz", "/readyz"]
# Services a fresh machine does not have: `make run` must do without them.
EXTERNAL_SERVICES = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL")
SUMMARY_LINE = re.compile(r"^=+ .*\b(passed|failed|error|errors|skipped)\b.* in ")


class Report:
    def __init__(self):
        self.lines: list[tuple[bool, str]] = []

    def check(self, ok: bool, text: str) -> bool:
        self.lines.append((ok, text))
        print(f"smoke: {'OK  ' if ok else 'FOUT'} {text}", flush=True)
        return ok

    @property
    def ok(self) -> bool:
        return all(ok for ok, _text in self.lines)

    def print(self) -> None:
        print("\n==== make smoke ====")
        for ok, text in self.lines:
            print(f"  {'OK  ' if ok else 'FOUT'} {text}")
        print(f"==== {'geslaagd' if self.ok else 'MISLUKT'} ====", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def clone_head(into: Path) -> str:
    commit = run(["git", "rev-parse", "HEAD"], cwd=ROOT).stdout.strip()
    if run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT).stdout:
        print("smoke: let op: niet-gecommitte wijzigingen tellen niet mee.")
    run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(into)])
    run(["git", "checkout", "--quiet", "--detach", commit], cwd=into)
    return commit


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> int:
    """The status code of a GET, or 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def processes_in(folder: Path) -> dict[int, str]:
    """Processes of ours working in ``folder`` (their cwd is in it): what `make run`
    started there, even when orphaned."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if cwd == folder or folder in cwd.parents:
            found[int(entry.name)] = command.decode(errors="replace").strip()
    return found


def check_make_run(clone: Path, report: Report) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in EXTERNAL_SERVICES}
    env |= {"PORT": str(port), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log_path = clone / "make-run.log"
    timeout = float(os.environ.get("SMOKE_RUN_TIMEOUT", 900))
    print(f"smoke: make run op poort {port} (log: {log_path})…", flush=True)
    with log_path.open("w") as log:
        stack = subprocess.Popen(
            ["make", "run"],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        served = False
        while time.monotonic() - started < timeout and stack.poll() is None:
            if fetch(f"{base}/") == 200:
                served = True
                break
            time.sleep(2)
        report.check(
            served, f"make run dient de site binnen {time.monotonic() - started:.0f} s"
        )
        if not served:
            return
        for path in PAGES:
            status = fetch(base + path)
            report.check(status == 200, f"GET {path} → {status}")

        def logged(text: str) -> bool:
            return text in log_path.read_text(errors="replace")

        for label, text in (("Celery-worker", "ready."), ("beat", "beat: Starting")):
            deadline = time.monotonic() + 60
            while not logged(text) and time.monotonic() < deadline:
                time.sleep(1)
            report.check(logged(text), f"{label} gestart ({text!r} in de log)")
        login = re.search(r"redacteur@example\.org", log_path.read_text())
        report.check(bool(login), "de demo-login staat in de uitvoer")
    finally:
        stop_stack(stack, clone, log_path, report)


def stop_stack(stack, clone: Path, log_path: Path, report: Report) -> None:
    if stack.poll() is None:
        # Ctrl-C in a terminal: SIGINT to the foreground process group.
        os.killpg(stack.pid, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        stack.wait(timeout=60)
    report.check(stack.poll() is not None, "make run stopt op Ctrl-C (SIGINT)")
    deadline = time.monotonic() + 20
    left = processes_in(clone)
    while left and time.monotonic() < deadline:
        time.sleep(1)
        left = processes_in(clone)
    leftovers = "".join(f"\n       {pid}: {cmd}" for pid, cmd in left.items())
    report.check(not left, f"geen proces van make run blijft achter{leftovers}")
    output = log_path.read_text(errors="replace")
    report.check(
        "Alle processen zijn gestopt." in output,
        "runstack meldt dat alle processen gestopt zijn",
    )
    for pid in left:  # ours: started in the clone by this script
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if not report.ok:
        print("---- laatste regels van make run ----")
        print(output[-4000:])


def check_make_test(clone: Path, report: Report) -> str:
    """Run `make test` in the clone, streaming its output; pytest's summary line."""
    command = ["make", "test"]
    if os.environ.get("SMOKE_PYTEST_ARGS"):
        command.append(f"PYTEST_ARGS={os.environ['SMOKE_PYTEST_ARGS']}")
        print(f"smoke: alleen pytest {os.environ['SMOKE_PYTEST_ARGS']}")
    print(f"smoke: {' '.join(command)} in {clone}…", flush=True)
    summary = ""
    with subprocess.Popen(
        command,
        cwd=clone,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    ) as tests:
        for line in tests.stdout:
            sys.stdout.write(line)
            if SUMMARY_LINE.match(line.strip()):
                summary = line.strip()
    report.check(tests.returncode == 0, f"make test (code {tests.returncode})")
    report.check(bool(summary), "pytest gaf een samenvatting")
    return summary


def main() -> int:
    report = Report()
    workdir = Path(tempfile.mkdtemp(prefix="leerplatform-smoke-"))
    clone = workdir / "leerplatform"
    summary = ""
    try:
        commit = clone_head(clone)
        report.check(True, f"kloon van {commit[:12]} in {clone}")
        check_make_run(clone, report)
        summary = check_make_test(clone, report)
    finally:
        report.print()
        if os.environ.get("SMOKE_KEEP") == "1":
            print(f"smoke: de kloon blijft staan in {clone}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        if summary:
            # Last, as after a plain `make test`.
            print(summary, flush=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
