"""The flush from Redis into the daily rows: crash-safe, idempotent, nothing lost."""

from datetime import date, datetime, timedelta

import pytest

from django.test import RequestFactory
from django.utils import timezone

from analytics import counting, flushing
from analytics.flushing import (
    apply_batch,
    close_finished_days,
    flush_buffer,
    take_buffer,
)
from analytics.models import FlushedBatch, PageViewDay, SiteDay
from analytics.tasks import flush_page_views
from tests.analytics.conftest import BROWSER_AGENT
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def item(home_page):
    return NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))


def view(page, address="192.0.2.1", now=None):
    request = RequestFactory().post("/teller/", HTTP_USER_AGENT=BROWSER_AGENT)
    request.META["REMOTE_ADDR"] = address
    counting.record(request, counting.Hit(f"page:{page.pk}"), now=now)


def views() -> int:
    return sum(PageViewDay.objects.values_list("views", flat=True))


class DiesOnDelete:
    """A Redis connection whose process dies right after the database commit."""

    def __init__(self, connection):
        self.connection = connection

    def __getattr__(self, name):
        return getattr(self.connection, name)

    def delete(self, *keys):
        raise SystemExit("worker killed")


def test_a_flush_empties_the_buffer_into_the_rows(analytics_redis, item):
    for number in range(5):
        view(item, address=f"192.0.2.{number}")

    report = flush_buffer()

    assert (report.batches, report.views) == (1, 5)
    assert views() == 5 and PageViewDay.objects.get().visitors == 5
    assert SiteDay.objects.get().visitors == 5
    assert (
        list(analytics_redis.scan_iter(match=counting.key_prefix() + ":flushing:*"))
        == []
    )
    assert not analytics_redis.exists(counting.buffer_key())


def test_flushing_twice_counts_once(analytics_redis, item):
    view(item)
    flush_buffer()
    second = flush_buffer()
    assert second.batches == 0 and views() == 1


def test_hits_during_a_flush_go_to_a_fresh_buffer_and_are_not_lost(
    analytics_redis, item
):
    view(item)
    taken = take_buffer(analytics_redis)
    view(item, address="192.0.2.99")  # arrives while the batch is being read

    report = flush_buffer()

    assert report.batches == 2
    assert views() == 2
    assert not analytics_redis.exists(taken)


def test_a_flush_that_dies_after_the_rename_is_finished_by_the_next(
    analytics_redis, item
):
    view(item)
    view(item, address="192.0.2.2")
    taken = take_buffer(analytics_redis)  # ... and the worker dies before reading

    assert views() == 0
    report = flush_buffer()
    assert report.batches == 1
    assert views() == 2
    assert not analytics_redis.exists(taken)


def test_a_flush_that_dies_after_the_commit_is_not_counted_twice(analytics_redis, item):
    view(item)
    taken = take_buffer(analytics_redis)
    with pytest.raises(SystemExit):
        apply_batch(DiesOnDelete(analytics_redis), taken, flushing.FlushReport())
    assert views() == 1
    assert analytics_redis.exists(taken)  # the batch is still there

    report = flush_buffer()

    assert (report.batches, report.skipped_batches) == (0, 1)
    assert views() == 1
    assert not analytics_redis.exists(taken)
    assert FlushedBatch.objects.count() == 1


def test_a_second_flush_while_one_runs_does_nothing(analytics_redis, item):
    view(item)
    lock = flushing._lock(analytics_redis)
    assert lock.acquire()
    try:
        assert flush_buffer().batches == 0
    finally:
        lock.release()
    assert flush_buffer().batches == 1


def test_flushes_add_up_on_the_same_day_row(analytics_redis, item):
    view(item)
    flush_buffer()
    view(item)
    view(item, address="192.0.2.50")
    flush_buffer()
    row = PageViewDay.objects.get()
    assert (row.views, row.visitors) == (3, 2)


def test_a_finished_day_is_closed_once_and_its_visitor_states_deleted(
    analytics_redis, item
):
    yesterday = timezone.make_aware(datetime(2026, 3, 2, 14, 0))
    view(item, now=yesterday)
    view(item, now=yesterday + timedelta(minutes=6))
    flush_buffer()

    assert close_finished_days(today=date(2026, 3, 2)) == []  # not over yet
    assert close_finished_days(today=date(2026, 3, 3)) == [date(2026, 3, 2)]
    day = SiteDay.objects.get(day=date(2026, 3, 2))
    assert (day.is_closed, day.total_seconds, day.timed_visitors) == (True, 360, 1)
    assert not analytics_redis.exists(counting.visitors_key(date(2026, 3, 2)))
    assert (
        list(analytics_redis.scan_iter(match=counting.key_prefix() + ":visitor:*"))
        == []
    )

    # A late state for a closed day changes nothing.
    analytics_redis.sadd(counting.open_days_key(), "2026-03-02")
    analytics_redis.sadd(counting.visitors_key(date(2026, 3, 2)), "abc")
    assert close_finished_days(today=date(2026, 3, 3)) == []
    assert SiteDay.objects.get(day=date(2026, 3, 2)).total_seconds == 360


def test_the_beat_task_flushes_and_closes(analytics_redis, item):
    view(item)
    flush_page_views.delay()
    assert views() == 1


def test_unreadable_buffer_fields_are_reported_and_the_rest_counted(
    analytics_redis, item
):
    view(item)
    analytics_redis.hset(counting.buffer_key(), "views|gisteren|page:1", 3)
    analytics_redis.hset(counting.buffer_key(), "onbekend|2026-03-02|x", 1)
    report = flush_buffer()
    assert views() == 1
    assert set(report.discarded) == {"views|gisteren|page:1", "onbekend|2026-03-02|x"}
