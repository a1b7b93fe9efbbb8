"""The site's own pages satisfy their strict Content-Security-Policy."""

import pytest

from services.choices import Audience
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
    StandardPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def pages(home_page):
    wise = ServiceFactory(
        name="Bibliotheeksysteem Wise", slug="wise", audience=Audience.LIBRARIES
    )
    ServicePageFactory(parent=home_page, service=wise)
    StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    news = NewsIndexPageFactory(parent=home_page)
    item = NewsPageFactory(parent=news, title="Wise 7.0.3", slug="wise-703")
    item.services.add(wise)
    item.save()
    return [
        "/",
        "/bibliotheken/",
        "/podiumhuizen/",
        "/wise/",
        "/privacy/",
        "/nieuws/",
        "/nieuws/wise-703/",
        "/zoeken/?q=wise",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/bestaat-niet/",
    ]


def test_the_main_pages_cause_no_policy_violation(live_server, pages, browser_page):
    page = browser_page
    page.add_init_script(RECORD_VIOLATIONS)
    console_refusals = []
    page.on(
        "console",
        lambda message: (
            console_refusals.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in pages:
        response = page.goto(live_server.url + path)
        header = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in header, path
        assert "'unsafe-inline'" not in header, path
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    assert console_refusals == []
