"""Factories for release notes, known bugs and banners."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from release_notes.choices import (
    BannerSeverity,
    BugImpact,
    BugStatus,
    ItemKind,
    ReleaseKind,
)
from release_notes.models import Banner, KnownBug, ReleaseNote, ReleaseNoteItem
from tests.factories import ServiceFactory


class SoftwareProductFactory(ServiceFactory):
    name = factory.Sequence(lambda n: f"Softwareproduct {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    is_software_product = True


class ReleaseNoteFactory(DjangoModelFactory):
    """A draft note; ``publish()`` from tests.release_notes.helpers makes it live."""

    class Meta:
        model = ReleaseNote

    service = factory.SubFactory(SoftwareProductFactory)
    kind = ReleaseKind.MAJOR
    version = factory.Sequence(lambda n: f"7.{n // 10}.{n % 10}")
    production_date = factory.LazyFunction(timezone.localdate)
    summary = "Een versie met verbeteringen voor de balie en de catalogus."
    live = False


class WeeklyReleaseNoteFactory(ReleaseNoteFactory):
    kind = ReleaseKind.WEEKLY
    version = factory.Sequence(lambda n: f"2022.{n % 52 + 1:02d}")


class ReleaseNoteItemFactory(DjangoModelFactory):
    class Meta:
        model = ReleaseNoteItem

    release_note = factory.SubFactory(ReleaseNoteFactory)
    kind = ItemKind.IMPROVED
    text = factory.Sequence(lambda n: f"Verbetering {n} aan de uitleenbalie.")


class KnownBugFactory(DjangoModelFactory):
    """A published known bug (live, without a revision yet)."""

    class Meta:
        model = KnownBug

    service = factory.SubFactory(SoftwareProductFactory)
    title = factory.Sequence(lambda n: f"Foutmelding {n} bij het verlengen")
    symptoms = "<p>Bij het verlengen verschijnt een foutmelding.</p>"
    impact = BugImpact.FEW
    status = BugStatus.INVESTIGATING
    live = True
    reported_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=3)
    )


class BannerFactory(DjangoModelFactory):
    class Meta:
        model = Banner

    severity = BannerSeverity.MAINTENANCE
    message = "Wise is zondag van 7 tot 9 uur niet bereikbaar wegens onderhoud."
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(minutes=5)
    )
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=2))
