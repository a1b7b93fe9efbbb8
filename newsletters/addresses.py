"""E-mail addresses as this app keys them: normalised, and fingerprinted.

A subscriber is found by the fingerprint of the address, not the address itself, so
that an erased subscriber (whose address is gone) still blocks the same address from
being added again by an import or an unconfirmed form.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings


def normalise_address(email: str) -> str:
    """The address as stored: trimmed and in lower case.

    Lower-casing the local part is not strictly correct by RFC 5321, but every mail
    system the sector uses treats it case-insensitively, and two rows for
    ``An@x`` and ``an@x`` would be two subscribers for one mailbox.
    """
    return (email or "").strip().lower()


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


def is_plain_address(address: str) -> bool:
    """An ASCII address without a display name, usable as it is in an envelope or
    a header: nearly every subscriber's. Parsing the header grammar for those is
    the slowest part of putting a message together."""
    return _PLAIN_ADDRESS.fullmatch(address) is not None


def _fingerprint_key() -> bytes:
    # A key of its own, so rotating SECRET_KEY does not lift every suppression.
    key = getattr(settings, "NEWSLETTER_FINGERPRINT_KEY", "") or settings.SECRET_KEY
    return key.encode()


def address_fingerprint(email: str) -> str:
    """A keyed, irreversible fingerprint of an address (64 hex characters)."""
    return hmac.new(
        _fingerprint_key(), normalise_address(email).encode(), hashlib.sha256
    ).hexdigest()


def client_fingerprint(ip_address: str | None) -> str:
    """A keyed fingerprint of a client address, kept instead of the raw IP."""
    if not ip_address:
        return ""
    return hmac.new(
        _fingerprint_key(), f"ip:{ip_address}".encode(), hashlib.sha256
    ).hexdigest()[:32]
