"""The service registry and a landing page per service."""

from django.db.models import Q

from demo.content.service_pages import SERVICE_PAGES
from demo.content.services import SERVICES
from demo.loaders.pages import child_slugs, publish_new_child
from demo.loaders.results import LoadResult
from demo.streams import rich_intro
from home.models import HomePage, ServicePage
from services.models import Service


def load_services() -> LoadResult:
    result = LoadResult()
    for position, data in enumerate(SERVICES, start=1):
        if Service.objects.filter(Q(slug=data.slug) | Q(name=data.name)).exists():
            result.existing += 1
            continue
        Service.objects.create(
            slug=data.slug,
            name=data.name,
            audience=data.audience,
            summary=data.summary,
            is_software_product=data.is_software_product,
            brand_colour=data.brand_colour,
            sort_order=position * 10,
        )
        result.created += 1
    return result


def load_service_pages(home: HomePage) -> LoadResult:
    """A live landing page at /<slug>/ for every demo service that has none yet."""
    result = LoadResult()
    taken = child_slugs(home)
    with_page = set(ServicePage.objects.values_list("service_id", flat=True))
    services = Service.objects.filter(slug__in=SERVICE_PAGES)
    for service in services.order_by("sort_order"):
        if service.pk in with_page or service.slug in taken:
            result.existing += 1
            continue
        text = SERVICE_PAGES[service.slug]
        page = ServicePage(
            title=service.name,
            slug=service.slug,
            service=service,
            intro=rich_intro(text.intro),
            body=text.body,
            search_description=service.summary,
        )
        publish_new_child(home, page)
        result.created += 1
    return result
