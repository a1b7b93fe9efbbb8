"""axe-core in Chromium: the main pages have no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command

from services.choices import Audience
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
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def pages(home_page):
    wise = ServicePageFactory(
        parent=home_page,
        service=ServiceFactory(
            name="Bibliotheeksysteem Wise",
            slug="wise",
            audience=Audience.LIBRARIES,
            brand_colour="#c8102e",
            is_software_product=True,
        ),
    )
    course = CoursePageFactory(parent=wise, title="IBL met Wise", slug="ibl")
    lesson = LessonPageFactory(parent=course, title="Het nieuwe IBL", slug="praktijk")
    TopicPageFactory(parent=lesson, title="Juni 2022", slug="juni-2022")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Wise 7.0.3 is in productie", slug="wise-703")
    call_command("update_index", verbosity=0)
    return {
        "home": "/",
        "service": "/wise/",
        "course": "/wise/ibl/",
        "lesson": "/wise/ibl/praktijk/",
        "topic": "/wise/ibl/praktijk/juni-2022/",
        "search": "/zoeken/?q=IBL",
        "news": "/nieuws/",
        "newsletters": "/nieuwsbrieven/",
        "known bugs": "/gekende-bugs/",
        "login": "/accounts/login/",
    }


def test_the_main_pages_have_no_serious_accessibility_violations(
    live_server, pages, browser_page
):
    axe = Axe()
    found = {}
    for name, path in pages.items():
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = axe.run(browser_page).response["violations"]
        blocking = [
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            for violation in violations
            if violation["impact"] in BLOCKING_IMPACTS
        ]
        if blocking:
            found[name] = blocking
    assert found == {}


def test_the_checker_does_report_a_page_with_a_known_violation(browser_page):
    browser_page.set_content('<html lang="nl"><body><img src="x.png"></body></html>')
    violations = Axe().run(browser_page).response["violations"]
    assert "image-alt" in {violation["id"] for violation in violations}
