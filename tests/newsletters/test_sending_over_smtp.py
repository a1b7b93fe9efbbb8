"""Sending an issue end to end: a real Celery worker on the Redis broker sends over
real SMTP conversations to an aiosmtpd sink; every message is parsed and checked.
A second test kills the worker with SIGKILL twice in the middle of a send, at the
two points that matter: before a message was handed over, and after the server took
it but before the worker heard so."""

import os
import re
import signal
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery

from django.test import Client

from config.celery_app import app as celery_app
from newsletters import claims, sending
from newsletters.models import Delivery, IssueStatus, SendRun, Subscriber, Subscription
from newsletters.tasks import freeze_audience_task, send_chunk_task
from newsletters.tokens import Purpose, read_token
from operations.models import Heartbeat
from services.choices import Werkveld
from tests.newsletters.factories import (
    NewsletterListFactory,
    SegmentFactory,
    SubscriberFactory,
    SubscriptionFactory,
    list_with_subscribers,
    make_issue,
)
from tests.newsletters.smtp_sink import RunningSink
from tests.processes import database_url_of_test_database, redis_broker_url, wait_until

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Workers:
    """Starts worker subprocesses on a queue of this test, mailing to the sink."""

    def __init__(self, port: int):
        self.queue = f"verzenden-test-{uuid.uuid4().hex[:8]}"
        smtp = f"smtp://127.0.0.1:{port}"
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url_of_test_database(),
            "CELERY_BROKER_URL": redis_broker_url(4),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_URL": smtp,
            "TEST_EMAIL_URL": smtp,
            "NEWSLETTER_TEST_QUEUE": self.queue,
            "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        }
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def start(self) -> subprocess.Popen:
        before = Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).first()
        log = ROOT / "var" / f"{self.queue}-{len(self.processes)}.log"
        log.parent.mkdir(exist_ok=True)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.newsletters.sending_worker",
             "worker", "--pool=solo", "--loglevel=WARNING", f"--queues={self.queue}",
             f"--hostname={self.queue}-{len(self.processes)}@%h"],
            cwd=ROOT, env=self.env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.processes.append(process)
        self.logs.append(log)

        def started():
            beat = Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).first()
            return beat is not None and (
                before is None or beat.last_seen > before.last_seen
            )

        assert wait_until(started), "the worker did not start"
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for log in self.logs:
            print(log.read_text()[-3000:])
            log.unlink(missing_ok=True)


@pytest.fixture
def sink():
    with RunningSink() as running:
        yield running


@pytest.fixture
def workers(sink, monkeypatch, settings):
    """Tasks the test enqueues go to the workers' queue instead of running here."""
    pool = Workers(sink.port)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    sender = Celery("verzenden-test", broker=redis_broker_url(4))
    for task in (freeze_audience_task, send_chunk_task):

        def publish(args=None, kwargs=None, _name=task.name, **options):
            return sender.send_task(_name, args, kwargs, queue=pool.queue)

        monkeypatch.setattr(task, "apply_async", publish)
    try:
        yield pool
    finally:
        celery_app.conf.task_always_eager = was_eager
        pool.stop()
        # Tasks a killed worker left unacknowledged go with the test's queue.
        with sender.connection_for_write() as conn:
            conn.default_channel.queue_delete(pool.queue)
        sender.close()


def run_status(run_id: int) -> str:
    return SendRun.objects.values_list("status", flat=True).get(pk=run_id)


def subscribe(newsletter, email, werkveld=Werkveld.LIBRARY, **subscription):
    return SubscriptionFactory(
        newsletter=newsletter,
        subscriber=SubscriberFactory(email=email, werkveld=werkveld),
        **subscription,
    )


