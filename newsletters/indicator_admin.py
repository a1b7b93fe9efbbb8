"""Admin views of the indicator dashboard and its year-report exports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletters import indicators
from newsletters.models import Benchmark

PERMISSION = "newsletters.view_indicatortarget"
FIRST_YEAR = 2019


def _year(request) -> int:
    raw = request.GET.get("jaar", "")
    this_year = timezone.localdate().year
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= this_year:
        return int(raw)
    return indicators.default_year()


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class IndicatorDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """Each indicator against its target, trends, the year report, machine events."""

    template_name = "newsletters/admin/indicators.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        _check(request)
        self.year = _year(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Indicatoren %(year)s") % {"year": self.year}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        benchmark = Benchmark.objects.for_year(self.year)
        data = indicators.YearData.load(self.year)
        this_year = timezone.localdate().year
        context.update(
            year=self.year,
            years=list(range(this_year, FIRST_YEAR - 1, -1)),
            benchmark=benchmark,
            cards=indicators.indicator_cards(data, benchmark),
            report=indicators.year_report(data),
            issues=indicators.issue_rows(data),
            reasons=indicators.machine_reasons(self.year),
            panels=indicators.extra_panels(self.request, self.year),
            csv_url=reverse("newsletters_admin:indicators_csv", args=[self.year]),
            xlsx_url=reverse("newsletters_admin:indicators_xlsx", args=[self.year]),
        )
        return context


def report_csv(request, year: int) -> HttpResponse:
    _check(request)
    response = HttpResponse(
        "\ufeff" + indicators.report_csv(year), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="nieuwsbrieven-jaarrapport-{year}.csv"'
    )
    return response


def report_xlsx(request, year: int) -> HttpResponse:
    _check(request)
    response = HttpResponse(
        indicators.report_xlsx(year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="nieuwsbrieven-jaarrapport-{year}.xlsx"'
    )
    return response
