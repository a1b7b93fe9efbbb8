"""Lessons that may be out of date because a release changed what they teach."""

from __future__ import annotations

from wagtail.models import Page

from release_notes.models import ReleaseNote, ReleaseNoteItem


def changes_for_page(page: Page):
    """Public release notes with an item that links this page, newest first."""
    return (
        ReleaseNote.objects.public()
        .filter(items__lesson=page)
        .distinct()
        .select_related("service")
        .newest_first()
    )


def items_to_review():
    """Release-note items that link a page, for the editors' 'te herbekijken' report.

    Published notes only, pre-releases included: editors update lessons before the
    production date, while learners see the flag only once the note is public.
    """
    return (
        ReleaseNoteItem.objects.filter(lesson__isnull=False, release_note__live=True)
        .select_related("lesson", "release_note__service")
        .order_by("-release_note__production_date", "release_note__pk", "sort_order")
    )


def pages_to_review():
    """Pages linked by a published release note: the lessons to look at again."""
    return Page.objects.filter(release_note_items__release_note__live=True).distinct()
