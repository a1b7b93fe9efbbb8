"""The demo's sent issues of 2022: archives, deliveries and a year of tracking at
the organisation's reported rates."""

import pytest

from demo.loaders.newsletter_issues import load_newsletter_issues
from demo.loaders.services import load_services
from demo.loaders.subscribers import load_subscribers
from demo.scales import SCALES
from newsletters import indicators, rates
from newsletters.models import (
    Delivery,
    IssueStatus,
    NewsletterIssuePage,
    NewsletterList,
    SendRun,
    TrackingCounter,
    TrackingEvent,
)
from services.choices import Werkveld

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_year(home_page):
    load_services()
    load_subscribers(SCALES["small"])
    return load_newsletter_issues(home_page, "seed")


def test_every_list_has_sent_issues_and_wise_the_ibl_series(demo_year):
    for newsletter in NewsletterList.objects.exclude(kind="melding"):
        runs = SendRun.objects.filter(newsletter=newsletter, status=IssueStatus.SENT)
        assert 2 <= runs.count() <= 36, newsletter
    wise = NewsletterIssuePage.objects.filter(
        send_run__newsletter__slug="wise"
    ).values_list("title", flat=True)
    assert "Is jouw bibliotheek klaar voor het vernieuwde IBL?" in wise
    assert "Het leven van een IBL-aanvraag" in wise
    assert SendRun.objects.filter(newsletter__slug="connected").count() == 36


def test_each_send_went_to_the_lists_confirmed_subscribers_of_that_day(demo_year):
    run = SendRun.objects.filter(newsletter__slug="wise").order_by("started_at")[2]
    confirmed = run.newsletter.subscriptions.filter(
        status="bevestigd", confirmed_at__lte=run.started_at
    ).count()
    assert Delivery.objects.filter(run=run).count() == confirmed == run.recipients
    connected = SendRun.objects.filter(newsletter__slug="connected").first()
    assert not Delivery.objects.filter(run=connected, segment__isnull=True).exists()


def test_the_year_resembles_the_reported_rates_with_machines_set_aside(demo_year):
    connected = NewsletterList.objects.get(slug="connected")
    data = indicators.YearData.load(2022)
    for werkveld, (open_rate, click_rate) in {
        Werkveld.LIBRARY: (49.1, 20.3),
        Werkveld.CULTURE_HOUSE: (36.0, 6.1),
        Werkveld.POLICY_OTHER: (43.9, 7.6),
    }.items():
        average = data.figures.average(rates.Scope([connected.pk], [werkveld]))
        assert abs(average.open_rate_human - open_rate) < 5, werkveld
        assert abs(average.click_rate_human - click_rate) < 4, werkveld
        assert average.open_rate_raw > average.open_rate_human + 5
    reasons = set(TrackingEvent.objects.machine().values_list("reason", flat=True))
    assert {"apple-mpp", "scanner-agent", "at-delivery"} <= reasons
    assert indicators.default_year() == 2022


def test_loading_the_year_again_creates_nothing(demo_year, home_page):
    counts = (
        NewsletterIssuePage.objects.count(),
        Delivery.objects.count(),
        TrackingEvent.objects.count(),
        TrackingCounter.objects.count(),
    )
    again = load_newsletter_issues(home_page, "seed")
    assert again.created == 0
    assert again.existing == SendRun.objects.filter(issue__isnull=False).count()
    assert counts == (
        NewsletterIssuePage.objects.count(),
        Delivery.objects.count(),
        TrackingEvent.objects.count(),
        TrackingCounter.objects.count(),
    )


def test_the_small_scale_sends_monthly_connected_and_two_issues_per_service(
    home_page,
):
    load_services()
    load_subscribers(SCALES["small"])
    load_newsletter_issues(home_page, "small")
    assert SendRun.objects.filter(newsletter__slug="connected").count() == 12
    assert SendRun.objects.filter(newsletter__slug="wise").count() == 2
    assert indicators.default_year() == 2022
