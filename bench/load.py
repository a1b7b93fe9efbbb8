"""`make load`: 50 visitors browsing and searching while a 10,000-recipient send runs
and its opens and clicks arrive.

On loopback only, bounded in time. Needs the `seed` demo content in a PostgreSQL
database (`manage.py load_demo --scale seed`) and Redis for the broker, the cache
and the tracking buffer:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lp_operations \\
    REDIS_URL=redis://127.0.0.1:6379/8 CELERY_BROKER_URL=redis://127.0.0.1:6379/9 \\
        make load

1. Serves the site with gunicorn and starts a real Celery worker (sending queue)
   that mails into an aiosmtpd sink in this process; the sink writes the open
   pixel and click links of every message it receives to a file.
2. Baseline: one send of an issue to RECIPIENTS subscribers of a bench list, with
   no visitors; its throughput is measured at the sink.
3. Under load: locust runs USERS visitors (bench/locustfile.py) for SECONDS; a few
   seconds in, the same send of a second issue starts, and beside the visitors a
   second locust plays its recipients: they open and click the messages as they
   arrive (from the sink's file), with some privacy-proxy opens and link-scanner
   HEADs. Reports requests per second, p95/p99 per kind of page, per kind of hit
   and overall, the error count, and the send's throughput against the baseline.
   Then flushes the tracking buffer and checks that every answered open and click
   was counted, human or machine as it was meant. Exits 1 when any request
   failed, a send lost a message or a hit was not counted as it should be.

The bench list, its subscribers (synthetic, under example.org) and the issues are
created in the database and the issues and their runs (with their tracking counts)
removed afterwards, with the run's keys in Redis.
"""

from __future__ import annotations

import argparse
import base64
import csv
import email
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
BENCH_LIST = "belastingtest"
# The rows of the recipients' hits in bench/locustfile.py.
OPEN_ROW, PROXY_ROW = "open pixel", "open pixel, privacy proxy"
CLICK_ROW, SCANNER_ROW = "click redirect", "click redirect, link scanner (HEAD)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The open pixel and click links in the HTML part of a message (``newsletters.urls``).
TRACKING_URL = re.compile(
    r'="https?://[^/"]+(/nieuwsbrieven/t/(?:o/[^"/]+\.gif|k/[^"/]+/))"'
)
# The HTML part as the SMTP path writes it (``rendering.message_bytes``).
HTML_BASE64 = (
    b'Content-Type: text/html; charset="utf-8"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\n"
)


def html_of(content: bytes) -> str:
    """The HTML part of a message. The email package reads any layout but takes
    about 1 ms for a newsletter, in the sink's answer to every message: the
    layout the sending pipeline writes is read directly."""
    start = content.find(HTML_BASE64)
    if start >= 0:
        start += len(HTML_BASE64)
        return base64.b64decode(
            content[start : content.find(b"\r\n--", start)]
        ).decode()
    for part in email.message_from_bytes(content).walk():
        if part.get_content_type() == "text/html":
            charset = part.get_content_charset() or "utf-8"
            return part.get_payload(decode=True).decode(charset)
    return ""


def tracking_paths(content: bytes) -> tuple[str | None, list[str]]:
    """The path of the open pixel and those of the click links of one message."""
    paths = list(dict.fromkeys(TRACKING_URL.findall(html_of(content))))
    pixels = [path for path in paths if path.startswith("/nieuwsbrieven/t/o/")]
    clicks = [path for path in paths if path.startswith("/nieuwsbrieven/t/k/")]
    return (pixels[0] if pixels else None), clicks


