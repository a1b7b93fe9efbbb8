"""Bounce messages (DSN), complaints (ARF) and ESP webhooks: matched to the delivery,
recorded on its row, and the address suppressed on every list by the rules."""

import base64
import hashlib
import hmac
import json
import logging
import mailbox
import time
import urllib.error
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from django.core.management import call_command
from django.utils import timezone

from newsletters import bounces, references, sending
from newsletters.models import Delivery, IssueStatus, SendRun, Subscriber
from tests.newsletters.factories import (
    NewsletterListFactory,
    SubscriberFactory,
    SubscriptionFactory,
    make_issue,
)
from tests.newsletters.smtp_sink import RunningSink

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "bounce_samples"
Kind = Delivery.BounceKind


@pytest.fixture
def wise(home_page):
    return NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")


@pytest.fixture
def gopress(db):
    return NewsletterListFactory(name="Nieuwsbrief Gopress", slug="gopress")


def sent_delivery(newsletter, subscriber) -> Delivery:
    """A delivery of a notification run that went out to ``subscriber``."""
    run = SendRun.objects.create(
        newsletter=newsletter,
        subject="Nieuws",
        body_text="Tekst",
        status=IssueStatus.SENT,
    )
    now = timezone.now()
    return Delivery.objects.create(
        run=run,
        subscriber=subscriber,
        attempts=1,
        status=Delivery.Status.SENT,
        sent_at=now,
        finished_at=now,
    )


def sample(
    name: str,
    delivery: Delivery | None = None,
    recipient: str = "",
    reference: str = "",
    message_id: str = "",
) -> bytes:
    """A DSN/ARF sample with this delivery's reference, address and Message-ID."""
    if delivery is not None:
        reference = reference or references.reference(delivery.run_id, delivery.pk)
        message_id = message_id or sending.message_id(delivery.run_id, delivery.pk)
        recipient = recipient or delivery.subscriber.email
    text = (SAMPLES / name).read_text()
    for key, value in {
        "{reference}": reference or "geen-verwijzing",
        "{recipient}": recipient,
        "{message_id}": message_id or "<elders@example.net>",
        "{redacted}": "redacted",
    }.items():
        text = text.replace(key, value)
    return text.replace("\n", "\r\n").encode()


def maildir_with(tmp_path, *messages: bytes) -> mailbox.Maildir:
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    for raw in messages:
        box.add(raw)
    return box


def unread(box: mailbox.Maildir) -> int:
    return sum("S" not in message.get_flags() for message in box)


def test_a_hard_bounce_suppresses_the_address_on_every_list_at_once(
    wise, gopress, tmp_path, capsys
):
    subscriber = SubscriberFactory(email="onbekend@bib.example.org")
    for newsletter in (wise, gopress):
        SubscriptionFactory(subscriber=subscriber, newsletter=newsletter)
    delivery = sent_delivery(wise, subscriber)
    box = maildir_with(tmp_path, sample("hard_5_1_1.eml", delivery))

    call_command("process_bounce_mailbox", str(tmp_path / "bounces"))

    assert "1 gelezen, 1 verwerkt" in capsys.readouterr().out
    delivery.refresh_from_db()
    assert (delivery.status, delivery.bounce_kind) == (
        Delivery.Status.BOUNCED,
        Kind.HARD,
    )
    assert "5.1.1" in delivery.bounce_detail and delivery.bounced_at
    subscriber.refresh_from_db()
    assert subscriber.is_suppressed
    assert subscriber.suppression_reason == Subscriber.SuppressionReason.HARD_BOUNCE
    # Neither list's next issue reaches the address.
    for newsletter in (wise, gopress):
        run = SendRun(newsletter=newsletter)
        assert not sending.audience(run, []).filter(subscriber=subscriber).exists()
    assert unread(box) == 0, "the processed message is marked read"


