"""Delivery references: how a message names the delivery row it was sent for.

The same reference ``nb.<run>.<delivery>.<hash>`` is the local part of every
Message-ID and, when ``NEWSLETTER_BOUNCE_ADDRESS`` is set, the VERP tag of the
envelope sender (``bounces+nb.12.345.abcdef0123@example.org``). A bounce message,
a complaint or an ESP's webhook that quotes either leads back to the row; the short
keyed hash keeps anyone from pinning a bounce on someone else's delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from email.utils import parseaddr

from django.conf import settings

REFERENCE = re.compile(r"\bnb\.(\d+)\.(\d+)\.([0-9a-f]{10})\b")


def _digest(run_id: int, delivery_id: int) -> str:
    return hashlib.blake2s(
        f"{run_id}.{delivery_id}".encode(),
        key=settings.SECRET_KEY.encode()[:32],
        digest_size=5,
    ).hexdigest()


def reference(run_id: int, delivery_id: int) -> str:
    """``nb.<run>.<delivery>.<hash>``: stable across retries of the same row."""
    return f"nb.{run_id}.{delivery_id}.{_digest(run_id, delivery_id)}"


def message_id(run_id: int, delivery_id: int, domain: str) -> str:
    return f"<{reference(run_id, delivery_id)}@{domain}>"


def bounce_address(run_id: int, delivery_id: int) -> str | None:
    """The VERP envelope sender of a delivery, or None without a bounce address."""
    configured = getattr(settings, "NEWSLETTER_BOUNCE_ADDRESS", "")
    if not configured:
        return None
    _name, address = parseaddr(configured)
    local, _at, domain = address.rpartition("@")
    return f"{local}+{reference(run_id, delivery_id)}@{domain}"


def delivery_in(text: str) -> int | None:
    """The delivery id of the first valid reference in ``text``, if any."""
    for match in REFERENCE.finditer(text or ""):
        run_id, delivery_id, digest = int(match[1]), int(match[2]), match[3]
        if hmac.compare_digest(digest, _digest(run_id, delivery_id)):
            return delivery_id
    return None
