"""Open pixel and click redirects: signed tokens, stored links, the Redis buffer."""

import json
from datetime import timedelta

import pytest

from django.utils import timezone

from newsletters import buffering, previews, rendering, tracking
from newsletters.models import (
    Delivery,
    TrackedLink,
    TrackingCounter,
    TrackingEvent,
    TrackingFlush,
)
from tests.newsletters.factories import NewsletterListFactory, make_issue
from tests.newsletters.tracking_setup import (
    LINK_BODY,
    buffered,
    click_urls,
    html_of,
    pixel_path,
    sent_issue,
)

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0"


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def an_hour_ago(run):
    Delivery.objects.filter(run=run).update(sent_at=timezone.now() - timedelta(hours=1))


def tamper(token: str, field: int, value: int) -> str:
    parts = token.split(".")
    parts[field] = f"{value:x}"
    return ".".join(parts)


def click_token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_every_message_has_a_pixel_and_tracked_links_stored_for_its_issue(
    home_page, tracking_redis
):
    run, messages = sent_issue(recipients=2)
    stored = list(TrackedLink.objects.filter(run=run).values_list("url", flat=True))
    assert "https://www.example.org/handleiding?a=1&b=2" in stored
    assert "https://www.example.org/release-notes/" in stored
    first, second = messages.values()
    assert pixel_path(first) != pixel_path(second)
    assert len(click_urls(first)) >= 3
    assert "www.example.org" not in "".join(click_urls(first))
    assert 'href="https://www.example.org' not in html_of(first)


