"""When subscribers are told, once, and through the pluggable sender."""

import datetime

import pytest

from django.utils import timezone

from release_notes import notifications
from release_notes.choices import BannerSeverity, BugImpact, BugStatus
from release_notes.tasks import deliver_notification
from tests.release_notes.factories import (
    BannerFactory,
    KnownBugFactory,
    ReleaseNoteFactory,
)
from tests.release_notes.helpers import publish

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2022, 11, 21, 9, 0))


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_key_is_claimed_once_without_a_window():
    assert notifications.claim("eenmalig", window=None, now=NOW)
    assert not notifications.claim("eenmalig", window=None, now=NOW)
    later = NOW + datetime.timedelta(days=300)
    assert not notifications.claim("eenmalig", window=None, now=later)


def test_a_key_is_claimed_again_only_after_its_window():
    window = datetime.timedelta(minutes=10)

    assert notifications.claim("bug", window=window, now=NOW)
    assert not notifications.claim("bug", window=window, now=NOW + window / 2)
    assert notifications.claim("bug", window=window, now=NOW + window)


def test_a_release_note_going_public_tells_the_products_list_once(
    on_commit, sent_notifications
):
    note = ReleaseNoteFactory(
        service__slug="wise", production_date=timezone.localdate()
    )
    with on_commit():
        publish(note)
        publish(note)
        notifications.release_note_went_public(note)

    assert [entry[0] for entry in sent_notifications.sent] == ["release-notes-wise"]


def test_a_new_high_impact_bug_is_told_to_the_outage_list(
    on_commit, sent_notifications
):
    with on_commit():
        bug = publish(
            KnownBugFactory(
                impact=BugImpact.MOST, title="Uitlenen lukt niet", live=False
            )
        )

    [(list_key, subject, body)] = sent_notifications.sent
    assert list_key == "storingen-en-kritieke-bugs"
    assert subject.startswith("Nieuwe gekende bug in")
    assert body["kind"] == "known_bug_new"
    assert body["url"] == f"http://testserver{bug.get_absolute_url()}"


def test_a_bug_that_hits_few_libraries_is_not_emailed(on_commit, sent_notifications):
    with on_commit():
        publish(KnownBugFactory(impact=BugImpact.FEW))

    assert sent_notifications.sent == []


def test_an_editor_changing_a_bug_twice_in_a_minute_sends_one_notification(
    on_commit, sent_notifications, monkeypatch
):
    bug = KnownBugFactory(
        impact=BugImpact.MOST, announced_status=BugStatus.INVESTIGATING
    )
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    with on_commit():
        bug.status = BugStatus.WORKAROUND
        bug.workaround = "<p>Verleng via Mijn Bibliotheek.</p>"
        publish(bug)
    monkeypatch.setattr(timezone, "now", lambda: NOW + datetime.timedelta(seconds=40))
    with on_commit():
        bug.status = BugStatus.FIX_PLANNED
        bug.planned_release = "7.0.4"
        publish(bug)

    assert len(sent_notifications.sent) == 1
    assert sent_notifications.sent[0][2]["status"] == BugStatus.WORKAROUND

    # After the window the next change is told, with the state it has then.
    monkeypatch.setattr(timezone, "now", lambda: NOW + datetime.timedelta(minutes=11))
    with on_commit():
        bug.title = "Verlengen mislukt met een foutmelding"
        publish(bug)
    assert len(sent_notifications.sent) == 2
    assert sent_notifications.sent[1][2]["status"] == BugStatus.FIX_PLANNED


def test_editing_a_bug_without_changing_its_status_sends_nothing(
    on_commit, sent_notifications
):
    bug = KnownBugFactory(
        impact=BugImpact.MOST, announced_status=BugStatus.INVESTIGATING
    )
    with on_commit():
        bug.title = "Een betere titel"
        publish(bug)

    assert sent_notifications.sent == []


def test_a_red_banner_is_told_when_it_starts_and_when_it_ends_once_each(
    on_commit, sent_notifications
):
    banner = BannerFactory(
        severity=BannerSeverity.OUTAGE,
        starts_at=NOW,
        ends_at=NOW + datetime.timedelta(hours=1),
    )
    BannerFactory(severity=BannerSeverity.MAINTENANCE, starts_at=NOW, ends_at=None)

    with on_commit():
        assert notifications.announce_outage_banners(NOW - datetime.timedelta(1)) == 0
        assert notifications.announce_outage_banners(NOW) == 1
        assert notifications.announce_outage_banners(NOW) == 0
        assert notifications.announce_outage_banners(banner.ends_at) == 1
        assert notifications.announce_outage_banners(banner.ends_at) == 0

    kinds = [entry[2]["kind"] for entry in sent_notifications.sent]
    assert kinds == ["banner_started", "banner_ended"]


def test_an_outage_nobody_heard_start_gets_no_all_clear(on_commit, sent_notifications):
    BannerFactory(
        severity=BannerSeverity.OUTAGE,
        starts_at=NOW - datetime.timedelta(hours=2),
        ends_at=NOW - datetime.timedelta(hours=1),
    )

    with on_commit():
        assert notifications.announce_outage_banners(NOW) == 0


def test_nothing_is_sent_when_the_change_is_rolled_back(sent_notifications):
    # Without a commit the on-commit hook never runs.
    publish(KnownBugFactory(impact=BugImpact.MOST, live=False))

    assert sent_notifications.sent == []


def test_without_a_sender_notifications_are_only_logged(monkeypatch):
    notifications.register_sender(None)
    logged = []
    monkeypatch.setattr(
        notifications.logger,
        "info",
        lambda message, *args: logged.append(message % args),
    )

    deliver_notification("storingen-en-kritieke-bugs", "Storing: Wise", {})

    assert logged == [
        "Notification for storingen-en-kritieke-bugs (no sender registered): "
        "Storing: Wise"
    ]


def test_a_sender_can_be_configured_by_its_dotted_path(settings):
    settings.RELEASE_NOTES_NOTIFICATION_SENDER = "release_notes.notifications.log_only"

    assert notifications.get_sender() is notifications.log_only


def test_a_bug_first_published_when_already_solved_is_not_news(
    on_commit, sent_notifications
):
    with on_commit():
        publish(
            KnownBugFactory(impact=BugImpact.MOST, status=BugStatus.SOLVED, live=False)
        )

    assert sent_notifications.sent == []
