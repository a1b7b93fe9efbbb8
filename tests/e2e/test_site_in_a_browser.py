import pytest

from services.choices import Audience
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
)

# serialized_rollback restores the home page and site that the migrations created.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_site(home_page):
    wise = ServiceFactory(
        name="Bibliotheeksysteem Wise",
        slug="wise",
        audience=Audience.LIBRARIES,
        brand_colour="#c8102e",
        is_software_product=True,
    )
    podium = ServiceFactory(
        name="Digitaal Podium",
        slug="digitaal-podium",
        audience=Audience.PERFORMING_ARTS,
        brand_colour="#1d4f91",
    )
    ServicePageFactory(parent=home_page, service=wise)
    ServicePageFactory(parent=home_page, service=podium)
    news = NewsIndexPageFactory(parent=home_page)
    item = NewsPageFactory(parent=news, title="Wise 7.0.3 is in productie")
    item.services.add(wise)
    item.save()
    return home_page


def test_a_visitor_with_an_english_browser_still_gets_dutch_and_finds_a_service(
    live_server, demo_site, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang").startswith("nl")
    screenshot(page, "home-desktop")

    page.get_by_role("link", name="Bibliotheeksysteem Wise").first.click()
    page.wait_for_url("**/wise/")
    assert "Bibliotheeksysteem Wise" in page.locator("h1").inner_text()
    screenshot(page, "service-wise")


def test_the_site_reads_well_on_a_phone(
    live_server, demo_site, browser_page, screenshot
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    screenshot(page, "home-mobile")


def test_the_language_switch_turns_the_site_english(
    live_server, demo_site, browser_page
):
    page = browser_page
    page.goto(live_server.url + "/")
    page.locator("form.language-switch select").select_option("en")
    page.locator("form.language-switch button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
