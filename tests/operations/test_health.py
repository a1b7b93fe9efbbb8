"""Health endpoints, and the same endpoints against services that do not answer."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_liveness_answers_without_touching_anything(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_every_check_ok(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "broker": "ok",
        "cache": "ok",
    }


def test_readiness_fails_when_the_broker_does_not_answer(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "unavailable"
    assert "127.0.0.1" not in response.content.decode()  # no internals leaked


def test_every_response_carries_a_request_id(client, db):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    echoed = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-123456")
    assert echoed["X-Request-ID"] == "proxy-id-123456"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="bad\nline")
    assert forged["X-Request-ID"] != "bad\nline"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


@pytest.mark.parametrize(
    ("env", "failing"),
    [
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/leerplatform"}, "database"),
        ({"CELERY_BROKER_URL": "redis://127.0.0.1:1/0"}, "broker"),
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, "cache"),
    ],
)
def test_a_server_whose_service_is_down_is_alive_but_not_ready(tmp_path, env, failing):
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "LEERPLATFORM_VAR_DIR": str(tmp_path),
        **env,
    }
    # gunicorn, as in production: it starts without touching the database.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--pythonpath", str(ROOT / "site"),
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "config.wsgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while fetch(f"http://127.0.0.1:{port}/healthz")[0] != 200:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        status, body = fetch(f"http://127.0.0.1:{port}/readyz")
        assert status == 503
        assert f'"{failing}": "unavailable"' in body
    finally:
        server.terminate()
        server.wait(timeout=20)
