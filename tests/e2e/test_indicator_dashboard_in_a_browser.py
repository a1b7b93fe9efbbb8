"""The indicator dashboard with the demo's year of sends, in a real browser."""

import pytest

from django.test import Client

from demo.loaders.newsletter_issues import load_newsletter_issues
from demo.loaders.services import load_services
from demo.loaders.subscribers import load_subscribers
from demo.scales import SCALES
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_dashboard_tells_the_story_of_the_demo_year(
    live_server, home_page, browser_page, screenshot
):
    load_services()
    load_subscribers(SCALES["seed"])
    load_newsletter_issues(home_page)
    editor = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(editor)
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]  # fmt: skip
    )
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + "/admin/nieuwsbrieven/indicatoren/")
    assert "Indicatoren 2022" in page.locator("h1").inner_text()
    tiles = page.locator(".nl-ind__tile")
    assert tiles.count() == 6
    # The seed year as reported: the library newsletter reaches all three
    # targets, the culture-centre newsletter misses its click rate.
    statuses = page.locator(".nl-ind__status").all_inner_texts()
    assert any("Doel gehaald" in text for text in statuses)
    assert any("Doel niet gehaald" in text for text in statuses)  # culture clicks
    assert page.locator("svg.nl-chart").count() == 6
    # Per target: human and raw lines for opens and clicks, and subscribers.
    assert page.locator("svg.nl-chart polyline").count() == 10
    report = page.locator("table.nl-ind__table").first.inner_text()
    assert "Connected" in report and "Beleid en andere" in report
    assert "Nieuwsbrief Bibliotheeksysteem Wise" in report
    assert "Apple Mail Privacy Protection" in page.content()
    # The admin scrolls inside its own frame: a tall window shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 4600})
    screenshot(page, "indicatoren-dashboard")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename == "nieuwsbrieven-jaarrapport-2022.xlsx"
    page.goto("about:blank")
