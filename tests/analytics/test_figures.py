"""The indicators computed from known daily rows, accounts and pages."""

from datetime import date, datetime

import pytest

from django.utils import timezone

from analytics import figures
from analytics.charts import trend_chart
from analytics.models import PageKind, PageViewDay, SiteDay
from courses.models import LastVisit
from services.choices import Audience
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import ServiceFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def row(day, target, views, **fields):
    fields.setdefault("title", target)
    fields.setdefault("kind", PageKind.NEWS)
    return PageViewDay.objects.create(
        day=day, target=target, views=views, visitors=views // 2, **fields
    )


def test_only_inspiring_views_of_the_year_count_against_the_target():
    row(date(2026, 1, 10), "page:1", 30_000, is_inspiring=True)
    row(date(2026, 6, 10), "page:1", 20_000, is_inspiring=True)
    row(date(2026, 6, 10), "page:2", 99_000, is_inspiring=False)
    row(date(2025, 12, 31), "page:1", 99_000, is_inspiring=True)

    counter = figures.inspiring_counter(2026, today=date(2026, 12, 31))

    assert counter.views == 50_000
    assert counter.percent_of_target == 50
    assert counter.status == figures.RED
    assert counter.text == "Niet gehaald."


@pytest.mark.parametrize(
    ("views", "status"),
    [(51_000, figures.GREEN), (46_000, figures.ORANGE), (40_000, figures.RED)],
)
def test_during_the_year_the_counter_compares_with_the_pace_the_target_needs(
    views, status
):
    row(date(2026, 3, 1), "page:1", views, is_inspiring=True)
    # 2 July 2026 is day 183 of 365: the pace asks for 50,137 by then.
    counter = figures.inspiring_counter(2026, today=date(2026, 7, 2))
    assert counter.expected == 50_137
    assert counter.status == status
    assert counter.projected == round(views * 365 / 183)


def test_the_monthly_trend_has_twelve_months_with_inspiring_and_news_views():
    row(date(2026, 1, 3), "page:1", 10, is_inspiring=True)
    row(date(2026, 1, 4), "page:1", 5, is_inspiring=True)
    row(date(2026, 3, 4), "page:2", 7, kind=PageKind.LESSON)
    months = figures.monthly_trend(2026)
    assert len(months) == 12
    assert (months[0].views, months[0].inspiring_views, months[0].news_views) == (
        15,
        15,
        15,
    )
    assert (months[2].views, months[2].inspiring_views, months[2].news_views) == (
        7,
        0,
        0,
    )
    assert months[2].label == "mrt"
    chart = trend_chart(months, 100_000 / 12)
    assert len(chart["bars"]) == 12
    assert chart["bars"][0].height > chart["bars"][2].height == 0


def test_news_views_are_split_by_audience():
    row(date(2026, 2, 1), "page:1", 100, page=None, audience=Audience.LIBRARIES)
    row(date(2026, 2, 2), "page:1", 50, audience=Audience.LIBRARIES)
    row(date(2026, 2, 1), "page:3", 40, audience=Audience.PERFORMING_ARTS)
    row(
        date(2026, 2, 1), "page:4", 9, kind=PageKind.COURSE, audience=Audience.LIBRARIES
    )
    by_audience = {r["audience"]: r for r in figures.news_views_by_audience(2026)}
    assert by_audience["bibliotheken"]["views"] == 150
    assert by_audience["bibliotheken"]["visitors"] == 75
    assert by_audience["podiumhuizen"]["views"] == 40
    assert by_audience["beide"]["views"] == 0


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def test_registered_users_are_new_returning_or_inactive_from_their_accounts(
    home_page,
):
    UserFactory(date_joined=_at(date(2026, 2, 1)), last_login=_at(date(2026, 2, 1)))
    UserFactory(date_joined=_at(date(2024, 5, 1)), last_login=_at(date(2026, 4, 1)))
    UserFactory(date_joined=_at(date(2024, 5, 1)), last_login=_at(date(2025, 4, 1)))
    learner = UserFactory(date_joined=_at(date(2023, 1, 1)), last_login=None)
    UserFactory(date_joined=_at(date(2027, 1, 2)))  # after the period
    UserFactory(date_joined=_at(date(2020, 1, 2)), is_active=False)
    service_page = ServicePageFactory(parent=home_page)
    course = CoursePageFactory(parent=service_page)
    lesson = LessonPageFactory(parent=course)
    LastVisit.objects.create(
        user=learner, course=course, page=lesson, visited_at=_at(date(2026, 9, 9))
    )

    users = figures.registered_users(2026)

    assert (users.total, users.at_start) == (4, 3)
    assert (users.new, users.returning, users.inactive) == (1, 2, 1)
    assert users.returning_percent == 50
    assert round(users.growth_percent) == 33


