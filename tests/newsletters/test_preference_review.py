"""The yearly preference review: one mail per person on at least one list, through
the issue pipeline, whose unsubscribe links mean every list."""

import re
from datetime import date
from email.message import EmailMessage
from io import StringIO
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from newsletters import inbound, review
from newsletters.inbound import InboundResult
from newsletters.models import IssueStatus, SendRun, Subscription
from newsletters.tasks import preference_review_task
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(lists):
    """Two on several lists, one on one list, and three who must get nothing."""
    wise, gopress, connected = lists["wise"], lists["gopress"], lists["connected"]
    an, bart, chris = (SubscriberFactory() for _ in range(3))
    for newsletter in (wise, gopress, connected):
        SubscriptionFactory(subscriber=an, newsletter=newsletter)
    SubscriptionFactory(subscriber=bart, newsletter=wise)
    SubscriptionFactory(subscriber=chris, newsletter=gopress)
    SubscriptionFactory(subscriber=chris, newsletter=connected)
    pending = SubscriberFactory(email="nog-niet-bevestigd@example.org")
    SubscriptionFactory(
        subscriber=pending, newsletter=wise, status=Subscription.Status.PENDING
    )
    blocked = SubscriberFactory(email="bounce@example.org")
    SubscriptionFactory(subscriber=blocked, newsletter=wise)
    blocked.suppress("harde-bounce")
    gone = SubscriberFactory(email="afgemeld@example.org")
    SubscriptionFactory(subscriber=gone, newsletter=wise).unsubscribe("pagina")
    return {"an": an, "bart": bart, "chris": chris}


def sent_review(django_capture_on_commit_callbacks, year=2026):
    with django_capture_on_commit_callbacks(execute=True):
        run = review.start_review(year)
    run.refresh_from_db()
    return run


def header_urls(message):
    return re.findall(r"<([^>]+)>", message["List-Unsubscribe"])


def test_the_review_goes_once_to_everyone_on_at_least_one_list(
    people, sink, django_capture_on_commit_callbacks
):
    run = sent_review(django_capture_on_commit_callbacks)

    assert run.kind == SendRun.Kind.REVIEW and run.newsletter is None
    assert run.status == IssueStatus.SENT
    assert run.recipients == 3
    assert sink.recipients() == {person.email: 1 for person in people.values()}


def test_the_review_mail_carries_list_headers_and_personal_absolute_links(
    people, sink, django_capture_on_commit_callbacks
):
    sent_review(django_capture_on_commit_callbacks)

    for tos, message in sink.parsed():
        assert message["Subject"] == "Krijg je nog de nieuwsbrieven die je wilt?"
        assert message["List-Id"].endswith(".nieuwsbrieven.example.org>")
        assert "<voorkeuren." in message["List-Id"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = header_urls(message)
        assert https.startswith(f"{settings.SITE_BASE_URL}/nieuwsbrieven/")
        assert mailto.startswith("mailto:")
        assert message["Message-ID"]
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert "Mijn nieuwsbrieven nakijken" in html
        links = re.findall(r'href="([^"]+)"', html)
        assert links and all(link.startswith("http://testserver/") for link in links)
        preferences = [link for link in links if "/voorkeuren/" in link]
        assert preferences and preferences[0] in text
        # The preference link is the recipient's own: it opens their centre.
        page = Client().get(urlsplit(preferences[0]).path)
        assert page.status_code == 200
        assert tos[0] in page.content.decode()


def test_one_click_on_the_review_unsubscribes_from_every_list_and_a_get_changes_nothing(
    people, sink, django_capture_on_commit_callbacks
):
    sent_review(django_capture_on_commit_callbacks)
    an = people["an"]
    message = next(m for tos, m in sink.parsed() if tos == [an.email])
    path = urlsplit(header_urls(message)[0]).path
    scanner = Client()

    page = scanner.get(path)
    assert page.status_code == 200
    assert "Afmelden voor alle nieuwsbrieven" in page.content.decode()
    assert an.subscriptions.filter(status=Subscription.Status.CONFIRMED).count() == 3

    mail_program = Client(enforce_csrf_checks=True)
    answer = mail_program.post(path, {"List-Unsubscribe": "One-Click"})

    assert answer.status_code == 200
    assert "alle nieuwsbrieven" in answer.content.decode()
    assert not answer.cookies
    assert not an.subscriptions.filter(status=Subscription.Status.CONFIRMED).exists()
    # Somebody else's lists stay as they were.
    assert (
        people["chris"]
        .subscriptions.filter(status=Subscription.Status.CONFIRMED)
        .count()
        == 2
    )


def test_the_mailto_address_of_the_review_unsubscribes_from_every_list(
    people, sink, django_capture_on_commit_callbacks
):
    sent_review(django_capture_on_commit_callbacks)
    chris = people["chris"]
    message = next(m for tos, m in sink.parsed() if tos == [chris.email])
    address = header_urls(message)[1].removeprefix("mailto:").partition("?")[0]
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = chris.email, address, ""
    reply.set_content("Afmelden")
    result = InboundResult()

    inbound.process_message(reply, result)

    assert result.unsubscribed == 1
    assert not chris.subscriptions.filter(status=Subscription.Status.CONFIRMED).exists()


def test_a_year_has_one_review_however_often_it_is_started(
    people, sink, django_capture_on_commit_callbacks
):
    first = sent_review(django_capture_on_commit_callbacks)
    again = sent_review(django_capture_on_commit_callbacks)

    assert again.pk == first.pk
    assert SendRun.objects.filter(kind=SendRun.Kind.REVIEW).count() == 1
    assert len(sink.messages) == 3
    other_year = sent_review(django_capture_on_commit_callbacks, year=2027)
    assert other_year.pk != first.pk


def test_the_review_starts_on_its_day_or_later_and_only_once(settings, people):
    settings.NEWSLETTER_REVIEW_MONTH, settings.NEWSLETTER_REVIEW_DAY = 2, 31

    assert review.review_date(2026) == date(2026, 2, 28)
    assert review.start_review_if_due(date(2026, 2, 27)) is None
    started = review.start_review_if_due(date(2026, 3, 10))  # beat was down
    assert started is not None and started.dedup_key == "voorkeurencheck:2026"
    assert review.start_review_if_due(date(2026, 3, 11)) is None


def test_beat_asks_every_hour_whether_the_review_is_due(settings, people):
    entry = settings.CELERY_BEAT_SCHEDULE["newsletters-preference-review"]
    assert entry["task"] == preference_review_task.name
    assert entry["schedule"] <= 3600
    settings.NEWSLETTER_REVIEW_MONTH, settings.NEWSLETTER_REVIEW_DAY = 1, 1

    run_id = preference_review_task.delay().get()

    assert SendRun.objects.get(pk=run_id).kind == SendRun.Kind.REVIEW


def test_the_command_previews_starts_once_and_refuses_other_years(people):
    out = StringIO()
    call_command("send_preference_review", "--dry-run", stdout=out)
    assert "zou naar 3 mensen gaan" in out.getvalue()
    assert not SendRun.objects.filter(kind=SendRun.Kind.REVIEW).exists()

    call_command("send_preference_review", stdout=out)
    call_command("send_preference_review", stdout=out)
    assert "gestart" in out.getvalue() and "al gestart" in out.getvalue()
    assert SendRun.objects.filter(kind=SendRun.Kind.REVIEW).count() == 1

    with pytest.raises(CommandError, match="kan alleen voor"):
        call_command("send_preference_review", "--year", "1999")
