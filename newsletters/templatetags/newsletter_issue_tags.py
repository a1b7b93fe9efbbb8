"""Template tags of the web version of newsletter issues."""

from django import template

from newsletters import rendering

register = template.Library()


@register.filter
def clean_rich_text(value):
    """Rich text expanded and sanitised, as in the e-mail."""
    return rendering.clean_rich_text(value)


@register.filter
def pair(first, second):
    """Two values as a list, to loop over the columns of a two-column block."""
    return [first, second]


@register.simple_tag
def teaser(value):
    """Title, summary, image and path of the page an article teaser points at."""
    return rendering.teaser(value)