class CountingSink:
    """aiosmtpd handler that counts messages per recipient and notes arrivals.

    It also writes the tracking URLs of every message to a file, one JSON line
    each, for the recipients in bench/locustfile.py: in both sends, so that this
    work weighs on the send with visitors and on the one without alike.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.arrivals: list[float] = []
        self.recipients: dict[str, int] = {}
        self.untracked = 0  # messages without an open pixel, over both sends
        self.mail = None

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        pixel, clicks = tracking_paths(envelope.content)
        line = json.dumps({"at": now, "pixel": pixel, "clicks": clicks}) + "\n"
        with self.lock:
            self.arrivals.append(now)
            for address in envelope.rcpt_tos:
                self.recipients[address] = self.recipients.get(address, 0) + 1
            if pixel is None:
                self.untracked += 1
            else:
                self.mail.write(line)
                self.mail.flush()
        return "250 OK"

    def reset(self, mail: Path, links: list[str]):
        """Counts from zero, and a new mail file that starts with the issue's links
        (the only places a click may lead to)."""
        with self.lock:
            self.arrivals, self.recipients = [], {}
            self.close()
            self.mail = mail.open("w")
            self.mail.write(json.dumps({"links": links}) + "\n")
            self.mail.flush()

    def close(self):
        if self.mail is not None:
            self.mail.close()


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def sample_urls() -> dict[str, list[str]]:
    """Public URLs of the loaded content, per kind of page, that an anonymous
    visitor may open: no restricted areas, no steps locked in a linear course."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from courses.models import CoursePage, LessonPage, TopicPage
    from home.models import ServicePage
    from services.models import Service

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    linear = tuple(
        CoursePage.objects.filter(linear_progression=True).values_list(
            "path", flat=True
        )
    )

    def open_pages(model):
        pages = model.objects.visible_to(request).public().order_by("?")[:600]
        return [p.url for p in pages if not p.path.startswith(linear)][:200]

    return {
        "dienstpagina": [p.url for p in ServicePage.objects.live().public()],
        "cursus": open_pages(CoursePage),
        "les": open_pages(LessonPage),
        "onderwerp": open_pages(TopicPage),
        "dienst": list(Service.objects.values_list("slug", flat=True)),
    }


def prepare_list(recipients: int):
    """The bench list with exactly ``recipients`` confirmed subscribers."""
    from django.utils import timezone

    from newsletters.models import NewsletterList, Subscriber, Subscription
    from services.choices import Werkveld

    newsletter, _created = NewsletterList.objects.get_or_create(
        slug=BENCH_LIST,
        defaults={
            "name": "Belastingtest",
            "sender_email": "bench@example.org",
            "sender_name": "Belastingtest",
            "is_open_for_signup": False,
        },
    )
    wanted = {f"belasting-{n}": n for n in range(recipients)}
    existing = set(
        Subscriber.objects.filter(
            email_fingerprint__startswith="belasting-"
        ).values_list("email_fingerprint", flat=True)
    )
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"belasting{n}@example.org",
            email_fingerprint=fingerprint,
            werkveld=Werkveld.LIBRARY,
        )
        for fingerprint, n in wanted.items()
        if fingerprint not in existing
    )
    subscriptions = Subscription.objects.filter(newsletter=newsletter)
    # A smaller run than the last one: the extra subscribers sit this one out.
    subscriptions.exclude(subscriber__email_fingerprint__in=list(wanted)).delete()
    subscribed = set(subscriptions.values_list("subscriber_id", flat=True))
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(
            subscriber_id=pk,
            newsletter=newsletter,
            confirmed_at=now,
            status=Subscription.Status.CONFIRMED,
            source=Subscription.Source.IMPORT,
        )
        for pk in Subscriber.objects.filter(
            email_fingerprint__in=list(wanted)
        ).values_list("pk", flat=True)
        if pk not in subscribed
    )
    return newsletter


def new_issue(newsletter, label: str):
    from tests.newsletters.factories import make_issue

    return make_issue(
        newsletter,
        title=f"Belastingtest {label} {time.time():.0f}",
        slug=f"belasting-{label}-{time.time_ns()}",
    )


def issue_links(issue) -> list[str]:
    """The links a send of the issue stores, for checking where clicks lead.
    Compiled here and not cached, so the worker compiles its edition itself in
    both sends."""
    from newsletters import rendering

    return rendering.compile_edition(issue).links


