"""Which views count, and that counting stores nothing about the visitor."""

from datetime import UTC, date, datetime, timedelta

import pytest

from django.db import connection as db_connection
from django.test import RequestFactory
from django.utils import timezone

from analytics import counting
from analytics.flushing import close_finished_days, flush_buffer
from analytics.models import FlushedBatch, PageViewDay, SiteDay
from tests.analytics.conftest import BROWSER_AGENT
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def news_item(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    return NewsPageFactory(
        parent=index, title="Inspiratie uit Gent", slug="gent", is_inspiring=True
    )


def counted_views() -> int:
    return sum(PageViewDay.objects.values_list("views", flat=True))


def test_a_page_view_from_a_browser_is_counted_once_flushed(
    analytics_redis, beacon, news_item
):
    response = beacon(f"page:{news_item.pk}")

    assert response.status_code == 204
    assert counted_views() == 0  # buffered until the flush
    flush_buffer()
    row = PageViewDay.objects.get()
    assert (row.page_id, row.views, row.visitors) == (news_item.pk, 1, 1)
    assert (
        row.kind == "nieuws" and row.is_inspiring and row.title == "Inspiratie uit Gent"
    )
    assert SiteDay.objects.get().page_views == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
        "facebookexternalhit/1.1",
        "",
    ],
)
def test_bots_crawlers_and_scripts_are_not_counted(
    analytics_redis, beacon, news_item, agent
):
    beacon(f"page:{news_item.pk}", HTTP_USER_AGENT=agent)
    flush_buffer()
    assert counted_views() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
)
def test_prefetches_prerenders_and_other_sites_are_not_counted(
    analytics_redis, beacon, news_item, headers
):
    beacon(f"page:{news_item.pk}", **headers)
    flush_buffer()
    assert counted_views() == 0


def test_a_get_on_the_beacon_counts_nothing(analytics_redis, client, news_item):
    response = client.get("/teller/", {"doel": f"page:{news_item.pk}"})
    flush_buffer()
    assert response.status_code == 405
    assert counted_views() == 0


@pytest.mark.parametrize("target", ["page:abc", "javascript:alert(1)", "", "x" * 200])
def test_a_malformed_target_is_refused(analytics_redis, beacon, target):
    beacon(target)
    assert not analytics_redis.exists(counting.buffer_key())


def test_a_page_that_does_not_exist_is_discarded_at_the_flush(
    analytics_redis, beacon, home_page
):
    beacon("page:987654")
    report = flush_buffer()
    assert counted_views() == 0
    assert "page:987654" in report.discarded


def test_the_leave_beacon_adds_time_but_no_view(analytics_redis, beacon, news_item):
    beacon(f"page:{news_item.pk}", kind="leave")
    flush_buffer()
    assert counted_views() == 0


def test_public_pages_carry_the_beacon_and_the_admin_404_and_feeds_do_not(
    analytics_redis, client, news_item, admin_client
):
    page = client.get(news_item.url)
    assert page.status_code == 200
    assert f'data-doel="page:{news_item.pk}"' in page.content.decode()
    assert 'data-doel="view:search"' in client.get("/zoeken/?q=wise").content.decode()

    for path in ["/bestaat-niet/", "/release-notes/feed/", "/sitemap.xml", "/healthz"]:
        response = client.get(path)
        assert "teller.js" not in response.content.decode(), path
    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    assert "teller.js" not in admin.content.decode()


def test_a_page_preview_carries_no_beacon(analytics_redis, news_item, admin_client):
    response = admin_client.post(
        f"/admin/pages/{news_item.pk}/edit/preview/",
        {"title": news_item.title, "slug": news_item.slug, "summary": "x",
         "body-count": "0", "date": "2026-01-05", "audience": "beide"},
    )  # fmt: skip
    assert response.status_code == 200
    shown = admin_client.get(f"/admin/pages/{news_item.pk}/edit/preview/")
    assert shown.status_code == 200
    assert "Inspiratie uit Gent" in shown.content.decode()
    assert "teller.js" not in shown.content.decode()


