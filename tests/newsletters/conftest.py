import pytest

from django.core import mail

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
