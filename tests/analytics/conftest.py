"""Counting tests run against a real Redis, each under its own key prefix."""

from uuid import uuid4

import pytest

from tests.conftest import redis_url

BROWSER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def analytics_redis(settings):
    """A real Redis connection; the test's keys are deleted afterwards."""
    from analytics import counting

    settings.ANALYTICS_REDIS_URL = redis_url()
    settings.ANALYTICS_KEY_PREFIX = f"test-analytics-{uuid4().hex}"
    connection = counting.client()
    yield connection
    keys = list(connection.scan_iter(match=settings.ANALYTICS_KEY_PREFIX + ":*"))
    if keys:
        connection.delete(*keys)


@pytest.fixture
def beacon(client):
    """Post a beacon as a browser on the same site would."""

    def send(target: str, kind: str = "view", **headers):
        headers.setdefault("HTTP_USER_AGENT", BROWSER_AGENT)
        headers.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
        return client.post("/teller/", {"doel": target, "soort": kind}, **headers)

    return send
