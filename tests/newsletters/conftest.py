import uuid

import pytest

from django.core import mail
from django.core.cache import cache

from newsletters import rendering, tracking
from tests.conftest import redis_url
from tests.newsletters.factories import NewsletterListFactory
from tests.newsletters.smtp_sink import RunningSink


@pytest.fixture(autouse=True)
def fresh_editions():
    """Compiled editions are cached by issue and revision id; on SQLite a rolled
    back test hands the same ids to the next one, which must not get the old
    edition."""
    rendering._local_editions.clear()
    cache.clear()
    yield
    rendering._local_editions.clear()


@pytest.fixture
def lists(db):
    """Two service newsletters and Connected, all open for sign-up."""
    return {
        "wise": NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise"),
        "gopress": NewsletterListFactory(name="Nieuwsbrief Gopress", slug="gopress"),
        "connected": NewsletterListFactory(
            name="Connected", slug="connected", kind="connected"
        ),
    }


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def sink(settings):
    """A real SMTP server on loopback that the in-process sending talks to."""
    with RunningSink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = running.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        settings.NEWSLETTER_SEND_RATE = 0
        settings.NEWSLETTER_PARALLEL_CHUNKS = 1
        yield running.handler


@pytest.fixture
def tracking_redis(settings):
    """Tracking on the test Redis, under a prefix of this test alone."""
    settings.NEWSLETTER_TRACKING_REDIS_URL = redis_url()
    settings.NEWSLETTER_TRACKING_PREFIX = f"test:tracking:{uuid.uuid4().hex[:10]}"
    client = tracking.redis_client()
    yield client
    for key in client.scan_iter(f"{settings.NEWSLETTER_TRACKING_PREFIX}:*"):
        client.delete(key)
