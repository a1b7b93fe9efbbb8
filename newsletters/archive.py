"""The Atom feed of a list's public archive: the issues that went out."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from newsletters.rendering import page_url

FEED_LENGTH = 30


class ArchiveFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, archive):
        super().__init__()
        self.archive = archive

    def get_object(self, request, *args, **kwargs):
        return self.archive

    def title(self, archive):
        return archive.title

    def subtitle(self, archive):
        return archive.intro or archive.newsletter.description

    def link(self, archive):
        return page_url(archive)

    def feed_guid(self, archive):
        return f"{page_url(archive)}atom/"

    def items(self, archive):
        return archive.sent_issues()[:FEED_LENGTH]

    def item_title(self, issue):
        return issue.title

    def item_description(self, issue):
        return issue.preheader or issue.subject

    def item_link(self, issue):
        return page_url(issue)

    def item_pubdate(self, issue):
        return issue.send_run.finished_at

    def item_updateddate(self, issue):
        return issue.send_run.finished_at

    def author_name(self):
        return _("Leerplatform")


def atom_response(archive, request):
    """The feed of one archive page, with absolute links on ``SITE_BASE_URL``."""
    response = ArchiveFeed(archive)(request)
    response["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response
