"""A subscriber's own data: export on request, erasure on confirmed request.

Erasure removes everything that identifies the person and keeps what the yearly
figures need: the subscription rows with their dates (so counts at year end and
growth stay right) and the address fingerprint (so the address stays suppressed
and no import can add it back without a new double opt-in).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from newsletters.models import ConsentRecord, Subscriber, Subscription


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def export_data(subscriber: Subscriber) -> dict:
    """Everything held about a subscriber, as a JSON-ready dictionary."""
    subscriptions = subscriber.subscriptions.select_related("newsletter").order_by(
        "newsletter__sort_order", "newsletter__name"
    )
    return {
        "e-mailadres": subscriber.email,
        "naam": subscriber.name,
        "organisatie": subscriber.organisation,
        "werkveld": subscriber.get_werkveld_display() if subscriber.werkveld else "",
        "toestemming_voor_meten": subscriber.tracking_consent,
        "status": subscriber.get_status_display(),
        "aangemaakt": _moment(subscriber.created_at),
        "inschrijvingen": [
            {
                "nieuwsbrief": subscription.newsletter.name,
                "status": subscription.get_status_display(),
                "bron": subscription.get_source_display(),
                "aangevraagd": _moment(subscription.created_at),
                "bevestigd": _moment(subscription.confirmed_at),
                "afgemeld": _moment(subscription.unsubscribed_at),
            }
            for subscription in subscriptions
        ],
        "toestemmingen": [
            {
                "handeling": record.get_action_display(),
                "wanneer": _moment(record.created_at),
                "toestemming_gegeven_op": _moment(record.consented_at),
                "getoonde_tekst": record.wording,
                "lijsten": record.newsletters,
                "bron": record.get_source_display(),
                "toelichting": record.source_detail,
            }
            for record in subscriber.consent_records.order_by("created_at")
        ],
    }


@transaction.atomic
def erase(subscriber: Subscriber) -> None:
    """Remove the subscriber's personal data, keeping counts and the suppression."""
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.subscriptions.exclude(status=Subscription.Status.UNSUBSCRIBED).update(
        status=Subscription.Status.UNSUBSCRIBED,
        unsubscribed_at=now,
        unsubscribe_channel=Subscription.Channel.ERASURE,
    )
    # What was agreed to stays provable in outline; the words and origin go.
    subscriber.consent_records.update(client_fingerprint="", source_detail="")
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=ConsentRecord.Action.ERASED,
        source=Subscription.Source.PREFERENCES,
    )
    subscriber.email = None
    subscriber.name = ""
    subscriber.organisation = ""
    subscriber.tracking_consent = False
    subscriber.tracking_consent_changed_at = now
    subscriber.status = Subscriber.Status.SUPPRESSED
    subscriber.suppression_reason = Subscriber.SuppressionReason.ERASED
    subscriber.suppressed_at = now
    subscriber.save()
