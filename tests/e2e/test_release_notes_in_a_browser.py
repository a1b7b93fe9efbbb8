"""In a browser: the known-bugs filters, and the red banner reaching cached pages."""

import datetime

import pytest

from django.utils import timezone

from release_notes.choices import BannerSeverity, BugImpact, BugStatus
from tests.factories import ServicePageFactory
from tests.release_notes.factories import (
    BannerFactory,
    KnownBugFactory,
    SoftwareProductFactory,
)

# serialized_rollback restores the home page and site that the migrations created.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def products(home_page):
    wise = SoftwareProductFactory(name="Bibliotheeksysteem Wise", slug="wise")
    websites = SoftwareProductFactory(
        name="Bibliotheekwebsites", slug="bibliotheekwebsites"
    )
    ServicePageFactory(parent=home_page, service=wise)
    return {"wise": wise, "websites": websites}


def test_a_librarian_filters_the_known_bugs_before_filing_a_ticket(
    live_server, products, browser_page, screenshot
):
    wise, websites = products["wise"], products["websites"]
    KnownBugFactory(
        service=wise,
        title="Kassabon toont het verkeerde filiaal",
        impact=BugImpact.MOST,
        status=BugStatus.WORKAROUND,
        workaround="<p>Druk de bon af vanuit het lenersscherm.</p>",
    )
    KnownBugFactory(service=wise, title="eID niet gelezen", status=BugStatus.SOLVED)
    KnownBugFactory(service=websites, title="Zoekbalk verdwijnt op smartphones")
    page = browser_page

    page.goto(live_server.url + "/gekende-bugs/")
    assert page.locator(".bug__title").all_inner_texts() == [
        "Kassabon toont het verkeerde filiaal",
        "Zoekbalk verdwijnt op smartphones",
        "eID niet gelezen",
    ]

    page.get_by_label("Product").select_option(label="Bibliotheeksysteem Wise")
    page.get_by_label("Status").select_option(label="Alle open bugs")
    page.get_by_role("button", name="Toon bugs").click()
    page.wait_for_url("**/gekende-bugs/?product=wise&status=open*")

    assert page.locator(".bug__title").all_inner_texts() == [
        "Kassabon toont het verkeerde filiaal"
    ]
    assert page.get_by_text("Druk de bon af vanuit het lenersscherm.").is_visible()
    assert page.get_by_role("status").inner_text().startswith("1 gekende bug")
    screenshot(page, "known-bugs-filtered")

    page.get_by_role("link", name="Filters wissen").click()
    page.wait_for_url("**/gekende-bugs/")
    assert page.locator(".bug__title").count() == 3


def test_a_red_banner_reaches_a_cached_home_page_and_leaves_it_when_it_ends(
    live_server, products, browser_page, screenshot
):
    page = browser_page
    home = live_server.url + "/"
    served = {"html": page.request.get(home).text()}
    assert "site-banner--storing" not in served["html"]
    # A front cache answers the home page with the copy it made before the outage.
    page.route(
        home,
        lambda route: route.fulfill(
            status=200, content_type="text/html", body=served["html"]
        ),
    )

    banner = BannerFactory(
        severity=BannerSeverity.OUTAGE,
        service=products["wise"],
        message="Wise is niet bereikbaar. We werken aan een oplossing.",
        ends_at=None,
    )
    page.goto(home)

    red = page.locator(".site-banner--storing")
    red.wait_for(state="visible", timeout=5000)
    assert "Wise is niet bereikbaar" in red.inner_text()
    assert page.get_by_role("alert").count() == 1
    screenshot(page, "home-red-banner")

    served["html"] = page.request.get(home).text()
    assert "site-banner--storing" in served["html"]
    banner.ends_at = timezone.now() - datetime.timedelta(seconds=1)
    banner.save()
    page.goto(home)

    red.wait_for(state="detached", timeout=5000)
    assert page.locator(".site-banner").count() == 0
