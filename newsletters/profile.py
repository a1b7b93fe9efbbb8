"""Newsletters on the profile page of a logged-in user, matched by verified address.

A verified account address is as good as a confirmed one: allauth already made the
user prove it, so lists switched on here are confirmed at once.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from django.db import transaction

from newsletters.forms import ProfileSubscriptionsForm
from newsletters.models import Subscriber, Subscription
from newsletters.preferences import (
    PreferenceChanges,
    apply_preferences,
    confirmed_list_ids,
    lists_offered_to,
)


def verified_address(user) -> str | None:
    """The user's verified address (the primary one when there are several)."""
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    return addresses.order_by("-primary").values_list("email", flat=True).first()


def profile_context(user) -> dict:
    """What the profile page shows: the address and each list, on or off."""
    email = verified_address(user)
    if email is None:
        return {"verified_email": None}
    subscriber = Subscriber.objects.for_address(email).first()
    if subscriber is not None and subscriber.email is None:
        subscriber = None
    offered = list(lists_offered_to(subscriber))
    current = confirmed_list_ids(subscriber) if subscriber else set()
    return {
        "verified_email": email,
        "newsletters": [(n, n.pk in current) for n in offered],
        "suppressed": bool(subscriber and subscriber.is_suppressed),
    }


@transaction.atomic
def save_profile_subscriptions(user, email: str, data) -> PreferenceChanges:
    """Switch lists on and off for the user's verified address."""
    subscriber = Subscriber.objects.select_for_update().for_address(email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            email=email,
            name=user.get_full_name(),
            organisation=user.organisation,
            werkveld=user.werkveld,
        )
    offered = lists_offered_to(subscriber)
    form = ProfileSubscriptionsForm(data, offered=offered)
    wanted = form.cleaned_data["newsletters"] if form.is_valid() else []
    if wanted and subscriber.is_suppressed:
        # A verified address choosing lists is a fresh opt-in.
        subscriber.email = email
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.suppression_reason = ""
        subscriber.suppressed_at = None
        subscriber.save()
    return apply_preferences(
        subscriber,
        wanted,
        offered,
        werkveld=subscriber.werkveld or user.werkveld,
        name=subscriber.name,
        organisation=subscriber.organisation,
        tracking_consent=subscriber.tracking_consent,
        source=Subscription.Source.PROFILE,
    )
