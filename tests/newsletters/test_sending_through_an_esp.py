"""Sending through an ESP (anymail's Mailgun backend, chosen by
NEWSLETTER_EMAIL_BACKEND) against a local HTTP server that answers as Mailgun's
messages API does: the same claims, retries and per-recipient records as SMTP."""

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from newsletters import references, sending
from newsletters.models import Delivery, IssueStatus, SendRun
from newsletters.tasks import send_chunk_task
from tests.newsletters.factories import (
    NewsletterListFactory,
    SubscriberFactory,
    SubscriptionFactory,
    make_issue,
)

pytestmark = pytest.mark.django_db
Status = Delivery.Status


class FakeMailgun(BaseHTTPRequestHandler):
    """Mailgun's POST /v3/<domain>/messages: 200 "Queued", or a chosen answer."""

    accepted: list[dict] = []
    answers: dict[str, list[int]] = {}  # address -> status codes to give first

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        # Without attachments anymail posts a urlencoded form.
        fields = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
        answers = self.answers.get(fields["to"], [])
        code = answers.pop(0) if answers else 200
        if code == 200:
            self.accepted.append(fields)
            reply = {"id": f"<{len(self.accepted)}@mg.example.org>",
                     "message": "Queued. Thank you."}  # fmt: skip
        else:
            reply = {"message": "Tijdelijk niet beschikbaar" if code >= 500
                     else "'to' parameter is not a valid address"}  # fmt: skip
        data = json.dumps(reply).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def mailgun(settings):
    FakeMailgun.accepted, FakeMailgun.answers = [], {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeMailgun)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSLETTER_EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {
        "MAILGUN_API_KEY": "key-test",
        "MAILGUN_API_URL": f"http://127.0.0.1:{server.server_port}/v3",
    }
    settings.NEWSLETTER_SEND_RATE = 0
    settings.NEWSLETTER_PARALLEL_CHUNKS = 1
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 0
    yield FakeMailgun
    server.shutdown()
    server.server_close()


def test_an_issue_goes_out_through_the_esp_once_each_with_its_delivery_reference(
    mailgun, home_page
):
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    subscriptions = [
        SubscriptionFactory(newsletter=wise, subscriber=SubscriberFactory())
        for _ in range(6)
    ]
    busy, invalid = (s.subscriber.email for s in subscriptions[:2])
    mailgun.answers = {busy: [503], invalid: [400]}
    issue = make_issue(wise)
    run = SendRun.objects.create(issue=issue, newsletter=wise,
                                 revision_id=issue.live_revision_id,
                                 status=IssueStatus.SENDING)  # fmt: skip
    sending.freeze_audience(run.pk)

    first = sending.send_chunk(run.pk)

    assert (first.sent, first.deferred, first.failed) == (4, 1, 1)
    rows = {row.subscriber.email: row for row in run.deliveries.all()}
    assert rows[busy].status == Status.QUEUED and "503" in rows[busy].last_error
    assert rows[invalid].status == Status.FAILED and rows[invalid].attempts == 1
    assert "400" in rows[invalid].last_error

    # Duplicated chunk tasks: only the row waiting for its retry is sent, once.
    for _ in range(3):
        send_chunk_task.apply(args=(run.pk,))

    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    counts = Counter(fields["to"] for fields in mailgun.accepted)
    assert invalid not in counts
    assert sorted(counts.values()) == [1] * 5
    for fields in mailgun.accepted:
        row = rows[fields["to"]]
        assert fields["v:newsletter_delivery"] == references.reference(run.pk, row.pk)
        assert fields["h:List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert fields["h:Message-Id"] == sending.message_id(run.pk, row.pk)
        assert fields["subject"] == issue.subject
        assert "<html" in fields["html"] and fields["text"]
    assert set(run.deliveries.values_list("status", flat=True)) == {
        Status.SENT,
        Status.FAILED,
    }


def test_a_paused_run_sends_nothing_more_through_the_esp(mailgun, home_page):
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    for _ in range(3):
        SubscriptionFactory(newsletter=wise, subscriber=SubscriberFactory())
    issue = make_issue(wise)
    run = SendRun.objects.create(issue=issue, newsletter=wise,
                                 revision_id=issue.live_revision_id,
                                 status=IssueStatus.SENDING)  # fmt: skip
    sending.freeze_audience(run.pk)
    sending.send_chunk(run.pk, limit=1)
    assert sending.pause_run(run)

    assert sending.send_chunk(run.pk).stopped

    assert len(mailgun.accepted) == 1
    counts = Counter(run.deliveries.values_list("status", flat=True))
    assert counts == {Status.SENT: 1, Status.QUEUED: 2}