def test_visitor_figures_sum_the_days():
    SiteDay.objects.create(
        day=date(2026, 1, 1),
        page_views=10,
        visitors=4,
        visits=5,
        returning_visitors=1,
        untracked_views=2,
    )
    SiteDay.objects.create(day=date(2026, 1, 2), page_views=20, visitors=6, visits=5,
                           returning_visitors=0)  # fmt: skip
    SiteDay.objects.create(day=date(2025, 1, 2), page_views=999, visitors=999)
    result = figures.visitor_figures(2026)
    assert (result.page_views, result.visitors, result.visits) == (30, 10, 10)
    assert result.returning_same_day_percent == 10
    assert result.pages_per_visit == 3
    assert result.untracked_views == 2


def test_time_on_the_platform_has_an_exact_mean_and_a_bucketed_median():
    # Five visitors: 0 s, 60 s, 600 s (two days) and 1,800 s.
    SiteDay.objects.create(
        day=date(2026, 5, 1),
        is_closed=True,
        timed_visitors=3,
        total_seconds=660,
        duration_histogram={"0": 1, "60": 1, "600": 1},
    )
    SiteDay.objects.create(
        day=date(2026, 5, 2),
        is_closed=True,
        timed_visitors=2,
        total_seconds=2400,
        duration_histogram={"600": 1, "1800": 1},
    )
    SiteDay.objects.create(
        day=date(2026, 5, 3),
        is_closed=False,
        timed_visitors=9,
        total_seconds=99999,
        duration_histogram={"9000": 9},
    )
    # fmt: skip
    result = figures.time_on_platform(2026)
    assert result.visitors == 5
    assert result.mean_seconds == 612
    assert result.median_seconds == 607.5
    assert result.mean == "10 min 12 s"


def test_content_per_service_counts_live_courses_lessons_and_topics(home_page):
    wise = ServiceFactory(name="Wise", slug="wise")
    podium = ServiceFactory(name="Digitaal Podium", slug="digitaal-podium")
    wise_page = ServicePageFactory(parent=home_page, service=wise)
    ServicePageFactory(parent=home_page, service=podium)
    for _ in range(2):
        course = CoursePageFactory(parent=wise_page)
        lesson = LessonPageFactory(parent=course)
        TopicPageFactory(parent=lesson)
        TopicPageFactory(parent=lesson)
    draft = CoursePageFactory(parent=wise_page, live=False)
    LessonPageFactory(parent=draft, live=False)

    rows = figures.content_per_service()

    assert [
        (r["service"].name, r["courses"], r["lessons"], r["topics"]) for r in rows
    ] == [("Wise", 2, 2, 4)]


def test_most_read_services_are_ordered_by_the_views_of_their_section():
    wise = ServiceFactory(name="Wise", slug="wise")
    podium = ServiceFactory(name="Digitaal Podium", slug="digitaal-podium",
                            audience=Audience.PERFORMING_ARTS)  # fmt: skip
    row(date(2026, 1, 1), "page:1", 300, service=wise, kind=PageKind.LESSON)
    row(date(2026, 1, 1), "page:2", 100, service=wise, kind=PageKind.SERVICE)
    row(date(2026, 1, 1), "page:3", 100, service=podium, kind=PageKind.TOPIC)
    row(date(2026, 1, 1), "page:4", 900)  # no service
    result = figures.most_read_services(2026)
    assert [(r["name"], r["views"], r["learning_views"]) for r in result] == [
        ("Wise", 400, 300),
        ("Digitaal Podium", 100, 100),
    ]
    assert result[0]["share"] == 80
