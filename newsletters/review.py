"""The yearly preference review: once a year, everyone on at least one list is asked
to check which newsletters they still want.

It goes out through the issue pipeline — a ``SendRun`` of kind ``REVIEW`` with a
frozen audience, one delivery row per subscriber, claimed chunks and the shared rate
limit — but on behalf of no single list: one message per person however many lists
they are on, and its unsubscribe link and RFC 8058 headers take them off every list.
A beat task asks every hour whether this year's review is due, so a beat that was
down on the day still starts it later, and never twice.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletters.models import IssueStatus, SendRun, Subscriber

DEFAULT_MONTH, DEFAULT_DAY = 1, 15


def review_date(year: int) -> date:
    """The day of ``year``'s review (``NEWSLETTER_REVIEW_MONTH`` and ``_DAY``)."""
    month = int(getattr(settings, "NEWSLETTER_REVIEW_MONTH", DEFAULT_MONTH))
    day = int(getattr(settings, "NEWSLETTER_REVIEW_DAY", DEFAULT_DAY))
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def review_key(year: int) -> str:
    return f"voorkeurencheck:{year}"


def review_of(year: int) -> SendRun | None:
    """The review run of a year, if it was started."""
    return SendRun.objects.filter(
        kind=SendRun.Kind.REVIEW, dedup_key=review_key(year)
    ).first()


def start_review(year: int | None = None, user=None) -> SendRun:
    """Start the review of ``year`` (default: this year); a second call returns the
    run of the first. The audience is frozen by a worker after the commit."""
    from newsletters.tasks import freeze_audience_task

    year = year or timezone.localdate().year
    existing = review_of(year)
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            run = SendRun.objects.create(
                kind=SendRun.Kind.REVIEW,
                newsletter=None,
                subject=_("Krijg je nog de nieuwsbrieven die je wilt?"),
                dedup_key=review_key(year),
                status=IssueStatus.SENDING,
                created_by=user,
                started_at=now,
                last_activity_at=now,
            )
            transaction.on_commit(lambda: freeze_audience_task.delay(run.pk))
    except IntegrityError:
        # Started at the same moment elsewhere: the unique key kept it to one run.
        return review_of(year)
    return run


def start_review_if_due(today: date | None = None) -> SendRun | None:
    """The beat task's question: is this year's review due and not yet started?"""
    today = today or timezone.localdate()
    if today < review_date(today.year) or review_of(today.year) is not None:
        return None
    return start_review(today.year)


def audience_size() -> int:
    """How many people the review would reach now."""
    return Subscriber.objects.on_a_list().count()
