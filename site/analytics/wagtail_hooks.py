"""Admin wiring: the Website-indicatoren page, its menu item, the dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from analytics.admin_views import IndicatorsView, can_view_indicators
from analytics.components import WebsiteIndicatorsPanel


class IndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_indicators(request.user)


@hooks.register("register_admin_urls")
def register_analytics_admin_urls():
    urls = [path("", IndicatorsView.as_view(), name="indicators")]
    return [path("website-indicatoren/", (urls, "analytics_admin", "analytics_admin"))]


@hooks.register("register_admin_menu_item")
def indicators_menu_item():
    return IndicatorsMenuItem(
        _("Website-indicatoren"),
        reverse("analytics_admin:indicators"),
        icon_name="table",
        order=260,
    )


@hooks.register("indicator_dashboard_panels")
def website_indicators_panel(request, year: int):
    """The website's summary on the indicator dashboard; None without permission."""
    if not can_view_indicators(request.user):
        return None
    return WebsiteIndicatorsPanel(year)
