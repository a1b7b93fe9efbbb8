"""Bounces and complaints: what comes back after a message was handed over.

Reports arrive three ways: bounce messages (DSN, RFC 3464) and complaints (ARF,
RFC 5965) read from a mailbox, and an ESP's webhooks through anymail's ``tracking``
signal (``newsletters.signal_handlers``). Each becomes a ``BounceReport`` and goes
through ``record``, which finds the delivery (by the reference in the VERP address
or the Message-ID, else the latest message to the reported address), records the
bounce on its row, and applies the rule: a hard bounce or a complaint suppresses
the address on every list at once; soft bounces do so once the subscriber has
``NEWSLETTER_SOFT_BOUNCE_LIMIT`` of them (default 3).

Recording is idempotent: the same report read twice finds the row already marked
and changes nothing, so a mailbox may be read again after a crash.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass, field
from email.message import Message

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsletters import references
from newsletters.inbound import read_location
from newsletters.models import Delivery, Subscriber

logger = logging.getLogger(__name__)

Kind = Delivery.BounceKind
# A report only ever strengthens what a row records: complaint > hard > soft.
STRENGTH = {"": 0, Kind.SOFT: 1, Kind.HARD: 2, Kind.COMPLAINT: 3}
SUPPRESSION_REASON = {
    Kind.HARD: Subscriber.SuppressionReason.HARD_BOUNCE,
    Kind.COMPLAINT: Subscriber.SuppressionReason.COMPLAINT,
    Kind.SOFT: Subscriber.SuppressionReason.SOFT_BOUNCES,
}
_STATUS_CODE = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# Feedback types (RFC 5965) that mean "this person did not want this mail".
COMPLAINT_FEEDBACK = {"abuse", "fraud", "other", "virus"}
# Headers of a bounce message that may carry the VERP address it was sent back to.
ENVELOPE_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To")


def soft_bounce_limit() -> int:
    """``NEWSLETTER_SOFT_BOUNCE_LIMIT``: soft bounces before an address is blocked."""
    return max(1, int(getattr(settings, "NEWSLETTER_SOFT_BOUNCE_LIMIT", 3)))


@dataclass
class BounceReport:
    """One recipient's bounce or complaint, from whichever source."""

    kind: str
    recipient: str = ""
    # Texts in which a delivery reference may appear: the VERP address, the
    # original Message-ID, an ESP's metadata.
    references: list[str] = field(default_factory=list)
    detail: str = ""


class Outcome(enum.Enum):
    RECORDED = "recorded"  # new: the row or the subscriber changed
    ALREADY_KNOWN = "known"  # the same report was recorded before
    UNMATCHED = "unmatched"  # no delivery or subscriber to pin it on


def _delivery_for(report: BounceReport) -> Delivery | None:
    for text in report.references:
        delivery_id = references.delivery_in(text)
        if delivery_id is not None:
            found = Delivery.objects.filter(pk=delivery_id).first()
            if found is not None:
                return found
    if report.recipient:
        subscriber = Subscriber.objects.for_address(report.recipient).first()
        if subscriber is not None:
            return Delivery.objects.latest_handed_over_to(subscriber.pk).first()
    return None


def record(report: BounceReport) -> Outcome:
    """Record a bounce or complaint on its delivery and apply the suppression rule."""
    with transaction.atomic():
        delivery = _delivery_for(report)
        if delivery is not None:
            subscriber = Subscriber.objects.select_for_update().get(
                pk=delivery.subscriber_id
            )
        else:
            subscriber = (
                Subscriber.objects.for_address(report.recipient)
                .select_for_update()
                .first()
                if report.recipient
                else None
            )
        if subscriber is None or (delivery is None and report.kind == Kind.SOFT):
            # A soft bounce only counts against a delivery: without one there is
            # nothing to count it on.
            return Outcome.UNMATCHED
        changed = False
        if (
            delivery is not None
            and STRENGTH[report.kind] > STRENGTH[delivery.bounce_kind]
        ):
            delivery.bounce_kind = report.kind
            delivery.bounced_at = timezone.now()
            delivery.bounce_detail = report.detail[:500]
            fields = ["bounce_kind", "bounced_at", "bounce_detail"]
            returned = report.kind != Kind.COMPLAINT
            if returned and delivery.status == Delivery.Status.SENT:
                # Handed over, then returned: not delivered after all. A complaint
                # is about a message that did arrive.
                delivery.status = Delivery.Status.BOUNCED
                fields.append("status")
            delivery.save(update_fields=fields)
            changed = True
        if not subscriber.is_suppressed and _suppresses(report.kind, subscriber):
            subscriber.suppress(SUPPRESSION_REASON[report.kind])
            logger.info(
                "Abonnee %s geblokkeerd op alle lijsten: %s",
                subscriber.pk,
                subscriber.get_suppression_reason_display(),
            )
            changed = True
    return Outcome.RECORDED if changed else Outcome.ALREADY_KNOWN


def _suppresses(kind: str, subscriber: Subscriber) -> bool:
    if kind in (Kind.HARD, Kind.COMPLAINT):
        return True
    count = Delivery.objects.filter(subscriber_id=subscriber.pk).soft_bounced().count()
    return count >= soft_bounce_limit()


# -- Bounce messages (DSN) and complaints (ARF) ------------------------------------


class UnreadableReport(ValueError):
    """Not a delivery status or feedback report that can be read."""


