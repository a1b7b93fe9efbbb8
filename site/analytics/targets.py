"""What a counted target is: its title, kind, service, audience and flag.

Looked up when a batch is flushed, a handful of queries for all of the batch's
pages, and copied into the daily rows.
"""

from __future__ import annotations

from wagtail.models import Page

from analytics.counting import COUNTED_VIEWS
from analytics.models import PageKind
from courses.models import (
    CoursePage,
    LessonPage,
    TopicPage,
    WebinarIndexPage,
    WebinarPage,
)
from home.models import HomePage, ServicePage
from news.models import NewsPage
from services.models import Service

KINDS = [
    (NewsPage, PageKind.NEWS),
    (CoursePage, PageKind.COURSE),
    (LessonPage, PageKind.LESSON),
    (TopicPage, PageKind.TOPIC),
    (WebinarPage, PageKind.WEBINAR),
    (WebinarIndexPage, PageKind.WEBINAR),
    (ServicePage, PageKind.SERVICE),
    (HomePage, PageKind.HOME),
]


def kind_of(page: Page) -> str:
    for model, kind in KINDS:
        if isinstance(page, model):
            return kind
    return PageKind.PAGE


def service_sections() -> list[tuple[str, Service]]:
    """(tree path of the landing page, service) for every service's section."""
    return [
        (landing.path, landing.service)
        for landing in ServicePage.objects.select_related("service").order_by("path")
    ]


def section_of(path: str, sections: list[tuple[str, Service]]) -> Service | None:
    """The service whose landing page holds the page at this tree path."""
    for landing_path, service in sections:
        if path.startswith(landing_path):
            return service
    return None


def describe_pages(page_ids: set[int]) -> dict[int, dict]:
    """Page id -> the fields of its daily row; unknown ids are left out."""
    pages = list(Page.objects.filter(pk__in=page_ids).specific())
    sections = service_sections()
    course_paths = {
        page.course_path for page in pages if isinstance(page, LessonPage | TopicPage)
    }
    course_audience = dict(
        CoursePage.objects.filter(path__in=course_paths).values_list("path", "audience")
    )
    described = {}
    for page in pages:
        service = section_of(page.path, sections)
        if isinstance(page, NewsPage | CoursePage):
            audience = page.audience
        elif isinstance(page, LessonPage | TopicPage):
            audience = course_audience.get(page.course_path, "")
        else:
            audience = service.audience if service else ""
        described[page.pk] = {
            "page_id": page.pk,
            "title": page.title[:255],
            "kind": kind_of(page),
            "service": service,
            "audience": audience,
            "is_inspiring": bool(getattr(page, "is_inspiring", False)),
        }
    return described


def describe_targets(targets: set[str]) -> dict[str, dict]:
    """Target -> the fields of its daily row; unknown targets are left out."""
    page_ids = {int(t[5:]) for t in targets if t.startswith("page:")}
    pages = describe_pages(page_ids) if page_ids else {}
    slugs = {t.split("@", 1)[1] for t in targets if "@" in t}
    services = {s.slug: s for s in Service.objects.filter(slug__in=slugs)}
    described = {}
    for target in targets:
        if target.startswith("page:"):
            page = pages.get(int(target[5:]))
            if page is not None:
                described[target] = page
            continue
        view_name, _at, slug = target[5:].partition("@")
        if view_name not in COUNTED_VIEWS or (slug and slug not in services):
            continue
        service = services.get(slug)
        title = str(COUNTED_VIEWS[view_name])
        described[target] = {
            "page_id": None,
            "title": f"{title}: {service.name}" if service else title,
            "kind": PageKind.VIEW,
            "service": service,
            "audience": service.audience if service else "",
            "is_inspiring": False,
        }
    return described
