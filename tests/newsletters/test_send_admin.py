"""The send screen of an issue: audience, test send, send, progress and switches."""

import pytest

from django.core import mail
from django.test import Client

from newsletters.models import IssueStatus, SendRun
from tests.factories import UserFactory
from tests.newsletters.factories import (
    NewsletterListFactory,
    SegmentFactory,
    SubscriptionFactory,
    make_issue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def issue(home_page):
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    SubscriptionFactory.create_batch(3, newsletter=wise)
    return make_issue(wise)


def url(issue, name="send"):
    paths = {"send": "verzenden/", "progress": "voortgang.json",
             "preview": "voorbeeld/"}  # fmt: skip
    return f"/admin/nieuwsbrieven/edities/{issue.pk}/{paths[name]}"


def test_the_send_screen_shows_the_audience_and_the_previews(editor_client, issue):
    page = editor_client.get(url(issue))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hele lijst" in html and "<td>3</td>" in html
    assert "send_progress.js" in html
    main = html.split('id="nl-status"')[1]
    assert "<script>" not in main, "no inline script on the send screen"
    preview = editor_client.get(url(issue, "preview"))
    assert preview.status_code == 200
    assert "Content-Security-Policy" in preview.headers
    assert "Nieuw in Wise" in preview.content.decode()


def test_a_segment_preview_shows_that_edition(editor_client, home_page):
    segment = SegmentFactory(name="Bibliotheken")
    issue = make_issue(segment.newsletter, segments=[segment])
    preview = editor_client.get(f"{url(issue, 'preview')}?segment={segment.pk}")
    assert "Editie Bibliotheken" in preview.content.decode()


def test_a_test_send_goes_only_to_the_given_addresses(editor_client, issue):
    mail.outbox = []
    response = editor_client.post(
        url(issue), {"action": "test", "addresses": "a@example.org, b@example.org"}
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert not SendRun.objects.exists()


def test_sending_twice_from_the_screen_makes_one_run_and_progress_follows(
    editor_client, issue, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url(issue), {"action": "send"})
        editor_client.post(url(issue), {"action": "send"})
    assert SendRun.objects.count() == 1
    assert len(mail.outbox) == 3
    progress = editor_client.get(url(issue, "progress")).json()
    assert progress["status"] == IssueStatus.SENT
    assert (progress["sent"], progress["queued"], progress["percent"]) == (3, 0, 100)


def test_schedule_pause_and_cancel_from_the_screen(editor_client, issue):
    response = editor_client.post(
        url(issue), {"action": "schedule", "when": "2099-01-01T09:00"}
    )
    assert response.status_code == 302
    run = SendRun.objects.get()
    assert run.status == IssueStatus.SCHEDULED and run.scheduled_for.year == 2099
    editor_client.post(url(issue), {"action": "cancel"})
    run.refresh_from_db()
    assert run.status == IssueStatus.CANCELLED


def test_editors_without_publish_rights_cannot_send(issue):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    assert client.post(url(issue), {"action": "send"}).status_code in (302, 403)
    assert not SendRun.objects.exists()
