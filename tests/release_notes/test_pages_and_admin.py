"""Release-note pages, the service section, stale lessons and the admin's checks."""

import datetime
import json

import pytest

from django.urls import reverse
from django.utils import timezone

from release_notes.choices import BugStatus, ItemKind, ReleaseKind, ReleaseStatus
from release_notes.models import Banner, KnownBug, ReleaseNote
from release_notes.staleness import changes_for_page, pages_to_review
from tests.factories import ServicePageFactory, StandardPageFactory, UserFactory
from tests.release_notes.factories import (
    BannerFactory,
    KnownBugFactory,
    ReleaseNoteFactory,
    ReleaseNoteItemFactory,
    SoftwareProductFactory,
    WeeklyReleaseNoteFactory,
)
from tests.release_notes.helpers import publish

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def wise():
    return SoftwareProductFactory(name="Bibliotheeksysteem Wise", slug="wise")


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def _days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def test_the_latest_page_always_shows_the_newest_public_release(client, wise):
    publish(
        ReleaseNoteFactory(service=wise, version="7.0.2", production_date=_days_ago(90))
    )
    newest = publish(
        WeeklyReleaseNoteFactory(
            service=wise, version="2022.46", production_date=_days_ago(1)
        )
    )
    publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.0.3",
            production_date=TODAY + datetime.timedelta(days=5),
            share_ahead=True,
        )
    )

    response = client.get("/release-notes/wise/laatste/")

    assert ReleaseNote.objects.latest_for(wise) == newest
    assert response.context["note"] == newest
    assert "Laatste release: 2022.46" in response.text
    assert f'<link rel="canonical" href="{newest.get_absolute_url()}">' in response.text


def test_a_release_note_shows_its_items_grouped_as_new_improved_and_fixed(client, wise):
    note = ReleaseNoteFactory(service=wise, version="7.0.3", production_date=TODAY)
    lesson = StandardPageFactory(
        parent=ServicePageFactory(service=wise), title="Reserveren"
    )
    ReleaseNoteItemFactory(
        release_note=note,
        kind=ItemKind.FIXED,
        text="De kassabon toont weer het juiste filiaal.",
        ticket="HKA-4711",
    )
    ReleaseNoteItemFactory(
        release_note=note,
        kind=ItemKind.NEW,
        text="De 'tot'-datum op de reservatiestrook.",
        lesson=lesson,
    )
    publish(note)

    text = client.get("/release-notes/wise/7.0.3/").text

    assert text.index("Nieuw") < text.index("Opgelost")
    assert "Ticket HKA-4711" in text
    assert "Les: Reserveren" in text


def test_the_history_lists_releases_newest_first_and_filters_by_kind(client, wise):
    publish(
        ReleaseNoteFactory(
            service=wise, version="7.0.1", production_date=_days_ago(200)
        )
    )
    publish(
        ReleaseNoteFactory(
            service=wise, version="7.0.2", production_date=_days_ago(100)
        )
    )
    publish(
        WeeklyReleaseNoteFactory(
            service=wise, version="2022.40", production_date=_days_ago(10)
        )
    )

    everything = client.get("/release-notes/wise/").context["notes_page"]
    majors = client.get("/release-notes/wise/?soort=versie").context["notes_page"]

    assert [note.version for note in everything] == ["2022.40", "7.0.2", "7.0.1"]
    assert [note.version for note in majors] == ["7.0.2", "7.0.1"]


def test_release_notes_of_a_service_that_is_not_software_are_not_found(client):
    SoftwareProductFactory(slug="fundels", is_software_product=False)

    assert client.get("/release-notes/fundels/").status_code == 404


def test_a_service_page_shows_the_latest_release_and_the_open_bugs(
    client, home_page, wise
):
    page = ServicePageFactory(parent=home_page, service=wise)
    publish(ReleaseNoteFactory(service=wise, version="7.0.3", production_date=TODAY))
    KnownBugFactory(service=wise, title="Kassabon verkeerd")
    KnownBugFactory(service=wise, title="Al opgelost", status=BugStatus.SOLVED)

    text = client.get(page.url).text

    assert "Releases en gekende bugs" in text
    assert "Release 7.0.3" in text
    assert "1 open gekende bug" in text
    assert "Kassabon verkeerd" in text
    assert "Al opgelost" not in text


def test_a_service_that_is_not_software_gets_no_release_section(client, home_page):
    page = ServicePageFactory(parent=home_page, service__is_software_product=False)

    assert "Releases en gekende bugs" not in client.get(page.url).text


def test_a_lesson_linked_by_a_public_release_is_flagged_and_to_be_reviewed(wise):
    lesson = StandardPageFactory(parent=ServicePageFactory(service=wise))
    note = ReleaseNoteFactory(service=wise, production_date=TODAY)
    ReleaseNoteItemFactory(release_note=note, lesson=lesson)
    upcoming = ReleaseNoteFactory(
        service=wise, production_date=TODAY + datetime.timedelta(days=20)
    )
    ReleaseNoteItemFactory(release_note=upcoming, lesson=lesson)

    assert list(changes_for_page(lesson)) == []
    publish(note)
    publish(upcoming)

    assert list(changes_for_page(lesson)) == [note]
    assert list(pages_to_review()) == [lesson.page_ptr]


