"""Courses, lessons, topics and webinars per service, and the restricted areas.

Pages are added to the tree one by one (treebeard assigns their paths), already
live, and each gets its first revision in one bulk insert per service: hundreds of
``save_revision().publish()`` calls would take minutes at ``seed`` scale. What
exists is keyed by slug under its parent and left alone, so loading twice changes
nothing and ``large`` after ``seed`` adds only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, PageViewRestriction, Revision

from courses.models import (
    CoursePage,
    LessonPage,
    Level,
    TopicPage,
    WebinarIndexPage,
    WebinarPage,
)
from demo.content import courses as content
from demo.loaders.results import LoadResult
from demo.streams import callout, heading, paragraph, rich_intro
from home.models import ServicePage, StandardPage

Progress = Callable[[int, int], None]
# Seed is the real scale of 2022; large is ten times that; small a handful.
MULTIPLIER = {"small": 0, "seed": 1, "large": 10}
MAX_SLUG = 80
FIRST_WEBINAR_DAY = date(2020, 3, 2)
WEBINAR_MINUTES = [6, 9, 12, 7, 11, 8, 10, 9]  # nine minutes on average
TOPICS_PER_LESSON = [1, 1, 2, 1, 0, 2, 1, 2, 2, 1, 1, 2]  # 1.33 on average
LEVELS = [Level.BASIC, Level.BASIC, Level.ADVANCED, Level.BASIC, Level.EXPERT]
PUBLISHED = timezone.make_aware(datetime(2022, 1, 10, 9, 0))


class _TreeWriter:
    """Adds live pages under their parents and gives them a first revision."""

    def __init__(self):
        self.created: list[Page] = []
        self.existing = 0
        self._children: dict[str, dict[str, Page]] = {}

    def children(self, parent: Page) -> dict[str, Page]:
        if parent.path not in self._children:
            self._children[parent.path] = {
                page.slug: page for page in parent.get_children().specific()
            }
        return self._children[parent.path]

    def ensure(self, parent: Page, page: Page, published: datetime) -> Page:
        """The child with this page's slug, created when it is missing."""
        existing = self.children(parent).get(page.slug)
        if existing is not None:
            self.existing += 1
            return existing
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published
        parent.add_child(instance=page)
        self._children[parent.path][page.slug] = page
        self._children[page.path] = {}
        self.created.append(page)
        return page

    def write_revisions(self) -> None:
        """One published revision per new page, in bulk."""
        if not self.created:
            return
        base_type = ContentType.objects.get_for_model(Page)
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=ContentType.objects.get_for_model(page),
                    base_content_type=base_type,
                    object_id=str(page.pk),
                    created_at=page.first_published_at,
                    object_str=page.title,
                    content=page.serializable_data(),
                )
                for page in self.created
            ],
            batch_size=500,
        )
        for page, revision in zip(self.created, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
            page.latest_revision_created_at = page.first_published_at
        Page.objects.bulk_update(
            self.created,
            ["latest_revision", "live_revision", "latest_revision_created_at"],
            batch_size=500,
        )
        self.created = []


def _slug(title: str) -> str:
    return slugify(title)[:MAX_SLUG].strip("-")


def _course_title(subjects: list[str], index: int) -> str:
    subject = subjects[index % len(subjects)]
    variant = content.COURSE_VARIANTS[(index // len(subjects)) % 10]
    rounds = index // (len(subjects) * 10)
    title = f"{subject}: {variant}" if variant else subject
    return f"{title} ({rounds + 1})" if rounds else title


def _manual_body(subject: str, number: int) -> list[dict]:
    body = [
        heading("Waarom dit belangrijk is"),
        paragraph(
            f"{subject}: in dit deel lees je hoe je het aanpakt in je eigen "
            "bibliotheek of cultuurhuis, met voorbeelden uit de praktijk van "
            "collega's."
        ),
        {
            "type": "steps",
            "value": {
                "title": "Zo ga je te werk",
                "steps": [
                    {"text": "<p>Open het juiste scherm in het menu.</p>"},
                    {"text": "<p>Vul de gegevens in en controleer ze.</p>"},
                    {"text": "<p>Bewaar en kijk het resultaat na.</p>"},
                ],
            },
        },
    ]
    if number % 3 == 0:
        body.append(
            {
                "type": "table",
                "value": {
                    "caption": "Wie doet wat",
                    "cells": "Taak | Wie\nInstellen | Coördinator\n"
                    "Dagelijks gebruik | Baliemedewerker",
                    "first_row_is_header": True,
                },
            }
        )
    kind = ["tip", "let-op", "workaround"][number % 3]
    body.append(
        callout("Twijfel je? Kijk eerst bij de gekende bugs en de release notes.", kind)
    )
    return body


def _load_service(
    writer: _TreeWriter, landing: ServicePage, plan: content.ServiceCourses, scale: str
) -> None:
    count = plan.small if scale == "small" else plan.seed * MULTIPLIER[scale]
    for k in range(count):
        title = _course_title(plan.subjects, k)
        course = writer.ensure(
            landing,
            CoursePage(
                title=title,
                slug=_slug(title),
                intro=rich_intro(f"Alles over {title[0].lower() + title[1:]}."),
                audience=plan.audience,
                level=LEVELS[k % len(LEVELS)],
                estimated_minutes=30 + 15 * (k % 5),
                linear_progression=k % 7 == 3,
                body=[],
                search_description=f"Cursus: {title}",
            ),
            PUBLISHED + timedelta(days=k % 300),
        )
        lessons = 4 + (1 if (k * 38) % 100 < 38 else 0)
        for j in range(lessons):
            lesson_title = content.LESSON_PATTERNS[j % 8].format(
                subject=title.split(":")[0]
            )
            if k == 0 and j == 3 and landing.slug == "wise":
                lesson_title = "Het vernieuwde IBL in de praktijk"
            if k == 0 and j == 0 and landing.slug == "bibliotheekwebsites":
                lesson_title = "Wijzigingsverzoeken bibliotheekwebsites"
            lesson = writer.ensure(
                course,
                LessonPage(
                    title=lesson_title,
                    slug=_slug(lesson_title),
                    intro=rich_intro(f"Een les uit de cursus {title}."),
                    estimated_minutes=10 + 5 * (j % 3),
                    body=_manual_body(lesson_title, j),
                ),
                course.first_published_at,
            )
            topics = TOPICS_PER_LESSON[(k * 5 + j) % 12]
            for t in range(topics):
                topic_title = content.TOPIC_PATTERNS[t % 4]
                if lesson_title == "Het vernieuwde IBL in de praktijk" and t == 0:
                    topic_title = "Juni 2022"
                writer.ensure(
                    lesson,
                    TopicPage(
                        title=topic_title,
                        slug=_slug(topic_title),
                        estimated_minutes=5,
                        body=_manual_body(topic_title, t + j),
                    ),
                    course.first_published_at,
                )
    _load_webinars(writer, landing, plan, scale)


def _load_webinars(
    writer: _TreeWriter, landing: ServicePage, plan: content.ServiceCourses, scale: str
) -> None:
    count = (
        plan.webinars_small
        if scale == "small"
        else plan.webinars_seed * (MULTIPLIER[scale])
    )
    if not count:
        return
    index = writer.ensure(
        landing,
        WebinarIndexPage(
            title=f"Webinars over {landing.title}",
            slug="webinars",
            intro=rich_intro(
                "Opgenomen sessies om op je eigen tempo te bekijken, per reeks."
            ),
        ),
        PUBLISHED,
    )
    titles = [
        (series, title)
        for series, items in plan.webinar_series.items()
        for title in items
    ]
    for n in range(count):
        series, title = titles[n % len(titles)]
        part = n // len(titles)
        full_title = f"{series}: {title}" + (f" (deel {part + 1})" if part else "")
        minutes = WEBINAR_MINUTES[n % len(WEBINAR_MINUTES)]
        day = FIRST_WEBINAR_DAY + timedelta(days=(n * 37) % 1000)
        chapters = [
            {"type": "chapter", "value": {"start": "0:00", "title": "Inleiding"}},
            {
                "type": "chapter",
                "value": {"start": f"{minutes // 3}:15", "title": "Demonstratie"},
            },
            {
                "type": "chapter",
                "value": {"start": f"{2 * minutes // 3}:30", "title": "Vragen"},
            },
        ]
        writer.ensure(
            index,
            WebinarPage(
                title=full_title,
                slug=_slug(full_title),
                date=day,
                series=series,
                duration_minutes=minutes,
                speakers="Projectteam Cultuurconnect",
                intro=rich_intro(f"Een opgenomen webinar over {title.lower()}."),
                chapters=chapters,
            ),
            timezone.make_aware(datetime.combine(day, time(14, 0))),
        )


def _restrict(page: Page, group: Group) -> None:
    restriction, _ = PageViewRestriction.objects.get_or_create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)


def _load_restricted_areas(writer: _TreeWriter) -> None:
    """The cohort area, the post-event material and the administrators' course."""
    programmes = StandardPage.objects.filter(slug=content.PROGRAMMES_PARENT).first()
    if programmes is None:
        return
    cohort, _ = Group.objects.get_or_create(name=content.LEADERSHIP_GROUP)
    participants, _ = Group.objects.get_or_create(name=content.CONNECT_GROUP)
    administrators, _ = Group.objects.get_or_create(name=content.ADMINISTRATORS_GROUP)

    leadership = writer.ensure(
        programmes,
        CoursePage(
            title=content.LEADERSHIP_COURSE,
            slug=_slug(content.LEADERSHIP_COURSE),
            intro=rich_intro(
                "De tweede editie (2022-2023) met 24 culturele organisaties: vijf "
                "modules op basis van de zelfevaluatie digitale maturiteit. De "
                "praktijksessies staan open voor iedereen."
            ),
            audience="beide",
            level=Level.ADVANCED,
            estimated_minutes=600,
            body=[],
        ),
        PUBLISHED,
    )
    for number, (module, practice) in enumerate(content.LEADERSHIP_MODULES):
        lesson = writer.ensure(
            leadership,
            LessonPage(title=module, slug=_slug(module), estimated_minutes=20, body=[]),
            PUBLISHED,
        )
        for title, restricted in (
            ("Documentatie en afspraken", True),
            ("Opname van de online sessie", True),
            (practice, False),
        ):
            topic = writer.ensure(
                lesson,
                TopicPage(
                    title=title,
                    slug=_slug(title),
                    estimated_minutes=30,
                    body=_manual_body(title, number),
                ),
                PUBLISHED,
            )
            if restricted:
                _restrict(topic, cohort)

    connect = writer.ensure(
        programmes,
        CoursePage(
            title=content.CONNECT_COURSE,
            slug=_slug(content.CONNECT_COURSE),
            intro=rich_intro(
                "De dienstendag voor bibliotheken van 15 maart 2022 in het ICC in "
                "Gent, met 379 deelnemers uit 173 bibliotheken. Het materiaal staat "
                "klaar voor de deelnemers."
            ),
            audience="bibliotheken",
            estimated_minutes=60,
            body=[],
        ),
        PUBLISHED,
    )
    for title in content.CONNECT_LESSONS:
        lesson = writer.ensure(
            connect,
            LessonPage(
                title=title,
                slug=_slug(title),
                estimated_minutes=20,
                body=_manual_body(title, 1),
            ),
            PUBLISHED,
        )
        _restrict(lesson, participants)

    wise = ServicePage.objects.filter(service__slug="wise").first()
    if wise is not None:
        course = writer.ensure(
            wise,
            CoursePage(
                title=content.ADMINISTRATORS_COURSE,
                slug=_slug(content.ADMINISTRATORS_COURSE),
                intro=rich_intro("Voor de systeembeheerders van de bibliotheken."),
                audience="bibliotheken",
                level=Level.EXPERT,
                estimated_minutes=90,
                body=[],
            ),
            PUBLISHED,
        )
        _restrict(course, administrators)
        for title in content.ADMINISTRATORS_LESSONS:
            writer.ensure(
                course,
                LessonPage(
                    title=title,
                    slug=_slug(title),
                    estimated_minutes=15,
                    body=_manual_body(title, 2),
                ),
                PUBLISHED,
            )


def load_courses(scale: str, progress: Progress | None = None) -> LoadResult:
    """Courses and webinars for every service with a landing page, at this scale."""
    writer = _TreeWriter()
    created = 0
    landings = {
        page.service.slug: page
        for page in ServicePage.objects.select_related("service").order_by("path")
    }
    plans = [
        (slug, plan)
        for slug, plan in content.SERVICE_COURSES.items()
        if slug in landings
    ]
    for position, (slug, plan) in enumerate(plans, start=1):
        _load_service(writer, landings[slug], plan, scale)
        created += len(writer.created)
        writer.write_revisions()
        if progress:
            progress(position, len(plans))
    _load_restricted_areas(writer)
    created += len(writer.created)
    writer.write_revisions()
    return LoadResult(created=created, existing=writer.existing)
