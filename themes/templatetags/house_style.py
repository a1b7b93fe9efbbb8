"""Template tags of the house style: the site-wide links of the header and footer."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Page

register = template.Library()

ABOUT_SLUG = "over-het-leerplatform"
PRIVACY_SLUG = "privacy"


def _news_index_type_id() -> int | None:
    # By natural key, so the house style needs no import of the news app; Django
    # caches content types, so this is no query after the first.
    try:
        return ContentType.objects.get_by_natural_key("news", "newsindexpage").pk
    except ContentType.DoesNotExist:
        return None


def _find_site_pages(request) -> dict[str, str]:
    news_type = _news_index_type_id()
    # Plain column conditions, so PostgreSQL finds them through the slug and
    # content-type indexes; a join to the content types read every page (15 ms
    # on every request with 16,000 pages).
    pages = (
        Page.objects.live()
        .filter(Q(slug__in=[ABOUT_SLUG, PRIVACY_SLUG]) | Q(content_type_id=news_type))
        .order_by("-depth")
    )
    urls = {}
    # Shallowest last, so a top-level page wins over a deeper page with the same slug.
    for page in pages:
        if page.content_type_id == news_type:
            key = "news"
        elif page.slug == ABOUT_SLUG:
            key = "about"
        else:
            key = "privacy"
        url = page.get_url(request)
        if url:
            urls[key] = url
    return urls


@register.simple_tag(takes_context=True)
def site_pages(context) -> dict[str, str]:
    """URLs of the news overview, the about page and the privacy page, where they exist.

    One query per request, shared by the header and the footer.
    """
    request = context.get("request")
    if request is None:
        return {}
    if not hasattr(request, "_house_style_site_pages"):
        request._house_style_site_pages = _find_site_pages(request)
    return request._house_style_site_pages


@register.simple_tag(takes_context=True)
def aria_current(context, prefix: str) -> str:
    """The aria-current attribute when the current path lies under the prefix."""
    request = context.get("request")
    if request is not None and prefix and request.path.startswith(prefix):
        return mark_safe(' aria-current="page"')
    return ""


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current page, with the paginator's ellipsis for gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    )


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: templates cannot index a dict with a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def page_type_label(page) -> str:
    """The human name of a page's type, e.g. 'nieuwsbericht'."""
    return str(type(page)._meta.verbose_name)


@register.filter
def page_snippet(page) -> str:
    """A short plain-text description of a page for result lists."""
    for field in ("summary", "search_description", "intro"):
        value = getattr(page, field, "")
        if value:
            return Truncator(strip_tags(str(value))).words(40)
    return ""


@register.simple_tag
def site_base_url() -> str:
    """The site's public address, for e-mails rendered without a request."""
    return settings.SITE_BASE_URL
