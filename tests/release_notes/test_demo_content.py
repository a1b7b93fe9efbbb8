"""Demo content: the 2022 releases with their real counts, bugs in every status."""

import datetime

import pytest

from django.utils import timezone

from demo.loaders.release_notes import load_release_notes
from demo.loaders.services import load_services
from release_notes.choices import BannerSeverity, BugStatus, ReleaseKind, ReleaseStatus
from release_notes.models import Banner, KnownBug, NotificationClaim, ReleaseNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(django_capture_on_commit_callbacks, sent_notifications):
    load_services()
    with django_capture_on_commit_callbacks(execute=True):
        result = load_release_notes("seed")
    return result


def test_seed_has_wise_7_0_1_to_7_0_3_with_their_real_improvement_counts(seed):
    wise = {
        note.version: note
        for note in ReleaseNote.objects.public().filter(
            service__slug="wise", kind=ReleaseKind.MAJOR
        )
    }

    assert {version: note.items.count() for version, note in wise.items()} == {
        "7.0.1": 12,
        "7.0.2": 20,
        "7.0.3": 16,
    }
    assert wise["7.0.1"].production_date == datetime.date(2022, 3, 8)
    assert wise["7.0.2"].production_date == datetime.date(2022, 7, 19)
    assert wise["7.0.3"].production_date == datetime.date(2022, 11, 21)


def test_seed_has_a_year_of_monday_updates_and_a_shared_ahead_pre_release(seed):
    weeklies = ReleaseNote.objects.public().filter(kind=ReleaseKind.WEEKLY)
    pre_release = ReleaseNote.objects.get(version="7.0.4")

    assert weeklies.count() == 49
    assert {note.production_date.weekday() for note in weeklies} == {0}
    assert pre_release.status == ReleaseStatus.PRE_RELEASE
    assert pre_release.production_date - timezone.localdate() >= datetime.timedelta(
        days=14
    )
    assert ReleaseNote.objects.filter(component="Mijn Bibliotheek").exists()


def test_seed_has_about_twenty_known_bugs_in_every_status_some_closed_by_release(
    seed,
):
    bugs = KnownBug.objects.published()

    assert 18 <= bugs.count() <= 22
    assert set(bugs.values_list("status", flat=True)) == set(BugStatus.values)
    assert KnownBug.objects.solved().filter(fixed_in__isnull=False).count() == 7


def test_seed_has_one_past_outage_and_one_scheduled_maintenance(seed):
    outage = Banner.objects.outages().get()
    maintenance = Banner.objects.get(severity=BannerSeverity.MAINTENANCE)

    assert outage.ends_at < timezone.now()
    assert maintenance.ends_at > timezone.now()


def test_loading_the_demo_sends_no_notifications_and_a_second_run_changes_nothing(
    seed, sent_notifications
):
    counts = (ReleaseNote.objects.count(), KnownBug.objects.count())
    claims = NotificationClaim.objects.count()

    again = load_release_notes("seed")

    assert sent_notifications.sent == []
    assert again.created == 0
    assert (ReleaseNote.objects.count(), KnownBug.objects.count()) == counts
    assert NotificationClaim.objects.count() == claims
