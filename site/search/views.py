"""/zoeken/: full-text search over the pages a visitor may see, with facets."""

from __future__ import annotations

from collections import Counter
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from courses.models import (
    SERVICE_PATH_LENGTH,
    CoursePage,
    LessonPage,
    TopicPage,
    WebinarPage,
)
from courses.visibility import hidden_page_ids
from home.models import ServicePage, StandardPage
from news.models import NewsPage
from release_notes.models import KnownBug, ReleaseNote
from search.suggestions import did_you_mean
from services.choices import Audience
from services.models import Service

RESULTS_PER_PAGE = 10
CONTENT_TYPES = {
    "cursus": (CoursePage, _("Cursus")),
    "les": (LessonPage, _("Les")),
    "onderwerp": (TopicPage, _("Onderwerp")),
    "webinar": (WebinarPage, _("Webinar")),
    "dienst": (ServicePage, _("Dienst")),
    "nieuws": (NewsPage, _("Nieuws")),
    "pagina": (StandardPage, _("Pagina")),
}
# Release notes and known bugs are snippets, not pages: searched beside the pages,
# counted in the same facets, listed on their own when their type is chosen.
SNIPPET_TYPES = {
    "release-note": (ReleaseNote, _("Release note")),
    "gekende-bug": (KnownBug, _("Gekende bug")),
}
ALL_TYPES = {**CONTENT_TYPES, **SNIPPET_TYPES}
ALSO_FOUND = 3


def pages_about(services) -> Q:
    """Pages in the landing-page trees of these services, and news tagged with them."""
    landing_paths = ServicePage.objects.filter(service__in=services).values_list(
        "path", flat=True
    )
    in_trees = [Q(path__startswith=path) for path in landing_paths]
    tagged = Q(id__in=NewsPage.objects.filter(services__in=services).values("id"))
    return reduce(or_, in_trees, tagged)


def _matches(pages, query: str):
    """Every page that matches, unranked and unpaginated, for counting facets.

    Wagtail's search results hold the backend's filtered queryset; grouping that
    one counts all facets in a single query.
    """
    found = get_search_backend().search(query, pages, order_by_relevance=False)
    return found.get_queryset().order_by()


def _facet_rows(pages, query: str) -> list[dict]:
    """Matches grouped by service tree and type; news one row per page and tagged
    service, since the service filter shows news by its tags (``pages_about``)."""
    return list(
        _matches(pages, query)
        .annotate(
            service_path=Substr("path", 1, SERVICE_PATH_LENGTH),
            news_id=F("newspage__page_ptr_id"),
            news_audience=F("newspage__audience"),
            news_service=F("newspage__services"),
        )
        .values(
            "service_path", "content_type", "news_id", "news_audience", "news_service"
        )
        .annotate(count=Count("pk"))
    )


def visible_snippets(key: str, request):
    """The release notes or known bugs this visitor may read."""
    if key == "release-note":
        return ReleaseNote.objects.visible_to(request.user).select_related("service")
    return KnownBug.objects.published().select_related("service")


def _snippet_rows(request, query: str, services) -> list[tuple]:
    """(services, type, None, count) for the matching snippets of each type."""
    by_pk = {s.pk: s for s in services}
    rows = []
    for key in SNIPPET_TYPES:
        counted = (
            _matches(visible_snippets(key, request), query)
            .values("service_id")
            .annotate(count=Count("pk"))
        )
        rows += [
            (_services_of(by_pk.get(r["service_id"])), key, None, r["count"])
            for r in counted
        ]
    return rows


def _services_of(service) -> frozenset:
    """The services of a match in a facet row: its one service, or none."""
    return frozenset() if service is None else frozenset([service])


