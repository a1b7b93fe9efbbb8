from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from home.models import ServicePage, StandardPage
from news.models import NewsPage
from services.choices import Audience
from services.models import Service

RESULTS_PER_PAGE = 10
CONTENT_TYPES = {
    "dienst": (ServicePage, _("Dienst")),
    "nieuws": (NewsPage, _("Nieuws")),
    "pagina": (StandardPage, _("Pagina")),
}


def pages_about(services) -> Q:
    """Pages in the landing-page trees of these services, and news tagged with them."""
    landing_paths = ServicePage.objects.filter(service__in=services).values_list(
        "path", flat=True
    )
    in_trees = [Q(path__startswith=path) for path in landing_paths]
    tagged = Q(id__in=NewsPage.objects.filter(services__in=services).values("id"))
    return reduce(or_, in_trees, tagged)


def search(request):
    """Full-text search over public pages, filterable by service, audience and type."""
    query = request.GET.get("q", "").strip()
    service = Service.objects.active().filter(slug=request.GET.get("dienst")).first()
    audience = request.GET.get("doelgroep", "")
    content_type = request.GET.get("type", "")
    results = None
    if query:
        pages = Page.objects.live().public()
        if content_type in CONTENT_TYPES:
            pages = pages.type(CONTENT_TYPES[content_type][0])
        if service:
            pages = pages.filter(pages_about([service]))
        if audience in Audience.entry_points():
            audience_news = NewsPage.objects.for_audience(audience).values("id")
            pages = pages.filter(
                pages_about(Service.objects.active().for_audience(audience))
                | Q(id__in=audience_news)
            )
        results = Paginator(pages.specific().search(query), RESULTS_PER_PAGE).get_page(
            request.GET.get("pagina")
        )
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "services": Service.objects.active(),
            "selected_service": service,
            "audiences": Audience.entry_points(),
            "selected_audience": audience,
            "content_types": [
                (key, label) for key, (_m, label) in CONTENT_TYPES.items()
            ],
            "selected_type": content_type,
        },
    )
