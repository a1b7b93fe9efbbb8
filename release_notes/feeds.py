"""Atom feeds of public release notes: one per product and one for all products."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from release_notes.models import ReleaseNote
from services.models import Service

FEED_LENGTH = 30


class AllReleaseNotesFeed(Feed):
    """Public release notes of every product; pre-releases never appear here."""

    feed_type = Atom1Feed
    description_template = "release_notes/feeds/release_note_description.html"

    def title(self):
        return _("Release notes · Leerplatform")

    def subtitle(self):
        return _("Wat er veranderde in de software van de bibliotheken.")

    def link(self):
        return reverse("release_notes:index")

    def feed_guid(self):
        return f"{settings.SITE_BASE_URL}{reverse('release_notes:feed')}"

    def items(self):
        return _public_notes()[:FEED_LENGTH]

    def item_title(self, note):
        return str(note)

    def item_link(self, note):
        return note.get_absolute_url()

    def item_guid(self, note):
        return f"{settings.SITE_BASE_URL}{note.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_pubdate(self, note):
        return note.made_public_at or _start_of(note.production_date)

    def item_updateddate(self, note):
        return max(
            filter(None, [note.last_published_at, note.made_public_at]),
            default=_start_of(note.production_date),
        )

    def item_categories(self, note):
        return [note.service.name, note.get_kind_display()]

    def item_author_name(self, note):
        return "Leerplatform"


class ServiceReleaseNotesFeed(AllReleaseNotesFeed):
    """Public release notes of one product."""

    def get_object(self, request, service):
        return get_object_or_404(
            Service.objects.active().software_products(), slug=service
        )

    def title(self, service):
        return _("Release notes %(service)s · Leerplatform") % {"service": service.name}

    def subtitle(self, service):
        return _("Wat er veranderde in %(service)s.") % {"service": service.name}

    def link(self, service):
        return reverse("release_notes:history", kwargs={"service": service.slug})

    def feed_guid(self, service):
        path = reverse("release_notes:service_feed", kwargs={"service": service.slug})
        return f"{settings.SITE_BASE_URL}{path}"

    def items(self, service):
        return _public_notes().for_service(service)[:FEED_LENGTH]


def _public_notes():
    return (
        ReleaseNote.objects.public()
        .select_related("service")
        .prefetch_related("items")
        .newest_first()
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
