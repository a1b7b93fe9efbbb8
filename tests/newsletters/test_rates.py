"""Rates from the pre-aggregated counters, and the counters against a recount of
the raw events."""

from datetime import timedelta

import pytest

from django.db.models import Count, Q
from django.utils import timezone

from newsletters import buffering, rates
from newsletters.models import Delivery, Subscription, TrackingCounter, TrackingEvent
from tests.newsletters.test_classification import APPLE_MPP, CHROME
from tests.newsletters.tracking_setup import click_urls, pixel_path, sent_issue

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


def path_of(url):
    return url.removeprefix("http://testserver")


@pytest.fixture
def traffic(client, home_page, tracking_redis):
    """Ten recipients: opens (some twice, some by a proxy), clicks, a bounce."""
    run, messages = sent_issue(recipients=10)
    Delivery.objects.filter(run=run).update(sent_at=timezone.now() - timedelta(hours=2))
    messages = list(messages.values())
    for number, message in enumerate(messages[:8]):
        agent = APPLE_MPP if number < 3 else CHROME
        client.get(pixel_path(message), HTTP_USER_AGENT=agent)
        if number % 2:
            client.get(pixel_path(message), HTTP_USER_AGENT=CHROME)
        if number >= 4:
            for url in click_urls(message)[1 : 1 + number % 3]:
                client.get(path_of(url), HTTP_USER_AGENT=CHROME)
    buffering.flush(settle=0)
    # Hits in a second batch, after the first was flushed.
    client.get(pixel_path(messages[0]), HTTP_USER_AGENT=CHROME)
    client.get(path_of(click_urls(messages[5])[1]), HTTP_USER_AGENT=CHROME)
    buffering.flush(settle=0)
    Delivery.objects.filter(pk=Delivery.objects.filter(run=run).last().pk).update(
        status=Delivery.Status.BOUNCED
    )
    return run


def recount(run, kind, link=None):
    events = TrackingEvent.objects.filter(run=run, kind=kind)
    if link is not None:
        events = events.filter(link_id=link)
    return events.aggregate(
        raw=Count("pk"),
        human=Count("pk", filter=Q(machine=False)),
        unique_raw=Count("delivery", distinct=True),
        unique_human=Count("delivery", distinct=True, filter=Q(machine=False)),
    )


def summed(run, kind, link_key=0):
    totals = {"raw": 0, "human": 0, "unique_raw": 0, "unique_human": 0}
    for counter in TrackingCounter.objects.filter(
        run=run, kind=kind, link_key=link_key
    ):
        for name in totals:
            totals[name] += getattr(counter, name)
    return totals


def test_counters_equal_a_recount_from_the_raw_events(traffic):
    run = traffic
    assert summed(run, "open") == recount(run, "open")
    assert summed(run, "klik") == recount(run, "klik")
    for link_id in TrackingEvent.objects.filter(run=run, kind="klik").values_list(
        "link_id", flat=True
    ):
        assert summed(run, "klik", link_id) == recount(run, "klik", link_id)
    assert recount(run, "open")["unique_raw"] == 8
    assert recount(run, "open")["unique_human"] < 8  # the proxy's opens are not


def test_issue_rates_are_per_delivered_message_human_and_raw(traffic):
    run = traffic
    figures = rates.run_figures([run.pk])[run.pk]
    assert (figures.sent, figures.bounced, figures.delivered) == (10, 1, 9)
    opened = recount(run, "open")
    clicked = recount(run, "klik")
    assert figures.open_rate_raw == round(100 * opened["unique_raw"] / 9, 1)
    assert figures.open_rate_human == round(100 * opened["unique_human"] / 9, 1)
    assert figures.click_rate_human == round(100 * clicked["unique_human"] / 9, 1)
    assert figures.click_to_open_human == round(
        100 * clicked["unique_human"] / opened["unique_human"], 1
    )
    assert figures.open_rate_human < figures.open_rate_raw


def test_link_rates_list_every_link_of_the_issue(traffic):
    rows = rates.link_figures(traffic.pk)
    assert sum(r.clicks_raw for r in rows) == recount(traffic, "klik")["raw"]
    assert rows[0].clickers_human >= rows[-1].clickers_human


def test_unsubscribes_after_an_issue_count_for_that_issue(traffic):
    subscription = Subscription.objects.filter(newsletter=traffic.newsletter).first()
    subscription.unsubscribe("pagina")
    figures = rates.run_figures([traffic.pk])[traffic.pk]
    assert figures.unsubscribes == 1


def test_a_year_average_is_the_mean_of_the_issue_rates(traffic):
    year = timezone.localtime(traffic.started_at).year
    scope = rates.Scope([traffic.newsletter_id])
    average = rates.year_average(scope, year)
    figures = rates.run_figures([traffic.pk])[traffic.pk]
    assert average.issues == 1
    assert average.open_rate_human == figures.open_rate_human
    monthly = rates.monthly_averages(scope, year)
    month = timezone.localtime(traffic.started_at).month
    assert monthly[month - 1].issues == 1
    assert sum(m.issues for m in monthly) == 1
