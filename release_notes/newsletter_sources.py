"""What ``release_notes`` tells a newsletter issue that is pre-filled: the service's
release notes and solved known bugs (registered with
``newsletters.content_sources``)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from release_notes.models import KnownBug, ReleaseNote

LIMIT = 10


def _absolute(path: str) -> str:
    return f"{settings.SITE_BASE_URL}{path}"


def new_release_notes(service, since: datetime):
    """Public release notes of the service in production since ``since``."""
    from newsletters.content_sources import ContentItem

    notes = (
        ReleaseNote.objects.public()
        .for_service(service)
        .filter(production_date__gte=since.date())
        .newest_first()[:LIMIT]
    )
    return [
        ContentItem(title=str(note), url=_absolute(note.get_absolute_url()),
                    summary=strip_tags(note.summary))
        for note in notes
    ]  # fmt: skip


def solved_bugs(service, since: datetime):
    """Known bugs of the service solved since ``since``."""
    from newsletters.content_sources import ContentItem

    bugs = (
        KnownBug.objects.solved()
        .for_service(service)
        .filter(
            Q(fixed_in__production_date__gte=since.date())
            | Q(last_published_at__gte=since)
        )  # fmt: skip
        .order_by("-last_published_at")[:LIMIT]
    )
    return [
        ContentItem(title=bug.title, url=_absolute(bug.get_absolute_url()))
        for bug in bugs
    ]


def register() -> None:
    from newsletters import content_sources

    content_sources.register(
        "release_notes", _("Release notes"), new_release_notes, order=40
    )
    content_sources.register(
        "solved_bugs", _("Opgeloste gekende bugs"), solved_bugs, order=50
    )