def _address(value) -> str:
    # "rfc822; an@example.org" (RFC 3464 address-type; address)
    text = str(value or "").partition(";")[2] if ";" in str(value or "") else value
    return str(text or "").strip().strip("<>").strip()


def _original_headers(report: Message) -> list[str]:
    """Message-ID and Return-Path of the returned message, wherever it is quoted."""
    found: list[str] = []
    for part in report.iter_parts():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            inner = part.get_payload()[0]
            headers = [str(inner.get("Message-ID", "")),
                       str(inner.get("Return-Path", ""))]  # fmt: skip
        elif content_type == "text/rfc822-headers":
            text = part.get_content()
            headers = re.findall(r"(?im)^(?:message-id|return-path):\s*(.+)$", text)
        else:
            continue
        found.extend(header for header in headers if header)
    return found


def _envelope(report: Message) -> list[str]:
    return [str(v) for name in ENVELOPE_HEADERS for v in report.get_all(name) or []]


def bounce_kind(action: str, status: str) -> str | None:
    if action != "failed":
        # delayed: the server still tries; delivered, relayed, expanded: fine.
        return None
    code = _STATUS_CODE.search(status)
    if code is None:
        return Kind.HARD
    if code[1] == "4" or (code[2], code[3]) == ("2", "2"):
        # Mailbox full (X.2.2) is temporary by nature, whatever class it is sent as.
        return Kind.SOFT
    return Kind.HARD


def parse_report(message: Message) -> list[BounceReport]:
    """The bounces and complaints in one DSN or ARF message (possibly none: a
    "delayed" notice). Raises ``UnreadableReport`` for anything else."""
    if message.get_content_type() != "multipart/report":
        raise UnreadableReport("geen multipart/report")
    report_type = str(message.get_param("report-type", "")).lower()
    found_refs = _envelope(message) + _original_headers(message)
    parts = {part.get_content_type(): part for part in message.iter_parts()}
    if report_type == "delivery-status" and "message/delivery-status" in parts:
        blocks = parts["message/delivery-status"].get_payload()
        if not isinstance(blocks, list) or len(blocks) < 2:
            raise UnreadableReport("delivery-status zonder ontvangers")
        reports = []
        for block in blocks[1:]:
            recipient = _address(
                block.get("Original-Recipient") or block.get("Final-Recipient")
            )
            kind = bounce_kind(
                str(block.get("Action", "")).strip().lower(),
                str(block.get("Status", "")),
            )
            if not recipient and not found_refs:
                raise UnreadableReport("ontvanger ontbreekt")
            if kind is None:
                continue
            detail = " ".join(
                f"{block.get('Status', '')} {block.get('Diagnostic-Code', '')}".split()
            )
            reports.append(BounceReport(kind, recipient, list(found_refs), detail))
        return reports
    if report_type == "feedback-report" and "message/feedback-report" in parts:
        payload = parts["message/feedback-report"].get_payload()
        fields = payload[0] if isinstance(payload, list) and payload else None
        if fields is None:
            raise UnreadableReport("feedback-report zonder velden")
        feedback = str(fields.get("Feedback-Type", "")).strip().lower()
        if feedback not in COMPLAINT_FEEDBACK:
            return []
        recipient = _address(fields.get("Original-Rcpt-To", ""))
        if not recipient and not found_refs:
            raise UnreadableReport("ontvanger ontbreekt")
        detail = f"ARF {feedback} {fields.get('User-Agent', '')}".strip()
        return [BounceReport(Kind.COMPLAINT, recipient, found_refs, detail)]
    raise UnreadableReport(f"onbekend rapport: {report_type or 'zonder type'}")


@dataclass
class MailboxResult:
    read: int = 0
    recorded: int = 0
    already_known: int = 0
    no_bounce: int = 0
    left: int = 0

    def __str__(self) -> str:
        return (
            f"{self.read} gelezen, {self.recorded} verwerkt, "
            f"{self.already_known} al bekend, {self.no_bounce} zonder bounce, "
            f"{self.left} blijven in de mailbox"
        )


def _where(message: Message) -> str:
    return str(message.get("Message-ID", "") or message.get("Subject", "?"))


def handle_message(message: Message, result: MailboxResult) -> bool:
    """Process one message of the bounce mailbox; False leaves it in place."""
    result.read += 1
    try:
        reports = parse_report(message)
    except UnreadableReport as problem:
        result.left += 1
        logger.warning(
            "Bouncebericht %s niet leesbaar (%s); het blijft in de mailbox.",
            _where(message),
            problem,
        )
        return False
    if not reports:
        result.no_bounce += 1
        return True
    outcomes = [record(report) for report in reports]
    if Outcome.UNMATCHED in outcomes:
        result.left += 1
        logger.warning(
            "Bouncebericht %s hoort bij geen verzending of abonnee (%s); het blijft "
            "in de mailbox.",
            _where(message),
            ", ".join(r.recipient or "?" for r in reports),
        )
        return False
    if Outcome.RECORDED in outcomes:
        result.recorded += 1
    else:
        result.already_known += 1
    return True


def process_mailbox(location: str, delete: bool = False) -> MailboxResult:
    """Read the bounce messages in a Maildir, mbox or IMAP folder."""
    result = MailboxResult()
    read_location(location, lambda message: handle_message(message, result), delete)
    return result
