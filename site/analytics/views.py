"""The beacon endpoint: answers at once, counts a hit when it passes the rules."""

import logging

import redis

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from analytics import counting

logger = logging.getLogger(__name__)


@csrf_exempt  # same-origin is checked by Sec-Fetch-Site; nothing but counters changes
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    """Count one view (or the end of one) of the page that sent the beacon.

    Always 204 with no body and no cookie: whether a hit counted tells the sender
    nothing, and a Redis outage never shows on the page.
    """
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    if not counting.counting_available():
        return response
    reason = counting.refusal(request)
    if reason is None:
        hit = counting.Hit(
            target=request.POST["doel"], kind=request.POST.get("soort", counting.VIEW)
        )
        try:
            counting.record(request, hit)
        except redis.RedisError:
            logger.warning("Paginaweergave niet geteld: Redis is onbereikbaar.")
    return response