def test_the_verp_address_alone_finds_the_delivery(wise, tmp_path):
    subscriber = SubscriberFactory(email="lezer@bib.example.org")
    delivery = sent_delivery(wise, subscriber)
    # The server quotes neither the Message-ID nor our address; only the VERP tag
    # of the address the bounce was sent back to is left.
    raw = sample(
        "hard_5_1_1.eml",
        delivery,
        recipient="alias@elders.example.net",
        message_id="<herschreven@relay.example.net>",
    )

    reports = bounces.parse_report(message_from_bytes(raw, policy=policy.default))
    assert [bounces.record(report) for report in reports] == [bounces.Outcome.RECORDED]
    delivery.refresh_from_db()
    assert delivery.bounce_kind == Kind.HARD


def test_soft_bounces_suppress_only_after_the_threshold_and_count_once_each(
    wise, tmp_path, settings
):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    subscriber = SubscriberFactory(email="vol@cultuur.example.net")
    SubscriptionFactory(subscriber=subscriber, newsletter=wise)
    deliveries = [sent_delivery(wise, subscriber) for _ in range(3)]
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(sample("soft_4_2_2.eml", deliveries[0]))
    box.flush()

    # An mbox is read whole every time: the same bounce read twice counts once.
    first = bounces.process_mailbox(str(path))
    second = bounces.process_mailbox(str(path))

    assert (first.recorded, second.already_known) == (1, 1)
    deliveries[0].refresh_from_db()
    assert deliveries[0].bounce_kind == Kind.SOFT
    assert "4.2.2" in deliveries[0].bounce_detail
    subscriber.refresh_from_db()
    assert not subscriber.is_suppressed

    box.add(sample("soft_4_2_2.eml", deliveries[1]))
    box.flush()
    bounces.process_mailbox(str(path))
    subscriber.refresh_from_db()
    assert not subscriber.is_suppressed, "two soft bounces are under the threshold"

    box.add(sample("soft_4_2_2.eml", deliveries[2]))
    box.flush()
    bounces.process_mailbox(str(path))
    subscriber.refresh_from_db()
    assert subscriber.is_suppressed
    assert subscriber.suppression_reason == Subscriber.SuppressionReason.SOFT_BOUNCES


def test_a_complaint_suppresses_and_keeps_the_delivery_sent(wise, gopress, tmp_path):
    subscriber = SubscriberFactory(email="klager@example.net")
    SubscriptionFactory(subscriber=subscriber, newsletter=gopress)
    delivery = sent_delivery(wise, subscriber)
    # Feedback loops redact the recipient; the Message-ID still names the row.
    maildir_with(
        tmp_path,
        sample("complaint_arf.eml", delivery, recipient="redacted@isp.example.net"),
    )

    result = bounces.process_mailbox(str(tmp_path / "bounces"))

    assert result.recorded == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.bounce_kind) == (
        Delivery.Status.SENT,
        Kind.COMPLAINT,
    )
    subscriber.refresh_from_db()
    assert subscriber.suppression_reason == Subscriber.SuppressionReason.COMPLAINT


def test_the_original_recipient_finds_the_latest_delivery_without_a_reference(
    wise, tmp_path
):
    subscriber = SubscriberFactory(email="Lezer.Twee@Bib.example.org")
    older, latest = sent_delivery(wise, subscriber), sent_delivery(wise, subscriber)
    raw = sample("hard_5_1_1.eml", recipient="lezer.twee@bib.example.org")

    maildir_with(tmp_path, raw)
    assert bounces.process_mailbox(str(tmp_path / "bounces")).recorded == 1

    latest.refresh_from_db()
    older.refresh_from_db()
    assert (latest.bounce_kind, older.bounce_kind) == (Kind.HARD, "")


def test_a_forged_reference_is_ignored_and_the_recipient_decides(wise):
    victim = SubscriberFactory(email="slachtoffer@example.org")
    victim_delivery = sent_delivery(wise, victim)
    sender = SubscriberFactory(email="afzender@example.org")
    own = sent_delivery(wise, sender)
    forged = f"nb.{victim_delivery.run_id}.{victim_delivery.pk}.0000000000"
    raw = sample(
        "hard_5_1_1.eml",
        recipient="afzender@example.org",
        reference=forged,
        message_id=f"<{forged}@example.org>",
    )

    for report in bounces.parse_report(message_from_bytes(raw, policy=policy.default)):
        bounces.record(report)

    victim.refresh_from_db()
    own.refresh_from_db()
    assert not victim.is_suppressed
    assert own.bounce_kind == Kind.HARD


