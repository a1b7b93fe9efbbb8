"""/zoeken/ beyond pages: release notes and known bugs, and “Bedoelde je …?”."""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction

from release_notes.choices import ReleaseStatus
from search.suggestions import did_you_mean
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.factories import ServiceFactory, ServicePageFactory, UserFactory
from tests.release_notes.factories import KnownBugFactory, ReleaseNoteFactory
from tests.release_notes.helpers import publish, system_administrator

pytestmark = pytest.mark.django_db


@pytest.fixture
def wise(home_page):
    service = ServiceFactory(
        name="Bibliotheeksysteem Wise", slug="wise", is_software_product=True
    )
    page = ServicePageFactory(parent=home_page, service=service)
    course = CoursePageFactory(parent=page, title="Reservaties in Wise")
    LessonPageFactory(parent=course, title="Een reservatie annuleren")
    return service


@pytest.fixture
def podium(home_page):
    service = ServiceFactory(
        name="Digitaal Podium",
        slug="digitaal-podium",
        audience="podiumhuizen",
        is_software_product=True,
    )
    ServicePageFactory(parent=home_page, service=service)
    return service


@pytest.fixture
def content(wise, podium):
    public = publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.0.2",
            summary="Op de strook van een reservatie staat nu de afhaalbibliotheek.",
        )
    )
    public.status = ReleaseStatus.PUBLIC
    public.save()
    ahead = publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.1.0",
            share_ahead=True,
            production_date=public.production_date.replace(year=2099),
            summary="Geheime reservatie-aanpassingen voor systeembeheerders.",
        )
    )
    bug = KnownBugFactory(service=wise, title="Reservatie verdwijnt na verlengen")
    KnownBugFactory(service=podium, title="Reservatie van tickets hapert")
    KnownBugFactory(service=wise, title="Ongepubliceerde reservatiefout", live=False)
    call_command("update_index", verbosity=0)
    return {"public": public, "ahead": ahead, "bug": bug}


def search(client, **params):
    return client.get("/zoeken/", params).content.decode()


def test_release_notes_and_known_bugs_are_found_beside_the_pages(client, content):
    html = search(client, q="reservatie")

    assert "Een reservatie annuleren" in html  # a page
    assert "Ook gevonden: 1 release note" in html
    assert content["public"].get_absolute_url() in html
    assert "Ook gevonden: 2 gekende bugs" in html
    assert content["bug"].get_absolute_url() in html
    assert "Release note (1)" in html and "Gekende bug (2)" in html


def test_choosing_a_snippet_type_lists_only_those(client, content):
    html = search(client, q="reservatie", type="gekende-bug")

    assert "2 resultaten" in html
    assert "Reservatie verdwijnt na verlengen" in html
    assert "Een reservatie annuleren" not in html
    assert "Ongepubliceerde" not in html


def test_service_and_audience_filters_count_release_notes_and_bugs(client, content):
    html = search(client, q="reservatie", type="gekende-bug", dienst="digitaal-podium")
    assert "1 resultaat" in html and "Reservatie van tickets hapert" in html

    html = search(client, q="reservatie", type="gekende-bug", doelgroep="bibliotheken")
    assert "1 resultaat" in html and "Reservatie verdwijnt na verlengen" in html


def test_a_pre_release_is_found_only_by_those_who_may_read_it(client, content):
    assert "7.1.0" not in search(client, q="geheime")

    member = UserFactory()
    client.force_login(member)
    assert "7.1.0" not in search(client, q="geheime")

    client.force_login(system_administrator(UserFactory()))
    assert "7.1.0" in search(client, q="geheime", type="release-note")


def test_a_misspelt_search_suggests_the_word_it_probably_meant(client, content):
    html = search(client, q="resrevatie annulern")

    assert "Bedoelde je" in html
    assert "reservatie annuleren" in html
    assert did_you_mean("reservatie") is None  # nothing to correct


def test_suggestions_never_come_from_restricted_pages(client, wise, home_page):
    course = CoursePageFactory(
        parent=wise.landing_page, title="Leiderschapstraject cohorte"
    )
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Cohorte 2026"))
    call_command("update_index", verbosity=0)

    html = search(client, q="leiderschapstrajekt")

    assert "Leiderschapstraject" not in html
    assert did_you_mean("leiderschapstrajekt") is None
