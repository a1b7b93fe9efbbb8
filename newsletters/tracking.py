"""Open and click tracking: signed tokens, the stored links of each send, and the
recording of a hit into the Redis buffer.

Every message of a send carries an open pixel and, for each http(s) link, a click
URL; both hold a compact token ``run.delivery[.link].day.signature`` (hex ids, the
day of the send, an HMAC-SHA256 over all of them and the purpose). Only ids travel:
no address, and nothing is ever added to a destination URL.

What a click does with its token (decided here, tested in ``tests/newsletters``):

- valid: the hit is buffered and the browser goes to the stored URL of that link;
- authentic but expired (older than ``NEWSLETTER_TRACKING_MAX_AGE_DAYS``): nothing
  is recorded, the browser still goes to the stored URL (we signed that pair);
- authentic, but the link is not one of the run's (cannot come from us: defence in
  depth): nothing is recorded, the browser goes to the archive of the run's list;
- forged, tampered or truncated: nothing is recorded and nothing in it is trusted;
  the browser goes to the fixed newsletters page ``/nieuwsbrieven/``.

The pixel answers with the same GIF in every case, with ``no-store``, and never
needs the database: recording a hit is one Redis command (RPUSH). Signing keys rotate
with ``NEWSLETTER_TRACKING_KEY_FALLBACKS`` (docs/operations.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import time
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.utils.html import escape

from newsletters.links import token_url

logger = logging.getLogger(__name__)

# The smallest transparent GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
EPOCH = date(2020, 1, 1)
OPEN, CLICK = "o", "k"


class TrackingTokenError(Exception):
    """A tracking token that was not made by us (forged, tampered, truncated)."""


@dataclass(frozen=True)
class TrackingToken:
    purpose: str
    run_id: int
    delivery_id: int
    link_id: int
    day: int

    @property
    def expired(self) -> bool:
        return today_number() - self.day > max_age_days()


# -- Settings --------------------------------------------------------------------


def max_age_days() -> int:
    """``NEWSLETTER_TRACKING_MAX_AGE_DAYS``: after this, hits are not recorded."""
    return int(getattr(settings, "NEWSLETTER_TRACKING_MAX_AGE_DAYS", 400))


def _derive(secret: str) -> bytes:
    return hashlib.sha256(f"newsletters.tracking:{secret}".encode()).digest()


def signing_keys() -> list[bytes]:
    """The current key first, then the old ones still accepted for verification."""
    current = getattr(settings, "NEWSLETTER_TRACKING_KEY", "") or settings.SECRET_KEY
    fallbacks = getattr(settings, "NEWSLETTER_TRACKING_KEY_FALLBACKS", [])
    if not getattr(settings, "NEWSLETTER_TRACKING_KEY", ""):
        fallbacks = [*fallbacks, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_derive(secret) for secret in [current, *fallbacks] if secret]


def today_number() -> int:
    return (date.today() - EPOCH).days


# -- Tokens ------------------------------------------------------------------------


def _signature(key: bytes, purpose: str, body: str) -> str:
    digest = hmac.new(key, f"{purpose}|{body}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def make_token(
    purpose: str,
    run_id: int,
    delivery_id: int,
    link_id: int = 0,
    day: int = 0,
    key: bytes | None = None,
) -> str:
    """A signed tracking token (the current key, or ``key`` when the caller has
    looked it up already)."""
    day = day or today_number()
    if purpose == CLICK:
        body = f"{run_id:x}.{delivery_id:x}.{link_id:x}.{day:x}"
    else:
        body = f"{run_id:x}.{delivery_id:x}.{day:x}"
    return f"{body}.{_signature(key or signing_keys()[0], purpose, body)}"


def read_token(purpose: str, token: str) -> TrackingToken:
    """The fields of a token of ``purpose`` signed with any accepted key."""
    body, _dot, signature = token.rpartition(".")
    parts = body.split(".")
    if len(parts) != (4 if purpose == CLICK else 3) or len(signature) != 16:
        raise TrackingTokenError(token)
    if not any(
        hmac.compare_digest(signature, _signature(key, purpose, body))
        for key in signing_keys()
    ):
        raise TrackingTokenError(token)
    try:
        values = [int(part, 16) for part in parts]
    except ValueError:
        raise TrackingTokenError(token) from None
    if purpose == OPEN:
        values.insert(2, 0)
    return TrackingToken(purpose, *values)


def pixel_url(run_id: int, delivery_id: int, day: int = 0, key=None) -> str:
    token = make_token(OPEN, run_id, delivery_id, day=day, key=key)
    return token_url("newsletters:open", token)


def click_url(
    run_id: int, delivery_id: int, link_id: int, day: int = 0, key=None
) -> str:
    token = make_token(CLICK, run_id, delivery_id, link_id, day=day, key=key)
    return token_url("newsletters:click", token)


# -- Links of a run ----------------------------------------------------------------


class UnsafeLinkError(ValueError):
    """A link whose scheme may not appear in a newsletter (javascript:, data: …)."""


def register_links(run_id: int, urls: list[str]) -> list[int]:
    """Store the links of an edition for a run (idempotent); their ids in the
    edition's order. Also put them in Redis, so clicks resolve without the
    database."""
    from newsletters.models import TrackedLink

    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise UnsafeLinkError(url)
    TrackedLink.objects.bulk_create(
        [TrackedLink(run_id=run_id, url=url, position=i) for i, url in enumerate(urls)],
        ignore_conflicts=True,
    )
    ids = dict(
        TrackedLink.objects.filter(run_id=run_id, url__in=urls).values_list("url", "pk")
    )
    client = redis_client()
    if client is not None and ids:
        key = f"{prefix()}:links:{run_id}"
        try:
            pipe = client.pipeline(transaction=False)
            pipe.hset(key, mapping={str(pk): url for url, pk in ids.items()})
            pipe.expire(key, (max_age_days() + 30) * 86400)
            pipe.execute()
        except Exception:  # noqa: BLE001 - the database still has them
            logger.warning("tracked links of run %s not cached in Redis", run_id)
    return [ids[url] for url in urls]


# A stored link never changes (one row per run and URL), so each process keeps the
# ones it resolved: a click then costs one Redis round trip, for recording it.
_known_links: dict[tuple[int, int], str] = {}


def link_destination(run_id: int, link_id: int) -> str | None:
    """The stored URL of a link of this run, or None when it is not one of its."""
    url = _known_links.get((run_id, link_id))
    if url is not None:
        return url
    client = redis_client()
    if client is not None:
        try:
            raw = client.hget(f"{prefix()}:links:{run_id}", str(link_id))
            url = raw.decode() if raw is not None else None
        except Exception:  # noqa: BLE001 - fall back on the database
            url = None
    if url is None:
        from newsletters.models import TrackedLink

        url = (
            TrackedLink.objects.filter(pk=link_id, run_id=run_id)
            .values_list("url", flat=True)
            .first()
        )
    if url is not None:
        if len(_known_links) > 50_000:
            _known_links.clear()
        _known_links[(run_id, link_id)] = url
    return url


class MessageTracker:
    """Rewrites the links of one edition of a run for each recipient."""

    def __init__(self, run_id: int, link_ids: list[int], day: int | None = None):
        self.run_id = run_id
        self.link_ids = link_ids
        self.day = day or today_number()
        # Looked up once for the thousands of messages of a chunk.
        self.key = signing_keys()[0]

    def link_url(self, index: int, url: str, recipient) -> str:
        return click_url(self.run_id, recipient.delivery_id, self.link_ids[index],
                         self.day, self.key)  # fmt: skip

    def pixel_html(self, recipient) -> str:
        url = escape(pixel_url(self.run_id, recipient.delivery_id, self.day, self.key))
        return (
            f'<img src="{url}" width="1" height="1" alt="" '
            'style="display:block;width:1px;height:1px;border:0;" />'
        )


# -- Recording a hit ----------------------------------------------------------------


def prefix() -> str:
    return getattr(settings, "NEWSLETTER_TRACKING_PREFIX", "leerplatform:tracking")


@cache
def _client_for(url: str):
    import redis

    # Short timeouts: a slow Redis must not hold the pixel up.
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


def redis_client():
    """The Redis of the tracking buffer (``NEWSLETTER_TRACKING_REDIS_URL``)."""
    url = getattr(settings, "NEWSLETTER_TRACKING_REDIS_URL", "")
    return _client_for(url) if url else None


def network_of(address: str) -> str:
    """The client's network, never its address: /24 for IPv4, /48 for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


def record_hit(
    token: TrackingToken,
    user_agent: str,
    address: str,
    head: bool,
    now: float | None = None,
) -> bool:
    """Buffer one hit: a single Redis command. False when it could not be
    buffered (it is then logged, and the visitor still gets their answer)."""
    now = time.time() if now is None else now
    record = {
        "k": token.purpose,
        "r": token.run_id,
        "d": token.delivery_id,
        "l": token.link_id,
        "t": round(now, 3),
        "u": user_agent[:300],
        "n": network_of(address),
        "h": 1 if head else 0,
    }
    client = redis_client()
    if client is None:
        logger.warning("tracking hit dropped: no NEWSLETTER_TRACKING_REDIS_URL")
        return False
    try:
        client.rpush(f"{prefix()}:buffer", json.dumps(record, separators=(",", ":")))
    except Exception:  # noqa: BLE001 - the answer matters more than the count
        logger.exception("tracking hit not buffered")
        return False
    return True