def send_and_measure(issue, sink: CountingSink, recipients: int, timeout: float):
    """Start the send, wait until the run is sent; throughput at the sink (reset
    by the caller)."""
    from newsletters import sending
    from newsletters.models import IssueStatus, SendRun

    started = time.time()
    run = sending.start_run(issue)
    deadline = started + timeout
    status = None
    while time.time() < deadline:
        status = SendRun.objects.values_list("status", flat=True).get(pk=run.pk)
        if status == IssueStatus.SENT:
            break
        time.sleep(0.5)
    arrivals = sorted(sink.arrivals)
    span = (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0
    return {
        "run": run.pk,
        "status": status,
        "recipients": SendRun.objects.values_list("recipients", flat=True).get(
            pk=run.pk
        ),
        "received": len(sink.recipients),
        "duplicates": sum(1 for n in sink.recipients.values() if n > 1),
        "started": started,
        "first": arrivals[0] if arrivals else None,
        "last": arrivals[-1] if arrivals else None,
        "throughput": (len(arrivals) - 1) / span if span else 0.0,
        "total_seconds": (arrivals[-1] - started) if arrivals else None,
        "arrivals": arrivals,
    }


def answered(rows: dict[str, dict], *names: str) -> int:
    """Requests of these locust rows that got the answer they should."""
    return sum(
        int(rows[name]["Request Count"]) - int(rows[name]["Failure Count"])
        for name in names
        if name in rows
    )


def count_tracking(run_id: int, hits: dict[str, dict], links: list[str]) -> dict:
    """Flush the tracking buffer, then compare the run's counters with the hits the
    site answered: every answered hit counted once, and the machine traffic set
    aside for the reason it was made for."""
    from django.db.models import Sum

    from newsletters import buffering
    from newsletters.models import EventKind, MachineReasonCount, TrackingCounter

    buffering.flush(settle=0)
    reasons = {EventKind.OPEN: {}, EventKind.CLICK: {}}
    for kind, reason, count in MachineReasonCount.objects.filter(
        run_id=run_id
    ).values_list("kind", "reason", "count"):
        reasons[kind][reason] = count
    result = {}
    for kind, rows in (
        (EventKind.OPEN, (OPEN_ROW, PROXY_ROW)),
        (EventKind.CLICK, (CLICK_ROW, SCANNER_ROW)),
    ):
        # link_key 0: the issue as a whole, where every open and click is counted.
        sums = TrackingCounter.objects.filter(
            run_id=run_id, link_key=0, kind=kind
        ).aggregate(raw=Sum("raw"), human=Sum("human"))
        result[kind] = {
            "answered": answered(hits, *rows),
            "counted": sums["raw"] or 0,
            "human": sums["human"] or 0,
            "reasons": reasons[kind],
        }
    result["problems"] = tracking_problems(result, hits, run_id, links)
    return result


def tracking_problems(result: dict, hits: dict, run_id: int, links: list[str]):
    """What does not add up between the hits and the counters; empty when all do."""
    from newsletters.models import EventKind, TrackedLink

    opens, clicks = result[EventKind.OPEN], result[EventKind.CLICK]
    # A person's click within a minute of delivery counts as a machine's
    # (classification.CLICK_AT_DELIVERY_SECONDS): in a run this short, that is
    # most of them, so only their total is checked.
    expected = [
        ("opens geteld", opens["counted"], opens["answered"]),
        ("kliks geteld", clicks["counted"], clicks["answered"]),
        ("opens van personen, als mens", opens["human"], answered(hits, OPEN_ROW)),
        (
            "opens via Apple's proxy, als apple-mpp",
            opens["reasons"].get("apple-mpp", 0),
            answered(hits, PROXY_ROW),
        ),
        (
            "HEAD-verzoeken van de linkscanner, als head",
            clicks["reasons"].get("head", 0),
            answered(hits, SCANNER_ROW),
        ),
    ]
    problems = [
        f"{label}: {got}, verwacht {wanted}"
        for label, got, wanted in expected
        if got != wanted
    ]
    stored = set(
        TrackedLink.objects.filter(run_id=run_id).values_list("url", flat=True)
    )
    if stored != set(links):
        problems.append(
            f"opgeslagen links {sorted(stored)} ≠ die van de editie {links}"
        )
    if not opens["answered"] + clicks["answered"]:
        problems.append("geen enkele open of klik: laat de bezoekers langer lopen")
    return problems


def cleanup(issues) -> None:
    from newsletters import tracking
    from newsletters.models import SendRun

    for issue in issues:
        SendRun.objects.filter(issue=issue).delete()
        issue.delete()
    # The buffer, links and seen-sets of this run's own tracking prefix.
    client = tracking.redis_client()
    for key in client.scan_iter(f"{tracking.prefix()}:*"):
        client.delete(key)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} antwoordt niet")


