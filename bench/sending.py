"""Newsletter sending throughput and worker memory, against two baselines.

Every figure comes from one run, into one local SMTP sink (aiosmtpd in a process of
its own, restarted between phases):

1. raw ``smtplib``: one connection, the same prepared message bytes (one issue as
   our pipeline renders it for one recipient) sent to each of N recipients, with
   nothing else done per message — what the sink can take;
2. ours: ``sending.start_run`` of an issue to N confirmed subscribers in
   PostgreSQL, sent by ONE real Celery worker process (solo pool) over the Redis
   broker, timed from the click until the run is marked sent (freezing the audience
   included);
3. django-newsletter 1.2 (installed into its own virtualenv under var/bench/, run by
   the small project in bench/django_newsletter_project/): ``Submission.submit()`` of
   a message of about the same size to the same number of subscribers;
4. memory: a fresh worker sends an issue to ``--memory-recipients`` (100,000);
   its resident set size is sampled from /proc while it does.

Targets (../shared/DESIGN.md): ours >= 0.7x raw smtplib, >= 3x django-newsletter;
the worker grows < 100 MB while sending 100,000.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lp_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/sending.py [--recipients 10000] \\
        [--memory-recipients 100000] [--skip-django-newsletter]

A database ``test_<name>`` is created next to DATABASE_URL's and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"
DN_VENV = BENCH_VAR / "dn-venv"
DN_PROJECT = ROOT / "bench" / "django_newsletter_project"
# django-newsletter's models import sorl-thumbnail (for article images).
DN_REQUIREMENTS = ["django-newsletter>=1.2,<1.3", "sorl-thumbnail>=12.10,<13"]
sys.path[:0] = [str(ROOT / "site"), str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- The sink: its own process, so no phase shares an interpreter with it ----------


def run_sink(port: int) -> None:
    """``--sink PORT``: accept everything, count it, print the counts on SIGTERM."""
    from aiosmtpd.controller import Controller

    class Counting:
        messages = 0
        data = 0
        recipients: set[str] = set()
        duplicates = 0

        async def handle_DATA(self, server, session, envelope):
            self.messages += 1
            self.data += len(envelope.content)
            for address in envelope.rcpt_tos:
                if address in self.recipients:
                    self.duplicates += 1
                self.recipients.add(address)
            return "250 OK"

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(json.dumps({"messages": handler.messages, "bytes": handler.data,
                      "recipients": len(handler.recipients),
                      "duplicates": handler.duplicates}), flush=True)  # fmt: skip


class Sink:
    def __init__(self):
        self.port = free_port()
        self.counts: dict = {}

    def __enter__(self) -> Sink:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--sink", str(self.port)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout.readline().strip() == "ready"
        return self

    def __exit__(self, *exc_info) -> None:
        self.process.send_signal(signal.SIGTERM)
        output, _ = self.process.communicate(timeout=60)
        self.counts = json.loads(output.strip().splitlines()[-1])


# -- Phases ------------------------------------------------------------------------


def raw_smtplib(port: int, data: bytes, sender: str, recipients: int) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(recipients):
            smtp.sendmail(sender, [f"lezer{n}@example.org"], data)
    return time.perf_counter() - started


class Worker:
    """One real Celery worker process (solo pool) on a queue of this bench."""

    def __init__(self, smtp_port: int, queue: str):
        from tests.processes import database_url_of_test_database

        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url_of_test_database(),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "TEST_EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "NEWSLETTER_SEND_RATE": "0",
            "NEWSLETTER_TEST_QUEUE": queue,
            "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        }

    def __enter__(self) -> Worker:
        from operations.models import Heartbeat

        before = Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).first()
        self.log = (BENCH_VAR / "worker.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.newsletters.sending_worker",
             "worker", "--pool=solo", "--loglevel=WARNING",
             f"--queues={self.env['NEWSLETTER_TEST_QUEUE']}",
             f"--hostname=bench-{uuid.uuid4().hex[:6]}@%h"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            beat = Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).first()
            if beat and (before is None or beat.last_seen > before.last_seen):
                return self
            assert self.process.poll() is None, "the worker stopped"
            time.sleep(0.2)
        raise RuntimeError("the worker did not start")

    def rss(self) -> int:
        """Resident set size in bytes, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(ln for ln in status.splitlines() if ln.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def send_issue(issue, on_tick=None) -> float:
    """Seconds from ``start_run`` until the run is marked sent."""
    from newsletters import sending
    from newsletters.models import IssueStatus, SendRun

    started = time.perf_counter()
    run = sending.start_run(issue)
    while True:
        if on_tick:
            on_tick()
        status = SendRun.objects.values_list("status", flat=True).get(pk=run.pk)
        if status == IssueStatus.SENT:
            return time.perf_counter() - started
        if status not in (IssueStatus.SENDING, IssueStatus.SCHEDULED):
            raise RuntimeError(f"the run ended as {status}")
        time.sleep(0.05)


def django_newsletter(port: int, recipients: int, size: int) -> dict:
    python = DN_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DN_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *DN_REQUIREMENTS],
                   check=True)  # fmt: skip
    (BENCH_VAR / "dn.sqlite3").unlink(missing_ok=True)
    result = subprocess.run(
        [str(python), str(DN_PROJECT / "send.py"), str(recipients), str(size)],
        env={"PATH": os.environ.get("PATH", ""), "DN_BENCH_VAR": str(BENCH_VAR),
             "DN_BENCH_SMTP_PORT": str(port)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--memory-recipients", type=int, default=100_000)
    # 0: the sample issue of the tests (about 35 KB as sent); more blocks, more KB.
    parser.add_argument("--blocks", type=int, default=0)
    parser.add_argument("--skip-django-newsletter", action="store_true")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="send in this process under cProfile instead of timing a worker",
    )
    options = parser.parse_args()
    if options.sink:
        return run_sink(options.sink)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/sending.py meet op PostgreSQL: zet DATABASE_URL=postgres://…")
    BENCH_VAR.mkdir(parents=True, exist_ok=True)

    from tests.processes import redis_broker_url

    os.environ["CELERY_BROKER_URL"] = redis_broker_url(7)
    os.environ["NEWSLETTER_TEST_QUEUE"] = f"bench-verzenden-{uuid.uuid4().hex[:8]}"
    import django

    django.setup()
    # Tasks go to the bench worker's queue, as they do in the tests.
    from django.db import connection
    from django.test.utils import setup_test_environment

    import tests.newsletters.sending_worker  # noqa: F401

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # A database left by an interrupted run is dropped and made anew.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(options)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        from config.celery_app import app

        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(os.environ["NEWSLETTER_TEST_QUEUE"])


def run(options) -> None:
    from mjml_personalisation import body

    from newsletters import rendering
    from tests.newsletters.factories import (
        NewsletterListFactory,
        add_confirmed_subscribers,
        make_issue,
    )

    newsletter = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    recipients = options.recipients
    add_confirmed_subscribers(newsletter, 0, recipients)
    blocks = body(options.blocks) if options.blocks else None
    issue = make_issue(newsletter, body=blocks)
    edition = rendering.compile_edition(issue)
    data = rendering.message_bytes(
        edition,
        rendering.Recipient(1, "lezer0@example.org", newsletter.pk),
        "<bench.1@example.org>",
    )
    size = len(data)
    print(f"message: {size / 1024:.1f} KB; {recipients} recipients; one worker")
    results: dict[str, float] = {}
    if options.profile:
        return profile(issue, recipients)

    def raw() -> float:
        with Sink() as sink:
            seconds = raw_smtplib(sink.port, data, newsletter.sender_email, recipients)
        assert sink.counts["recipients"] == recipients, sink.counts
        return recipients / seconds

    # The baseline before and after ours, since the machine's load drifts.
    raw_before = raw()
    with Sink() as sink, Worker(sink.port, os.environ["NEWSLETTER_TEST_QUEUE"]):
        seconds = send_issue(issue)
    assert sink.counts["recipients"] == recipients, sink.counts
    assert sink.counts["duplicates"] == 0, sink.counts
    # The same path called here, without broker and worker, on a copy of the issue.
    copy = make_issue(newsletter, body=blocks)
    results["ours: send_chunk in this process (no broker)"] = recipients / in_process(
        copy
    )
    raw_after = raw()
    print(f"raw smtplib before {raw_before:.0f} msg/s, after {raw_after:.0f} msg/s")
    results["raw smtplib, one connection (baseline)"] = (raw_before + raw_after) / 2
    results["ours: start_run → sent, 1 Celery worker"] = recipients / seconds
    for label, rate in results.items():
        print(f"  {label}: {rate:.0f} msg/s", flush=True)

    if not options.skip_django_newsletter:
        with Sink() as sink:
            figures = django_newsletter(sink.port, recipients, size)
        assert sink.counts["recipients"] == recipients, sink.counts
        results[
            f"django-newsletter 1.2 submit() ({figures['message_bytes'] / 1024:.1f} KB)"
        ] = recipients / figures["seconds"]

    raw = results["raw smtplib, one connection (baseline)"]
    ours = results["ours: start_run → sent, 1 Celery worker"]
    print(f"\n{'sender':58} {'msg/s':>8} {'× raw':>7} {'ours ×':>7}")
    for label, rate in results.items():
        print(f"{label:58} {rate:8.0f} {rate / raw:7.2f} {ours / rate:7.2f}")
    print("targets: ours >= 0.7x raw smtplib, >= 3x django-newsletter")

    if options.memory_recipients:
        memory(options, newsletter, recipients)


def in_process(issue, profiler=None) -> float:
    """Seconds to send the issue's frozen audience by calling ``send_chunk`` here:
    the sending path without the broker and the worker around it."""
    from django.conf import settings

    from newsletters import sending
    from newsletters.models import IssueStatus, SendRun

    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.NEWSLETTER_SEND_RATE = 0
        run = SendRun.objects.create(issue=issue, newsletter=issue.newsletter,
                                     revision_id=issue.live_revision_id,
                                     status=IssueStatus.SENDING)  # fmt: skip
        sending.freeze_audience(run.pk)
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        while sending.send_chunk(run.pk).claimed:
            pass
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    assert sink.counts["duplicates"] == 0, sink.counts
    return seconds


def profile(issue, recipients: int) -> None:
    """Send in this process under cProfile: where the time of one message goes."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    seconds = in_process(issue, profiler)
    print(f"in-process: {recipients / seconds:.0f} msg/s")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(40)


def memory(options, newsletter, already: int) -> None:
    from tests.newsletters.factories import add_confirmed_subscribers, make_issue

    total = options.memory_recipients
    add_confirmed_subscribers(newsletter, already, total)
    issue = make_issue(newsletter, body=None)
    samples: list[int] = []
    with Sink() as sink, Worker(sink.port, os.environ["NEWSLETTER_TEST_QUEUE"]) as w:
        at_start = w.rss()
        last = [0.0]

        def sample():
            if time.monotonic() - last[0] >= 0.25:
                last[0] = time.monotonic()
                samples.append(w.rss())

        seconds = send_issue(issue, on_tick=sample)
        at_end = w.rss()
    assert sink.counts["recipients"] == total, sink.counts
    peak = max(samples + [at_end])
    mb = 1024 * 1024
    print(
        f"\nmemory, {total} recipients in {seconds:.0f} s ({total / seconds:.0f} msg/s,"
        f" {len(samples)} samples): worker RSS {at_start / mb:.0f} MB at start,"
        f" peak {peak / mb:.0f} MB, end {at_end / mb:.0f} MB;"
        f" grew {(peak - at_start) / mb:.1f} MB (target < 100 MB)"
    )


if __name__ == "__main__":
    main()
