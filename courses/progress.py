"""Learning progress: marking steps complete, remembering where a learner was, and
the overview of their courses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from courses.models import Completion, CoursePage, LastVisit
from courses.navigation import CourseOutline, Step, build_outline


def record_visit(user, course: CoursePage, page) -> None:
    """Remember this lesson or topic as the place to resume the course (one query)."""
    LastVisit.objects.bulk_create(
        [LastVisit(user=user, course=course, page=page, visited_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "course"],
        update_fields=["page", "visited_at"],
    )


def mark_complete(user, course: CoursePage, page) -> None:
    """Record that the learner finished this step; doing it twice changes nothing."""
    Completion.objects.get_or_create(user=user, page=page, defaults={"course": course})


def mark_incomplete(user, page) -> None:
    """Forget that the learner finished this step."""
    Completion.objects.filter(user=user, page=page).delete()


@dataclass
class CourseProgress:
    """One course on a learner's dashboard."""

    course: CoursePage
    outline: CourseOutline
    resume: Step | None
    last_activity: datetime | None
    completed_at: datetime | None

    @property
    def is_complete(self) -> bool:
        return self.outline.is_complete


def learning_path(request: HttpRequest) -> list[CourseProgress]:
    """The courses the learner started or finished, most recent activity first."""
    user = request.user
    visits = {v.course_id: v for v in LastVisit.objects.of(user)}
    finished = dict(
        Completion.objects.of(user)
        .values("course")
        .annotate(last=Max("completed_at"))
        .values_list("course", "last")
    )
    course_ids = set(visits) | set(finished)
    courses = CoursePage.objects.filter(pk__in=course_ids).visible_to(request)
    rows = []
    for course in courses.defer_streamfields():
        outline = build_outline(course, request)
        visit = visits.get(course.pk)
        last = max(
            (t for t in (visit and visit.visited_at, finished.get(course.pk)) if t),
            default=None,
        )
        rows.append(
            CourseProgress(
                course=course,
                outline=outline,
                resume=outline.step_for(visit.page_id) if visit else None,
                last_activity=last,
                completed_at=finished.get(course.pk) if outline.is_complete else None,
            )
        )
    epoch = timezone.make_aware(datetime(2000, 1, 1))
    rows.sort(key=lambda row: row.last_activity or epoch, reverse=True)
    return rows


def completion_date(user, course: CoursePage) -> datetime | None:
    """When the learner finished the last step of the course."""
    return (
        Completion.objects.of(user)
        .in_course(course)
        .aggregate(last=Max("completed_at"))["last"]
    )