def test_a_locked_status_keeps_the_beacon_off_a_page(analytics_redis, news_item):
    request = RequestFactory().get(news_item.url)
    request.analytics_status = 403
    assert counting.beacon_target({"request": request, "page": news_item}) is None
    request.analytics_status = 200
    assert counting.beacon_target({"request": request, "page": news_item}) == (
        f"page:{news_item.pk}"
    )


def test_counting_sets_no_cookie(analytics_redis, client, beacon, news_item, settings):
    page = client.get(news_item.url)
    response = beacon(f"page:{news_item.pk}")
    settings.ANALYTICS_REDIS_URL = settings.REDIS_URL = ""
    without_counting = client.get(news_item.url)

    assert "teller.js" in page.content.decode()
    assert "teller.js" not in without_counting.content.decode()
    # Only the footer's language form sets a cookie, with or without counting.
    assert set(page.cookies) == set(without_counting.cookies) <= {"csrftoken"}
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"


def _all_stored_text() -> str:
    """Every row of every table of the database, as text."""
    text = []
    with db_connection.cursor() as cursor:
        for table in db_connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            text.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(text)


def test_no_address_agent_hash_or_salt_reaches_the_database(
    analytics_redis, beacon, news_item
):
    agent = BROWSER_AGENT + " Opvallend/9.9"
    beacon(f"page:{news_item.pk}", HTTP_USER_AGENT=agent, REMOTE_ADDR="203.0.113.77")
    beacon(f"page:{news_item.pk}", kind="leave", HTTP_USER_AGENT=agent,
           REMOTE_ADDR="203.0.113.77")  # fmt: skip
    today = timezone.localdate()
    visitor = analytics_redis.smembers(counting.visitors_key(today)).pop().decode()
    salt = analytics_redis.get(f"{counting.key_prefix()}:salt:{today.isoformat()}")
    flush_buffer()
    close_finished_days(today=today + timedelta(days=1))

    stored = _all_stored_text()
    assert PageViewDay.objects.exists() and SiteDay.objects.get().is_closed
    assert "203.0.113.77" not in stored
    assert "Opvallend" not in stored
    assert visitor not in stored
    assert salt.hex() not in stored and repr(salt) not in stored
    assert FlushedBatch.objects.count() == 1


def test_do_not_track_counts_the_view_but_processes_no_visitor(
    analytics_redis, beacon, news_item
):
    beacon(f"page:{news_item.pk}", HTTP_DNT="1")
    beacon(f"page:{news_item.pk}", HTTP_SEC_GPC="1")
    flush_buffer()
    day = SiteDay.objects.get()
    assert (day.page_views, day.untracked_views, day.visitors) == (2, 2, 0)
    assert PageViewDay.objects.get().visitors == 0
    assert not analytics_redis.exists(counting.visitors_key(timezone.localdate()))


def _request(agent=BROWSER_AGENT, address="198.51.100.4"):
    request = RequestFactory().post("/teller/", HTTP_USER_AGENT=agent)
    request.META["REMOTE_ADDR"] = address
    return request


def test_the_salt_is_random_per_day_and_expires_after_midnight(analytics_redis):
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    tuesday = monday + timedelta(days=1)
    salt_monday = counting.daily_salt(monday.date(), monday, analytics_redis)

    assert counting.daily_salt(monday.date(), monday, analytics_redis) == salt_monday
    assert len(salt_monday) == 32
    assert counting.daily_salt(tuesday.date(), tuesday, analytics_redis) != salt_monday
    ttl = analytics_redis.ttl(f"{counting.key_prefix()}:salt:2026-03-02")
    seconds_to_midnight = 13 * 3600  # 11:00 in Brussels
    assert 0 < ttl <= seconds_to_midnight + counting.SALT_GRACE_SECONDS


