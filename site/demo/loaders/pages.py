"""Creating pages as an editor would: a draft, then its first published revision."""

from datetime import datetime

from wagtail.models import Page


def publish_new_child(
    parent: Page, page: Page, *, first_published_at: datetime | None = None
) -> Page:
    """Add ``page`` under ``parent`` and publish it, so it has a revision history.

    ``first_published_at`` backdates the first publication, e.g. to a news item's
    date; the last publication is always now.
    """
    page.live = False
    if first_published_at is not None:
        page.first_published_at = first_published_at
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def child_slugs(parent: Page) -> set[str]:
    return set(parent.get_children().values_list("slug", flat=True))
