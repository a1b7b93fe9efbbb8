"""Pre-release notes: shared ahead with system administrators, public on their date."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from release_notes import tasks
from release_notes.choices import ReleaseStatus
from release_notes.models import ReleaseNote
from release_notes.publishing import pre_release_warning
from release_notes.sitemaps import ReleaseNoteSitemap
from tests.factories import UserFactory
from tests.release_notes.factories import ReleaseNoteFactory
from tests.release_notes.helpers import publish, system_administrator

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 11, 1)
PRODUCTION_DATE = datetime.date(2022, 11, 21)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def clock(monkeypatch):
    """Set the site's clock: timezone.now() (and localdate()) answer this moment."""

    def set_to(moment: datetime.datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_to(_at(TODAY))
    return set_to


@pytest.fixture
def pre_release(clock):
    note = ReleaseNoteFactory(
        service__slug="wise",
        service__name="Bibliotheeksysteem Wise",
        version="7.0.3",
        production_date=PRODUCTION_DATE,
        share_ahead=True,
        summary="Wat er verandert aan de kassabon en de reservatiestrook.",
    )
    return publish(note)


def _visible_anywhere(client, note) -> list[str]:
    """The public places where a visitor of this client can see the note."""
    places = []
    slug = note.service.slug
    if note.version in client.get(f"/release-notes/{slug}/").text:
        places.append("history")
    if note.version in client.get(f"/release-notes/{slug}/laatste/").text:
        places.append("latest")
    if note.version in client.get("/release-notes/").text:
        places.append("index")
    if note.version in client.get(f"/release-notes/{slug}/feed/").text:
        places.append("product feed")
    if note.version in client.get("/release-notes/feed/").text:
        places.append("combined feed")
    if client.get(note.get_absolute_url()).status_code == 200:
        places.append("detail")
    if note.get_absolute_url() in client.get("/sitemap.xml").text:
        places.append("sitemap")
    return places


def test_a_pre_release_is_invisible_to_anonymous_visitors_before_its_date(
    client, pre_release
):
    assert pre_release.status == ReleaseStatus.PRE_RELEASE
    assert _visible_anywhere(client, pre_release) == []
    assert pre_release not in ReleaseNoteSitemap().items()


def test_an_anonymous_visitor_of_a_pre_release_is_asked_to_log_in(client, pre_release):
    response = client.get(pre_release.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_pre_release_is_invisible_to_members_of_other_groups(client, pre_release):
    user = UserFactory()
    user.groups.add(Group.objects.create(name="Redactie"))
    client.force_login(user)

    assert _visible_anywhere(client, pre_release) == []
    assert client.get(pre_release.get_absolute_url()).status_code == 404


def test_system_administrators_read_a_pre_release_but_feeds_never_carry_it(
    client, pre_release
):
    client.force_login(system_administrator(UserFactory()))

    response = client.get(pre_release.get_absolute_url())

    assert response.status_code == 200
    assert "Voorlopige release notes" in response.text
    assert "private" in response["Cache-Control"]
    assert _visible_anywhere(client, pre_release) == ["history", "detail"]


def test_a_pre_release_becomes_public_on_its_date_through_the_schedule(
    client, clock, pre_release, sent_notifications, django_capture_on_commit_callbacks
):
    clock(_at(PRODUCTION_DATE - datetime.timedelta(days=1), hour=23))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_schedule()
    assert _visible_anywhere(client, pre_release) == []

    clock(_at(PRODUCTION_DATE, hour=0))
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.run_schedule()
        tasks.run_schedule()

    assert result["made_public"] == 1
    pre_release.refresh_from_db()
    assert pre_release.status == ReleaseStatus.PUBLIC
    assert pre_release.made_public_at == _at(PRODUCTION_DATE, hour=0)
    assert _visible_anywhere(client, pre_release) == [
        "history",
        "latest",
        "index",
        "product feed",
        "combined feed",
        "detail",
        "sitemap",
    ]
    [(list_key, subject, body)] = sent_notifications.sent
    assert list_key == "release-notes-wise"
    assert subject == "Release notes Bibliotheeksysteem Wise 7.0.3"
    assert body["url"] == "http://testserver/release-notes/wise/7.0.3/"


def test_publishing_again_after_the_date_does_not_notify_twice(
    clock, pre_release, sent_notifications, django_capture_on_commit_callbacks
):
    clock(_at(PRODUCTION_DATE))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_schedule()
        pre_release.summary = "Met een correctie in de samenvatting."
        publish(pre_release)

    assert pre_release.status == ReleaseStatus.PUBLIC
    assert len(sent_notifications.sent) == 1


def test_an_edited_revision_cannot_take_a_public_note_back_to_pre_release(
    clock, pre_release, django_capture_on_commit_callbacks
):
    draft = pre_release.save_revision()
    clock(_at(PRODUCTION_DATE))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_schedule()

    draft.publish(skip_permission_checks=True)

    pre_release.refresh_from_db()
    assert pre_release.status == ReleaseStatus.PUBLIC


def test_a_note_not_shared_ahead_stays_hidden_from_everyone_until_its_date(
    client, clock
):
    note = publish(
        ReleaseNoteFactory(production_date=PRODUCTION_DATE, share_ahead=False)
    )
    client.force_login(system_administrator(UserFactory()))

    assert note.status == ReleaseStatus.SCHEDULED
    assert _visible_anywhere(client, note) == []


def test_a_note_published_on_its_production_date_is_public_at_once(client, clock):
    note = publish(ReleaseNoteFactory(production_date=TODAY, share_ahead=True))

    assert note.status == ReleaseStatus.PUBLIC
    assert "detail" in _visible_anywhere(client, note)


def test_an_unpublished_note_is_never_shown_even_after_its_date(client, clock):
    note = ReleaseNoteFactory(production_date=TODAY - datetime.timedelta(days=3))
    tasks.run_schedule()

    assert not ReleaseNote.objects.public().exists()
    assert _visible_anywhere(client, note) == []


def test_editors_are_warned_when_a_pre_release_is_shared_less_than_two_weeks_ahead():
    note = ReleaseNote(production_date=TODAY + datetime.timedelta(days=10))
    note.share_ahead = True

    warning = pre_release_warning(note, today=TODAY)

    assert "10 dag(en)" in warning
    assert "minstens 14 dagen" in warning
    assert pre_release_warning(note, today=TODAY - datetime.timedelta(days=4)) is None
    note.share_ahead = False
    assert pre_release_warning(note, today=TODAY) is None


def test_beat_runs_the_release_schedule_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["release-notes-schedule"]

    assert entry["task"] == tasks.run_schedule.name
    assert entry["schedule"] <= 60
