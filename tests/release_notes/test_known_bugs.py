"""Known bugs: closed by the release that fixes them, validated, filtered, history."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import ModelLogEntry

from release_notes.choices import BugImpact, BugStatus, ItemKind, ReleaseStatus
from release_notes.models import KnownBug
from tests.release_notes.factories import (
    KnownBugFactory,
    ReleaseNoteFactory,
    ReleaseNoteItemFactory,
    SoftwareProductFactory,
)
from tests.release_notes.helpers import publish

pytestmark = pytest.mark.django_db


def test_publishing_a_fixing_release_closes_its_bugs_and_links_them(client):
    bug = publish(
        KnownBugFactory(status=BugStatus.FIX_PLANNED, planned_release="7.0.4")
    )
    other = publish(KnownBugFactory(service=bug.service))
    note = ReleaseNoteFactory(service=bug.service, version="7.0.4")
    ReleaseNoteItemFactory(
        release_note=note,
        kind=ItemKind.FIXED,
        text="De foutmelding bij het verlengen is opgelost.",
        known_bug=bug,
    )

    publish(note)

    bug.refresh_from_db()
    other.refresh_from_db()
    assert note.status == ReleaseStatus.PUBLIC
    assert bug.status == BugStatus.SOLVED
    assert bug.fixed_in == note
    assert other.status == BugStatus.INVESTIGATING
    page = client.get(bug.get_absolute_url()).text
    assert "opgelost in release" in page
    assert note.get_absolute_url() in page


def test_a_bug_fixed_by_a_pre_release_closes_only_when_the_release_goes_public():
    bug = publish(KnownBugFactory())
    note = ReleaseNoteFactory(
        service=bug.service,
        production_date=timezone.localdate() + datetime.timedelta(days=14),
        share_ahead=True,
    )
    ReleaseNoteItemFactory(release_note=note, kind=ItemKind.FIXED, known_bug=bug)

    publish(note)

    bug.refresh_from_db()
    assert note.status == ReleaseStatus.PRE_RELEASE
    assert bug.status == BugStatus.INVESTIGATING
    assert bug.fixed_in is None


def test_closing_a_bug_by_release_is_in_the_bugs_history():
    bug = publish(KnownBugFactory())
    note = ReleaseNoteFactory(service=bug.service)
    ReleaseNoteItemFactory(release_note=note, kind=ItemKind.FIXED, known_bug=bug)

    publish(note)

    actions = list(
        ModelLogEntry.objects.for_instance(bug).values_list("action", flat=True)
    )
    assert "release_notes.solved_by_release" in actions
    assert bug.revisions.count() == 2
    latest = bug.revisions.order_by("-created_at", "-pk").first().as_object()
    assert latest.status == BugStatus.SOLVED


def test_a_fix_date_in_the_past_for_an_open_bug_is_a_validation_error():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    bug = KnownBugFactory.build(
        service=SoftwareProductFactory(), planned_fix_date=yesterday
    )

    with pytest.raises(ValidationError) as error:
        bug.full_clean()

    assert "verleden" in str(error.value.message_dict["planned_fix_date"])
    bug.status = BugStatus.SOLVED
    bug.full_clean()


def test_a_workaround_status_needs_a_workaround_and_a_planned_fix_needs_a_when():
    service = SoftwareProductFactory()
    workaround = KnownBugFactory.build(service=service, status=BugStatus.WORKAROUND)
    planned = KnownBugFactory.build(service=service, status=BugStatus.FIX_PLANNED)

    with pytest.raises(ValidationError) as error:
        workaround.full_clean()
    assert "workaround" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        planned.full_clean()
    assert "planned_fix_date" in error.value.message_dict
    planned.planned_release = "7.0.5"
    planned.full_clean()


def test_a_bad_planned_release_version_is_a_validation_error():
    bug = KnownBugFactory.build(
        service=SoftwareProductFactory(), planned_release="versie 8"
    )

    with pytest.raises(ValidationError) as error:
        bug.full_clean()

    assert "geen geldig versienummer" in str(error.value.message_dict)


def test_the_known_bugs_page_lists_open_bugs_first_high_impact_on_top(client):
    service = SoftwareProductFactory()
    solved = KnownBugFactory(service=service, title="Opgeloste bug", status="opgelost")
    minor = KnownBugFactory(service=service, title="Kleine bug")
    major = KnownBugFactory(service=service, title="Grote bug", impact=BugImpact.MOST)

    text = client.get("/gekende-bugs/").text

    assert text.index(major.title) < text.index(minor.title) < text.index(solved.title)
    assert "voor je een ticket indient" in text


def test_the_known_bugs_page_filters_by_product_status_and_words(client):
    wise = SoftwareProductFactory(name="Wise", slug="wise")
    websites = SoftwareProductFactory(name="Bibliotheekwebsites", slug="websites")
    KnownBugFactory(service=wise, title="Kassabon toont verkeerde filiaal")
    KnownBugFactory(service=wise, title="eID niet gelezen", status="opgelost")
    KnownBugFactory(service=websites, title="Zoeken in site-inhoud traag")
    KnownBugFactory(service=wise, title="Conceptbug", live=False)

    def titles(query):
        page = client.get(f"/gekende-bugs/?{query}").context["bugs_page"]
        return sorted(bug.title for bug in page)

    assert titles("product=wise") == [
        "Kassabon toont verkeerde filiaal",
        "eID niet gelezen",
    ]
    assert titles("product=wise&status=open") == ["Kassabon toont verkeerde filiaal"]
    assert titles("status=opgelost") == ["eID niet gelezen"]
    assert titles("q=traag") == ["Zoeken in site-inhoud traag"]
    assert titles("status=onbekend") == [
        "Kassabon toont verkeerde filiaal",
        "Zoeken in site-inhoud traag",
        "eID niet gelezen",
    ]


def test_an_unpublished_bug_has_no_page(client):
    bug = KnownBugFactory(live=False)

    assert client.get(bug.get_absolute_url()).status_code == 404
    assert KnownBug.objects.published().count() == 0
