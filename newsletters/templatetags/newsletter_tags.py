from django import template

from newsletters.profile import profile_context

register = template.Library()


@register.inclusion_tag(
    "newsletters/includes/profile_subscriptions.html", takes_context=True
)
def profile_subscriptions(context):
    """The user's newsletters, on or off, for the profile page."""
    user = context["request"].user
    return {**profile_context(user), "csrf_token": context.get("csrf_token")}