def test_editors_find_the_lessons_to_review_in_the_reports(client, editor, wise):
    lesson = StandardPageFactory(
        parent=ServicePageFactory(service=wise), title="Een reservatie plaatsen"
    )
    note = ReleaseNoteFactory(service=wise, version="7.0.3", production_date=TODAY)
    ReleaseNoteItemFactory(release_note=note, lesson=lesson, text="Nieuwe strook")
    publish(note)

    response = client.get(reverse("release_notes_lessons_to_review"))

    assert response.status_code == 200
    assert "Een reservatie plaatsen" in response.text
    assert "Nieuwe strook" in response.text


def _release_note_form(service, **values):
    data = {
        "service": service.pk,
        "version": "7.0.4",
        "kind": ReleaseKind.MAJOR,
        "component": "",
        "production_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "summary": "",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    data.update(values)
    return data


def test_a_bad_version_string_is_a_clear_error_in_the_admin(client, editor, wise):
    url = reverse("wagtailsnippets_release_notes_releasenote:add")

    bad = client.post(url, _release_note_form(wise, version="7.0.x"))
    wrong_kind = client.post(
        url, _release_note_form(wise, version="7.0.4", kind=ReleaseKind.WEEKLY)
    )

    assert bad.status_code == 200
    assert "&#x27;7.0.x&#x27; is geen geldig versienummer" in bad.text
    assert "buildnummer als jaar.week" in wrong_kind.text
    assert not ReleaseNote.objects.exists()


def test_publishing_a_pre_release_late_warns_the_editor(client, editor, wise):
    url = reverse("wagtailsnippets_release_notes_releasenote:add")
    data = _release_note_form(
        wise,
        share_ahead="on",
        production_date=(TODAY + datetime.timedelta(days=5)).isoformat(),
    )
    data["action-publish"] = "action-publish"

    response = client.post(url, data, follow=True)

    note = ReleaseNote.objects.get()
    assert note.live
    assert note.status == ReleaseStatus.PRE_RELEASE
    assert "maar 5 dag(en) voor de productiedatum" in response.text


def test_an_end_before_the_start_is_a_clear_error_in_the_admin(client, editor):
    response = client.post(
        reverse("wagtailsnippets_release_notes_banner:add"),
        {
            "severity": "onderhoud",
            "message": "Onderhoud aan Wise",
            "starts_at": "2022-11-20 09:00",
            "ends_at": "2022-11-20 07:00",
        },
    )

    assert "Het einde moet na het begin liggen." in response.text
    assert not Banner.objects.exists()


def _draftail(text: str) -> str:
    """A rich-text field's value as the admin's editor posts it."""
    block = {
        "key": "a",
        "type": "unstyled",
        "text": text,
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block] if text else [], "entityMap": {}})


def test_a_past_fix_date_for_an_open_bug_is_a_clear_error_in_the_admin(
    client, editor, wise
):
    response = client.post(
        reverse("wagtailsnippets_release_notes_knownbug:add"),
        {
            "service": wise.pk,
            "title": "Verlengen mislukt",
            "symptoms": _draftail("Er verschijnt een foutmelding."),
            "impact": "enkele",
            "status": "onderzocht",
            "workaround": _draftail(""),
            "reported_on": _days_ago(10).isoformat(),
            "planned_fix_date": _days_ago(1).isoformat(),
            "planned_release": "",
            "ticket": "",
        },
    )

    assert "Deze datum ligt in het verleden" in response.text
    assert not KnownBug.objects.exists()


def test_editors_see_the_history_of_a_bug(client, editor):
    bug = KnownBugFactory(live=False)
    publish(bug, user=editor)
    bug.status = BugStatus.SOLVED
    publish(bug, user=editor)

    response = client.get(
        reverse("wagtailsnippets_release_notes_knownbug:history", args=[bug.pk])
    )

    assert response.status_code == 200
    assert response.text.count("Published") + response.text.count("Gepubliceerd") >= 2


@pytest.mark.parametrize("model", ["releasenote", "knownbug", "banner"])
def test_the_admin_listings_and_forms_open_for_editors(client, editor, model):
    publish(ReleaseNoteFactory())
    KnownBugFactory()
    BannerFactory()

    for view in ("list", "add"):
        url = reverse(f"wagtailsnippets_release_notes_{model}:{view}")
        assert client.get(url).status_code == 200, view


def test_an_editor_previews_a_release_note_with_its_items(client, editor, wise):
    note = ReleaseNoteFactory(service=wise, version="7.0.5")
    ReleaseNoteItemFactory(release_note=note, text="Een nieuwe balie-indeling.")
    url = reverse(
        "wagtailsnippets_release_notes_releasenote:preview_on_edit", args=[note.pk]
    )
    data = _release_note_form(wise, version="7.0.5")
    data.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-0-id": "",
            "items-0-ORDER": "1",
            "items-0-DELETE": "",
            "items-0-kind": ItemKind.NEW,
            "items-0-text": "Een nieuwe balie-indeling.",
            "items-0-ticket": "",
        }
    )

    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)

    assert response.status_code == 200
    assert "Release 7.0.5" in response.text
    assert "Een nieuwe balie-indeling." in response.text
