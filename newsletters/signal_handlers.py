"""Signal receivers of the newsletters app, connected in ``apps.ready``."""

from __future__ import annotations

import json
import logging

from anymail.signals import EventType, RejectReason, tracking

from newsletters import bounces

logger = logging.getLogger(__name__)

# The key under which a message's delivery reference travels as ESP metadata.
METADATA_KEY = "newsletter_delivery"


def report_from_event(event) -> bounces.BounceReport | None:
    """The bounce or complaint an anymail tracking event stands for, if any."""
    kind = None
    answer = " ".join(filter(None, [event.mta_response, event.description]))
    if event.event_type == EventType.COMPLAINED:
        kind = bounces.Kind.COMPLAINT
    elif event.event_type == EventType.BOUNCED:
        # ESPs report "bounced" once they gave up; the answer tells hard from soft.
        kind = bounces.bounce_kind("failed", answer) or bounces.Kind.HARD
    elif event.event_type == EventType.REJECTED:
        # The ESP refused to send because it already knows the address is bad.
        kind = {
            RejectReason.BOUNCED: bounces.Kind.HARD,
            RejectReason.INVALID: bounces.Kind.HARD,
            RejectReason.SPAM: bounces.Kind.COMPLAINT,
        }.get(event.reject_reason)
    # Deferred: the ESP still tries. Opens and clicks belong to tracking.
    if kind is None:
        return None
    metadata = event.metadata or {}
    return bounces.BounceReport(
        kind=kind,
        recipient=event.recipient or "",
        references=[
            str(metadata.get(METADATA_KEY, "")),
            event.message_id or "",
            json.dumps(metadata),
        ],  # fmt: skip
        detail=(f"{event.event_type} {answer}").strip(),
    )


def record_tracking_event(sender, event, esp_name, **kwargs) -> None:
    """anymail ``tracking``: record bounces and complaints an ESP reports."""
    report = report_from_event(event)
    if report is None:
        return
    outcome = bounces.record(report)
    if outcome is bounces.Outcome.UNMATCHED:
        logger.warning(
            "%s meldt een %s voor %s die bij geen verzending of abonnee hoort.",
            esp_name,
            report.kind,
            report.recipient or "?",
        )


def connect() -> None:
    tracking.connect(record_tracking_event, dispatch_uid="newsletters-bounces")
