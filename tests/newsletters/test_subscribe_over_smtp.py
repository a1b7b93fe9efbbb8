"""Subscribing end to end: a real Celery worker on Redis sends the confirmation over
a real SMTP conversation to an aiosmtpd sink; the test then acts as the subscriber."""

import email
import os
import re
import subprocess
import sys
import uuid
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery import Celery

from django.test import Client

from config.celery_app import app as celery_app
from newsletters.headers import list_unsubscribe_headers
from newsletters.models import Subscriber, Subscription
from newsletters.tasks import send_notice_task
from operations.models import Heartbeat
from tests.newsletters.factories import NewsletterListFactory
from tests.processes import (
    database_url_of_test_database,
    free_port,
    redis_broker_url,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Sink:
    """An SMTP server that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 OK"


@pytest.fixture
def sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


@pytest.fixture
def worker(sink, monkeypatch, settings):
    """A worker subprocess on a queue of its own, mailing to the sink; tasks that
    the site enqueues go to that queue instead of running in this process."""
    _handler, port = sink
    queue = f"nieuwsbrieven-test-{uuid.uuid4().hex[:8]}"
    smtp = f"smtp://127.0.0.1:{port}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_test_database(),
        "CELERY_BROKER_URL": redis_broker_url(2),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_URL": smtp,
        "TEST_EMAIL_URL": smtp,
        "PYTHONPATH": str(ROOT / "site"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config.celery_app", "worker",
         "--pool=solo", "--loglevel=INFO", f"--queues={queue}",
         f"--hostname={queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    settings.CELERY_TASK_ALWAYS_EAGER = False
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    sender = Celery("nieuwsbrieven-test", broker=redis_broker_url(2))

    def publish(args=None, kwargs=None, **options):
        return sender.send_task(send_notice_task.name, args, kwargs, queue=queue)

    monkeypatch.setattr(send_notice_task, "apply_async", publish)
    try:
        assert wait_until(
            lambda: Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).exists()
        ), "the worker did not start"
        yield process
    finally:
        celery_app.conf.task_always_eager = was_eager
        process.terminate()
        output, _ = process.communicate(timeout=30)
        sender.close()
        print(output[-4000:])


def parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def test_subscribe_confirm_change_preferences_and_unsubscribe_in_one_click(
    sink, worker
):
    handler, _port = sink
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    gopress = NewsletterListFactory(name="Nieuwsbrief Gopress", slug="gopress")
    connected = NewsletterListFactory(name="Connected", slug="connected",
                                      kind="connected")  # fmt: skip
    browser = Client()

    # 1. Subscribe to two lists: the answer comes before any mail is sent.
    response = browser.post(
        "/nieuwsbrieven/",
        {"email": "an.peeters@example.org",
         "newsletters": [wise.pk, connected.pk],
         "werkveld": "bibliotheek", "name": "An Peeters", "website": ""},
    )  # fmt: skip
    assert response.status_code == 302

    # 2. The worker delivers the confirmation over SMTP.
    assert wait_until(lambda: handler.messages), "no mail reached the sink"
    mail_from, recipients, raw = handler.messages[0]
    message = parsed(raw)
    assert recipients == ["an.peeters@example.org"]
    assert mail_from.endswith("@example.org")
    assert message["Subject"] == "Bevestig je inschrijving op onze nieuwsbrieven"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Nieuwsbrief Wise" in text and "Connected" in text
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("http://testserver/") for link in links)
    confirm_url = re.search(r"http://testserver(/nieuwsbrieven/bevestigen/\S+)", text)
    confirm_path = confirm_url.group(1)

    # 3. Opening the link (as a scanner or the person would) changes nothing.
    page = Client().get(confirm_path)
    assert page.status_code == 200
    assert "Ja, ik bevestig mijn inschrijving" in page.content.decode()
    assert set(Subscription.objects.values_list("status", flat=True)) == {"wacht"}

    # 4. The button's POST confirms.
    confirmed = browser.post(confirm_path)
    assert confirmed.status_code == 200
    subscriber = Subscriber.objects.get(email="an.peeters@example.org")
    assert set(
        Subscription.objects.deliverable().values_list("newsletter__slug", flat=True)
    ) == {"wise", "connected"}

    # 5. The preference centre: Gopress on, Connected off.
    preferences_path = re.search(
        r'href="(/nieuwsbrieven/voorkeuren/[^"]+)"', confirmed.content.decode()
    ).group(1)
    changed = browser.post(
        preferences_path,
        {"action": "save", "newsletters": [wise.pk, gopress.pk],
         "werkveld": "bibliotheek", "name": "An Peeters", "organisation": ""},
        follow=True,
    )  # fmt: skip
    changed_html = changed.content.decode()
    assert "Ingeschreven voor: Nieuwsbrief Gopress." in changed_html
    assert "Afgemeld voor: Connected." in changed_html

    # 6. One click from the mail program: no cookies, only the RFC 8058 body.
    subscription = subscriber.subscriptions.get(newsletter=wise)
    headers = list_unsubscribe_headers(subscription)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https = re.match(r"<http://testserver([^>]+)>", headers["List-Unsubscribe"])
    one_click = Client(enforce_csrf_checks=True).post(
        https.group(1),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert set(
        Subscription.objects.deliverable().values_list("newsletter__slug", flat=True)
    ) == {"gopress"}
    # Only the confirmation was mailed: preference changes need no mail.
    assert len(handler.messages) == 1
