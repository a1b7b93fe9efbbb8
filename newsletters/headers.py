"""The list headers every newsletter issue carries (RFC 2369, 2919 and 8058)."""

from __future__ import annotations

from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings

from newsletters.links import unsubscribe_url
from newsletters.models import Subscription
from newsletters.tokens import mailbox_token


def unsubscribe_mailbox() -> str:
    """The address unsubscribe mails go to; ``process_unsubscribe_mailbox`` reads it."""
    configured = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_ADDRESS", "")
    if configured:
        return configured
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return f"afmelden@{address.rpartition('@')[2] or 'example.org'}"


def unsubscribe_mailto(subscription: Subscription) -> str:
    """``mailto:`` with the token both in the address (plus addressing) and in the
    subject, so either survives a mail system that drops the other."""
    token = mailbox_token(subscription.subscriber_id, subscription.newsletter_id)
    local, _at, domain = unsubscribe_mailbox().partition("@")
    subject = quote(f"afmelden {token}")
    return f"mailto:{local}+{token}@{domain}?subject={subject}"


def list_unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """``List-Unsubscribe`` (https and mailto), ``List-Unsubscribe-Post`` and
    ``List-Id`` for one recipient of one list."""
    https = unsubscribe_url(subscription.subscriber_id, subscription.newsletter_id)
    return {
        "List-Unsubscribe": f"<{https}>, <{unsubscribe_mailto(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": subscription.newsletter.list_id_header,
    }
