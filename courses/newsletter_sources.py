"""What ``courses`` tells a newsletter issue that is pre-filled: the service's new
lessons and webinars (registered with ``newsletters.content_sources``)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from courses.models import LessonPage, WebinarPage
from courses.visibility import hidden_condition

LIMIT = 10


def _public_under(model, service):
    try:
        landing = service.landing_page
    except type(service).landing_page.RelatedObjectDoesNotExist:
        return model.objects.none()
    # Only what an anonymous reader may open: restricted areas never reach a mail.
    return (
        model.objects.live()
        .public()
        .descendant_of(landing)
        .exclude(hidden_condition(None))
    )


def new_lessons(service, since: datetime):
    """Lessons of the service first published since ``since``."""
    from newsletters.content_sources import ContentItem

    lessons = _public_under(LessonPage, service).filter(first_published_at__gte=since)
    return [
        ContentItem(title=page.title, page=page)
        for page in lessons.order_by("-first_published_at")[:LIMIT]
    ]


def new_webinars(service, since: datetime):
    """Webinars of the service recorded since ``since``."""
    from newsletters.content_sources import ContentItem

    webinars = _public_under(WebinarPage, service).filter(date__gte=since.date())
    return [
        ContentItem(title=page.title, page=page)
        for page in webinars.order_by("-date")[:LIMIT]
    ]


def register() -> None:
    from newsletters import content_sources

    content_sources.register("lessons", _("Nieuwe lessen"), new_lessons, order=20)
    content_sources.register("webinars", _("Nieuwe webinars"), new_webinars, order=30)
