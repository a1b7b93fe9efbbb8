"""Template filters of the search page."""

import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Page

from themes.templatetags.house_style import page_snippet, page_type_label

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


# Results are pages or, for release notes and known bugs, snippets: these tags let
# the template show both the same way.
@register.simple_tag(takes_context=True)
def result_url(context, result) -> str:
    if isinstance(result, Page):
        return result.get_url(request=context.get("request"))
    return result.get_absolute_url()


@register.filter
def result_title(result) -> str:
    return result.title if isinstance(result, Page) else str(result)


@register.filter
def result_label(result) -> str:
    if isinstance(result, Page):
        return page_type_label(result)
    return str(result._meta.verbose_name)


@register.filter
def result_snippet(result) -> str:
    if isinstance(result, Page):
        return page_snippet(result)
    text = getattr(result, "summary", "") or getattr(result, "symptoms", "")
    return Truncator(strip_tags(str(text or ""))).words(40)
