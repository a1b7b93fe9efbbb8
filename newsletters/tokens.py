"""Signed, expiring, purpose-bound tokens for the links in newsletter e-mails.

Each purpose signs with its own salt, so a preference link can never be replayed as
a confirmation or an erasure. Tokens carry ids only, never an address or a name:
links end up in server logs and forwarded mails.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


class Purpose(StrEnum):
    CONFIRM = "confirm"
    PREFERENCES = "preferences"
    UNSUBSCRIBE = "unsubscribe"
    EXPORT = "export"
    ERASE = "erase"


# A confirmation is asked for now, an export or erasure link is used today; the
# preference and unsubscribe links sit at the bottom of every issue, and must still
# work when someone digs out last year's mail.
DEFAULT_MAX_AGE = {
    Purpose.CONFIRM: timedelta(days=7),
    Purpose.PREFERENCES: timedelta(days=400),
    Purpose.UNSUBSCRIBE: timedelta(days=3 * 365),
    Purpose.EXPORT: timedelta(days=1),
    Purpose.ERASE: timedelta(days=1),
}


class TokenError(Exception):
    """A token that cannot be used."""


class TokenInvalid(TokenError):
    """Tampered with, truncated, or signed for another purpose."""


class TokenExpired(TokenError):
    """Authentic but too old; ``payload`` says what it was for."""

    def __init__(self, payload: dict):
        super().__init__("expired")
        self.payload = payload


def max_age(purpose: Purpose) -> timedelta:
    overrides = getattr(settings, "NEWSLETTER_TOKEN_MAX_AGE", {})
    return overrides.get(purpose.value, DEFAULT_MAX_AGE[purpose])


def _salt(purpose: Purpose) -> str:
    return f"newsletters.{purpose.value}"


def make_token(purpose: Purpose, payload: dict) -> str:
    """Sign ``payload`` for one purpose."""
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def read_token(purpose: Purpose, token: str) -> dict:
    """The payload of a token made for ``purpose``; raises a ``TokenError``."""
    try:
        payload = signing.loads(token, salt=_salt(purpose), max_age=max_age(purpose))
    except signing.SignatureExpired:
        # The signature held, only the age did not: say what it was for, so the
        # page can offer a fresh link instead of a dead end.
        payload = signing.loads(token, salt=_salt(purpose))
        raise TokenExpired(payload) from None
    except (signing.BadSignature, ValueError):
        raise TokenInvalid() from None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise TokenInvalid()
    return payload


def confirm_token(subscriber_id: int, newsletter_ids: list[int], werkveld: str) -> str:
    return make_token(
        Purpose.CONFIRM,
        {"s": subscriber_id, "n": sorted(newsletter_ids), "w": werkveld or ""},
    )


def subscriber_token(purpose: Purpose, subscriber_id: int) -> str:
    return make_token(purpose, {"s": subscriber_id})


# The list id in unsubscribe tokens of a mail sent for no single list (the yearly
# preference review): unsubscribing there means from every list.
ALL_LISTS = 0


def unsubscribe_token(subscriber_id: int, newsletter_id: int) -> str:
    return make_token(Purpose.UNSUBSCRIBE, {"s": subscriber_id, "n": newsletter_id})


# The mailto: address of List-Unsubscribe carries a token of its own: short enough
# for the local part of an address (64 characters at most), and in lower-case hex
# because mail systems may change the case of an address.
def _mailbox_signature(subscriber_id: int, newsletter_id: int) -> str:
    return salted_hmac(
        "newsletters.unsubscribe-mailbox", f"{subscriber_id}.{newsletter_id}"
    ).hexdigest()[:24]


def mailbox_token(subscriber_id: int, newsletter_id: int) -> str:
    """A compact token for unsubscribing by mail: ``<subscriber>-<list>-<sig>``."""
    signature = _mailbox_signature(subscriber_id, newsletter_id)
    return f"{subscriber_id:x}-{newsletter_id:x}-{signature}"


def read_mailbox_token(token: str) -> tuple[int, int]:
    """The subscriber and list ids of a mailbox token; raises ``TokenInvalid``."""
    try:
        subscriber_hex, newsletter_hex, signature = token.strip().lower().split("-")
        subscriber_id, newsletter_id = int(subscriber_hex, 16), int(newsletter_hex, 16)
    except ValueError:
        raise TokenInvalid() from None
    expected = _mailbox_signature(subscriber_id, newsletter_id)
    if not constant_time_compare(signature, expected):
        raise TokenInvalid()
    return subscriber_id, newsletter_id
