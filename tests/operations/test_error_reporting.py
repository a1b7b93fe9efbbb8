"""Optional error reporting: with SENTRY_DSN set, an unhandled error in a request
reaches the reporting server (here an HTTP server on loopback that keeps the
envelopes it receives), without personal data; without it nothing is set up."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from config.error_reporting import configure
from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[2]

# A request whose database is down: the view fails with OperationalError.
FAILING_REQUEST = """
import django
django.setup()
import sentry_sdk
from django.test import Client
response = Client(raise_request_exception=False).get(
    "/", HTTP_COOKIE="sessionid=geheim", HTTP_X_FORWARDED_FOR="203.0.113.9"
)
print("status", response.status_code)
sentry_sdk.flush(10)
"""


class Collector(BaseHTTPRequestHandler):
    received: list[tuple[str, dict, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def reporting_server():
    Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def envelope_items(body: bytes) -> list[dict]:
    """The JSON lines of a Sentry envelope (header, item headers, payloads)."""
    items = []
    for line in body.split(b"\n"):
        try:
            items.append(json.loads(line))
        except ValueError:
            continue
    return items


def test_an_unhandled_error_in_a_request_is_reported_without_personal_data(
    reporting_server,
):
    port = reporting_server.server_address[1]
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SENTRY_DSN": f"http://publiekesleutel@127.0.0.1:{port}/42",
        "SENTRY_ENVIRONMENT": "proef",
        "ALLOWED_HOSTS": "testserver",
        # Nothing listens on port 9: every query fails.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/leerplatform",
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
    }
    done = subprocess.run(
        [sys.executable, "-c", FAILING_REQUEST], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "status 500" in done.stdout, done.stdout + done.stderr

    envelopes = [(path, body) for path, _h, body in Collector.received
                 if path == "/api/42/envelope/"]  # fmt: skip
    assert envelopes, Collector.received
    events = [
        item
        for _path, body in envelopes
        for item in envelope_items(body)
        if "exception" in item
    ]
    assert events, envelopes
    event = events[0]
    assert event["environment"] == "proef"
    types = [value["type"] for value in event["exception"]["values"]]
    assert "OperationalError" in types, types
    assert "user" not in event
    everything = b"".join(body for _path, body in envelopes)
    assert b"geheim" not in everything  # the session cookie
    assert b"203.0.113.9" not in everything  # the client's address


def test_without_a_dsn_nothing_is_set_up():
    import sentry_sdk

    assert configure("", environment="productie") is False
    assert not sentry_sdk.get_client().is_active()


def test_a_malformed_dsn_is_refused_with_a_clear_message():
    with pytest.raises(ImproperlyConfigured, match="SENTRY_DSN is geen geldige DSN"):
        configure("sentry.example.org/12", environment="productie")
