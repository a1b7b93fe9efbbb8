"""The open pixel and click redirect of a real server whose database is down."""

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from newsletters import tracking
from tests.conftest import redis_url
from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[2]
KEY = "tracking-key-of-this-test-only"

pytestmark = pytest.mark.redis


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


@pytest.fixture
def server_without_database(tmp_path, settings):
    prefix = f"test:tracking:{uuid.uuid4().hex[:10]}"
    settings.NEWSLETTER_TRACKING_KEY = KEY
    settings.NEWSLETTER_TRACKING_PREFIX = prefix
    settings.NEWSLETTER_TRACKING_REDIS_URL = redis_url()
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "LEERPLATFORM_VAR_DIR": str(tmp_path),
        # Nothing listens on port 1: every database connection fails at once.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/leerplatform",
        "NEWSLETTER_TRACKING_REDIS_URL": redis_url(),
        "NEWSLETTER_TRACKING_PREFIX": prefix,
        "NEWSLETTER_TRACKING_KEY": KEY,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--pythonpath", str(ROOT / "site"),
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "config.wsgi:application"],
        cwd=ROOT, env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while fetch(f"{base}/healthz")[0] != 200:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        yield base, tracking.redis_client(), prefix
    finally:
        server.terminate()
        server.wait(timeout=20)
        client = tracking.redis_client()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_the_pixel_answers_with_the_gif_and_buffers_the_open_without_a_database(
    server_without_database,
):
    base, client, prefix = server_without_database
    assert fetch(f"{base}/readyz")[0] == 503  # the database really is unavailable
    token = tracking.make_token(tracking.OPEN, 41, 4242)
    status, headers, body = fetch(f"{base}/nieuwsbrieven/t/o/{token}.gif")
    assert status == 200
    assert body == tracking.PIXEL
    assert headers["Content-Type"] == "image/gif"
    assert "no-store" in headers["Cache-Control"]
    hits = [json.loads(hit) for hit in client.lrange(f"{prefix}:buffer", 0, -1)]
    assert [(hit["k"], hit["r"], hit["d"]) for hit in hits] == [("o", 41, 4242)]
    # A forged token gets the same image, and records nothing.
    status, _headers, body = fetch(f"{base}/nieuwsbrieven/t/o/1.2.3.AAAA.gif")
    assert (status, body) == (200, tracking.PIXEL)
    assert client.llen(f"{prefix}:buffer") == 1


def test_a_click_on_a_link_known_to_redis_still_redirects_without_a_database(
    server_without_database,
):
    base, client, prefix = server_without_database
    client.hset(f"{prefix}:links:41", "7", "https://www.example.org/handleiding")
    token = tracking.make_token(tracking.CLICK, 41, 4242, 7)
    status, headers, _body = fetch(f"{base}/nieuwsbrieven/t/k/{token}/")
    assert status == 302
    assert headers["Location"] == "https://www.example.org/handleiding"
    assert client.llen(f"{prefix}:buffer") == 1
