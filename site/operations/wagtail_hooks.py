from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.admin.ui.components import Component

from operations.models import Heartbeat


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
