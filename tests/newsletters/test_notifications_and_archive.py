"""Notifications through the sending pipeline; the public archive and its feed."""

import feedparser
import pytest

from django.core import mail
from django.test import Client

from newsletters import sending
from newsletters.models import IssueStatus, SendRun
from newsletters.notifications import release_notes_sender, send_notification
from tests.newsletters.factories import (
    NewsletterListFactory,
    SubscriptionFactory,
    make_issue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outages(db):
    newsletter = NewsletterListFactory(
        name="Storingen en kritieke bugs", slug="storingen-en-kritieke-bugs",
        kind="melding",
    )  # fmt: skip
    SubscriptionFactory.create_batch(2, newsletter=newsletter)
    SubscriptionFactory(newsletter=newsletter, status="wacht", confirmed_at=None)
    return newsletter


def test_a_notification_reaches_the_lists_deliverable_subscribers_once(
    outages, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        run = send_notification(
            outages.slug,
            "Storing: Wise",
            "Uitleningen lukken even niet.\n\nMeer: https://status.example.org/",
            dedup_key="banner-start:1",
        )
        again = send_notification(outages.slug, "Storing: Wise", "…",
                                  dedup_key="banner-start:1")  # fmt: skip
    assert again.pk == run.pk
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == "Storing: Wise"
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    html = message.alternatives[0][0]
    assert '<a href="https://status.example.org/"' in html
    assert "https://status.example.org/" in message.body


def test_a_notification_for_an_unknown_list_sends_nothing(db):
    assert send_notification("bestaat-niet", "Onderwerp", "Tekst") is None
    assert not SendRun.objects.exists()


def test_the_release_notes_sender_deduplicates_the_same_event(outages):
    context = {"kind": "banner_started", "banner_id": 7, "message": "Storing"}
    release_notes_sender(outages.slug, "Storing: Wise", context)
    release_notes_sender(outages.slug, "Storing: Wise", context)
    assert SendRun.objects.count() == 1


def test_the_archive_lists_only_sent_issues_and_has_an_atom_feed(
    home_page, django_capture_on_commit_callbacks
):
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    SubscriptionFactory(newsletter=wise)
    sent = make_issue(wise, title="Maart 2026")
    draft = make_issue(wise, title="April 2026")
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_run(sent)
    client = Client()

    archive = client.get("/nieuwsbrieven/wise/")
    assert archive.status_code == 200
    assert "Maart 2026" in archive.content.decode()
    assert "April 2026" not in archive.content.decode()
    assert client.get(sent.url).status_code == 200
    assert client.get(draft.url).status_code == 404

    feed = feedparser.parse(client.get("/nieuwsbrieven/wise/atom/").content)
    assert [entry.title for entry in feed.entries] == ["Maart 2026"]
    assert feed.entries[0].link == f"http://testserver{sent.url}"
