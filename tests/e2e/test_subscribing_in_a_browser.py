import re

import pytest

from newsletters.models import Subscription
from tests.newsletters.factories import NewsletterListFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsletter_lists(db):
    return [
        NewsletterListFactory(
            name="Connected", slug="connected", kind="connected", sort_order=1,
            description="Inspiratie voor jouw werkveld, elke tien dagen.",
        ),
        NewsletterListFactory(
            name="Nieuwsbrief Bibliotheeksysteem Wise", slug="wise", sort_order=2,
            description="Nieuwe versies, wijzigingen en tips voor wie met Wise werkt.",
        ),
        NewsletterListFactory(
            name="Nieuwsbrief E-boeken", slug="e-boeken", sort_order=3,
            description="Nieuwe titels, leenregels en promotie voor e-boeken.",
        ),
    ]  # fmt: skip


def confirm_path(message) -> str:
    return re.search(r"http://testserver(/\S+/bevestigen/\S+)", message.body).group(1)


def test_subscribing_confirming_and_changing_preferences_in_a_browser(
    live_server, newsletter_lists, browser_page, screenshot, mailoutbox
):
    page = browser_page
    page.goto(live_server.url + "/nieuwsbrieven/")
    assert page.locator("html").get_attribute("lang").startswith("nl")
    page.get_by_label("E-mailadres").fill("an.peeters@example.org")
    page.get_by_label("Nieuwsbrief Bibliotheeksysteem Wise").check()
    page.get_by_label("Connected").check()
    page.get_by_label("Bibliotheek", exact=True).check()
    page.get_by_label("Naam (niet verplicht)").fill("An Peeters")
    screenshot(page, "nieuwsbrieven-inschrijven")
    page.get_by_role("button", name="Inschrijven").click()
    page.wait_for_url("**/nieuwsbrieven/aangevraagd/")
    assert "Kijk in je mailbox" in page.locator("h1").inner_text()
    screenshot(page, "nieuwsbrieven-aangevraagd")

    (message,) = mailoutbox
    page.goto(live_server.url + confirm_path(message))
    assert Subscription.objects.filter(status="wacht").count() == 2
    screenshot(page, "nieuwsbrieven-bevestigen")
    page.get_by_role("button", name="Ja, ik bevestig mijn inschrijving").click()
    page.wait_for_selector("text=Inschrijving bevestigd")
    assert Subscription.objects.deliverable().count() == 2
    screenshot(page, "nieuwsbrieven-bevestigd")

    page.get_by_role("link", name="Mijn voorkeuren").click()
    page.get_by_label("Nieuwsbrief E-boeken").check()
    page.get_by_label("Connected").uncheck()
    page.get_by_role("button", name="Voorkeuren bewaren").click()
    status = page.locator(".messages").inner_text()
    assert "Ingeschreven voor: Nieuwsbrief E-boeken." in status
    assert "Afgemeld voor: Connected." in status
    screenshot(page, "nieuwsbrieven-voorkeuren")
    assert set(
        Subscription.objects.deliverable().values_list("newsletter__slug", flat=True)
    ) == {"wise", "e-boeken"}


def test_the_sign_up_form_reads_well_on_a_phone(
    live_server, newsletter_lists, browser_page, screenshot
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/nieuwsbrieven/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    honeypot = page.locator("input[name=website]").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # off screen, out of the way
    screenshot(page, "nieuwsbrieven-inschrijven-mobiel")
