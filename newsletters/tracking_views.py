"""The open pixel and the click redirect: the two public tracking endpoints.

Both answer without the database when they can (the pixel always does); what a
token of each kind leads to is described in ``newsletters.tracking``.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from newsletters import tracking
from newsletters.throttling import client_ip

logger = logging.getLogger(__name__)

NO_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"


def _pixel_response() -> HttpResponse:
    response = HttpResponse(tracking.PIXEL, content_type="image/gif")
    response["Cache-Control"] = NO_STORE
    response["Pragma"] = "no-cache"
    response["Expires"] = "0"
    return response


def _hit(request, token: tracking.TrackingToken) -> None:
    tracking.record_hit(
        token,
        request.META.get("HTTP_USER_AGENT", ""),
        client_ip(request),
        head=request.method == "HEAD",
    )


@csrf_exempt
def open_pixel(request, token: str) -> HttpResponse:
    """The 1×1 GIF of an issue: records the open when the token is valid, and
    answers with the image whatever happens."""
    try:
        parsed = tracking.read_token(tracking.OPEN, token)
        if not parsed.expired:
            _hit(request, parsed)
    except tracking.TrackingTokenError:
        pass
    except Exception:  # noqa: BLE001 - the image is always returned
        logger.exception("open pixel")
    return _pixel_response()


def _redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = NO_STORE
    response["Referrer-Policy"] = "no-referrer"
    return response


def _archive_of(run_id: int) -> str:
    from newsletters.models import SendRun

    try:
        run = SendRun.objects.select_related("newsletter").get(pk=run_id)
        archive = getattr(run.newsletter, "archive_page", None)
        if archive is not None and archive.url:
            return archive.url
    except Exception:  # noqa: BLE001 - the fixed page below always exists
        logger.warning("archive of run %s not found", run_id)
    return reverse("newsletters:subscribe")


@csrf_exempt
def click(request, token: str) -> HttpResponseRedirect:
    """Go to the stored URL of a link of the issue; never to a URL from the request."""
    try:
        parsed = tracking.read_token(tracking.CLICK, token)
    except tracking.TrackingTokenError:
        return _redirect(reverse("newsletters:subscribe"))
    url = tracking.link_destination(parsed.run_id, parsed.link_id)
    if url is None:
        return _redirect(_archive_of(parsed.run_id))
    if not parsed.expired:
        _hit(request, parsed)
    return _redirect(url)
