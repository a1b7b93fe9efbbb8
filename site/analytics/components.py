"""The compact website panel for the indicator dashboard (a laces component)."""

from __future__ import annotations

from django.urls import reverse

from wagtail.admin.ui.components import Component

from analytics import figures
from analytics.report import summary


class WebsiteIndicatorsPanel(Component):
    """Inspiring content against the target, and the page with everything else."""

    name = "website_indicators"
    order = 500
    template_name = "analytics/admin/panel.html"

    def __init__(self, year: int):
        self.year = year

    def get_context_data(self, parent_context=None):
        counter = summary(self.year)
        return {
            "year": self.year,
            "counter": counter,
            "time": figures.time_on_platform(self.year),
            "users": figures.registered_users(self.year),
            "url": reverse("analytics_admin:indicators") + f"?jaar={self.year}",
        }
