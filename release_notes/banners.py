"""The banners to show now, cheap enough to ask on every page.

The list of banners that have not ended is cached briefly and cleared whenever a
banner is saved or deleted; which of them show is decided against the clock on
each request, so a scheduled banner starts and ends on time without a save.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.utils import timezone

from release_notes.models import Banner

CACHE_KEY = "release_notes:banners-not-ended"
CACHE_SECONDS = 30


def active_banners(now: datetime.datetime | None = None) -> list[Banner]:
    """Banners shown right now, outages first."""
    now = now or timezone.now()
    return [banner for banner in _banners_not_ended(now) if banner.is_active(now)]


def banners_key(banners: list[Banner]) -> str:
    """A fingerprint of what is shown, so the page script redraws only on a change."""
    return ",".join(f"{b.pk}:{b.updated_at.timestamp():.0f}" for b in banners)


def forget_banners() -> None:
    """Drop the cached list: a banner was added, changed or removed."""
    cache.delete(CACHE_KEY)


def _banners_not_ended(now: datetime.datetime) -> list[Banner]:
    banners = cache.get(CACHE_KEY)
    if banners is None:
        banners = list(
            Banner.objects.not_ended(now).most_severe_first().select_related("service")
        )
        cache.set(CACHE_KEY, banners, CACHE_SECONDS)
    return banners
