"""A learner signs up, follows a course and picks it up again on another device."""

import re

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from wagtail.models import PageViewRestriction

from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import ServiceFactory, ServicePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "lotte@example.org"
PASSWORD = "een-sterk-wachtwoord-42"
SECRET = "Verslag voor deelnemers"


@pytest.fixture
def course_site(home_page):
    wise = ServicePageFactory(
        parent=home_page,
        service=ServiceFactory(name="Bibliotheeksysteem Wise", slug="wise"),
    )
    course = CoursePageFactory(
        parent=wise, title="IBL met Wise (nieuw)", slug="ibl-met-wise-nieuw"
    )
    practice = LessonPageFactory(
        parent=course, title="Het vernieuwde IBL in de praktijk", slug="praktijk"
    )
    TopicPageFactory(parent=practice, title="Juni 2022", slug="juni-2022")
    TopicPageFactory(
        parent=practice, title="Een aanvraag goedkeuren", slug="goedkeuren"
    )
    LessonPageFactory(parent=course, title="Kosten en facturen", slug="kosten")

    connect = CoursePageFactory(parent=wise, title="Connect & co. 2022", slug="connect")
    material = LessonPageFactory(parent=connect, title=SECRET, slug="verslag")
    restriction = PageViewRestriction.objects.create(
        page=material, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Deelnemers Connect & co. 2022"))
    call_command("update_index", verbosity=0)
    return course


def progress(page) -> int:
    return int(page.locator("[data-progress-bar]").first.get_attribute("value"))


def log_in(page, base_url):
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def test_a_new_learner_follows_a_course_and_resumes_it_on_a_fresh_browser(
    live_server, course_site, browser_page, screenshot
):
    page = browser_page
    base = live_server.url

    page.goto(base + "/accounts/signup/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_organisation", "Bibliotheek Brugge")
    page.select_option("#id_werkveld", "bibliotheek")
    page.locator("#id_password2").press("Enter")
    page.wait_for_load_state()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    page.goto(
        base + "/accounts/confirm-email/" + link.group(0).split("/confirm-email/")[1]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(base + "/wise/ibl-met-wise-nieuw/")
    assert progress(page) == 0
    page.get_by_role("link", name="Begin de cursus").click()
    page.wait_for_url("**/praktijk/")
    screenshot(page, "learning-lesson")

    page.get_by_role("button", name="Afgerond, ga verder").click()
    page.wait_for_url("**/praktijk/juni-2022/")
    assert progress(page) == 25
    page.get_by_role("button", name="Afgerond, ga verder").click()
    page.wait_for_url("**/praktijk/goedkeuren/")
    assert progress(page) == 50
    assert (
        page.locator("[data-progress-text]")
        .first.inner_text()
        .startswith("2 van 4 stappen afgerond")
    )
    screenshot(page, "learning-topic-progress")

    fresh = page.context.browser.new_context(locale="en-GB")
    other_device = fresh.new_page()
    log_in(other_device, base)
    other_device.goto(base + "/mijn-leertraject/")
    other_device.locator("[data-resume-link]").click()
    other_device.wait_for_load_state()
    assert other_device.url == base + "/wise/ibl-met-wise-nieuw/praktijk/goedkeuren/"
    assert progress(other_device) == 50
    screenshot(other_device, "learning-resumed")
    fresh.close()


def test_an_anonymous_visitor_is_sent_to_login_and_finds_no_restricted_text(
    live_server, course_site, browser_page
):
    page = browser_page
    base = live_server.url

    page.goto(base + "/wise/connect/verslag/")
    assert "/accounts/login/" in page.url

    for url in ("/wise/", "/wise/connect/", "/sitemap.xml", "/zoeken/?q=verslag"):
        page.goto(base + url)
        assert SECRET not in page.content(), url