def test_an_issue_reaches_its_segment_with_every_header_and_part_and_nobody_else(
    sink, workers, home_page
):
    connected = NewsletterListFactory(name="Connected", slug="connected",
                                      kind="connected")  # fmt: skip
    library = SegmentFactory(newsletter=connected, name="Bibliotheken")
    SegmentFactory(newsletter=connected, name="Cultuurhuizen",
                   werkveld=Werkveld.CULTURE_HOUSE)  # fmt: skip
    wanted = [subscribe(connected, f"lezer{n}@bib.example.org") for n in range(3)]
    subscribe(connected, "cultuur@example.org", werkveld=Werkveld.CULTURE_HOUSE)
    gone = subscribe(connected, "afgemeld@bib.example.org")
    gone.unsubscribe(Subscription.Channel.ONE_CLICK)
    subscribe(connected, "onbevestigd@bib.example.org",
              status=Subscription.Status.PENDING, confirmed_at=None)  # fmt: skip
    blocked = subscribe(connected, "bounce@bib.example.org")
    blocked.subscriber.suppress(Subscriber.SuppressionReason.HARD_BOUNCE)
    issue = make_issue(connected, segments=[library])
    workers.start()

    run = sending.start_run(issue)

    assert wait_until(lambda: run_status(run.pk) == IssueStatus.SENT), (
        f"the run is {run_status(run.pk)}"
    )
    received = sink.handler.parsed()
    assert sorted(tos[0] for tos, _m in received) == sorted(
        s.subscriber.email for s in wanted
    )
    by_address = {s.subscriber.email: s for s in wanted}
    message_ids = set()
    for tos, message in received:
        subscription = by_address[tos[0]]
        assert message["To"] == tos[0]
        assert message["Subject"] == issue.subject
        sender = message["From"].addresses[0]
        assert (sender.display_name, sender.addr_spec) == (
            connected.sender_name, connected.sender_email)  # fmt: skip
        assert message["List-Id"] == connected.list_id_header
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
        assert https.startswith("http://testserver/nieuwsbrieven/afmelden/")
        assert mailto.startswith("mailto:afmelden+")
        token = https.rstrip("/").rsplit("/", 1)[1]
        assert read_token(Purpose.UNSUBSCRIBE, token) == {
            "s": subscription.subscriber_id, "n": connected.pk}  # fmt: skip
        message_ids.add(message["Message-ID"])
        assert message.get_content_type() == "multipart/alternative"
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert "Editie Bibliotheken" in html and "Editie Bibliotheken" in text
        assert f'href="{https}"' in html and https in text
        urls = re.findall(r'(?:href|src)="([^"]+)"', html)
        assert urls and all(u.startswith(("http", "mailto:")) for u in urls), urls
        preferences = re.search(r'href="(http://testserver/nieuwsbrieven/'
                                r'voorkeuren/[^"]+)"', html).group(1)  # fmt: skip
        assert read_token(Purpose.PREFERENCES, preferences.rstrip("/").rsplit(
            "/", 1)[1])["s"] == subscription.subscriber_id  # fmt: skip
    assert len(message_ids) == 3
    assert set(Delivery.objects.filter(run=run).values_list("status", flat=True)) == {
        Delivery.Status.SENT
    }
    # The web version is public now that the issue went out.
    assert Client().get(issue.url).status_code == 200


def test_a_worker_killed_mid_send_and_restarted_mails_everyone_exactly_once(
    sink, workers, home_page
):
    total = 10_000
    wise = list_with_subscribers(total)
    issue = make_issue(wise)
    sink.handler.hold_rcpt_at = total // 4
    first = workers.start()
    run = sending.start_run(issue)

    # 1. Killed while waiting for the answer to RCPT: its row is only claimed.
    assert sink.handler.holding.wait(120), "the send did not get going"
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert run_status(run.pk) == IssueStatus.SENDING, "not marked sent early"
    # What beat does once the claims are stale: recover rows and restart chunks.
    recovered = sending.sweep(stale_after=timedelta(0))
    # Requeued: the held row and the rest of its chunk. Presumed sent: rows whose
    # messages the sink has but whose confirmation was still batched.
    assert recovered["requeued"] >= 1
    assert recovered["restarted"] == 1

    # 2. Killed after the server took the whole message, before it said so.
    sink.handler.holding.clear()
    sink.handler.hold_data_at = total // 2
    second = workers.start()
    assert sink.handler.holding.wait(120), "the restarted worker did not send"
    second.send_signal(signal.SIGKILL)
    second.wait()
    assert run_status(run.pk) == IssueStatus.SENDING, "not marked sent early"
    recovered = sending.sweep(stale_after=timedelta(0))
    assert recovered["presumed_sent"] >= 1

    # 3. A third worker finishes the run.
    workers.start()
    assert wait_until(lambda: run_status(run.pk) == IssueStatus.SENT, 120), (
        f"the run is {run_status(run.pk)}"
    )
    counts = sink.handler.recipients()
    assert len(counts) == total
    assert max(counts.values()) == 1, [a for a, n in counts.items() if n > 1]
    assert not Delivery.objects.filter(run=run).exclude(status="verzonden").exists()


def test_greylisting_a_tenth_and_a_dropped_connection_every_2500_lose_nobody(
    sink, workers, home_page
):
    """One real worker, 10,000 recipients: 451 once for every tenth recipient, and
    every 2,500th message the connection goes — once before the server kept the
    message, once right after it said 250. Nobody is lost and nobody gets two."""
    total = 10_000
    wise = list_with_subscribers(total)
    issue = make_issue(wise)
    greylisted = [f"lezer{n}@example.org" for n in range(0, total, 10)]
    for address in greylisted:
        sink.handler.refuse_once[address] = "451 4.7.1 Greylisted, try again later"
    sink.handler.drop_after = 2_500
    sink.handler.drop_kinds = ["discarded", "after-reply"]
    workers.env |= {"NEWSLETTER_SEND_RATE": "0",
                    "NEWSLETTER_TEST_RETRY_BASE_SECONDS": "1"}  # fmt: skip
    workers.start()

    run = sending.start_run(issue)

    assert wait_until(lambda: run_status(run.pk) == IssueStatus.SENT, 600), (
        f"the run is {run_status(run.pk)}: {claims.counts(run.pk)}"
    )
    counts = sink.handler.recipients()
    assert len(counts) == total, "nobody lost"
    assert max(counts.values()) == 1, [a for a, n in counts.items() if n > 1]
    assert sink.handler.drops == ["discarded", "after-reply"] * 2
    assert not sink.handler.refuse_once, "every greylisted recipient was refused once"
    assert all(sink.handler.rcpt_calls[address] >= 2 for address in greylisted)
    rows = Delivery.objects.filter(run=run)
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert rows.filter(attempts__gte=2).count() >= len(greylisted)
