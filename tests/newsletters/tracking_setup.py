"""Sent issues with their delivery rows and tracked messages, for tracking tests."""

from __future__ import annotations

import re

from django.core import mail
from django.utils import timezone

from newsletters import sending, tracking
from newsletters.models import Delivery, IssueStatus, SendRun
from tests.newsletters.factories import (
    NewsletterListFactory,
    SubscriberFactory,
    SubscriptionFactory,
    make_issue,
)

LINK_BODY = [
    {"type": "heading", "value": {"text": "Nieuw in Wise"}},
    {
        "type": "text",
        "value": {
            "text": "<p>Lees de "
            '<a href="https://www.example.org/handleiding?a=1&amp;b=2">handleiding'
            '</a> en de <a href="https://www.example.org/faq">veelgestelde vragen'
            "</a>.</p>"
        },
    },
    {
        "type": "button",
        "value": {
            "label": "Naar de release notes",
            "page": None,
            "url": "https://www.example.org/release-notes/",
        },
    },  # fmt: skip
]


def buffered(client) -> list[bytes]:
    return client.lrange(f"{tracking.prefix()}:buffer", 0, -1)


def sent_issue(
    newsletter=None,
    recipients=3,
    consent=True,
    slug=None,
    body=None,
    segments=(),
    **subscriber,
):
    """An issue sent (through the real chunk sender, to the in-memory outbox) to
    ``recipients`` subscribers; returns the run and the messages by address."""
    newsletter = newsletter or NewsletterListFactory(
        name=f"Nieuwsbrief {slug or 'wise'}", slug=slug or "wise"
    )
    for _ in range(recipients):
        SubscriptionFactory(
            newsletter=newsletter,
            subscriber=SubscriberFactory(tracking_consent=consent, **subscriber),
        )
    issue = make_issue(newsletter, body=body or LINK_BODY, segments=segments)
    run = SendRun.objects.create(
        issue=issue, newsletter=newsletter, revision_id=issue.live_revision_id,
        status=IssueStatus.SENDING, started_at=timezone.now(),
    )  # fmt: skip
    sending.freeze_audience(run.pk)
    mail.outbox = []
    sending.send_chunk(run.pk)
    messages = {message.to[0]: message for message in mail.outbox}
    return run, messages


def html_of(message) -> str:
    return message.alternatives[0][0]


def click_urls(message) -> list[str]:
    return re.findall(r'href="(http://testserver/nieuwsbrieven/t/k/[^"]+)"',
                      html_of(message))  # fmt: skip


def pixel_path(message) -> str:
    url = re.search(r'src="(http://testserver/nieuwsbrieven/t/o/[^"]+)"',
                    html_of(message)).group(1)  # fmt: skip
    return url.removeprefix("http://testserver")


def delivery_of(run, address) -> Delivery:
    return Delivery.objects.get(run=run, subscriber__email=address)
