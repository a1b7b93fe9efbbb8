"""DKIM signing by setting: the bytes the SMTP sink receives verify against the
public key (served by a dnsfunc instead of DNS), and any change breaks them."""

import base64

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from newsletters import sending
from newsletters.models import IssueStatus, SendRun
from tests.newsletters.factories import (
    NewsletterListFactory,
    SubscriberFactory,
    SubscriptionFactory,
    make_issue,
)
from tests.newsletters.smtp_sink import RunningSink

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def dns_record(key) -> bytes:
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def send_to_sink(settings, home_page, count=2) -> list[bytes]:
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    for n in range(count):
        SubscriptionFactory(
            newsletter=wise, subscriber=SubscriberFactory(email=f"lezer{n}@bib.be")
        )
    issue = make_issue(wise)
    with RunningSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.NEWSLETTER_SEND_RATE = 0
        run = SendRun.objects.create(
            issue=issue,
            newsletter=wise,
            revision_id=issue.live_revision_id,
            status=IssueStatus.SENDING,
        )
        sending.freeze_audience(run.pk)
        sending.send_chunk(run.pk)
        return [raw for _from, _tos, raw in sink.handler.messages]


def test_messages_sent_over_smtp_carry_a_dkim_signature_that_verifies(
    settings, home_page, key, tmp_path
):
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    # The key from a file, as operators keep it.
    (tmp_path / "dkim.pem").write_bytes(pem)
    settings.NEWSLETTER_DKIM_PRIVATE_KEY = str(tmp_path / "dkim.pem")
    settings.NEWSLETTER_DKIM_SELECTOR = "nieuwsbrief2026"
    settings.NEWSLETTER_DKIM_DOMAIN = "example.org"
    asked = []

    def dnsfunc(name, timeout=5):
        asked.append(name)
        return dns_record(key)

    messages = send_to_sink(settings, home_page)

    assert len(messages) == 2
    for raw in messages:
        assert raw.startswith(b"DKIM-Signature: v=1; a=rsa-sha256;")
        signature = raw.split(b"\r\n\r\n", 1)[0]
        assert b"d=example.org" in signature and b"s=nieuwsbrief2026" in signature
        assert b"list-unsubscribe-post" in signature.lower()
        assert dkim.verify(raw, dnsfunc=dnsfunc)
    assert set(asked) == {b"nieuwsbrief2026._domainkey.example.org."}

    tampered = messages[0].replace(b"Subject: ", b"Subject: Gewijzigd: ", 1)
    assert not dkim.verify(tampered, dnsfunc=dnsfunc)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert not dkim.verify(messages[0], dnsfunc=lambda n, timeout=5: dns_record(
        other_key))  # fmt: skip


def test_without_a_key_nothing_is_signed(settings, home_page):
    settings.NEWSLETTER_DKIM_PRIVATE_KEY = ""
    messages = send_to_sink(settings, home_page, count=1)
    assert messages and b"DKIM-Signature" not in messages[0]
