"""Template tags for the banners on every page and the staleness of lessons."""

from django import template

from release_notes.banners import active_banners as _active_banners
from release_notes.banners import banners_key as _banners_key
from release_notes.staleness import changes_for_page

register = template.Library()


@register.simple_tag
def active_banners():
    """The banners to show now, outages first."""
    return _active_banners()


@register.filter
def banners_key(banners):
    """The fingerprint of a list of banners (see ``banners.banners_key``)."""
    return _banners_key(banners)


@register.simple_tag
def release_changes_for(page):
    """Public releases that changed what this page teaches, newest first."""
    return list(changes_for_page(page)[:3])
