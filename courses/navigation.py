"""A course's outline for one visitor: its lessons and topics in order, what they
completed, what is still locked, and the previous and next step.

The whole outline comes from a fixed number of queries, whatever the number of
lessons and topics, so course, lesson and topic pages stay equally fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.http import HttpRequest

from courses.models import Completion, CoursePage, LastVisit, LessonPage, TopicPage
from courses.models.pages import course_of
from courses.visibility import has_hidden_descendants


@dataclass
class Step:
    """A lesson or topic as the learner meets it in the course."""

    page: LessonPage | TopicPage
    url: str
    is_lesson: bool
    completed: bool = False
    locked: bool = False
    topics: list[Step] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def minutes(self) -> int:
        """This step's time, with its topics' time for a lesson."""
        topics = sum(topic.page.estimated_minutes for topic in self.topics)
        return self.page.estimated_minutes + topics


@dataclass
class CourseOutline:
    course: CoursePage
    lessons: list[Step]

    @cached_property
    def steps(self) -> list[Step]:
        """Every lesson and topic in reading order: a lesson, then its topics."""
        return [s for lesson in self.lessons for s in (lesson, *lesson.topics)]

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {step.page.pk: i for i, step in enumerate(self.steps)}

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def completed(self) -> int:
        return sum(1 for step in self.steps if step.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total

    @property
    def topic_count(self) -> int:
        return sum(len(lesson.topics) for lesson in self.lessons)

    def step_for(self, page_id: int) -> Step | None:
        position = self._positions.get(page_id)
        return None if position is None else self.steps[position]

    def previous(self, page_id: int) -> Step | None:
        position = self._positions.get(page_id)
        return self.steps[position - 1] if position else None

    def next(self, page_id: int) -> Step | None:
        position = self._positions.get(page_id)
        if position is None or position + 1 >= len(self.steps):
            return None
        return self.steps[position + 1]

    def is_locked(self, page_id: int) -> bool:
        step = self.step_for(page_id)
        return bool(step and step.locked)

    @property
    def first_incomplete(self) -> Step | None:
        return next((s for s in self.steps if not s.completed and not s.locked), None)


def build_outline(course: CoursePage, request: HttpRequest) -> CourseOutline:
    """The lessons and topics of a course this visitor may see, with their progress.

    Three queries at most (lessons, topics, completions) plus the visitor's
    restrictions, which are read once per request.
    """
    lessons = (
        LessonPage.objects.child_of(course)
        .visible_to(request)
        .in_tree_order()
        .defer_streamfields()
    )
    topics = (
        TopicPage.objects.descendant_of(course)
        .visible_to(request)
        .in_tree_order()
        .defer_streamfields()
    )
    user = getattr(request, "user", None)
    done: set[int] = set()
    if user is not None and user.is_authenticated:
        completions = Completion.objects.of(user).in_course(course)
        done = set(completions.values_list("page_id", flat=True))
    by_path: dict[str, Step] = {}
    outline_lessons = []
    for lesson in lessons:
        step = Step(lesson, lesson.get_url(request), True, lesson.pk in done)
        by_path[lesson.path] = step
        outline_lessons.append(step)
    for topic in topics:
        parent = by_path.get(topic.path[: -topic.steplen])
        if parent is not None:
            parent.topics.append(
                Step(topic, topic.get_url(request), False, topic.pk in done)
            )
    if course.linear_progression:
        _lock_after_first_unfinished_lesson(outline_lessons)
    return CourseOutline(course, outline_lessons)


def _lock_after_first_unfinished_lesson(lessons: list[Step]) -> None:
    unfinished_before = False
    for lesson in lessons:
        lesson.locked = unfinished_before
        for topic in lesson.topics:
            topic.locked = unfinished_before
        if not lesson.completed or not all(t.completed for t in lesson.topics):
            unfinished_before = True


def course_context(page, request: HttpRequest) -> dict:
    """What course, lesson and topic templates need: the outline and where we are."""
    course = course_of(page)
    if course is None:
        return {}
    outline = build_outline(course, request)
    context = {
        "course": course,
        "outline": outline,
        "step": outline.step_for(page.pk),
        "previous_step": outline.previous(page.pk),
        "next_step": outline.next(page.pk) if page is not course else None,
    }
    if page is course:
        context["has_hidden_parts"] = has_hidden_descendants(course, request)
        context["next_step"] = outline.first_incomplete
        user = request.user
        if user.is_authenticated:
            visit = LastVisit.objects.filter(user=user, course=course).first()
            if visit is not None:
                context["resume_step"] = outline.step_for(visit.page_id)
    return context
