"""The demo year of website indicators: realistic, and loaded only once."""

from datetime import date

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from analytics import figures
from analytics.models import PageViewDay, SiteDay
from demo.loaders.analytics import load_analytics
from demo.loaders.permissions import NEWSROOM_GROUP
from services.choices import Audience
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture
def site_content(home_page):
    wise = ServiceFactory(name="Bibliotheeksysteem Wise", slug="wise")
    landing = ServicePageFactory(parent=home_page, service=wise)
    course = CoursePageFactory(parent=landing)
    for _ in range(3):
        LessonPageFactory(parent=course)
    index = NewsIndexPageFactory(parent=home_page)
    for number in range(6):
        NewsPageFactory(
            parent=index,
            is_inspiring=number < 4,
            audience=Audience.LIBRARIES if number % 2 else Audience.PERFORMING_ARTS,
        )
    Group.objects.create(name=NEWSROOM_GROUP)


def test_the_demo_year_tells_the_organisations_story(site_content):
    result = load_analytics(today=TODAY)

    assert result.created > 0
    counter = figures.inspiring_counter(2026, today=TODAY)
    assert 88_000 < counter.views < 100_000  # eleven months of the year
    assert 95_000 < counter.projected < 110_000
    assert counter.status == figures.GREEN
    users = figures.registered_users(2026)
    assert users.total == 4_518  # the demo editor, made later, is the 4,519th
    assert round(users.returning_percent) == 85
    assert round(users.new_percent) == 14
    minutes = figures.time_on_platform(2026).mean_seconds / 60
    assert 10 < minutes < 13
    news = {
        row["audience"]: row["views"] for row in figures.news_views_by_audience(2026)
    }
    assert news["bibliotheken"] > news["podiumhuizen"] > 0
    assert figures.most_read_services(2026)[0]["name"] == "Bibliotheeksysteem Wise"
    assert SiteDay.objects.count() == 365
    newsroom = Group.objects.get(name=NEWSROOM_GROUP)
    assert newsroom.permissions.filter(codename="view_indicators").exists()


def test_loading_the_demo_twice_changes_nothing(site_content):
    load_analytics(today=TODAY)
    rows = list(
        PageViewDay.objects.order_by("pk").values_list("target", "day", "views")
    )
    users = get_user_model().objects.count()

    again = load_analytics(today=TODAY)

    assert again.created == 0
    assert (
        list(PageViewDay.objects.order_by("pk").values_list("target", "day", "views"))
        == rows
    )
    assert get_user_model().objects.count() == users
    assert SiteDay.objects.count() == 365