def test_unreadable_and_unmatched_messages_stay_in_the_mailbox_with_a_log_line(
    wise, tmp_path, caplog
):
    subscriber = SubscriberFactory(email="gekend@bib.example.org")
    delivery = sent_delivery(wise, subscriber)
    good = sample("hard_5_1_1.eml", delivery)
    not_a_report = (
        b"From: iemand@example.net\r\nTo: bounces@example.org\r\n"
        b"Subject: Vraag\r\n\r\nIk heb een vraag over de nieuwsbrief.\r\n"
    )
    no_recipients = (
        b"From: MAILER-DAEMON@example.net\r\nSubject: kapot\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"'
        b"\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; example.net\r\n\r\n--b--\r\n"
    )
    garbage = bytes(range(256)) * 4
    unknown = sample("hard_5_1_1.eml", recipient="niemand@elders.example.net")
    box = maildir_with(tmp_path, good, not_a_report, no_recipients, garbage, unknown)

    with caplog.at_level(logging.WARNING, logger="newsletters"):
        result = bounces.process_mailbox(str(tmp_path / "bounces"))

    assert (result.read, result.recorded, result.left) == (5, 1, 4)
    assert len(box) == 5, "nothing is lost"
    assert unread(box) == 4, "only the processed one is marked read"
    logged = caplog.text
    assert "geen multipart/report" in logged
    assert "delivery-status zonder ontvangers" in logged
    assert "hoort bij geen verzending of abonnee" in logged
    assert "niemand@elders.example.net" in logged
    assert logged.count("blijft in de mailbox") >= 1
    delivery.refresh_from_db()
    assert delivery.bounce_kind == Kind.HARD

    # Read again: the same four stay, the processed one is not read twice.
    again = bounces.process_mailbox(str(tmp_path / "bounces"))
    assert (again.read, again.left) == (4, 4)


def test_a_delayed_notice_is_read_but_counts_for_nothing(wise, tmp_path):
    subscriber = SubscriberFactory(email="traag@example.net")
    delivery = sent_delivery(wise, subscriber)
    raw = sample("soft_4_2_2.eml", delivery).replace(
        b"Action: failed", b"Action: delayed"
    )
    box = maildir_with(tmp_path, raw)

    result = bounces.process_mailbox(str(tmp_path / "bounces"))

    assert (result.no_bounce, result.left) == (1, 0)
    assert unread(box) == 0
    delivery.refresh_from_db()
    assert delivery.bounce_kind == ""


def test_a_bounce_of_a_message_really_sent_comes_back_to_its_row(wise, settings):
    """The envelope sender over SMTP is the VERP address; the bounce of the message
    the sink received, built from that message, finds its row."""
    settings.NEWSLETTER_BOUNCE_ADDRESS = "bounces@example.org"
    subscriber = SubscriberFactory(email="weg@bib.example.org")
    SubscriptionFactory(subscriber=subscriber, newsletter=wise)
    with RunningSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.NEWSLETTER_SEND_RATE = 0
        run = SendRun.objects.create(
            issue=(issue := make_issue(wise)),
            newsletter=wise,
            revision_id=issue.live_revision_id,
            status=IssueStatus.SENDING,
        )
        sending.freeze_audience(run.pk)
        sending.send_chunk(run.pk)
        envelope_from, _tos, raw = sink.handler.messages[0]
    delivery = Delivery.objects.get(run=run)
    assert envelope_from == references.bounce_address(run.pk, delivery.pk)
    assert envelope_from.startswith("bounces+nb.")
    sent = message_from_bytes(raw, policy=policy.default)
    dsn = sample(
        "hard_5_1_1.eml",
        recipient=subscriber.email,
        reference=envelope_from.split("+")[1].split("@")[0],
        message_id=sent["Message-ID"],
    )

    for report in bounces.parse_report(message_from_bytes(dsn, policy=policy.default)):
        assert bounces.record(report) is bounces.Outcome.RECORDED
    delivery.refresh_from_db()
    assert (delivery.status, delivery.bounce_kind) == (
        Delivery.Status.BOUNCED,
        Kind.HARD,
    )


