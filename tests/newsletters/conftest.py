import uuid

import pytest

from django.core import mail

from newsletters import tracking
from tests.conftest import redis_url
from tests.newsletters.factories import NewsletterListFactory


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
def tracking_redis(settings):
    """Tracking on the test Redis, under a prefix of this test alone."""
    settings.NEWSLETTER_TRACKING_REDIS_URL = redis_url()
    settings.NEWSLETTER_TRACKING_PREFIX = f"test:tracking:{uuid.uuid4().hex[:10]}"
    client = tracking.redis_client()
    yield client
    for key in client.scan_iter(f"{settings.NEWSLETTER_TRACKING_PREFIX}:*"):
        client.delete(key)
