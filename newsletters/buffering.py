"""Flushing the tracking buffer: Redis hits to events and counters, in batches.

A hit costs the web process one Redis command (``newsletters.tracking``); a beat
task calls ``flush`` every few seconds, which turns thousands of hits into a handful
of statements. Crash-safe, and nothing is counted twice:

1. ``RENAME buffer → processing:<batch>``: new hits go to a fresh buffer, the batch
   is ours alone. Leftover ``processing:*`` keys of a flush that died are taken
   first, under the same lock.
2. Clicks are remembered per delivery for the burst rule (a short-lived sorted set
   in Redis). Hits younger than the settle window
   (``NEWSLETTER_TRACKING_SETTLE_SECONDS``) are not classified yet: a scanner's
   burst of clicks may still be arriving.
3. One database transaction writes the events (consenting recipients only), adds to
   the counters (everyone) and records the batch in ``TrackingFlush``; a batch
   already recorded there is not applied again.
4. One Redis transaction puts the unsettled hits back and deletes the batch key.

Unique counts need to know whether a recipient was seen before. That is kept in
Redis, not in the database: per run, a hash of keyed digests of delivery ids
(``seen:<run>``), expiring when the tracking tokens do. Its value is the batch that
first saw the recipient, so a batch replayed after a crash still counts its own
first sightings once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from newsletters import classification, tracking
from newsletters.models import (
    Delivery,
    EventKind,
    TrackingCounter,
    TrackingEvent,
    TrackingFlush,
)

logger = logging.getLogger(__name__)

KIND = {tracking.OPEN: EventKind.OPEN, tracking.CLICK: EventKind.CLICK}


@dataclass
class Hit:
    kind: str
    run_id: int
    delivery_id: int
    link_id: int
    at: float
    user_agent: str
    network: str
    head: bool

    @classmethod
    def parse(cls, raw: bytes) -> Hit | None:
        try:
            data = json.loads(raw)
            return cls(data["k"], int(data["r"]), int(data["d"]), int(data["l"]),
                       float(data["t"]), data.get("u", ""), data.get("n", ""),
                       bool(data.get("h")))  # fmt: skip
        except (ValueError, KeyError, TypeError):
            logger.warning("unreadable tracking hit dropped: %r", raw[:200])
            return None


@dataclass
class FlushResult:
    batches: int = 0
    hits: int = 0
    applied: int = 0
    deferred: int = 0
    dropped: int = 0
    events: int = 0
    counter_rows: int = 0
    statements: int = 0
    machine: dict[str, int] = field(default_factory=dict)


def settle_seconds() -> float:
    return float(getattr(settings, "NEWSLETTER_TRACKING_SETTLE_SECONDS", 30))


def _keys() -> dict[str, str]:
    base = tracking.prefix()
    return {"buffer": f"{base}:buffer", "lock": f"{base}:flush-lock",
            "processing": f"{base}:processing"}  # fmt: skip


def refresh_recent_tallies(days: int = 14) -> int:
    """Keep the delivery tallies of runs that finished lately up to date: bounces
    of a send keep coming in for days."""
    from datetime import timedelta

    from newsletters.models import SendRun
    from newsletters.rates import refresh_tallies

    run_ids = list(
        SendRun.objects.filter(
            finished_at__gte=timezone.now() - timedelta(days=days)
        ).values_list("pk", flat=True)
    )
    if run_ids:
        refresh_tallies(run_ids)
    return len(run_ids)


def flush(settle: float | None = None) -> FlushResult:
    """Write buffered hits to the database (the beat task). Safe to run from
    several processes: one holds the lock, the others return at once."""
    result = FlushResult()
    client = tracking.redis_client()
    if client is None:
        return result
    keys = _keys()
    lock = uuid.uuid4().hex
    if not client.set(keys["lock"], lock, nx=True, ex=300):
        return result
    try:
        settle = settle_seconds() if settle is None else settle
        for leftover in client.scan_iter(f"{keys['processing']}:*"):
            _process(client, leftover.decode(), settle, result)
        batch = f"{keys['processing']}:{uuid.uuid4().hex}"
        if client.exists(keys["buffer"]):
            client.rename(keys["buffer"], batch)
            _process(client, batch, settle, result)
    finally:
        # Only our own lock is released (it may have expired and been taken).
        if client.get(keys["lock"]) == lock.encode():
            client.delete(keys["lock"])
    return result


def _process(client, key: str, settle: float, result: FlushResult) -> None:
    batch = key.rsplit(":", 1)[1]
    raw = client.lrange(key, 0, -1)
    result.batches += 1
    result.hits += len(raw)
    cutoff = time.time() - settle
    settled: list[Hit] = []
    waiting: list[bytes] = []
    clicks: list[Hit] = []
    for item in raw:
        hit = Hit.parse(item)
        if hit is None:
            result.dropped += 1
            continue
        if hit.kind == tracking.CLICK:
            clicks.append(hit)
        if hit.at <= cutoff:
            settled.append(hit)
        else:
            waiting.append(item)
    _remember_clicks(client, clicks)
    if settled and not TrackingFlush.objects.filter(batch=batch).exists():
        _apply(client, batch, sorted(settled, key=lambda h: h.at), result)
    pipe = client.pipeline(transaction=True)
    if waiting:
        pipe.rpush(_keys()["buffer"], *waiting)
    pipe.delete(key)
    pipe.execute()
    result.deferred += len(waiting)


def _digest(delivery_id: int) -> str:
    # Keyed, so the seen-sets name no delivery without the key.
    key = tracking.signing_keys()[0]
    return hmac.new(key, b"seen:%d" % delivery_id, hashlib.sha256).hexdigest()[:16]


def _remember_clicks(client, clicks: list[Hit]) -> None:
    """Every click seen, per delivery, for the burst rule: kept ten minutes, far
    longer than the settle window, so a burst split over two batches is whole when
    its clicks are classified. Adding the same click twice changes nothing."""
    if not clicks:
        return
    pipe = client.pipeline(transaction=False)
    for hit in clicks:
        key = f"{tracking.prefix()}:burst:{hit.delivery_id}"
        pipe.zadd(key, {f"{hit.link_id}:{hit.at}": hit.at})
        pipe.expire(key, 600)
    pipe.execute()


def _burst_sizes(client, clicks: list[Hit]) -> list[int]:
    pipe = client.pipeline(transaction=False)
    window = classification.BURST_SECONDS
    for hit in clicks:
        pipe.zrangebyscore(
            f"{tracking.prefix()}:burst:{hit.delivery_id}",
            hit.at - window,
            hit.at + window,
        )
    sizes = []
    for members in pipe.execute():
        sizes.append(len({member.split(b":", 1)[0] for member in members}))
    return sizes


def _first_sightings(client, batch: str, members: list[tuple[int, str]]) -> list[bool]:
    """For each (run, member) in order: the first time it was ever seen."""
    seen_here: set[tuple[int, str]] = set()
    to_ask: list[tuple[int, str]] = []
    for item in members:
        if item not in seen_here:
            seen_here.add(item)
            to_ask.append(item)
    pipe = client.pipeline(transaction=False)
    ttl = (tracking.max_age_days() + 30) * 86400
    for run_id, member in to_ask:
        key = f"{tracking.prefix()}:seen:{run_id}"
        pipe.hsetnx(key, member, batch)
        pipe.hget(key, member)
        pipe.expire(key, ttl)
    replies = pipe.execute()
    first = {
        item: replies[3 * i + 1] == batch.encode() for i, item in enumerate(to_ask)
    }
    answers, used = [], set()
    for item in members:
        answers.append(first[item] and item not in used)
        used.add(item)
    return answers


def _apply(client, batch: str, hits: list[Hit], result: FlushResult) -> None:
    deliveries = {
        row["pk"]: row
        for row in Delivery.objects.filter(
            pk__in={hit.delivery_id for hit in hits}
        ).values(
            "pk",
            "run_id",
            "segment_id",
            "sent_at",
            "subscriber__tracking_consent",
            "run__newsletter_id",
        )  # fmt: skip
    }
    valid = []
    for hit in hits:
        row = deliveries.get(hit.delivery_id)
        # A token is signed over run and delivery together; this only guards
        # against rows deleted since (an erased subscriber).
        if row is None or row["run_id"] != hit.run_id:
            result.dropped += 1
            continue
        valid.append((hit, row))
    clicks = [hit for hit, _row in valid if hit.kind == tracking.CLICK]
    bursts = dict(zip(map(id, clicks), _burst_sizes(client, clicks), strict=True))

    verdicts = []
    members: list[tuple[int, str]] = []
    for hit, row in valid:
        sent_at = row["sent_at"]
        after = hit.at - sent_at.timestamp() if sent_at else None
        if hit.kind == tracking.OPEN:
            verdict = classification.classify_open(hit.user_agent, hit.network, after)
            scopes = [0]
        else:
            verdict = classification.classify_click(
                hit.user_agent, hit.head, after, bursts[id(hit)]
            )
            scopes = [0, hit.link_id]
        verdicts.append((verdict, scopes))
        digest = _digest(hit.delivery_id)
        for scope in scopes:
            members.append((hit.run_id, f"{digest}:{hit.kind}:{scope}:raw"))
            if not verdict.machine:
                members.append((hit.run_id, f"{digest}:{hit.kind}:{scope}:human"))
    firsts = iter(_first_sightings(client, batch, members))

    counters: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    reasons: dict[tuple, int] = defaultdict(int)
    events: list[TrackingEvent] = []
    for (hit, row), (verdict, scopes) in zip(valid, verdicts, strict=True):
        kind = KIND[hit.kind]
        moment = datetime.fromtimestamp(hit.at, tz=UTC)
        day = timezone.localdate(moment)
        segment_key = row["segment_id"] or 0
        for scope in scopes:
            counts = counters[(hit.run_id, row["run__newsletter_id"], segment_key,
                               scope, kind, day)]  # fmt: skip
            counts[0] += 1
            counts[2] += next(firsts)
            if not verdict.machine:
                counts[1] += 1
                counts[3] += next(firsts)
        if verdict.machine:
            reasons[(hit.run_id, kind, verdict.reason)] += 1
            result.machine[verdict.reason] = result.machine.get(verdict.reason, 0) + 1
        if row["subscriber__tracking_consent"]:
            events.append(
                TrackingEvent(
                    run_id=hit.run_id, delivery_id=hit.delivery_id,
                    segment_key=segment_key, link_id=hit.link_id or None, kind=kind,
                    at=moment, machine=verdict.machine, reason=verdict.reason,
                )
            )  # fmt: skip
    try:
        with transaction.atomic():
            TrackingFlush.objects.create(batch=batch, hits=len(hits))
            TrackingEvent.objects.bulk_create(events, batch_size=2000)
            _add_counters(counters)
            _add_reasons(reasons)
    except IntegrityError:
        # Another flush applied this batch first (its lock expired under it).
        logger.warning("tracking batch %s was already applied", batch)
        return
    result.applied += len(valid)
    result.events += len(events)
    result.counter_rows += len(counters)
    result.statements += 2 + (1 if events else 0) + (1 if reasons else 0)


def _add_counters(counters: dict[tuple, list[int]]) -> None:
    if not counters:
        return
    table = TrackingCounter._meta.db_table
    rows = [(*key, *counts) for key, counts in counters.items()]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""
            INSERT INTO {table} (run_id, newsletter_id, segment_key, link_key, kind,
                                 day, raw, human, unique_raw, unique_human)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (run_id, segment_key, link_key, kind, day) DO UPDATE SET
                raw = {table}.raw + EXCLUDED.raw,
                human = {table}.human + EXCLUDED.human,
                unique_raw = {table}.unique_raw + EXCLUDED.unique_raw,
                unique_human = {table}.unique_human + EXCLUDED.unique_human
            """,  # noqa: S608 - the table name is ours, the values are parameters
            rows,
        )


def _add_reasons(reasons: dict[tuple, int]) -> None:
    if not reasons:
        return
    from newsletters.models import MachineReasonCount

    table = MachineReasonCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""
            INSERT INTO {table} (run_id, kind, reason, count) VALUES (%s, %s, %s, %s)
            ON CONFLICT (run_id, kind, reason) DO UPDATE SET
                count = {table}.count + EXCLUDED.count
            """,  # noqa: S608
            [(*key, count) for key, count in reasons.items()],
        )
