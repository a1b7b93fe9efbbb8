"""What's new on the site, for pre-filling an issue: a registry of content sources.

Other apps register a source (in their ``AppConfig.ready``), in the spirit of
Wagtail hooks, so this app never imports them: ``courses`` registers new lessons
and webinars, ``release_notes`` its release notes and solved known bugs. A source
is a function ``(service, since) -> list[ContentItem]``; ``new_issue_with_news``
asks each one for what appeared since the list's last issue and creates a draft
issue with a heading and teasers per source, which the editor then curates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsletters.models import (
    IssueStatus,
    NewsletterArchivePage,
    NewsletterIssuePage,
    NewsletterList,
    SendRun,
)

# Without an earlier issue, "new" means the last three months.
DEFAULT_PERIOD = timedelta(days=90)


@dataclass(frozen=True)
class ContentItem:
    """One new thing: a page (becomes an article teaser) or a link with a title."""

    title: str
    url: str = ""
    summary: str = ""
    page: object | None = None


@dataclass(frozen=True)
class ContentSource:
    key: str
    heading: str
    items: Callable[[object, datetime], list[ContentItem]]
    order: int = 100


_sources: dict[str, ContentSource] = {}


def register(key: str, heading: str, items, order: int = 100) -> None:
    """Register (or replace) a source; ``items(service, since)`` lists what is new."""
    _sources[key] = ContentSource(key, heading, items, order)


def registered() -> list[ContentSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


def last_issue_at(newsletter: NewsletterList) -> datetime:
    """When the list's last issue went out, or three months ago without one."""
    run = (
        SendRun.objects.filter(
            newsletter=newsletter, issue__isnull=False, status=IssueStatus.SENT
        )  # fmt: skip
        .order_by("-started_at")
        .first()
    )
    if run is not None and run.started_at:
        return run.started_at
    return timezone.now() - DEFAULT_PERIOD


def news_blocks(newsletter: NewsletterList, since: datetime) -> list[dict]:
    """Stream data for an issue body: per source with news, a heading and its
    items (article teasers for pages, a linked paragraph otherwise)."""
    body: list[dict] = []
    service = newsletter.service
    for source in registered():
        items = source.items(service, since) if service is not None else []
        if not items:
            continue
        body.append({"type": "heading", "value": {"text": source.heading}})
        for item in items:
            if item.page is not None:
                body.append({"type": "teaser", "value": {
                    "page": item.page.pk, "title": "", "summary": item.summary,
                    "link_label": ""}})  # fmt: skip
            else:
                summary = f" – {escape(item.summary)}" if item.summary else ""
                body.append({"type": "text", "value": {"text": (
                    f'<p><a href="{escape(item.url)}">{escape(item.title)}</a>'
                    f"{summary}</p>")}})  # fmt: skip
    return body


def new_issue_with_news(newsletter: NewsletterList, user=None) -> NewsletterIssuePage:
    """A draft issue under the list's archive, pre-filled with what is new since
    its last issue; nothing is published."""
    archive = NewsletterArchivePage.objects.get(newsletter=newsletter)
    since = last_issue_at(newsletter)
    today = timezone.localdate()
    title = _("%(list)s – %(date)s") % {"list": newsletter.name, "date": today}
    issue = NewsletterIssuePage(
        title=title,
        slug=f"editie-{today:%Y-%m-%d}-{NewsletterIssuePage.objects.count() + 1}",
        subject=title,
        live=False,
        owner=user,
    )
    issue.body = news_blocks(newsletter, since) or [
        {
            "type": "text",
            "value": {
                "text": "<p>"
                + escape(_("Niets nieuws sinds de vorige editie."))
                + "</p>"
            },
        }  # fmt: skip
    ]
    archive.add_child(instance=issue)
    issue.save_revision(user=user)
    return issue