class Facets:
    """Counts per service, audience and type; each facet counts with the others'
    filters applied, so a number says what choosing it would show.

    A row is (services, type, news audience, count): the services a match belongs
    to (its service tree, or a news page's tags, which may be several), so that
    a news page counts once in the totals and under every service it is tagged
    with, as the filters show it.
    """

    def __init__(self, rows, services, service, audience, content_type, extra=()):
        self.services = services
        by_path = {s.landing_path: s for s in services if s.landing_path}
        by_pk = {s.pk: s for s in services}
        type_ids = {
            ContentType.objects.get_for_model(model).pk: key
            for key, (model, _label) in CONTENT_TYPES.items()
        }
        self.rows = []
        news: dict[int, tuple] = {}
        for row in rows:
            kind = type_ids.get(row["content_type"])
            if row["news_id"] is None:
                tree = _services_of(by_path.get(row["service_path"]))
                self.rows.append((tree, kind, None, row["count"]))
                continue
            tags, _kind, audience_of = news.get(
                row["news_id"], (frozenset(), kind, row["news_audience"])
            )
            tags = tags | _services_of(by_pk.get(row["news_service"]))
            news[row["news_id"]] = (tags, kind, audience_of)
        self.rows += [(*entry, 1) for entry in news.values()]
        self.pages_total = sum(row[3] for row in self.rows)
        self.rows += list(extra)
        self.service, self.audience, self.content_type = service, audience, content_type
        self.total = sum(row[3] for row in self.rows)

    @staticmethod
    def _serves(row, audience) -> bool:
        services, _kind, news_audience, _count = row
        return any(service.serves(audience) for service in services) or (
            news_audience in (audience, Audience.BOTH)
        )

    def _keep(self, row, skip: str) -> bool:
        if skip != "dienst" and self.service and self.service not in row[0]:
            return False
        if skip != "type" and self.content_type and row[1] != self.content_type:
            return False
        return not (
            skip != "doelgroep"
            and self.audience
            and not self._serves(row, self.audience)
        )

    def for_services(self) -> list[tuple[Service, int]]:
        counts = Counter()
        for row in self.rows:
            if self._keep(row, "dienst"):
                for service in row[0]:
                    counts[service.pk] += row[3]
        return [(s, counts[s.pk]) for s in self.services if counts[s.pk]]

    def for_audiences(self) -> list[tuple[Audience, int]]:
        return [
            (
                audience,
                sum(
                    row[3]
                    for row in self.rows
                    if self._keep(row, "doelgroep") and self._serves(row, audience)
                ),
            )
            for audience in Audience.entry_points()
        ]

    def for_types(self) -> list[tuple[str, str, int]]:
        counts = Counter()
        for row in self.rows:
            if row[1] is not None and self._keep(row, "type"):
                counts[row[1]] += row[3]
        return [
            (key, label, counts[key])
            for key, (_model, label) in ALL_TYPES.items()
            if counts[key]
        ]

    def count_of(self, content_type: str) -> int:
        """Matches of one type under the current service and audience filters."""
        return next(
            (count for key, _label, count in self.for_types() if key == content_type),
            0,
        )


def _filtered_snippets(key, request, service, audience, services):
    snippets = visible_snippets(key, request)
    if service:
        snippets = snippets.filter(service=service)
    if audience:
        snippets = snippets.filter(
            service__in=[s.pk for s in services if s.serves(audience)]
        )
    return snippets


def _pages(visible, content_type, service, audience, services):
    pages = visible
    if content_type:
        pages = pages.type(CONTENT_TYPES[content_type][0])
    if service:
        pages = pages.filter(pages_about([service]))
    if audience:
        audience_news = NewsPage.objects.for_audience(audience).values("id")
        pages = pages.filter(
            pages_about([s for s in services if s.serves(audience)])
            | Q(id__in=audience_news)
        )
    return pages


def _also_found(request, query, facets, service, audience, services) -> list[dict]:
    """The best few release notes and known bugs, shown beside the pages."""
    found = []
    for key, (model, label) in SNIPPET_TYPES.items():
        count = facets.count_of(key)
        if count:
            snippets = _filtered_snippets(key, request, service, audience, services)
            name = (
                model._meta.verbose_name
                if count == 1
                else (model._meta.verbose_name_plural)
            )
            found.append(
                {
                    "type": key,
                    "label": label,
                    "heading": _("Ook gevonden: %(count)s %(name)s")
                    % {"count": count, "name": name},
                    "count": count,
                    "items": list(
                        get_search_backend().search(query, snippets)[:ALSO_FOUND]
                    ),
                }
            )
    return found


def search(request):
    """Full-text search over the pages this visitor may see, filterable by service,
    audience and type, with the number of results behind every filter."""
    query = request.GET.get("q", "").strip()
    services = list(Service.objects.active().select_related("landing_page"))
    for service in services:
        page = getattr(service, "landing_page", None)
        service.landing_path = page.path if page else None
    service = next((s for s in services if s.slug == request.GET.get("dienst")), None)
    audience = request.GET.get("doelgroep", "")
    if audience not in Audience.entry_points():
        audience = ""
    content_type = request.GET.get("type", "")
    if content_type not in ALL_TYPES:
        content_type = ""

    results = facets = suggestion = None
    also_found = []
    if query:
        visible = Page.objects.live().exclude(id__in=hidden_page_ids(request))
        facets = Facets(
            _facet_rows(visible, query),
            services,
            service,
            audience,
            content_type,
            extra=_snippet_rows(request, query, services),
        )
        if content_type in SNIPPET_TYPES:
            matches = _filtered_snippets(
                content_type, request, service, audience, services
            )
            matches = get_search_backend().search(query, matches)
        else:
            matches = _pages(visible, content_type, service, audience, services)
            matches = matches.specific().search(query)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        if not (service or audience or content_type):
            # Without filters the facets have counted these very pages already.
            paginator.count = facets.pages_total
        results = paginator.get_page(request.GET.get("pagina"))
        if not content_type and results.number == 1:
            also_found = _also_found(
                request, query, facets, service, audience, services
            )
        if not facets.total:
            suggestion = did_you_mean(query)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "facets": facets,
            "services": services,
            "selected_service": service,
            "audiences": Audience.entry_points(),
            "selected_audience": audience,
            "content_types": [(key, label) for key, (_m, label) in ALL_TYPES.items()],
            "also_found": also_found,
            "suggestion": suggestion,
            "selected_type": content_type,
            "filtered": bool(service or audience or content_type),
        },
    )
