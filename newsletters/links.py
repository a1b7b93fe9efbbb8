"""Absolute URLs for the links in e-mails, built on ``SITE_BASE_URL``."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from newsletters.tokens import (
    Purpose,
    confirm_token,
    subscriber_token,
    unsubscribe_token,
)


def absolute(path: str) -> str:
    return f"{settings.SITE_BASE_URL}{path}"


def confirm_url(subscriber_id: int, newsletter_ids: list[int], werkveld: str) -> str:
    token = confirm_token(subscriber_id, newsletter_ids, werkveld)
    return absolute(reverse("newsletters:confirm", args=[token]))


def preferences_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.PREFERENCES, subscriber_id)
    return absolute(reverse("newsletters:preferences", args=[token]))


def unsubscribe_url(subscriber_id: int, newsletter_id: int) -> str:
    token = unsubscribe_token(subscriber_id, newsletter_id)
    return absolute(reverse("newsletters:unsubscribe", args=[token]))


def export_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.EXPORT, subscriber_id)
    return absolute(reverse("newsletters:export", args=[token]))


def erase_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.ERASE, subscriber_id)
    return absolute(reverse("newsletters:erase", args=[token]))


def subscribe_url() -> str:
    return absolute(reverse("newsletters:subscribe"))
