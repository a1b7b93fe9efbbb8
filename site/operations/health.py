"""Readiness checks: can this process reach what it needs to serve requests?"""

from __future__ import annotations

import logging
import uuid

from kombu import Connection

from django.conf import settings
from django.core.cache import cache
from django.db import connection

CHECK_TIMEOUT_SECONDS = 2
logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker() -> None:
    url = settings.CELERY_BROKER_URL
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    with Connection(url, connect_timeout=CHECK_TIMEOUT_SECONDS,
                    transport_options=options) as broker:  # fmt: skip
        broker.ensure_connection(max_retries=1, timeout=CHECK_TIMEOUT_SECONDS)


def check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


CHECKS = {"database": check_database, "broker": check_broker, "cache": check_cache}


def readiness() -> dict[str, str]:
    """Run every check: 'ok' or 'unavailable' per check; the reason goes to the log,
    not to whoever asks (it can name internal hosts)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means not ready, whatever its type
            logger.warning("Readiness check %s failed", name, exc_info=True)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return results
