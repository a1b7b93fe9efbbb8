"""Rate limits on the public forms, counted in the shared cache.

Fixed windows in the Django cache (Redis or the database cache, both shared by
every web process), so a limit holds however many workers serve the site.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

# (requests, seconds): a person subscribes or asks for a link a few times at most;
# one office behind one IP address may hold a whole library team.
DEFAULT_LIMITS = {
    "address": (3, 3600),
    "client": (20, 3600),
}


def limit_for(scope: str) -> tuple[int, int]:
    overrides = getattr(settings, "NEWSLETTER_RATE_LIMITS", {})
    return overrides.get(scope, DEFAULT_LIMITS[scope])


def allow(scope: str, key: str) -> bool:
    """Count one request for ``key`` in ``scope``; False once over the limit."""
    limit, window = limit_for(scope)
    cache_key = f"newsletters:rate:{scope}:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window ended between add and incr.
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    """The client address; behind a proxy, the one it reports (when trusted)."""
    if getattr(settings, "NEWSLETTER_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
