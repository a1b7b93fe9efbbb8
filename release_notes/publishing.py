"""When release notes become public, and what follows: bugs closed, subscribers told.

A published note is public once its production date has come. Before that it is
either shared ahead with the system administrators (``share_ahead``) or invisible
to everyone but editors. ``publish_due_releases`` runs every minute from Celery
beat and makes notes public on their date.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from release_notes import notifications
from release_notes.choices import BugStatus, ReleaseStatus
from release_notes.models import KnownBug, ReleaseNote
from release_notes.models.release_notes import PRE_RELEASE_LEAD_DAYS

logger = logging.getLogger(__name__)

MADE_PUBLIC_ACTION = "release_notes.made_public"
SOLVED_BY_RELEASE_ACTION = "release_notes.solved_by_release"


def release_note_published(
    note: ReleaseNote, now: datetime.datetime | None = None
) -> None:
    """Decide who may read a note an editor has just published."""
    now = now or timezone.now()
    if note.status == ReleaseStatus.PUBLIC:
        # Edits to a public note may link more bugs it fixes.
        close_fixed_bugs(note)
        return
    if note.production_date <= timezone.localdate(now):
        make_public(note, now)
        return
    status = ReleaseStatus.PRE_RELEASE if note.share_ahead else ReleaseStatus.SCHEDULED
    ReleaseNote.objects.filter(pk=note.pk).update(status=status)
    note.status = status


def make_public(note: ReleaseNote, now: datetime.datetime | None = None) -> bool:
    """Make a published note public, close the bugs it fixes and tell subscribers.

    Returns whether this call made it public; a second call changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        changed = (
            ReleaseNote.objects.filter(pk=note.pk, live=True)
            .exclude(status=ReleaseStatus.PUBLIC)
            .update(status=ReleaseStatus.PUBLIC, made_public_at=now)
        )
        if not changed:
            return False
        note.status = ReleaseStatus.PUBLIC
        note.made_public_at = now
        log(instance=note, action=MADE_PUBLIC_ACTION)
        close_fixed_bugs(note)
        notifications.release_note_went_public(note)
    logger.debug("Release note %s is public", note)
    return True


def publish_due_releases(now: datetime.datetime | None = None) -> int:
    """Make public every published note whose production date has come."""
    now = now or timezone.now()
    made_public = 0
    for note in ReleaseNote.objects.due(timezone.localdate(now)).select_related(
        "service"
    ):
        made_public += make_public(note, now)
    return made_public


def close_fixed_bugs(note: ReleaseNote) -> list[KnownBug]:
    """Move the bugs a public note fixes to 'opgelost', linked to the note.

    Each change is a new published revision, so the bug's history shows it and
    the outage list hears about it like about any other status change.
    """
    if note.status != ReleaseStatus.PUBLIC:
        return []
    bugs = (
        KnownBug.objects.filter(fixing_items__release_note=note)
        | KnownBug.objects.filter(fixed_in=note)
    ).distinct()
    closed = []
    for bug in bugs.exclude(status=BugStatus.SOLVED, fixed_in=note):
        # The live row, not the latest draft: an editor's unreviewed draft of the
        # bug must not be published along with the fix.
        bug.status = BugStatus.SOLVED
        bug.fixed_in = note
        revision = bug.save_revision(clean=False)
        revision.publish(
            log_action=SOLVED_BY_RELEASE_ACTION, skip_permission_checks=True
        )
        closed.append(bug)
    return closed


def pre_release_warning(
    note: ReleaseNote, today: datetime.date | None = None
) -> str | None:
    """A warning for editors when a pre-release is shared less than two weeks ahead."""
    today = today or timezone.localdate()
    if not note.share_ahead or note.status == ReleaseStatus.PUBLIC:
        return None
    days_ahead = (note.production_date - today).days
    if days_ahead >= PRE_RELEASE_LEAD_DAYS:
        return None
    return _(
        "Let op: deze release notes worden maar %(days)d dag(en) voor de "
        "productiedatum gedeeld. Systeembeheerders en lokale experten hebben "
        "minstens %(lead)d dagen nodig om hun collega's voor te bereiden."
    ) % {"days": max(days_ahead, 0), "lead": PRE_RELEASE_LEAD_DAYS}
