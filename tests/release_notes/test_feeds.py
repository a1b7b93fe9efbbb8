"""Atom feeds: valid Atom, public notes only."""

import datetime

import feedparser
import pytest

from django.utils import timezone

from tests.release_notes.factories import (
    ReleaseNoteFactory,
    ReleaseNoteItemFactory,
    SoftwareProductFactory,
    WeeklyReleaseNoteFactory,
)
from tests.release_notes.helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def wise():
    return SoftwareProductFactory(name="Bibliotheeksysteem Wise", slug="wise")


@pytest.fixture
def notes(wise):
    today = timezone.localdate()
    public = publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.0.2",
            production_date=today - datetime.timedelta(days=30),
        )
    )
    ReleaseNoteItemFactory(release_note=public, text="Betere dubbeldetectie.")
    publish(public)
    weekly = publish(
        WeeklyReleaseNoteFactory(service=wise, version="2022.40", production_date=today)
    )
    pre_release = publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.0.3",
            production_date=today + datetime.timedelta(days=20),
            share_ahead=True,
        )
    )
    scheduled = publish(
        ReleaseNoteFactory(
            service=wise,
            version="7.0.4",
            production_date=today + datetime.timedelta(days=60),
        )
    )
    draft = ReleaseNoteFactory(service=wise, version="7.0.5", production_date=today)
    other = publish(ReleaseNoteFactory(version="3.1.0", production_date=today))
    return {
        "public": [public, weekly],
        "hidden": [pre_release, scheduled, draft],
        "other": other,
    }


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_product_feed_is_valid_atom_with_only_public_notes(client, notes):
    feed = _parse(client, "/release-notes/wise/feed/")

    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Bibliotheeksysteem Wise 2022.40",
        "Bibliotheeksysteem Wise 7.0.2",
    ]
    assert feed.feed.title == "Release notes Bibliotheeksysteem Wise · Leerplatform"
    assert feed.feed.link == "http://testserver/release-notes/wise/"
    first = feed.entries[1]
    assert first.link == "http://testserver/release-notes/wise/7.0.2/"
    assert first.id == first.link
    assert "Betere dubbeldetectie." in first.summary
    assert first.updated_parsed


def test_the_combined_feed_has_every_product_but_nothing_restricted(client, notes):
    feed = _parse(client, "/release-notes/feed/")

    links = {entry.link for entry in feed.entries}
    assert links == {
        f"http://testserver{note.get_absolute_url()}"
        for note in [*notes["public"], notes["other"]]
    }
    for hidden in notes["hidden"]:
        assert hidden.version not in client.get("/release-notes/feed/").text


def test_a_feed_for_a_service_that_is_not_software_is_not_found(client):
    SoftwareProductFactory(slug="e-boeken", is_software_product=False)

    assert client.get("/release-notes/e-boeken/feed/").status_code == 404
