"""Learning content nobody has looked at for a year: the editors' report of stale
courses, lessons and topics, and marking a page as reviewed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import DateField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest, Substr
from django.utils import timezone

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import SERVICE_PATH_LENGTH, CoursePage, LessonPage, TopicPage

STALE_AFTER = timedelta(days=365)
LEARNING_TYPES = (CoursePage, LessonPage, TopicPage)


def stale_pages(user, today: date | None = None):
    """Live courses, lessons and topics this user may edit that nobody reviewed or
    published for more than a year, the longest-neglected first."""
    today = today or timezone.localdate()
    reviewed = Coalesce(
        F("coursepage__reviewed_at"),
        F("lessonpage__reviewed_at"),
        F("topicpage__reviewed_at"),
    )
    published = Cast(
        Coalesce(F("last_published_at"), F("first_published_at")), DateField()
    )
    # Either may be missing; Greatest() of NULL differs between databases.
    last_seen = Greatest(Coalesce(reviewed, published), Coalesce(published, reviewed))
    service = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, SERVICE_PATH_LENGTH)
    ).values("title")[:1]
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        Page.objects.live()
        .type(*LEARNING_TYPES)
        .filter(pk__in=editable.values("pk"))
        .annotate(last_seen=last_seen, service_title=Subquery(service))
        .filter(last_seen__lt=today - STALE_AFTER)
        .order_by("last_seen", "path")
    )


def mark_reviewed(page: Page, today: date | None = None) -> None:
    """Record that an editor checked the page and found it still right."""
    page.specific_class.objects.filter(pk=page.pk).update(
        reviewed_at=today or timezone.localdate()
    )
