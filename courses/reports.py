"""The editors' report of stale learning content ("verouderde inhoud")."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.staleness import stale_pages


class MarkReviewedColumn(Column):
    """A button that records the page as reviewed without changing it."""

    cell_template_name = "courses/admin/mark_reviewed_cell.html"


class StaleContentView(ReportView):
    """Courses, lessons and topics not reviewed in a year, per editor's services."""

    page_title = _("Verouderde inhoud")
    header_icon = "time"
    index_url_name = "courses_stale_content"
    index_results_url_name = "courses_stale_content_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["change"]
    list_export = ["title", "service_title", "content_type", "last_seen"]
    export_headings = {
        "title": _("Titel"),
        "service_title": _("Dienst"),
        "content_type": _("Soort"),
        "last_seen": _("Laatst nagekeken of gepubliceerd"),
    }
    custom_field_preprocess = {
        "content_type": {
            "csv": lambda value: str(value.model_class()._meta.verbose_name),
            "xlsx": lambda value: str(value.model_class()._meta.verbose_name),
        }
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Titel"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("service_title", label=_("Dienst")),
            Column(
                "type",
                label=_("Soort"),
                accessor=lambda page: page.specific_class._meta.verbose_name,
            ),
            DateColumn("last_seen", label=_("Laatst nagekeken of gepubliceerd")),
            MarkReviewedColumn("review", label=_("Nagekeken")),
        ]

    def get_queryset(self):
        return stale_pages(self.request.user)
