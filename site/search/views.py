from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Page

from services.choices import Audience
from services.models import Service

RESULTS_PER_PAGE = 10


def search(request):
    """Full-text search over public pages, filterable by service and audience."""
    query = request.GET.get("q", "").strip()
    service = Service.objects.active().filter(slug=request.GET.get("dienst")).first()
    audience = request.GET.get("doelgroep", "")
    pages = Page.objects.live().public().specific()
    results = None
    if query:
        if service:
            pages = pages.filter(id__in=_pages_of_service(service).values("id"))
        if audience in Audience.values:
            services = Service.objects.active().for_audience(audience)
            pages = pages.filter(id__in=_pages_of_services(services).values("id"))
        results = Paginator(pages.search(query), RESULTS_PER_PAGE).get_page(
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
        },
    )


def _pages_of_service(service):
    return _pages_of_services(Service.objects.filter(pk=service.pk))


def _pages_of_services(services):
    """Landing pages of these services, everything below them, and their news."""
    from home.models import ServicePage
    from news.models import NewsPage

    landing = ServicePage.objects.filter(service__in=services)
    tree = Page.objects.none()
    for page in landing:
        tree = tree | Page.objects.descendant_of(page, inclusive=True)
    news = NewsPage.objects.filter(services__in=services)
    return Page.objects.filter(id__in=tree.values("id")) | Page.objects.filter(
        id__in=news.values("id")
    )