def test_a_click_goes_to_the_stored_url_with_nothing_added_and_is_buffered(
    client, home_page, tracking_redis
):
    run, messages = sent_issue(recipients=1)
    message = next(iter(messages.values()))
    destinations = []
    for url in click_urls(message):
        response = client.get(path_of(url), HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 302
        destinations.append(response["Location"])
    stored = set(TrackedLink.objects.filter(run=run).values_list("url", flat=True))
    assert set(destinations) <= stored
    assert "https://www.example.org/handleiding?a=1&b=2" in destinations
    subscriber = next(iter(messages))
    assert not any(subscriber in d or "utm" in d for d in destinations)
    hits = [json.loads(hit) for hit in buffered(tracking_redis)]
    assert len(hits) == len(destinations)
    assert {hit["r"] for hit in hits} == {run.pk}
    assert all("." not in hit["n"].split("/")[0][-1:] for hit in hits)


def test_the_pixel_answers_a_gif_with_no_store_and_buffers_the_open(
    client, home_page, tracking_redis
):
    run, messages = sent_issue(recipients=1)
    response = client.get(pixel_path(next(iter(messages.values()))))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content == tracking.PIXEL
    assert "no-store" in response["Cache-Control"]
    assert [json.loads(hit)["k"] for hit in buffered(tracking_redis)] == ["o"]


def test_forged_and_tampered_tokens_record_nothing_and_lead_to_the_newsletters_page(
    client, home_page, tracking_redis
):
    run, messages = sent_issue(recipients=2)
    message = next(iter(messages.values()))
    token = click_token(click_urls(message)[0])
    other_delivery = (
        Delivery.objects.filter(run=run)
        .exclude(pk=int(token.split(".")[1], 16))
        .first()
    )
    forged = [
        "1.1.1.1.AAAAAAAAAAAAAAAA",
        "not-a-token",
        token[:-2],
        tamper(token, 1, other_delivery.pk),  # someone else's delivery
        tamper(token, 3, int(token.split(".")[3], 16) + 1000),  # longer validity
        token.replace(token.split(".")[-1], "B" * 16),
    ]
    for bad in forged:
        response = client.get(f"/nieuwsbrieven/t/k/{bad}/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 302, bad
        assert response["Location"] == "/nieuwsbrieven/", bad
        pixel = client.get(f"/nieuwsbrieven/t/o/{bad}.gif")
        assert pixel.status_code == 200 and pixel.content == tracking.PIXEL
        assert "no-store" in pixel["Cache-Control"]
    assert buffered(tracking_redis) == []


def test_a_click_token_of_one_issue_with_a_link_of_another_records_nothing(
    client, home_page, tracking_redis
):
    run_a, messages_a = sent_issue(recipients=1, slug="wise")
    run_b, _messages_b = sent_issue(recipients=1, slug="gopress")
    link_b = TrackedLink.objects.filter(run=run_b).first()
    token_a = click_token(click_urls(next(iter(messages_a.values())))[0])
    delivery_a = int(token_a.split(".")[1], 16)
    # The link field swapped in a real token: the signature no longer holds.
    swapped = tamper(token_a, 2, link_b.pk)
    response = client.get(f"/nieuwsbrieven/t/k/{swapped}/")
    assert response["Location"] == "/nieuwsbrieven/"
    # Even correctly signed (a leaked key, a bug), a link of issue B is refused.
    signed = tracking.make_token(tracking.CLICK, run_a.pk, delivery_a, link_b.pk)
    response = client.get(f"/nieuwsbrieven/t/k/{signed}/")
    assert response.status_code == 302
    assert response["Location"] != link_b.url
    assert response["Location"] == run_a.newsletter.archive_page.url
    assert buffered(tracking_redis) == []


def test_an_expired_token_records_nothing_but_still_reaches_its_stored_link(
    client, home_page, tracking_redis, settings
):
    run, messages = sent_issue(recipients=1)
    link = TrackedLink.objects.filter(run=run).first()
    delivery = Delivery.objects.get(run=run)
    old_day = tracking.today_number() - settings.NEWSLETTER_TRACKING_MAX_AGE_DAYS - 1
    expired = tracking.make_token(
        tracking.CLICK, run.pk, delivery.pk, link.pk, day=old_day
    )
    response = client.get(f"/nieuwsbrieven/t/k/{expired}/")
    assert response["Location"] == link.url
    pixel = tracking.make_token(tracking.OPEN, run.pk, delivery.pk, day=old_day)
    assert client.get(f"/nieuwsbrieven/t/o/{pixel}.gif").content == tracking.PIXEL
    assert buffered(tracking_redis) == []


def test_tokens_signed_with_an_old_key_still_verify_after_rotation(
    client, home_page, tracking_redis, settings
):
    run, messages = sent_issue(recipients=1)
    url = click_urls(next(iter(messages.values())))[0]
    settings.NEWSLETTER_TRACKING_KEY = "a-new-key-after-rotation"
    settings.NEWSLETTER_TRACKING_KEY_FALLBACKS = [settings.SECRET_KEY]
    response = client.get(path_of(url), HTTP_USER_AGENT=BROWSER)
    stored = TrackedLink.objects.filter(run=run).values_list("url", flat=True)
    assert response["Location"] in stored
    settings.NEWSLETTER_TRACKING_KEY_FALLBACKS = []
    response = client.get(path_of(url), HTTP_USER_AGENT=BROWSER)
    assert response["Location"] == "/nieuwsbrieven/"
    assert len(buffered(tracking_redis)) == 1


def test_a_burst_of_hits_is_written_in_a_few_statements(
    client, home_page, tracking_redis, django_assert_max_num_queries
):
    run, messages = sent_issue(recipients=20)
    an_hour_ago(run)
    for message in messages.values():
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)
        for url in click_urls(message):
            client.get(path_of(url), HTTP_USER_AGENT=BROWSER)
    hits = len(buffered(tracking_redis))
    assert hits >= 80
    # A lookup of the deliveries, the batch check, and the writes in one transaction.
    with django_assert_max_num_queries(9):
        result = buffering.flush(settle=0)
    assert result.applied == hits
    assert buffered(tracking_redis) == []
    opens = TrackingCounter.objects.filter(run=run, kind="open", link_key=0)
    assert sum(c.unique_human for c in opens) == 20


def test_consentless_recipients_are_counted_but_leave_no_per_recipient_rows(
    client, home_page, tracking_redis
):
    run, messages = sent_issue(recipients=3, consent=False)
    an_hour_ago(run)
    for message in messages.values():
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)
        client.get(path_of(click_urls(message)[0]), HTTP_USER_AGENT=BROWSER)
    buffering.flush(settle=0)
    assert TrackingEvent.objects.count() == 0
    opens = TrackingCounter.objects.get(run=run, kind="open", link_key=0)
    assert (opens.raw, opens.unique_raw, opens.unique_human) == (6, 3, 3)
    clicks = TrackingCounter.objects.get(run=run, kind="klik", link_key=0)
    assert (clicks.raw, clicks.unique_human) == (3, 3)
    # The counters carry no recipient: run, segment, link, day and numbers only.
    fields = {f.name for f in TrackingCounter._meta.get_fields()}
    assert not fields & {"delivery", "subscriber", "email"}
    # Nor does the dedupe state in Redis name a delivery.
    seen = tracking_redis.hkeys(f"{tracking.prefix()}:seen:{run.pk}")
    ids = {str(pk) for pk in Delivery.objects.values_list("pk", flat=True)}
    assert seen and not any(key.decode().split(":")[0] in ids for key in seen)


