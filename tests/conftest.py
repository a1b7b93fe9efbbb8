"""Suite-wide fixtures, and the rule for tests that need a real service.

Tests marked ``postgres``, ``redis`` or ``browser`` run when that service is
reachable and are skipped with the reason otherwise; with ``REQUIRE_SERVICES=1``
(as CI sets it) a missing service fails the test instead, so nothing is silently
skipped there.
"""

from __future__ import annotations

import os
import shutil
import socket
from functools import cache
from urllib.parse import urlsplit

import pytest

from django.db import connection

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@cache
def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), 1):
            return True
    except OSError:
        return False


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def _missing_service(item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "needs PostgreSQL: run with DATABASE_URL=postgres://user@host:5432/name"
    if item.get_closest_marker("redis") and not _reachable(redis_url()):
        return f"needs Redis: nothing answers at {redis_url()} (set REDIS_URL)"
    if item.get_closest_marker("browser") and chromium_path() is None:
        return "needs Chromium: install Debian's chromium or set CHROMIUM_PATH"
    return None


def pytest_runtest_setup(item):
    reason = _missing_service(item)
    if reason is None:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def home_page(db):
    """The home page that the migrations create as the default site's root."""
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
