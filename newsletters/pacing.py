"""Pacing a send: a global rate limit shared by all workers, and the error-rate
breaker that pauses a run when too many recipients fail."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _

from newsletters.models import Delivery, IssueStatus, SendRun

DEFAULT_RATE = 200  # messages per second, for all workers together
DEFAULT_BREAKER_WINDOW = 200
DEFAULT_BREAKER_THRESHOLD = 0.2


def send_rate() -> float:
    """``NEWSLETTER_SEND_RATE``: messages per second over all workers; 0 = no limit."""
    return float(getattr(settings, "NEWSLETTER_SEND_RATE", DEFAULT_RATE))


class RateLimiter:
    """A shared limit in one-second windows, counted in the cache (Redis in
    production, so every worker draws from the same budget).

    Tokens are taken a few at a time to spare the cache a round trip per message.
    """

    def __init__(self, rate: float | None = None, batch: int | None = None):
        self.rate = send_rate() if rate is None else rate
        self.batch = batch or max(1, min(20, int(self.rate // 20)))
        self._tokens = 0

    def acquire(self) -> None:
        if self.rate <= 0:
            return
        while self._tokens <= 0:
            now = time.time()
            key = f"newsletters:rate:{int(now)}"
            cache.add(key, 0, timeout=5)
            try:
                taken = cache.incr(key, self.batch)
            except ValueError:
                continue
            allowed = self.rate - (taken - self.batch)
            if allowed > 0:
                self._tokens = min(self.batch, int(allowed) or 1)
            else:
                time.sleep(max(0.0, int(now) + 1 - time.time()))
        self._tokens -= 1


def breaker_tripped(run_id: int) -> bool:
    """True when more than ``NEWSLETTER_BREAKER_THRESHOLD`` of the last
    ``NEWSLETTER_BREAKER_WINDOW`` finished rows of the run failed or bounced."""
    window = int(getattr(settings, "NEWSLETTER_BREAKER_WINDOW", DEFAULT_BREAKER_WINDOW))
    threshold = float(
        getattr(settings, "NEWSLETTER_BREAKER_THRESHOLD", DEFAULT_BREAKER_THRESHOLD)
    )
    latest = list(
        Delivery.objects.filter(run_id=run_id, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("status", flat=True)[:window]
    )
    if len(latest) < window:
        return False
    failed = sum(
        status in (Delivery.Status.FAILED, Delivery.Status.BOUNCED) for status in latest
    )
    return failed / len(latest) > threshold


def trip_breaker(run_id: int) -> bool:
    """Pause the run because of its error rate; True when that changed it."""
    return bool(
        SendRun.objects.filter(Q(pk=run_id), Q(status=IssueStatus.SENDING)).update(
            status=IssueStatus.PAUSED,
            status_reason=_(
                "Automatisch gepauzeerd: te veel ontvangers mislukt of geweigerd. "
                "Kijk de fouten na en ga verder wanneer het probleem opgelost is."
            ),
        )
    )