def read_stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start(command: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


class Locust:
    """One bounded locust run in the background; when it really ended."""

    def __init__(self, users, seconds, base, env, work: Path, name, user_class, *extra):
        self.prefix = str(work / name)
        self.log = work / f"{name}.log"
        self.process = start(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench/locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 5)),
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                self.prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
                *extra,
                user_class,
            ],
            self.log,
            env,
        )
        self.started = time.time()
        self.ended: float | None = None
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self):
        self.process.wait()
        self.ended = time.time()

    def finish(self, seconds: float) -> dict[str, dict]:
        self._waiter.join(seconds)
        if self.ended is None:
            stop(self.process)
            raise SystemExit(f"locust stopte niet op tijd:\n{self.log.read_text()}")
        return {row["Name"]: row for row in read_stats(self.prefix)}


def visitors(options, base: str, env: dict, work: Path, name: str) -> Locust:
    return Locust(options.users, options.seconds, base, env, work, name, "Visitor")


def recipients(options, base: str, env: dict, work: Path) -> Locust:
    """The recipients' opens and clicks, in a locust of their own: the visitors'
    figures stay comparable with the run without the send. The stop timeout lets
    a hit under way be answered, so that locust counts every hit the site
    recorded."""
    return Locust(
        options.readers,
        options.seconds,
        base,
        env,
        work,
        "ontvangers",
        "MailRecipient",
        "--stop-timeout",
        "30",
    )


