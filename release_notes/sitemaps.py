"""Sitemap entries for public release notes and published known bugs.

Only what ``public()`` and ``published()`` return: pre-releases never appear.
"""

from django.contrib.sitemaps import Sitemap

from release_notes.models import KnownBug, ReleaseNote


class ReleaseNoteSitemap(Sitemap):
    def items(self):
        return ReleaseNote.objects.public().select_related("service").newest_first()

    def lastmod(self, note):
        return note.last_published_at


class KnownBugSitemap(Sitemap):
    def items(self):
        return KnownBug.objects.published().order_by("pk")

    def lastmod(self, bug):
        return bug.last_published_at