# -- ESP webhooks (Mailgun through anymail), over real HTTP ------------------------

SIGNING_KEY = "key-mailgun-test-ondertekening"
BASIC_AUTH = "mailgun:webhookgeheim"


def mailgun_event(
    delivery: Delivery,
    event: str = "failed",
    severity="permanent",
    key: str = SIGNING_KEY,
) -> dict:
    timestamp, token = str(int(time.time())), "a1b2c3d4e5f6" * 4
    signature = hmac.new(
        key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": event,
            "severity": severity,
            "timestamp": time.time(),
            "id": "Ase7i2zsRYeDXztHGENqRA",
            "recipient": delivery.subscriber.email,
            "reason": "bounce",
            "user-variables": {
                "newsletter_delivery": references.reference(
                    delivery.run_id, delivery.pk
                )
            },
            "message": {
                "headers": {
                    "message-id": "20261201.1@mg.example.org",
                    "to": delivery.subscriber.email,
                }
            },
            "delivery-status": {
                "code": 550,
                "message": "5.1.1 The email account "
                "that you tried to reach does not exist",
            },
        },
    }


def post(url: str, payload: dict, auth: str | None = BASIC_AUTH) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    if auth:
        credentials = base64.b64encode(auth.encode()).decode()
        request.add_header("Authorization", f"Basic {credentials}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def mailgun_webhook(settings, live_server):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": BASIC_AUTH,
        "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
    }
    return f"{live_server.url}/nieuwsbrieven/esp/mailgun/tracking/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signed_mailgun_bounce_webhook_suppresses_and_a_forged_one_changes_nothing(
    mailgun_webhook, gopress
):
    subscriber = SubscriberFactory(email="bestaat-niet@example.net")
    SubscriptionFactory(subscriber=subscriber, newsletter=gopress)
    delivery = sent_delivery(gopress, subscriber)

    forged = mailgun_event(delivery, key="een-ander-geheim")
    assert post(mailgun_webhook, forged) == 400
    assert post(mailgun_webhook, mailgun_event(delivery), auth=None) == 400
    assert post(mailgun_webhook, mailgun_event(delivery), auth="x:y") == 400
    subscriber.refresh_from_db()
    delivery.refresh_from_db()
    assert not subscriber.is_suppressed and delivery.bounce_kind == ""

    assert post(mailgun_webhook, mailgun_event(delivery)) == 200

    delivery.refresh_from_db()
    subscriber.refresh_from_db()
    assert (delivery.status, delivery.bounce_kind) == (
        Delivery.Status.BOUNCED,
        Kind.HARD,
    )
    assert subscriber.suppression_reason == Subscriber.SuppressionReason.HARD_BOUNCE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mailgun_complaints_suppress_and_temporary_failures_do_not(
    mailgun_webhook, gopress
):
    complainer = SubscriberFactory(email="spam-knop@example.net")
    patient = SubscriberFactory(email="even-geduld@example.net")
    complained = sent_delivery(gopress, complainer)
    deferred = sent_delivery(gopress, patient)

    assert post(mailgun_webhook, mailgun_event(complained, event="complained")) == 200
    assert post(mailgun_webhook, mailgun_event(deferred, severity="temporary")) == 200

    complainer.refresh_from_db()
    patient.refresh_from_db()
    assert complainer.suppression_reason == Subscriber.SuppressionReason.COMPLAINT
    assert not patient.is_suppressed
    deferred.refresh_from_db()
    assert deferred.bounce_kind == ""
