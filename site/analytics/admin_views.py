"""The "Website-indicatoren" page in the Wagtail admin, and its CSV export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from analytics.models import PageViewDay
from analytics.report import build_report, csv_rows

PERMISSION = "analytics.view_indicators"
FIRST_YEAR = 2000


def can_view_indicators(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def chosen_year(request) -> tuple[int, str | None]:
    """The year asked for in ?jaar=, or this year with the reason it was refused."""
    this_year = timezone.localdate().year
    raw = request.GET.get("jaar", "").strip()
    if not raw:
        return this_year, None
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= this_year:
        return this_year, _(
            "'%(value)s' is geen jaar tussen %(first)s en %(last)s; je ziet %(last)s."
        ) % {"value": raw[:20], "first": FIRST_YEAR, "last": this_year}
    return int(raw), None


def available_years() -> list[int]:
    this_year = timezone.localdate().year
    first = PageViewDay.objects.order_by("day").values_list("day", flat=True).first()
    start = first.year if first else this_year
    return list(range(this_year, start - 1, -1))


class IndicatorsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "analytics/admin/indicators.html"
    page_title = gettext_lazy("Website-indicatoren")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_indicators(request.user):
            raise PermissionDenied
        self.year, error = chosen_year(request)
        if error:
            messages.error(request, error)
        if request.GET.get("formaat") == "csv":
            return self.csv_response()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = build_report(self.year)
        context["years"] = available_years()
        return context

    def csv_response(self) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="website-indicatoren-{self.year}.csv"'
        )
        # A BOM so that spreadsheet programs read the accents right.
        response.write("\ufeff")
        csv.writer(response, delimiter=";").writerows(csv_rows(build_report(self.year)))
        return response
