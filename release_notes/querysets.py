"""The business rules of release notes, known bugs and banners, as named querysets."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from release_notes.access import may_read_pre_releases
from release_notes.choices import BannerSeverity, BugImpact, BugStatus, ReleaseStatus


class ReleaseNoteQuerySet(models.QuerySet):
    def published(self):
        """Notes an editor has published, whoever may read them yet."""
        return self.filter(live=True)

    def public(self):
        """Published notes everyone may read: their production date has come."""
        return self.filter(live=True, status=ReleaseStatus.PUBLIC)

    def pre_releases(self):
        """Published notes shared ahead with the system administrators only."""
        return self.filter(live=True, status=ReleaseStatus.PRE_RELEASE)

    def visible_to(self, user):
        """Public notes, plus the pre-releases for those allowed to read them."""
        if may_read_pre_releases(user):
            return self.filter(
                live=True,
                status__in=[ReleaseStatus.PUBLIC, ReleaseStatus.PRE_RELEASE],
            )
        return self.public()

    def for_service(self, service):
        return self.filter(service=service)

    def newest_first(self):
        """Newest production date first; same-day notes by when they went public."""
        return self.order_by(
            "-production_date", models.F("made_public_at").desc(nulls_first=True), "-pk"
        )

    def latest_for(self, service):
        """The newest public release note of a service, or None."""
        return self.public().for_service(service).newest_first().first()

    def due(self, today: datetime.date | None = None):
        """Published notes not yet public whose production date has come."""
        today = today or timezone.localdate()
        return (
            self.filter(live=True, production_date__lte=today)
            .exclude(status=ReleaseStatus.PUBLIC)
            .order_by("production_date", "pk")
        )


class KnownBugQuerySet(models.QuerySet):
    def published(self):
        """Bugs an editor has published on the known-bugs page."""
        return self.filter(live=True)

    def open(self):
        """Published bugs that are not solved yet."""
        return self.published().filter(status__in=BugStatus.open_values())

    def solved(self):
        """Published bugs a release (or a change elsewhere) has solved."""
        return self.published().filter(status=BugStatus.SOLVED)

    def high_impact(self):
        """Bugs that hit most libraries: these are e-mailed to the outage list."""
        return self.filter(impact=BugImpact.MOST)

    def for_service(self, service):
        return self.filter(service=service)

    def open_first(self):
        """Open bugs before solved ones, high impact first, then the latest changed."""
        return self.annotate(
            is_solved=models.Case(
                models.When(status=BugStatus.SOLVED, then=models.Value(1)),
                default=models.Value(0),
                output_field=models.IntegerField(),
            ),
            is_minor=models.Case(
                models.When(impact=BugImpact.MOST, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            ),
        ).order_by(
            "is_solved",
            "is_minor",
            models.F("last_published_at").desc(nulls_last=True),
            "-pk",
        )


class BannerQuerySet(models.QuerySet):
    def active(self, now: datetime.datetime | None = None):
        """Banners shown right now: started and not yet ended."""
        now = now or timezone.now()
        return self.not_ended(now).filter(starts_at__lte=now)

    def not_ended(self, now: datetime.datetime | None = None):
        """Banners that are showing or still to come."""
        now = now or timezone.now()
        return self.filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))

    def outages(self):
        """Red banners: a system is down."""
        return self.filter(severity=BannerSeverity.OUTAGE)

    def most_severe_first(self):
        """Outages first, then maintenance, then information; newest first within."""
        return self.annotate(
            severity_rank=models.Case(
                models.When(severity=BannerSeverity.OUTAGE, then=models.Value(0)),
                models.When(severity=BannerSeverity.MAINTENANCE, then=models.Value(1)),
                default=models.Value(2),
                output_field=models.IntegerField(),
            )
        ).order_by("severity_rank", "-starts_at", "-pk")
