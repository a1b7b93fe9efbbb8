"""Restricted areas: only their group sees them, anywhere on the site."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction

from courses.models import TopicPage
from courses.visibility import hidden_condition, hidden_page_ids
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import UserFactory

SECRET = "Cohortedocumentatie"


@pytest.fixture
def cohort(db):
    return Group.objects.create(name="Cohorte Digitaal Leiderschap 2022-2023")


@pytest.fixture
def cohort_area(ibl_course, cohort):
    """A restricted lesson with a topic inside a public course."""
    lesson = LessonPageFactory(
        parent=ibl_course, title=f"{SECRET} module 1", slug="cohorte"
    )
    TopicPageFactory(parent=lesson, title=f"{SECRET} opname", slug="opname")
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(cohort)
    call_command("update_index", verbosity=0)
    return lesson


def test_anonymous_visitors_are_sent_to_the_login_for_a_restricted_page(
    client, cohort_area
):
    response = client.get("/wise/ibl-met-wise-nieuw/cohorte/opname/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_restricted_pages_appear_nowhere_for_anonymous_visitors(client, cohort_area):
    pages = [
        "/wise/",
        "/wise/ibl-met-wise-nieuw/",
        "/wise/ibl-met-wise-nieuw/het-vernieuwde-ibl-in-de-praktijk/juni-2022/",
        "/sitemap.xml",
        "/zoeken/?q=" + SECRET,
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert SECRET not in content.replace(f"q={SECRET}", "").replace(
            f"“{SECRET}”", ""
        ).replace(f'value="{SECRET}"', ""), url
        assert "/cohorte/" not in content, url


def test_signed_in_people_outside_the_group_do_not_see_it_either(client, cohort_area):
    client.force_login(UserFactory())

    assert SECRET not in client.get("/wise/ibl-met-wise-nieuw/").content.decode()
    assert client.get("/wise/ibl-met-wise-nieuw/cohorte/").status_code == 302
    search = client.get("/zoeken/", {"q": "opname"}).content.decode()
    assert "/cohorte/" not in search


def test_members_of_the_group_see_it_in_the_course_the_inhoudstafel_and_search(
    client, cohort_area, cohort
):
    member = UserFactory()
    member.groups.add(cohort)
    client.force_login(member)

    assert (
        f"{SECRET} module 1" in client.get("/wise/ibl-met-wise-nieuw/").content.decode()
    )
    assert f"{SECRET} module 1" in client.get("/wise/").content.decode()
    assert client.get("/wise/ibl-met-wise-nieuw/cohorte/opname/").status_code == 200
    search = client.get("/zoeken/", {"q": "opname"}).content.decode()
    assert "/wise/ibl-met-wise-nieuw/cohorte/opname/" in search


def test_a_public_item_inside_a_restricted_programme_stays_public(
    client, home_page, wise_page, cohort
):
    course = CoursePageFactory(parent=wise_page, slug="leiderschap")
    module = LessonPageFactory(parent=course, slug="module-1", title="Module 1")
    closed = TopicPageFactory(parent=module, slug="documentatie", title="Documentatie")
    TopicPageFactory(parent=module, slug="praktijksessie", title="Open praktijksessie")
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(cohort)

    content = client.get("/wise/leiderschap/").content.decode()

    assert "Open praktijksessie" in content
    assert "Documentatie" not in content
    assert client.get("/wise/leiderschap/module-1/praktijksessie/").status_code == 200


def test_restricted_steps_do_not_count_towards_progress_of_outsiders(
    client, cohort_area
):
    client.force_login(UserFactory())

    content = client.get("/wise/ibl-met-wise-nieuw/").content.decode()

    assert "0 van 5 stappen afgerond" in content
    assert TopicPage.objects.count() == 4


def test_a_restricted_step_cannot_be_marked_complete_by_outsiders(client, cohort_area):
    client.force_login(UserFactory())

    response = client.post(f"/mijn-leertraject/afronden/{cohort_area.pk}/")

    assert response.status_code == 404


def _visitor(user=None, passed=()):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = {PageViewRestriction.passed_view_restrictions_session_key: passed}
    return request


def _slugs(pages) -> set[str]:
    return set(pages.values_list("slug", flat=True))


def test_search_hides_the_same_pages_as_the_listings_for_every_kind_of_visitor(
    ibl_course, cohort_area, cohort
):
    secret = CoursePageFactory(parent=ibl_course.get_parent(), slug="wachtwoord")
    LessonPageFactory(parent=secret, slug="binnen")
    password = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    member = UserFactory()
    member.groups.add(cohort)
    visitors = {
        "anonymous": _visitor(),
        "signed in": _visitor(UserFactory()),
        "in the cohort": _visitor(member),
        "superuser": _visitor(UserFactory(is_superuser=True)),
        "knows the password": _visitor(passed=[password.pk]),
        "no request": None,
    }

    hidden = {
        who: _slugs(Page.objects.filter(id__in=hidden_page_ids(request)))
        for who, request in visitors.items()
    }

    for who, request in visitors.items():
        assert hidden[who] == _slugs(Page.objects.filter(hidden_condition(request)))
    assert hidden["anonymous"] == {"cohorte", "opname", "wachtwoord", "binnen"}
    assert hidden["in the cohort"] == {"wachtwoord", "binnen"}
    assert hidden["knows the password"] == {"cohorte", "opname"}
    assert hidden["superuser"] == set()


def test_without_any_restriction_search_hides_no_page(ibl_course):
    assert not Page.objects.filter(id__in=hidden_page_ids(_visitor())).exists()