def test_the_same_visitor_gets_another_hash_the_next_day(analytics_redis):
    request = _request()
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    tuesday = monday + timedelta(days=1)
    on_monday = counting.visitor_hash(
        request, counting.daily_salt(monday.date(), monday, analytics_redis)
    )
    again = counting.visitor_hash(
        request, counting.daily_salt(monday.date(), monday, analytics_redis)
    )
    on_tuesday = counting.visitor_hash(
        request, counting.daily_salt(tuesday.date(), tuesday, analytics_redis)
    )
    other = counting.visitor_hash(
        _request(address="198.51.100.5"),
        counting.daily_salt(monday.date(), monday, analytics_redis),
    )
    assert on_monday == again
    assert on_tuesday != on_monday
    assert other != on_monday


def test_visits_split_after_half_an_hour_and_time_adds_up(analytics_redis, news_item):
    start = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
    target = counting.Hit(f"page:{news_item.pk}")
    for minutes in (0, 4, 10):  # one visit of 10 minutes
        counting.record(_request(), target, now=start + timedelta(minutes=minutes))
    counting.record(_request(), counting.Hit(target.target, counting.LEAVE),
                    now=start + timedelta(minutes=12))  # fmt: skip
    later = start + timedelta(hours=2)  # a second visit, the same day
    counting.record(_request(), target, now=later)
    counting.record(_request(), target, now=later + timedelta(minutes=3))
    counting.record(_request(address="198.51.100.9"), target, now=later)

    flush_buffer()
    close_finished_days(today=date(2026, 3, 3))
    day = SiteDay.objects.get(day=date(2026, 3, 2))
    assert (day.page_views, day.visitors, day.visits) == (6, 2, 3)
    assert day.returning_visitors == 1
    assert day.timed_visitors == 2
    assert day.total_seconds == 15 * 60
    assert day.duration_histogram == {"900": 1, "0": 1}
    assert PageViewDay.objects.get().visitors == 2


def test_a_signed_in_visitor_counts_as_registered(analytics_redis, news_item):
    request = _request()
    request.user = UserFactory()
    counting.record(request, counting.Hit(f"page:{news_item.pk}"))
    flush_buffer()
    assert SiteDay.objects.get().registered_visitors == 1


def test_service_pages_and_release_notes_carry_their_service(
    analytics_redis, beacon, home_page
):
    wise = ServiceFactory(name="Wise", slug="wise")
    landing = ServicePageFactory(parent=home_page, service=wise)
    beacon(f"page:{landing.pk}")
    beacon("view:release_notes:history@wise")
    beacon("view:release_notes:history@bestaat-niet")
    flush_buffer()
    rows = {row.target: row for row in PageViewDay.objects.all()}
    assert set(rows) == {f"page:{landing.pk}", "view:release_notes:history@wise"}
    assert all(row.service == wise for row in rows.values())
    assert rows["view:release_notes:history@wise"].kind == "weergave"


def test_a_lesson_counts_in_focus_mode_and_a_locked_lesson_does_not(
    analytics_redis, client, home_page
):
    from tests.courses.factories import CoursePageFactory, LessonPageFactory

    landing = ServicePageFactory(parent=home_page)
    course = CoursePageFactory(parent=landing, linear_progression=True)
    first = LessonPageFactory(parent=course)
    second = LessonPageFactory(parent=course)

    focus = client.get(first.url + "?focus=1")
    locked = client.get(second.url)

    assert focus.status_code == 200
    assert f'data-doel="page:{first.pk}"' in focus.content.decode()
    assert locked.status_code == 403
    assert "teller.js" not in locked.content.decode()


def test_one_visitor_posting_beacons_in_a_loop_stops_counting(
    analytics_redis, news_item, monkeypatch
):
    monkeypatch.setattr(counting, "MAX_VIEWS_PER_VISITOR", 3)
    for _ in range(10):
        counting.record(_request(), counting.Hit(f"page:{news_item.pk}"))
    counting.record(
        _request(address="198.51.100.77"), counting.Hit(f"page:{news_item.pk}")
    )
    flush_buffer()
    assert counted_views() == 4
    assert SiteDay.objects.get().visitors == 2
