"""A release note going public reaches the subscribers of its release list by e-mail,
through the newsletter pipeline (one-click unsubscribe headers included)."""

import datetime

from django.core import mail

from newsletters.models import Subscription
from release_notes import notifications
from tests.newsletters.factories import NewsletterListFactory, SubscriptionFactory
from tests.release_notes.factories import ReleaseNoteFactory, SoftwareProductFactory
from tests.release_notes.helpers import publish


def test_a_public_release_note_is_mailed_once_to_its_release_list(
    db, django_capture_on_commit_callbacks, settings, sent_notifications
):
    # The real sender instead of the recording one the other tests use.
    notifications.register_sender(None)
    settings.RELEASE_NOTES_NOTIFICATION_SENDER = (
        "newsletters.notifications.release_notes_sender"
    )
    wise = SoftwareProductFactory(name="Bibliotheeksysteem Wise", slug="wise")
    releases = NewsletterListFactory(
        slug="release-notes-wise", name="Releases Bibliotheeksysteem Wise"
    )
    SubscriptionFactory(newsletter=releases, subscriber__email="bib@example.org")
    SubscriptionFactory(
        newsletter=releases,
        subscriber__email="weg@example.org",
        status=Subscription.Status.UNSUBSCRIBED,
    )
    note = ReleaseNoteFactory(
        service=wise, version="7.0.3", production_date=datetime.date(2022, 11, 21)
    )

    with django_capture_on_commit_callbacks(execute=True):
        publish(note)
    with django_capture_on_commit_callbacks(execute=True):
        publish(note)  # publishing again announces nothing new

    assert [message.to for message in mail.outbox] == [["bib@example.org"]]
    message = mail.outbox[0]
    assert "7.0.3" in message.subject
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "http://testserver/release-notes/wise/7.0.3/" in message.body
