"""Moving buffered hits from Redis into the daily aggregates, crash-safe and once.

A flush renames the buffer to ``flushing:<batch id>`` before reading it, so hits
that arrive meanwhile go into a fresh buffer and none is lost. The batch's counts
are added in one database transaction that also records the batch id; only after
that commit is the renamed key deleted. A flush that dies anywhere on the way
leaves the renamed key behind, and the next flush finishes it: if the transaction
had committed, the recorded batch id makes it skip the counts (idempotent) and only
delete the key; if not, it adds them now. A Redis lock keeps two flushes (beat and
a manual run) from working at the same time.

Closing a day (``close_finished_days``) turns the visitor states of a day that is
over into its duration histogram, in the same manner: the day's row is marked
closed in the transaction that writes the durations, the states are deleted after
the commit, and a closed day is never summed twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import uuid4

import redis

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from analytics import counting
from analytics.models import FlushedBatch, PageViewDay, SiteDay
from analytics.targets import describe_targets

logger = logging.getLogger(__name__)

SITE_FIELDS = {
    "page_views",
    "untracked_views",
    "visitors",
    "visits",
    "returning_visitors",
    "registered_visitors",
}
BUCKET_SECONDS = 15
# A tab left open all day is not four hours of reading.
MAX_DAILY_SECONDS = 4 * 3600
BATCH_RETENTION = timedelta(days=14)
LOCK_SECONDS = 300


@dataclass
class FlushReport:
    batches: int = 0
    skipped_batches: int = 0
    views: int = 0
    discarded: list[str] = field(default_factory=list)


def _flushing_prefix() -> str:
    return f"{counting.key_prefix()}:flushing:"


def _lock(connection: redis.Redis):
    return connection.lock(
        f"{counting.key_prefix()}:flush-lock",
        timeout=LOCK_SECONDS,
        blocking_timeout=0,
    )


def take_buffer(connection: redis.Redis) -> str | None:
    """Rename the live buffer to a new batch key; None when there was nothing."""
    key = _flushing_prefix() + uuid4().hex
    try:
        connection.rename(counting.buffer_key(), key)
    except redis.ResponseError:  # no such key: nothing buffered
        return None
    return key


def flush_buffer(connection: redis.Redis | None = None) -> FlushReport:
    """Add every buffered hit to the aggregates: leftover batches first."""
    connection = connection or counting.client()
    report = FlushReport()
    lock = _lock(connection)
    if not lock.acquire():
        logger.info("Een andere flush is bezig; deze slaat over.")
        return report
    try:
        keys = sorted(
            k.decode() for k in connection.scan_iter(match=_flushing_prefix() + "*")
        )
        fresh = take_buffer(connection)
        if fresh:
            keys.append(fresh)
        for key in keys:
            apply_batch(connection, key, report)
        FlushedBatch.objects.filter(
            flushed_at__lt=timezone.now() - BATCH_RETENTION
        ).delete()
    finally:
        lock.release()
    return report


def _parse(raw: dict[bytes, bytes], report: FlushReport):
    pages: dict[tuple[date, str], dict[str, int]] = defaultdict(
        lambda: {"views": 0, "visitors": 0}
    )
    sites: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for raw_field, raw_value in raw.items():
        name = raw_field.decode()
        try:
            counter, day_text, rest = name.split("|", 2)
            day = date.fromisoformat(day_text)
            value = int(raw_value)
        except ValueError:
            report.discarded.append(name)
            continue
        if counter in ("views", "visitors"):
            pages[(day, rest)][counter] += value
        elif counter == "site" and rest in SITE_FIELDS:
            sites[day][rest] += value
        else:
            report.discarded.append(name)
    return pages, sites


def apply_batch(connection: redis.Redis, key: str, report: FlushReport) -> None:
    """Add one renamed batch to the aggregates once, then delete it from Redis."""
    batch_id = key.rsplit(":", 1)[1]
    raw = connection.hgetall(key)
    pages, sites = _parse(raw, report)
    with transaction.atomic():
        if FlushedBatch.objects.filter(batch_id=batch_id).exists():
            report.skipped_batches += 1
        else:
            _add_pages(pages, report)
            _add_sites(sites)
            FlushedBatch.objects.create(batch_id=batch_id)
            report.batches += 1
    connection.delete(key)


def _add_pages(pages, report: FlushReport) -> None:
    if not pages:
        return
    descriptions = describe_targets({target for _day, target in pages})
    days = {day for day, _target in pages}
    existing = {
        (row.day, row.target): row
        for row in PageViewDay.objects.select_for_update().filter(
            day__in=days, target__in=descriptions
        )
    }
    changed, created = [], []
    for (day, target), counts in pages.items():
        description = descriptions.get(target)
        if description is None:
            report.discarded.append(target)
            continue
        report.views += counts["views"]
        row = existing.get((day, target))
        if row is None:
            created.append(
                PageViewDay(
                    day=day,
                    target=target,
                    views=counts["views"],
                    visitors=counts["visitors"],
                    **description,
                )
            )
        else:
            row.views += counts["views"]
            row.visitors += counts["visitors"]
            changed.append(row)
    PageViewDay.objects.bulk_update(changed, ["views", "visitors"])
    PageViewDay.objects.bulk_create(created)


def _add_sites(sites) -> None:
    for day, counts in sites.items():
        SiteDay.objects.get_or_create(day=day)
        SiteDay.objects.filter(day=day).update(
            **{name: F(name) + value for name, value in counts.items()}
        )


def duration_bucket(seconds: int) -> str:
    return str(min(seconds, MAX_DAILY_SECONDS) // BUCKET_SECONDS * BUCKET_SECONDS)


def close_day(connection: redis.Redis, day: date) -> bool:
    """Sum a finished day's visitor states into its durations; True when done now."""
    members = [m.decode() for m in connection.smembers(counting.visitors_key(day))]
    histogram: dict[str, int] = defaultdict(int)
    total = 0
    for start in range(0, len(members), 500):
        chunk = members[start : start + 500]
        pipe = connection.pipeline(transaction=False)
        for visitor in chunk:
            pipe.hget(counting.visitor_key(day, visitor), "active")
        for active in pipe.execute():
            seconds = min(int(active or 0), MAX_DAILY_SECONDS)
            histogram[duration_bucket(seconds)] += 1
            total += seconds
    done = False
    with transaction.atomic():
        SiteDay.objects.get_or_create(day=day)
        site_day = SiteDay.objects.select_for_update().get(day=day)
        if not site_day.is_closed:
            site_day.timed_visitors = len(members)
            site_day.total_seconds = total
            site_day.duration_histogram = dict(histogram)
            site_day.is_closed = True
            site_day.save()
            done = True
    keys = [counting.visitor_key(day, visitor) for visitor in members]
    for start in range(0, len(keys), 500):
        connection.delete(*keys[start : start + 500])
    connection.delete(counting.visitors_key(day))
    connection.srem(counting.open_days_key(), day.isoformat())
    return done


def close_finished_days(
    connection: redis.Redis | None = None, today: date | None = None
) -> list[date]:
    """Close every day before today that still has visitor states in Redis."""
    connection = connection or counting.client()
    today = today or timezone.localdate()
    closed = []
    for raw in sorted(connection.smembers(counting.open_days_key())):
        try:
            day = date.fromisoformat(raw.decode())
        except ValueError:
            connection.srem(counting.open_days_key(), raw)
            continue
        if day < today and close_day(connection, day):
            closed.append(day)
    return closed
