from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html

from analytics.counting import beacon_target, counting_available

register = template.Library()


@register.simple_tag(takes_context=True)
def page_view_beacon(context):
    """The counting script for a page that counts, nothing for one that does not."""
    if not counting_available():
        return ""
    target = beacon_target(context)
    if target is None:
        return ""
    return format_html(
        '<script src="{}" data-teller="{}" data-doel="{}" defer></script>',
        static("analytics/teller.js"),
        reverse("analytics:beacon"),
        target,
    )


@register.filter
def thousands(value):
    """A whole number with the locale's thousands separator (4.519 in Dutch)."""
    try:
        return number_format(int(value), force_grouping=True)
    except (TypeError, ValueError):
        return value
