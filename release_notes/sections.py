"""The release-notes section of a software product's landing page."""

from __future__ import annotations

from django.http import HttpRequest

from release_notes.choices import ReleaseKind
from release_notes.models import KnownBug, ReleaseNote
from services.models import Service

OPEN_BUGS_SHOWN = 5


def service_section_context(service: Service, request: HttpRequest) -> dict | None:
    """The latest public release and the open known bugs; None for other services."""
    if not service.is_software_product:
        return None
    open_bugs = KnownBug.objects.open().for_service(service).open_first()
    latest = ReleaseNote.objects.latest_for(service)
    latest_major = (
        ReleaseNote.objects.public()
        .for_service(service)
        .filter(kind=ReleaseKind.MAJOR)
        .newest_first()
        .first()
    )
    return {
        "latest_release": latest,
        "latest_major": latest_major if latest_major != latest else None,
        "open_bugs": list(open_bugs[:OPEN_BUGS_SHOWN]),
        "open_bug_count": open_bugs.count(),
    }
