"""The website indicators in a real browser: the beacon counts a page that is shown,
and the admin page tells the demo year's story."""

import pytest

from django.conf import settings
from django.test import Client
from django.utils import timezone

from analytics.flushing import flush_buffer
from analytics.models import PageViewDay
from demo.loaders.analytics import load_analytics
from services.choices import Audience
from tests.analytics.conftest import (
    BROWSER_AGENT,
    analytics_redis,  # noqa: F401 (fixture)
)
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
    UserFactory,
)
from tests.processes import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SERVICES = [
    ("Bibliotheeksysteem Wise", "wise", Audience.LIBRARIES, 5),
    ("Bibliotheekwebsites", "bibliotheekwebsites", Audience.LIBRARIES, 3),
    ("Wise Analytics", "wise-analytics", Audience.LIBRARIES, 2),
    ("Digitaal Podium", "digitaal-podium", Audience.PERFORMING_ARTS, 2),
    ("Voor De Show", "voor-de-show", Audience.PERFORMING_ARTS, 1),
]


@pytest.fixture
def site(home_page):
    for name, slug, audience, courses in SERVICES:
        service = ServiceFactory(name=name, slug=slug, audience=audience)
        landing = ServicePageFactory(parent=home_page, service=service)
        for _ in range(courses):
            course = CoursePageFactory(parent=landing, audience=audience)
            for _ in range(4):
                lesson = LessonPageFactory(parent=course)
                TopicPageFactory(parent=lesson)
    index = NewsIndexPageFactory(parent=home_page)
    items = [
        NewsPageFactory(
            parent=index,
            title=f"Inspiratie {number}: zo doet Bibliotheek {town} het",
            is_inspiring=number % 5 != 0,
            audience=[Audience.LIBRARIES, Audience.PERFORMING_ARTS, Audience.BOTH][
                number % 3
            ],
        )
        for number, town in enumerate(
            ["Gent", "Hasselt", "Brugge", "Leuven", "Kortrijk", "Mechelen", "Genk",
             "Aalst", "Roeselare", "Lier", "Geel", "Tielt"]
        )
    ]  # fmt: skip
    return items


def _signed_in(browser_page, live_server, user):
    client = Client()
    client.force_login(user)
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return browser_page


def test_the_indicators_page_tells_the_story_of_the_demo_year(
    live_server, site, browser_page, screenshot
):
    load_analytics(today=timezone.localdate())
    editor = UserFactory(email="redacteur@example.org", is_superuser=True)
    page = _signed_in(browser_page, live_server, editor)

    page.goto(live_server.url + "/admin/website-indicatoren/")
    page.wait_for_load_state("networkidle")

    assert page.locator("h1").inner_text().strip() == "Website-indicatoren"
    counter = page.locator(".wi-counter")
    assert "van 100.000" in counter.inner_text()
    assert page.locator(".wi-chart .wi-chart__bar").count() == 12
    assert page.locator(".wi-badge").first.inner_text().strip().lower() in (
        "groen",
        "oranje",
    )
    users = page.locator("#wi-users-title + table").inner_text()
    assert "4.519" in users  # 4,518 demo learners and this editor
    assert page.locator("#wi-services-title + table tbody tr").count() == 5
    # The admin scrolls inside its own layout: a tall window shows the whole page.
    page.set_viewport_size({"width": 1280, "height": 2900})
    page.wait_for_load_state("networkidle")
    screenshot(page, "website-indicatoren")


def test_a_shown_page_is_counted_by_its_beacon_without_a_cookie(
    live_server,
    site,
    browser_page,
    analytics_redis,  # noqa: F811
):
    context = browser_page.context.browser.new_context(user_agent=BROWSER_AGENT)
    page = context.new_page()
    item = site[1]

    page.goto(live_server.url + item.url)
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/zoeken/?q=wise")
    page.wait_for_load_state("networkidle")

    def counted():
        flush_buffer()
        return PageViewDay.objects.count() == 2

    assert wait_until(counted, seconds=20)
    news = PageViewDay.objects.get(page=item)
    assert (news.views, news.visitors, news.is_inspiring) == (1, 1, True)
    assert PageViewDay.objects.get(target="view:search").views == 1
    assert [c["name"] for c in context.cookies()] in ([], ["csrftoken"])
    # Leaving sends the last "leave" beacon: let it arrive before the test ends.
    page.goto("about:blank")
    page.wait_for_timeout(500)
    context.close()
