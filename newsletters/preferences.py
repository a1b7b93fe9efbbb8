"""The preference centre: lists on and off, werkveld, tracking consent, unsubscribe.

Whoever holds a preference link received it at the subscribed address, so changes
made there take effect at once, without another confirmation mail. The yearly
review mailing (everyone on at least one list) is to link here and go out through
the issue-sending pipeline, not as a notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsletters.models import (
    ConsentRecord,
    NewsletterList,
    Subscriber,
    Subscription,
)


@dataclass
class PreferenceChanges:
    """What one save of the preference centre changed, to tell the subscriber."""

    subscribed: list[NewsletterList] = field(default_factory=list)
    unsubscribed: list[NewsletterList] = field(default_factory=list)
    werkveld: str | None = None
    tracking_consent: bool | None = None
    details_changed: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.subscribed
            or self.unsubscribed
            or self.werkveld is not None
            or self.tracking_consent is not None
            or self.details_changed
        )


def lists_offered_to(subscriber: Subscriber | None):
    """Lists someone can switch on or off: the open ones and any they are on."""
    condition = Q(is_open_for_signup=True)
    if subscriber is not None and subscriber.pk:
        condition |= Q(
            subscriptions__subscriber=subscriber,
            subscriptions__status__in=[
                Subscription.Status.CONFIRMED,
                Subscription.Status.PENDING,
            ],
        )
    return NewsletterList.objects.filter(condition).distinct()


def confirmed_list_ids(subscriber: Subscriber) -> set[int]:
    return set(
        subscriber.subscriptions.confirmed().values_list("newsletter_id", flat=True)
    )


@transaction.atomic
def apply_preferences(
    subscriber: Subscriber,
    wanted: Iterable[NewsletterList],
    offered: Iterable[NewsletterList],
    *,
    werkveld: str,
    name: str,
    organisation: str,
    tracking_consent: bool,
    source: str = Subscription.Source.PREFERENCES,
) -> PreferenceChanges:
    """Make the subscriber's lists, werkveld and consent match the form."""
    now = timezone.now()
    changes = PreferenceChanges()
    wanted_ids = {newsletter.pk for newsletter in wanted}
    subscriptions = {
        subscription.newsletter_id: subscription
        for subscription in subscriber.subscriptions.select_for_update()
    }
    channel = (
        Subscription.Channel.PROFILE
        if source == Subscription.Source.PROFILE
        else Subscription.Channel.PREFERENCES
    )
    for newsletter in offered:
        subscription = subscriptions.get(newsletter.pk)
        if newsletter.pk in wanted_ids:
            if subscription is None:
                subscription = Subscription.objects.create(
                    subscriber=subscriber, newsletter=newsletter, source=source
                )
            if subscription.confirm(now):
                changes.subscribed.append(newsletter)
        elif subscription is not None and subscription.status in (
            Subscription.Status.CONFIRMED,
            Subscription.Status.PENDING,
        ):
            subscription.unsubscribe(channel, now)
            if subscription.confirmed_at:
                changes.unsubscribed.append(newsletter)

    if werkveld != subscriber.werkveld:
        subscriber.werkveld = werkveld
        changes.werkveld = werkveld
    if tracking_consent != subscriber.tracking_consent:
        subscriber.tracking_consent = tracking_consent
        subscriber.tracking_consent_changed_at = now
        changes.tracking_consent = tracking_consent
    if (name.strip(), organisation.strip()) != (
        subscriber.name,
        subscriber.organisation,
    ):
        subscriber.name, subscriber.organisation = name.strip(), organisation.strip()
        changes.details_changed = True
    if changes:
        subscriber.save()
        _record(subscriber, changes, source)
    return changes


def _record(subscriber: Subscriber, changes: PreferenceChanges, source: str) -> None:
    records = []
    if changes.subscribed:
        records.append(
            ConsentRecord(
                subscriber=subscriber,
                action=ConsentRecord.Action.CHANGED,
                newsletters=sorted(n.slug for n in changes.subscribed),
                source=source,
            )
        )
    if changes.unsubscribed:
        records.append(
            ConsentRecord(
                subscriber=subscriber,
                action=ConsentRecord.Action.WITHDRAWN,
                newsletters=sorted(n.slug for n in changes.unsubscribed),
                source=source,
            )
        )
    if changes.tracking_consent is not None:
        records.append(
            ConsentRecord(
                subscriber=subscriber,
                action=ConsentRecord.Action.TRACKING,
                wording="ja" if changes.tracking_consent else "nee",
                source=source,
            )
        )
    ConsentRecord.objects.bulk_create(records)


@transaction.atomic
def unsubscribe(
    subscriber: Subscriber, newsletter: NewsletterList, channel: str
) -> bool:
    """Take the subscriber off one list at once; True when they were on it."""
    subscription = (
        Subscription.objects.select_for_update()
        .filter(subscriber=subscriber, newsletter=newsletter)
        .first()
    )
    if subscription is None or not subscription.unsubscribe(channel):
        return False
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=ConsentRecord.Action.WITHDRAWN,
        newsletters=[newsletter.slug],
        source=Subscription.Source.PREFERENCES,
        source_detail=channel,
    )
    return True


@transaction.atomic
def unsubscribe_from_all(subscriber: Subscriber, channel: str) -> list[NewsletterList]:
    """Take the subscriber off every list; returns the lists they were on."""
    subscriptions = list(
        subscriber.subscriptions.select_for_update()
        .filter(status__in=[Subscription.Status.CONFIRMED, Subscription.Status.PENDING])
        .select_related("newsletter")
    )
    now = timezone.now()
    ended = []
    for subscription in subscriptions:
        subscription.unsubscribe(channel, now)
        if subscription.confirmed_at:
            ended.append(subscription.newsletter)
    if ended:
        ConsentRecord.objects.create(
            subscriber=subscriber,
            action=ConsentRecord.Action.WITHDRAWN,
            newsletters=sorted(newsletter.slug for newsletter in ended),
            source=Subscription.Source.PREFERENCES,
            source_detail=channel,
        )
    return ended
