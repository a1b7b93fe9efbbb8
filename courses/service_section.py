"""The inhoudstafel on a service's landing page: its courses with their lessons,
counts and estimated time, and its webinars with their hours of video.

A fixed number of queries however many courses, lessons and topics a service has.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from wagtail.models import Page

from courses.models import (
    Completion,
    CoursePage,
    LessonPage,
    Level,
    TopicPage,
    WebinarIndexPage,
    WebinarPage,
)
from courses.visibility import hidden_condition
from services.models import Service


def _landing_page(service: Service):
    try:
        return service.landing_page
    except Service.landing_page.RelatedObjectDoesNotExist:
        return None


def _count(pages) -> Subquery:
    """The number of these pages, as a column of the outer query."""
    counted = pages.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def _total(pages, field: str) -> Subquery:
    """The sum of a field over these pages, as a column of the outer query."""
    summed = pages.order_by().annotate(n=Func(F(field), function="SUM")).values("n")
    return Subquery(summed, output_field=IntegerField())


# Courses per page of the inhoudstafel: a service with hundreds of courses would
# otherwise list thousands of lessons on its landing page (2 s for ten times the
# organisation's scale); the organisation's largest service fits on one page.
COURSES_PER_PAGE = 40
# The last character of Wagtail's path alphabet: ``path + LAST * n`` sorts after
# every descendant of ``path``.
_LAST_PATH_CHARACTER = "Z"


def table_of_contents(service: Service, request: HttpRequest) -> dict | None:
    """The inhoudstafel of one service, or None when it has no courses or webinars.

    Courses are paged (``?pagina=2``); the totals count the whole service.
    """
    landing = _landing_page(service)
    if landing is None:
        return None
    # Lessons and topics in one query, counted here: a count subquery per lesson
    # made PostgreSQL scan the topics once for every lesson (about 0.3 s for Wise
    # at the organisation's real scale).
    all_steps = (
        Page.objects.descendant_of(landing)
        .type(LessonPage, TopicPage)
        .live()
        .exclude(hidden_condition(request))
        .annotate(
            minutes=Coalesce(
                F("lessonpage__estimated_minutes"),
                F("topicpage__estimated_minutes"),
                Value(0),
            )
        )
    )
    webinars = WebinarPage.objects.visible_to(request).filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    # Courses and the webinar overview in one query: base pages with the few course
    # fields the inhoudstafel shows, instead of one query per page type.
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    completed = Completion.objects.filter(
        user=user if signed_in else None, course_id=OuterRef("pk")
    )
    course_type = ContentType.objects.get_for_model(CoursePage)
    index_type = ContentType.objects.get_for_model(WebinarIndexPage)

    def on_the_index(value):
        # Only for the webinar overview's row: the database then skips the
        # subquery for every course (3 s for a service with 340 courses).
        return Case(When(content_type_id=index_type.pk, then=value), default=None)

    children = (
        Page.objects.child_of(landing)
        .live()
        .exclude(hidden_condition(request))
        .type(CoursePage, WebinarIndexPage)
        .annotate(
            level=F("coursepage__level"),
            minutes=F("coursepage__estimated_minutes"),
            webinar_count=on_the_index(_count(webinars)),
            webinar_minutes=on_the_index(_total(webinars, "duration_minutes")),
            completed=_count(completed) if signed_in else Value(0),
        )
        .order_by("path")
    )
    courses, webinar_index = [], None
    for child in children:
        if child.content_type_id == course_type.pk:
            courses.append(child)
        elif webinar_index is None:
            webinar_index = child
    course_page = Paginator(courses, COURSES_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    shown = list(course_page)
    entries = {course.path: _CourseEntry(course) for course in shown}
    steps = all_steps.none()
    if shown:
        steps = (
            all_steps.filter(
                path__gte=shown[0].path,
                path__lte=shown[-1].path + _LAST_PATH_CHARACTER * 255,
            )
            .only("id", "path", "depth", "title", "url_path", "content_type_id")
            .order_by("path")
        )
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    lessons, topic_totals = [], defaultdict(lambda: [0, 0])
    for step in steps:
        if step.content_type_id == lesson_type.pk:
            lessons.append(step)
        else:
            totals = topic_totals[step.path[: -step.steplen]]
            totals[0] += 1
            totals[1] += step.minutes
    for lesson in lessons:
        entry = entries.get(lesson.path[: -lesson.steplen])
        if entry is not None:
            count, minutes = topic_totals.get(lesson.path, (0, 0))
            entry.add_lesson(lesson, count, minutes)

    webinar_count = webinar_index.webinar_count if webinar_index else 0
    if not courses and not webinar_count:
        return None

    if course_page.paginator.num_pages > 1:
        totals = {
            row["content_type_id"]: row["count"]
            for row in all_steps.order_by()
            .values("content_type_id")
            .annotate(count=Count("pk"))
        }
        lesson_count = totals.get(lesson_type.pk, 0)
        topic_count = sum(totals.values()) - lesson_count
    else:
        lesson_count = sum(len(e.lessons) for e in entries.values())
        topic_count = sum(e.topic_count for e in entries.values())
    return {
        "courses": list(entries.values()),
        "course_count": len(courses),
        "lesson_count": lesson_count,
        "topic_count": topic_count,
        "course_page": course_page,
        "webinar_index": webinar_index,
        "webinar_count": webinar_count,
        "webinar_hours": round(
            ((webinar_index and webinar_index.webinar_minutes) or 0) / 60, 1
        ),
    }


class _CourseEntry:
    def __init__(self, course: Page):
        self.course = course
        self.completed = course.completed or 0
        self.minutes = course.minutes or 0
        self.level = Level(course.level).label if course.level else ""
        self.lessons: list[dict] = []
        self.topic_count = 0

    def add_lesson(self, lesson: Page, topics: int, topic_minutes: int) -> None:
        self.lessons.append(
            {
                "page": lesson,
                "topic_count": topics,
                "minutes": lesson.minutes + topic_minutes,
            }
        )
        self.topic_count += topics

    @property
    def step_count(self) -> int:
        return len(self.lessons) + self.topic_count

    @property
    def percent(self) -> int:
        if not self.step_count:
            return 0
        return min(100, round(100 * self.completed / self.step_count))
