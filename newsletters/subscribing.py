"""Subscribing with double opt-in: request, confirmation mail, confirm by POST.

A request from the public form proves nothing about who typed the address, so it
changes nothing about a known subscriber: it only sends a mail to the address. The
confirmation (a POST from the page the mail links to) is what subscribes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.addresses import client_fingerprint, normalise_address
from newsletters.models import (
    ConsentRecord,
    NewsletterList,
    Subscriber,
    Subscription,
)
from newsletters.tasks import Notice, queue_notice

CONSENT_WORDING = _(
    "Ja, stuur mij de gekozen nieuwsbrieven op dit e-mailadres. Ik kan me op elk "
    "moment afmelden via de link onderaan elke nieuwsbrief. Mijn gegevens worden "
    "alleen gebruikt voor deze nieuwsbrieven en nooit aan derden gegeven."
)


@dataclass
class SubscriptionRequest:
    email: str
    newsletters: list[NewsletterList]
    werkveld: str = ""
    name: str = ""
    organisation: str = ""
    client_ip: str = ""
    wording: str = field(default_factory=lambda: str(CONSENT_WORDING))
    source: str = Subscription.Source.FORM


def _subscriber_for(request: SubscriptionRequest) -> Subscriber:
    """The subscriber for the address, made (with the form's details) when new."""
    email = normalise_address(request.email)
    subscriber = Subscriber.objects.select_for_update().for_address(email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(
                email=email,
                name=request.name.strip(),
                organisation=request.organisation.strip(),
                werkveld=request.werkveld,
            )
    except IntegrityError:
        # The same address submitted twice at the same moment.
        return Subscriber.objects.select_for_update().for_address(email).get()


@transaction.atomic
def request_subscription(request: SubscriptionRequest) -> None:
    """Record a sign-up and mail the address: a confirmation, or, when every list
    asked for is already confirmed, a note with the link to the preferences."""
    subscriber = _subscriber_for(request)
    wanted = {newsletter.pk: newsletter for newsletter in request.newsletters}
    existing = {
        subscription.newsletter_id: subscription
        for subscription in subscriber.subscriptions.filter(newsletter_id__in=wanted)
    }
    all_confirmed = all(
        pk in existing and existing[pk].status == Subscription.Status.CONFIRMED
        for pk in wanted
    )
    if all_confirmed and not subscriber.is_suppressed:
        queue_notice(Notice.ALREADY_SUBSCRIBED, subscriber.pk)
        return

    if subscriber.email is None:
        # Erased earlier: the address is needed again to send the confirmation;
        # the row stays suppressed until that confirmation arrives.
        subscriber.email = normalise_address(request.email)
        subscriber.save(update_fields=["email"])
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=subscriber, newsletter_id=pk, source=request.source)
            for pk in wanted
            if pk not in existing
        ]
    )
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=ConsentRecord.Action.REQUESTED,
        wording=request.wording,
        newsletters=sorted(newsletter.slug for newsletter in wanted.values()),
        source=request.source,
        client_fingerprint=client_fingerprint(request.client_ip),
    )
    to_confirm = [
        pk
        for pk in wanted
        if subscriber.is_suppressed
        or pk not in existing
        or existing[pk].status != Subscription.Status.CONFIRMED
    ]
    queue_notice(
        Notice.CONFIRM,
        subscriber.pk,
        newsletter_ids=to_confirm,
        werkveld=request.werkveld,
    )


@dataclass
class Confirmation:
    subscriber: Subscriber
    newsletters: list[NewsletterList]
    newly_confirmed: list[NewsletterList]


def pending_confirmation(
    subscriber: Subscriber, newsletter_ids: Iterable[int]
) -> list[NewsletterList]:
    """The lists a confirmation link is about, in display order."""
    return list(NewsletterList.objects.filter(pk__in=list(newsletter_ids)))


@transaction.atomic
def confirm_subscription(
    subscriber: Subscriber,
    newsletter_ids: Iterable[int],
    werkveld: str = "",
    client_ip: str = "",
) -> Confirmation:
    """Confirm the lists of a confirmation link (a POST, never a GET).

    Confirming is proof that the address works and wants mail, so it also lifts a
    suppression; after a complaint, only the lists confirmed now are sent again.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    now = timezone.now()
    newsletters = pending_confirmation(subscriber, newsletter_ids)
    newly_confirmed = []
    for newsletter in newsletters:
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            newsletter=newsletter,
            defaults={"source": Subscription.Source.FORM},
        )
        if subscription.confirm(now):
            newly_confirmed.append(newsletter)

    if subscriber.is_suppressed:
        if subscriber.suppression_reason == Subscriber.SuppressionReason.COMPLAINT:
            subscriber.subscriptions.confirmed().exclude(
                newsletter__in=newsletters
            ).update(
                status=Subscription.Status.UNSUBSCRIBED,
                unsubscribed_at=now,
                unsubscribe_channel=Subscription.Channel.PAGE,
            )
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.suppression_reason = ""
        subscriber.suppressed_at = None
    if werkveld and werkveld != subscriber.werkveld:
        subscriber.werkveld = werkveld
    subscriber.save()

    if newly_confirmed:
        ConsentRecord.objects.create(
            subscriber=subscriber,
            action=ConsentRecord.Action.CONFIRMED,
            newsletters=sorted(newsletter.slug for newsletter in newly_confirmed),
            source=Subscription.Source.FORM,
            client_fingerprint=client_fingerprint(client_ip),
        )
    return Confirmation(subscriber, newsletters, newly_confirmed)


@transaction.atomic
def request_new_link(email: str) -> None:
    """Mail a fresh link to a known address: a confirmation for lists still
    waiting, else the preference link. Unknown addresses get nothing."""
    subscriber = Subscriber.objects.for_address(email).filter(email__isnull=False)
    subscriber = subscriber.first()
    if subscriber is None:
        return
    resend_confirmation(subscriber)


def resend_confirmation(subscriber: Subscriber, newsletter_ids=None) -> None:
    """Send the confirmation again for lists waiting (or the preference link)."""
    waiting = subscriber.subscriptions.pending()
    if newsletter_ids is not None:
        waiting = waiting.filter(newsletter_id__in=newsletter_ids)
    waiting_ids = list(waiting.values_list("newsletter_id", flat=True))
    if waiting_ids:
        queue_notice(
            Notice.CONFIRM,
            subscriber.pk,
            newsletter_ids=waiting_ids,
            werkveld=subscriber.werkveld,
        )
    else:
        queue_notice(Notice.PREFERENCES_LINK, subscriber.pk)
