"""The list headers every newsletter issue carries (RFC 2369, 2919 and 8058)."""

from __future__ import annotations

import functools
from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings

from newsletters.links import unsubscribe_url
from newsletters.models import Subscription
from newsletters.tokens import mailbox_token


def unsubscribe_mailbox() -> str:
    """The address unsubscribe mails go to; ``process_unsubscribe_mailbox`` reads it."""
    return _mailbox(
        getattr(settings, "NEWSLETTER_UNSUBSCRIBE_ADDRESS", ""),
        settings.DEFAULT_FROM_EMAIL,
    )


@functools.lru_cache(maxsize=8)
def _mailbox(configured: str, default_from: str) -> str:
    # Every message of a send asks; parsing the sender each time was measurable.
    if configured:
        return configured
    _name, address = parseaddr(default_from)
    return f"afmelden@{address.rpartition('@')[2] or 'example.org'}"


def unsubscribe_mailto(subscriber_id: int, newsletter_id: int) -> str:
    """``mailto:`` with the token both in the address (plus addressing) and in the
    subject, so either survives a mail system that drops the other."""
    token = mailbox_token(subscriber_id, newsletter_id)
    local, _at, domain = unsubscribe_mailbox().partition("@")
    subject = quote(f"afmelden {token}")
    return f"mailto:{local}+{token}@{domain}?subject={subject}"


def list_headers(
    subscriber_id: int,
    newsletter_id: int,
    list_id: str,
    unsubscribe_https: str | None = None,
) -> dict[str, str]:
    """``List-Unsubscribe`` (https and mailto), ``List-Unsubscribe-Post`` and
    ``List-Id`` (its header value, ``list_id_header``) for one recipient of one
    list; ``unsubscribe_https`` when the caller has made that link already."""
    https = unsubscribe_https or unsubscribe_url(subscriber_id, newsletter_id)
    mailto = unsubscribe_mailto(subscriber_id, newsletter_id)
    return {
        "List-Unsubscribe": f"<{https}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": list_id,
    }


def list_unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """The list headers of one subscription's recipient."""
    return list_headers(
        subscription.subscriber_id,
        subscription.newsletter_id,
        subscription.newsletter.list_id_header,
    )
