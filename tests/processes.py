"""For tests that start real processes (workers, servers, SMTP sinks) beside pytest."""

from __future__ import annotations

import os
import socket
import time
from urllib.parse import urlsplit

from django.db import connection

from tests.conftest import redis_url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds: float = 60) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def database_url_of_test_database() -> str:
    """DATABASE_URL of pytest's test database, for a worker subprocess to use."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def redis_broker_url(database: int) -> str:
    """The Redis broker for a test's worker and sender.

    Celery lets CELERY_BROKER_URL in the environment override a broker given in code,
    so when CI sets it to a Redis database, worker and sender must both use that one;
    otherwise the given database on the Redis server of REDIS_URL.
    """
    configured = os.environ.get("CELERY_BROKER_URL", "")
    if configured.startswith("redis://"):
        return configured
    return f"redis://{urlsplit(redis_url()).netloc}/{database}"
