from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from operations.models import Heartbeat
from operations.views import BackgroundProblemsView, can_see_problems


class ProcessesPanel(Component):
    name = "processes"
    order = 50

    def render_html(self, parent_context=None):
        beats = {h.process: h for h in Heartbeat.objects.all()}
        rows = [
            {"label": label, "beat": beats.get(value)}
            for value, label in Heartbeat.Process.choices
        ]
        return render_to_string("operations/processes_panel.html", {"rows": rows})


@hooks.register("construct_homepage_panels")
def add_processes_panel(request, panels):
    if request.user.is_superuser or request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(ProcessesPanel())


@hooks.register("register_admin_urls")
def register_background_problems_url():
    return [
        path(
            "werking/fouten/",
            BackgroundProblemsView.as_view(),
            name="operations_background_problems",
        )
    ]


class BackgroundProblemsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_problems(request.user)


@hooks.register("register_reports_menu_item")
def register_background_problems_menu_item():
    return BackgroundProblemsMenuItem(
        _("Fouten in de achtergrond"),
        reverse("operations_background_problems"),
        name="background-problems",
        icon_name="warning",
        order=1100,
    )
