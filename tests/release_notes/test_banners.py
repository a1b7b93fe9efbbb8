"""Outage and maintenance banners: on every page while active, within a minute."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from release_notes.banners import active_banners
from release_notes.choices import BannerSeverity
from tests.release_notes.factories import BannerFactory, SoftwareProductFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2022, 11, 20, 7, 0))
END = START + datetime.timedelta(hours=2)


def test_a_scheduled_banner_appears_at_its_start_and_disappears_at_its_end():
    banner = BannerFactory(starts_at=START, ends_at=END)
    second = datetime.timedelta(seconds=1)

    assert active_banners(START - second) == []
    assert active_banners(START) == [banner]
    assert active_banners(END - second) == [banner]
    assert active_banners(END) == []


def test_banners_appear_on_every_page_at_their_time_without_a_save(
    client, home_page, monkeypatch
):
    BannerFactory(starts_at=START, ends_at=END, message="Onderhoud aan Wise")
    # The list is cached before the start; the clock alone must make it appear.
    monkeypatch.setattr(timezone, "now", lambda: START - datetime.timedelta(minutes=1))
    assert "Onderhoud aan Wise" not in client.get("/").text

    monkeypatch.setattr(timezone, "now", lambda: START + datetime.timedelta(minutes=1))
    assert "Onderhoud aan Wise" in client.get("/").text
    assert "Onderhoud aan Wise" in client.get("/gekende-bugs/").text

    monkeypatch.setattr(timezone, "now", lambda: END)
    assert "Onderhoud aan Wise" not in client.get("/").text


def test_a_new_banner_shows_at_once_although_the_list_was_cached(client, home_page):
    assert active_banners() == []

    BannerFactory(message="Mijn Bibliotheek is onbereikbaar")

    assert "Mijn Bibliotheek is onbereikbaar" in client.get("/").text


def test_the_red_banner_is_an_alert_on_the_home_page(client, home_page):
    BannerFactory(
        severity=BannerSeverity.OUTAGE,
        service=SoftwareProductFactory(name="Wise"),
        message="Wise is niet bereikbaar. We werken aan een oplossing.",
        ends_at=None,
    )

    text = client.get("/").text

    assert 'class="site-banner site-banner--storing" role="alert"' in text
    assert "Wise is niet bereikbaar" in text
    assert "release_notes/banners.js" in text


def test_the_banner_endpoint_answers_what_is_active_and_may_be_cached_a_minute(
    client,
):
    BannerFactory(message="Gepland onderhoud", link_url="https://example.org/info")
    BannerFactory(
        message="Voorbij", starts_at=START, ends_at=START + datetime.timedelta(hours=1)
    )

    response = client.get("/meldingen/actief.json")

    data = response.json()
    assert [banner["message"] for banner in data["banners"]] == ["Gepland onderhoud"]
    assert "Gepland onderhoud" in data["html"]
    assert data["key"]
    assert "max-age=30" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_outages_come_before_maintenance_and_information():
    info = BannerFactory(severity=BannerSeverity.INFO)
    outage = BannerFactory(severity=BannerSeverity.OUTAGE)
    maintenance = BannerFactory(severity=BannerSeverity.MAINTENANCE)

    assert active_banners() == [outage, maintenance, info]


def test_an_end_before_the_start_is_a_validation_error():
    banner = BannerFactory.build(starts_at=END, ends_at=START)

    with pytest.raises(ValidationError) as error:
        banner.full_clean()

    assert error.value.message_dict["ends_at"] == [
        "Het einde moet na het begin liggen."
    ]


def test_banner_messages_are_escaped(client, home_page):
    BannerFactory(message="<script>alert(1)</script> Storing")

    text = client.get("/").text

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Storing" in text
