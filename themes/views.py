"""Presentation views of the house style."""

import hashlib
import re

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from services.models import Service

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
CACHE_SECONDS = 300


def service_colours_css() -> str:
    """One rule per active service that sets its brand colours as custom properties.

    Only validated slugs and #rrggbb values are written, whatever the database holds.
    """
    rules = []
    services = Service.objects.active().only("slug", "brand_colour").order_by("slug")
    for service in services:
        colour = service.brand_colour or ""
        if not (_SLUG.fullmatch(service.slug) and _HEX_COLOUR.fullmatch(colour)):
            continue
        colour = colour.lower()
        rules.append(
            f".service--{service.slug} {{ --brand: {colour}; "
            f"--brand-text: {service.brand_text_colour}; }}\n"
        )
    return "".join(rules)


@require_safe
def service_colours(request):
    """The per-service brand colours as a small style sheet, so pages need no inline
    styles (and a strict Content-Security-Policy stays possible)."""
    css = service_colours_css()
    etag = '"' + hashlib.sha256(css.encode()).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
