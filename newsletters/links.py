"""Absolute URLs for the links in e-mails, built on ``SITE_BASE_URL``."""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, reverse

from newsletters.tokens import (
    Purpose,
    confirm_token,
    subscriber_token,
    unsubscribe_token,
)

_SLOT = "0slot0"
_routes: dict[tuple, tuple[str, str]] = {}


def absolute(path: str) -> str:
    return f"{settings.SITE_BASE_URL}{path}"


def token_url(name: str, token: str) -> str:
    """``SITE_BASE_URL`` plus the path of a route with one token argument, the
    route resolved once per process (a send builds a dozen such links per
    message). The path is taken from the root: ``SITE_BASE_URL`` is the whole base,
    whatever script prefix a request may have. Our tokens (signed, hex, URL-safe
    base64) need no quoting."""
    key = (name, settings.ROOT_URLCONF)
    around = _routes.get(key)
    if around is None:
        path = reverse(name, args=[_SLOT])
        path = "/" + path.removeprefix(get_script_prefix()).lstrip("/")
        before, _slot, after = path.partition(_SLOT)
        around = _routes[key] = (before, after)
    return f"{settings.SITE_BASE_URL}{around[0]}{token}{around[1]}"


def confirm_url(subscriber_id: int, newsletter_ids: list[int], werkveld: str) -> str:
    token = confirm_token(subscriber_id, newsletter_ids, werkveld)
    return token_url("newsletters:confirm", token)


def preferences_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.PREFERENCES, subscriber_id)
    return token_url("newsletters:preferences", token)


def unsubscribe_url(subscriber_id: int, newsletter_id: int) -> str:
    token = unsubscribe_token(subscriber_id, newsletter_id)
    return token_url("newsletters:unsubscribe", token)


def export_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.EXPORT, subscriber_id)
    return token_url("newsletters:export", token)


def erase_url(subscriber_id: int) -> str:
    token = subscriber_token(Purpose.ERASE, subscriber_id)
    return token_url("newsletters:erase", token)


def subscribe_url() -> str:
    return absolute(reverse("newsletters:subscribe"))
