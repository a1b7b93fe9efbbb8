"""Rendering an issue: one MJML compile per edition, substitution per recipient."""

import email
import re
from email import policy

import pytest

from django.core import mail

from newsletters import rendering
from newsletters.models import NewsletterIssuePage
from tests.newsletters.factories import (
    NewsletterListFactory,
    SegmentFactory,
    SubscriptionFactory,
    make_issue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(home_page):
    return make_issue(NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise"))


def recipient_of(subscription):
    return rendering.Recipient(
        subscription.subscriber_id,
        subscription.subscriber.email,
        subscription.newsletter_id,
    )


def sent_message(issue, subscription):
    edition = rendering.edition_for(issue)
    message = rendering.build_message(edition, recipient_of(subscription))
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def test_a_message_has_the_list_headers_a_message_id_and_both_parts(issue):
    subscription = SubscriptionFactory(newsletter=issue.newsletter)
    message = sent_message(issue, subscription)
    assert message["Subject"] == "Nieuw deze maand: reservaties in één klik"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip()
    assert re.match(
        r"<http://testserver/nieuwsbrieven/afmelden/\S+/>, <mailto:", unsubscribe
    )
    assert message["List-Id"] == issue.newsletter.list_id_header
    assert re.match(r"<[^@>]+@example\.org>", message["Message-ID"])
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "NIEUW IN WISE" in text and "Naar de release notes" in text
    assert "Nieuw in Wise" in html and "En drie tips voor je zomerwerking" in html


def test_every_link_and_image_is_absolute_and_the_personal_links_are_the_recipients(
    issue,
):
    subscription = SubscriptionFactory(newsletter=issue.newsletter)
    message = sent_message(issue, subscription)
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    urls = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert urls
    assert all(url.startswith(("http://", "https://", "mailto:")) for url in urls), urls
    unsubscribe = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert f'href="{unsubscribe}"' in html
    assert unsubscribe in text
    assert "/nieuwsbrieven/voorkeuren/" in html
    assert "https://www.example.org/handleiding?a=1&amp;b=2" in html
    assert "https://www.example.org/handleiding?a=1&b=2" in text
    assert issue.newsletter.list_id_header in message["List-Id"]


def test_two_recipients_get_their_own_links_from_one_compiled_edition(issue):
    first, second = SubscriptionFactory.create_batch(2, newsletter=issue.newsletter)
    edition = rendering.edition_for(issue)
    one = rendering.personalise(edition, recipient_of(first))
    two = rendering.personalise(edition, recipient_of(second))
    assert one.headers["List-Unsubscribe"] != two.headers["List-Unsubscribe"]
    assert one.html != two.html
    assert edition.marker not in one.html and edition.marker not in one.text


def test_an_edition_is_compiled_once_and_then_taken_from_the_cache(issue, monkeypatch):
    calls = []
    real = rendering._compile_mjml
    monkeypatch.setattr(
        rendering, "_compile_mjml", lambda source: calls.append(1) or real(source)
    )
    rendering._local_editions.clear()
    for _ in range(3):
        rendering.edition_for(issue, revision_id=issue.live_revision_id)
    rendering._local_editions.clear()
    rendering.edition_for(issue, revision_id=issue.live_revision_id)
    assert len(calls) == 1


def test_rich_text_is_sanitised(home_page):
    issue = make_issue(
        body=[
            {"type": "text", "value": {"text": (
                '<p onclick="steal()">Hallo<script>alert(1)</script> '
                '<a href="/nieuws/">nieuws</a></p>')}},
        ]
    )  # fmt: skip
    subscription = SubscriptionFactory(newsletter=issue.newsletter)
    html = sent_message(issue, subscription).get_body(("html",)).get_content()
    assert "<script" not in html and "onclick" not in html
    assert 'href="http://testserver/nieuws/"' in html


def test_javascript_and_data_links_are_refused_with_a_message_not_dropped(home_page):
    issue = make_issue()
    for body in (
        [{"type": "text", "value": {"text": (
            '<p><a href="javascript:alert(1)">klik</a></p>')}}],
        [{"type": "text", "value": {"text": '<p><a href="data:text/html,x">a</a>'}}],
        [{"type": "button", "value": {"label": "Gevaarlijk", "page": None,
                                      "url": "javascript:alert(2)"}}],
    ):  # fmt: skip
        issue.body = body
        with pytest.raises(rendering.UnsafeLinkError, match="is geweigerd"):
            rendering.compile_edition(issue)


def test_a_segment_edition_names_the_segment(home_page):
    segment = SegmentFactory(name="Bibliotheken")
    issue = make_issue(segment.newsletter, segments=[segment])
    edition = rendering.edition_for(issue, segment)
    assert "Editie Bibliotheken" in edition.html
    assert "Editie Bibliotheken" in edition.text


def test_the_button_is_clickable_over_its_whole_area_also_in_outlook(issue):
    html = rendering.edition_for(issue).html
    button = re.search(r'<a href="[^"]+" style="display:block;padding:[^"]+"', html)
    assert button, "the link carries the padding and fills the button"
    assert "v:roundrect" in html


def test_a_link_rewriter_sees_every_link_once_per_recipient(issue):
    subscription = SubscriptionFactory(newsletter=issue.newsletter)
    edition = rendering.edition_for(issue)
    seen = []

    def rewrite(index, url, recipient):
        seen.append(url)
        return f"https://t.example.org/{index}"

    personal = rendering.personalise(edition, recipient_of(subscription), rewrite)
    assert "https://t.example.org/0" in personal.html
    assert "https://www.example.org/release-notes/" not in personal.html
    assert set(seen) == set(edition.links)


def test_a_test_send_goes_to_the_given_addresses(issue, settings):
    mail.outbox = []
    from newsletters.tasks import send_test_task

    draft = NewsletterIssuePage.objects.get(pk=issue.pk)
    send_test_task.delay(draft.pk, ["test@example.org"])
    assert [m.to for m in mail.outbox] == [["test@example.org"]]
    assert mail.outbox[0].subject.startswith("[Test] ")


def test_the_smtp_bytes_and_the_django_message_carry_the_same_mail(home_page):
    newsletter = NewsletterListFactory(name="Nieuwsbrief Één", reply_to="")
    issue = make_issue(newsletter, subject="Ça va: nieuw in één klik")
    subscription = SubscriptionFactory(newsletter=newsletter)
    edition = rendering.edition_for(issue)
    recipient = recipient_of(subscription)
    raw = rendering.message_bytes(edition, recipient, "<x@example.org>")
    fast = email.message_from_bytes(raw, policy=policy.default)
    django = rendering.build_message(edition, recipient, message_id="<x@example.org>")
    slow = email.message_from_bytes(django.message().as_bytes(), policy=policy.default)
    for name in ("Subject", "From", "To", "Message-ID", "List-Id",
                 "List-Unsubscribe-Post"):  # fmt: skip
        assert fast[name].strip() == slow[name].strip(), name
    assert fast["Subject"] == "Ça va: nieuw in één klik"
    assert fast["List-Unsubscribe"].strip() == slow["List-Unsubscribe"].strip()
    for kind in ("plain", "html"):
        assert (
            fast.get_body((kind,))
            .get_content()
            .replace("\r\n", "\n")
            .split("afmelden/")[0]
            == slow.get_body((kind,))
            .get_content()
            .replace("\r\n", "\n")
            .split("afmelden/")[0]
        )
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