def sequential_baseline(base: str, urls: dict[str, list[str]], count: int) -> dict:
    """One visitor at a time, no pause: the same mix of pages, for the ratio."""
    import random

    rng = random.Random(8)
    paths = [
        rng.choice(urls[kind])
        for kind in ("cursus", "les", "onderwerp")
        for _ in range(count // 4)
    ]
    paths += [f"/zoeken/?q={q}" for q in ("wise", "tixly", "catalogiseren")] * (
        count // 12
    )
    timings = []
    for path in paths:
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "count": len(timings),
        "median": timings[len(timings) // 2],
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "rps": len(timings) / (sum(timings) / 1000),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument(
        "--readers",
        type=int,
        default=10,
        help="gelijktijdige verbindingen van de ontvangers (opens en kliks)",
    )
    parser.add_argument(
        "--send-delay",
        type=float,
        default=5.0,
        help="seconden na de start van de bezoekers",
    )
    options = parser.parse_args()
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        if not os.environ.get(name):
            sys.exit(f"make load heeft {name} nodig (PostgreSQL en Redis; zie README).")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("make load meet op PostgreSQL: zet DATABASE_URL=postgres://…")

    from aiosmtpd.controller import Controller

    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    work = Path(tempfile.mkdtemp(prefix="leerplatform-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        # No rate limit: the send goes as fast as the machine lets it, so that the
        # effect of the visitors on it shows.
        "NEWSLETTER_SEND_RATE": "0",
        # The pixel and links in the messages point at the site under test.
        "SITE_BASE_URL": base,
        # gunicorn records hits, the worker stores the links of a send and this
        # process flushes: all on one Redis, under a prefix of this run's own that
        # is removed afterwards.
        "NEWSLETTER_TRACKING_REDIS_URL": (
            os.environ.get("NEWSLETTER_TRACKING_REDIS_URL") or os.environ["REDIS_URL"]
        ),
        "NEWSLETTER_TRACKING_PREFIX": f"belastingtest:{uuid.uuid4().hex[:8]}",
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
    }
    setup_django(env)
    from courses.models import CoursePage

    if CoursePage.objects.live().count() < 100:
        sys.exit("Te weinig inhoud: laad eerst `manage.py load_demo --scale seed`.")
    urls = sample_urls()
    urls_file = work / "urls.json"
    urls_file.write_text(json.dumps(urls))
    mail = work / "post.jsonl"
    locust_env = env | {"LOAD_URLS": str(urls_file), "LOAD_MAIL": str(mail)}
    newsletter = prepare_list(options.recipients)

    gunicorn = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--pythonpath",
            str(ROOT / "site"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.web_workers),
            "config.wsgi:application",
        ],
        work / "web.log",
        env,
    )
    worker = start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config.celery_app",
            "worker",
            "--queues=sending",
            "--concurrency=2",
            "--loglevel=WARNING",
            f"--hostname=belasting-{os.getpid()}@%h",
        ],
        work / "worker.log",
        env,
    )
    issues = []
    timeout = max(600, options.recipients / 10)
    try:
        wait_for(base + "/healthz")
        time.sleep(5)  # the worker connects to the broker
        sequential_baseline(base, urls, 12)  # warm up
        single = sequential_baseline(base, urls, 120)
        print(
            f"één bezoeker na elkaar: mediaan {single['median']:.0f} ms, "
            f"p95 {single['p95']:.0f} ms"
        )

        issues.append(new_issue(newsletter, "basislijn"))
        sink.reset(work / "post-basislijn.jsonl", issue_links(issues[-1]))
        baseline = send_and_measure(issues[-1], sink, options.recipients, timeout)
        print(f"verzending zonder bezoekers: {baseline['throughput']:.0f} msg/s")

        alone = visitors(options, base, locust_env, work, "bezoekers-alleen")
        web_alone = alone.finish(options.seconds + 60)
        print(
            f"bezoekers zonder verzending: "
            f"{float(web_alone['Aggregated']['Requests/s']):.1f} verzoeken/s"
        )

        issues.append(new_issue(newsletter, "onder-belasting"))
        links = issue_links(issues[-1])
        sink.reset(mail, links)
        crowd = visitors(options, base, locust_env, work, "bezoekers-en-verzending")
        readers = recipients(options, base, locust_env, work)
        time.sleep(options.send_delay)
        loaded = send_and_measure(issues[-1], sink, options.recipients, timeout)
        web = crowd.finish(options.seconds + 60)
        readers.finish(options.seconds + 60)
        summary = read_summary(mail, readers.log)
        hits = summary["rows"]
        load_average = os.getloadavg()
        stop(gunicorn)  # no hit arrives any more while the buffer is flushed
        tracked = count_tracking(loaded["run"], hits, links)
    finally:
        for process in (gunicorn, worker):
            stop(process)
        controller.stop()
        sink.close()
        cleanup(issues)

    errors = sum(
        int(rows["Aggregated"]["Failure Count"]) for rows in (web_alone, web, hits)
    )
    report(options, single, web_alone, web, baseline, loaded, crowd, load_average)
    report_tracking(hits, tracked, summary)
    lost = any(
        r["received"] != r["recipients"] or r["duplicates"] for r in (baseline, loaded)
    )
    untracked = sink.untracked
    if errors or lost or untracked or tracked["problems"]:
        print(
            f"FOUT: {errors} mislukte verzoeken; berichten verloren of dubbel: {lost}; "
            f"berichten zonder open pixel: {untracked}"
        )
        for problem in tracked["problems"]:
            print(f"FOUT: {problem}")
        for name in ("bezoekers-en-verzending", "ontvangers"):
            print((work / f"{name}.log").read_text()[-3000:])
        print(f"logs: {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


def print_rows(title: str, rows: dict[str, dict], total: str) -> None:
    """A markdown table of locust's rows, its total last."""
    print(f"| {title} | aantal | fouten | per s | mediaan ms | p95 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, row in rows.items():
        label = total if name == "Aggregated" else name
        print(
            f"| {label} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} "
            f"| {row['99%']} |"
        )


def report(options, single, web_alone, web, baseline, loaded, visitors, load_average):
    print()
    print(
        f"machinebelasting (1/5/15 min): "
        f"{' / '.join(f'{x:.1f}' for x in load_average)} op {os.cpu_count()} kernen;"
        f" {options.users} bezoekers, {options.seconds} s; {options.readers} "
        f"verbindingen van ontvangers; gunicorn {options.web_workers} workers; "
        "1 Celery-worker (2 processen)\n"
    )
    print_rows("verzoeken (met verzending, opens en kliks)", web, "**alles**")
    alone = web_alone["Aggregated"]
    print(
        f"| alles, zonder verzending | {alone['Request Count']} "
        f"| {alone['Failure Count']} | {float(alone['Requests/s']):.1f} "
        f"| {alone['50%']} | {alone['95%']} | {alone['99%']} |"
    )
    print(
        f"| één bezoeker na elkaar (basislijn) | {single['count']} | 0 "
        f"| {single['rps']:.1f} | {single['median']:.0f} | {single['p95']:.0f} "
        "| |"
    )
    print()
    print(
        f"| verzending van {loaded['recipients']:,} | berichten | dubbel | msg/s "
        "| totaal s |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, result in (("zonder bezoekers", baseline), ("met bezoekers", loaded)):
        print(
            f"| {label} | {result['received']} | {result['duplicates']} "
            f"| {result['throughput']:.0f} | {result['total_seconds']:.1f} |"
        )
    # The part of the send that went out while the visitors were on the site.
    during = [t for t in loaded["arrivals"] if t <= visitors.ended]
    ratio = loaded["throughput"] / baseline["throughput"]
    print(f"\nverzending met bezoekers: {ratio:.2f}x de basislijn (hele verzending)")
    if len(during) > 1:
        rate = (len(during) - 1) / (during[-1] - during[0])
        print(
            f"tijdens de {visitors.ended - visitors.started:.0f} s met bezoekers: "
            f"{len(during)} berichten, {rate:.0f} msg/s = "
            f"{rate / baseline['throughput']:.2f}x de basislijn"
        )


def report_tracking(hits: dict[str, dict], tracked: dict, summary: dict) -> None:
    from newsletters.models import EventKind

    print()
    print_rows("opens en kliks van de ontvangers", hits, "**alle hits**")
    print()
    print("| na de flush | beantwoord | geteld | mens | machine (reden) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, kind in (("opens", EventKind.OPEN), ("kliks", EventKind.CLICK)):
        counts = tracked[kind]
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(counts["reasons"].items()))
        print(
            f"| {label} | {counts['answered']} | {counts['counted']} "
            f"| {counts['human']} | {counts['counted'] - counts['human']}"
            f"{f' ({reasons})' if reasons else ''} |"
        )
    print(
        f"\nontvangers: {summary['messages']} berichten gelezen; "
        f"{summary['late']} hits waren aan de beurt maar nog niet gedaan "
        "toen de run stopte (alle verbindingen wachtten op de site)"
    )


def read_summary(mail: Path, log: Path) -> dict:
    """What bench/locustfile.py wrote when its recipients stopped: their rows
    (exact, where locust's CSV may miss the last second), the messages they read
    and the hits they did not get to."""
    path = Path(f"{mail}.summary.json")
    if not path.exists():
        raise SystemExit(f"de ontvangers schreven geen overzicht:\n{log.read_text()}")
    return json.loads(path.read_text())


if __name__ == "__main__":
    sys.exit(main())