def test_a_flush_that_dies_after_committing_is_not_counted_twice(
    client, home_page, tracking_redis, monkeypatch
):
    run, messages = sent_issue(recipients=4)
    an_hour_ago(run)
    for message in messages.values():
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)
    real_apply = buffering._apply

    def apply_then_die(*args):
        real_apply(*args)
        raise RuntimeError("killed after the commit")

    monkeypatch.setattr(buffering, "_apply", apply_then_die)
    with pytest.raises(RuntimeError):
        buffering.flush(settle=0)
    monkeypatch.setattr(buffering, "_apply", real_apply)
    # A new hit arrives while the dead batch is still in Redis.
    client.get(pixel_path(next(iter(messages.values()))), HTTP_USER_AGENT=BROWSER)
    tracking_redis.delete(f"{tracking.prefix()}:flush-lock")
    buffering.flush(settle=0)
    opens = TrackingCounter.objects.get(run=run, kind="open", link_key=0)
    assert (opens.raw, opens.unique_raw) == (5, 4)
    assert TrackingEvent.objects.filter(run=run).count() == 5
    assert not list(tracking_redis.scan_iter(f"{tracking.prefix()}:processing:*"))


def test_a_flush_that_dies_before_committing_loses_nothing_and_keeps_uniques(
    client, home_page, tracking_redis, monkeypatch
):
    run, messages = sent_issue(recipients=3)
    an_hour_ago(run)
    for message in messages.values():
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)

    def die(*args):
        raise RuntimeError("database went away")

    monkeypatch.setattr(buffering, "_add_counters", die)
    with pytest.raises(RuntimeError):
        buffering.flush(settle=0)
    assert TrackingFlush.objects.count() == 0
    monkeypatch.undo()
    tracking_redis.delete(f"{tracking.prefix()}:flush-lock")
    buffering.flush(settle=0)
    opens = TrackingCounter.objects.get(run=run, kind="open", link_key=0)
    assert (opens.raw, opens.unique_raw, opens.unique_human) == (3, 3, 3)


def test_hits_younger_than_the_settle_window_wait_in_the_buffer(
    client, home_page, tracking_redis
):
    run, messages = sent_issue(recipients=2)
    for message in messages.values():
        client.get(pixel_path(message), HTTP_USER_AGENT=BROWSER)
    result = buffering.flush(settle=60)
    assert result.deferred == 2 and len(buffered(tracking_redis)) == 2
    assert not TrackingCounter.objects.exists()
    buffering.flush(settle=0)
    assert TrackingCounter.objects.get(run=run, kind="open").raw == 2


# -- Unsafe links ------------------------------------------------------------------

UNSAFE_BODY = [
    {"type": "heading", "value": {"text": "Nieuw"}},
    {"type": "button", "value": {"label": "Klik", "page": None,
                                 "url": "javascript:alert(document.cookie)"}},
]  # fmt: skip


def test_a_javascript_link_is_refused_when_the_issue_is_rendered(home_page):
    issue = make_issue(NewsletterListFactory(slug="wise"), body=LINK_BODY)
    issue.body = UNSAFE_BODY
    with pytest.raises(rendering.UnsafeLinkError) as refused:
        rendering.compile_edition(issue)
    assert "javascript:alert" in str(refused.value)
    assert "alleen http-, https-, mailto- en tel-links" in str(refused.value)


def test_a_data_link_in_rich_text_is_refused_not_silently_dropped(home_page):
    issue = make_issue(NewsletterListFactory(slug="wise"), body=LINK_BODY)
    link = '<p><a href="data:text/html;base64,PHNjcmlwdD4=">gratis</a></p>'
    issue.body = [{"type": "text", "value": {"text": link}}]
    with pytest.raises(rendering.UnsafeLinkError, match="data:text/html"):
        rendering.compile_edition(issue)


def test_the_email_preview_shows_the_refusal_to_the_editor(home_page, rf):
    issue = make_issue(NewsletterListFactory(slug="wise"), body=LINK_BODY)
    issue.body = UNSAFE_BODY
    response = previews.email_preview_response(issue, rf.get("/"))
    assert response.status_code == 422
    assert "is geweigerd" in response.content.decode()
    assert "javascript:alert" in response.content.decode()


def test_saving_an_issue_with_a_javascript_link_gives_a_validation_error(home_page):
    from django.core.exceptions import ValidationError

    issue = make_issue(NewsletterListFactory(slug="wise"), body=LINK_BODY)
    issue.body = UNSAFE_BODY
    with pytest.raises(ValidationError, match="geweigerd"):
        issue.full_clean()


def test_click_links_are_only_registered_for_http_urls():
    with pytest.raises(tracking.UnsafeLinkError):
        tracking.register_links(1, ["javascript:alert(1)"])
