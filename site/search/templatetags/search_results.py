"""Template filters of the search page."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

MIN_TERM_LENGTH = 3


@register.filter
def highlight(text: str, query: str) -> str:
    """The text, escaped, with the words of the query marked."""
    terms = sorted(
        {
            term
            for term in re.findall(r"\w+", query or "")
            if len(term) >= MIN_TERM_LENGTH
        },
        key=len,
        reverse=True,
    )
    escaped = escape(text or "")
    if not terms:
        return mark_safe(escaped)
    pattern = re.compile(
        "(" + "|".join(re.escape(escape(term)) for term in terms) + r")\w*",
        re.IGNORECASE,
    )
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))
