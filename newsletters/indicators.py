"""The indicator dashboard: each target against what was reached, monthly trends,
the year report per list, and the panels other apps add through a hook.

Extra panels: register a function under the Wagtail hook
``indicator_dashboard_panels``. It is called as ``fn(request, year)`` for every
dashboard view and returns an object with a ``render_html(parent_context=None)``
method (a ``laces`` ``Component``, as Wagtail's own admin panels are) or ``None`` to
show nothing. Panels appear below the newsletter indicators, in hook order::

    @hooks.register("indicator_dashboard_panels")
    def website_panel(request, year):
        return WebsiteIndicatorsPanel(year)

Every figure comes from the pre-aggregated counters (``newsletters.rates``); rates
are judged on the *human* figure and shown beside the raw one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks

from newsletters import charts, classification, rates
from newsletters.models import (
    Benchmark,
    IndicatorTarget,
    IssueStatus,
    MachineReasonCount,
    NewsletterList,
    Segment,
    SendRun,
)

PANELS_HOOK = "indicator_dashboard_panels"
# Within this share of the target counts as "almost": orange, not red.
ALMOST = Decimal("0.9")
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
          "nov", "dec"]  # fmt: skip


@dataclass
class Judgement:
    """A value against its target: a colour and the words that say the same."""

    value: float | int | None
    target: Decimal | int | None
    level: str  # "goed", "bijna", "niet", "geen"
    label: str


def judge(value, target) -> Judgement:
    """Green when the target is reached, orange within 10 % of it, red below."""
    if target is None:
        return Judgement(value, target, "geen", _("Geen doel"))
    if value is None:
        return Judgement(value, target, "geen", _("Nog geen gegevens"))
    target_value = Decimal(str(target))
    reached = Decimal(str(value))
    if reached >= target_value:
        return Judgement(value, target, "goed", _("Doel gehaald"))
    if reached >= target_value * ALMOST:
        return Judgement(value, target, "bijna", _("Net onder het doel"))
    return Judgement(value, target, "niet", _("Doel niet gehaald"))


def scope_of(target: IndicatorTarget) -> rates.Scope:
    """The lists and werkvelden a target is about."""
    ids = list(target.lists.values_list("pk", flat=True))
    if not ids:
        ids = list(
            NewsletterList.objects.filter(kind=target.list_kind or "connected")
            .values_list("pk", flat=True)
        )  # fmt: skip
    return rates.Scope(ids, list(target.werkvelden or []))


def default_year() -> int:
    """The latest year with a sent issue (this year when there is none)."""
    latest = (
        SendRun.objects.filter(issue__isnull=False, started_at__isnull=False)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return timezone.localtime(latest).year if latest else timezone.localdate().year


def year_end(year: int) -> datetime:
    """The end of a year, or now for the current year."""
    end = datetime.combine(date(year + 1, 1, 1), time.min,
                           timezone.get_current_timezone())  # fmt: skip
    return min(end, timezone.now())


@dataclass
class IndicatorCard:
    target: IndicatorTarget
    subscribers: Judgement
    open_rate: Judgement
    click_rate: Judgement
    average: rates.Average
    charts: list = field(default_factory=list)


@dataclass
class YearData:
    """What every part of one dashboard view reads, loaded once."""

    year: int
    figures: rates.YearFigures
    subscribers: rates.SubscriberCounts

    @classmethod
    def load(cls, year: int) -> YearData:
        start = datetime.combine(date(year, 1, 1), time.min,
                                 timezone.get_current_timezone())  # fmt: skip
        moments = [start, year_end(year), *rates.month_ends(year)]
        return cls(year, rates.YearFigures(year), rates.SubscriberCounts(moments))

    def subscribers_at_start(self, scope) -> int:
        return self.subscribers.at(scope)[0]

    def subscribers_at_end(self, scope) -> int:
        return self.subscribers.at(scope)[1]

    def monthly_subscribers(self, scope) -> list[int | None]:
        now = timezone.now()
        counts = self.subscribers.at(scope)[2:]
        return [
            count if moment <= now else None
            for count, moment in zip(counts, self.subscribers.moments[2:], strict=True)
        ]


def indicator_cards(data: YearData, benchmark: Benchmark | None) -> list[IndicatorCard]:
    cards = []
    year = data.year
    for target in IndicatorTarget.objects.for_year(year):
        scope = scope_of(target)
        average = data.figures.average(scope)
        monthly = data.figures.monthly(scope)
        subscribers = data.subscribers_at_end(scope)
        card = IndicatorCard(
            target=target,
            subscribers=judge(subscribers, target.subscribers),
            open_rate=judge(average.open_rate_human, target.open_rate),
            click_rate=judge(average.click_rate_human, target.click_rate),
            average=average,
        )
        for title, human, raw, goal, reference in (
            (_("Openratio per maand"), "open_rate_human", "open_rate_raw",
             target.open_rate, benchmark.open_rate if benchmark else None),
            (_("Klikratio per maand"), "click_rate_human", "click_rate_raw",
             target.click_rate, benchmark.click_rate if benchmark else None),
        ):  # fmt: skip
            card.charts.append(
                charts.line_chart(
                    f"{target.name}: {title}",
                    MONTHS,
                    [
                        charts.Series(
                            _("Mensen"), [getattr(m, human) for m in monthly], "human"
                        ),
                        charts.Series(
                            _("Ruw (met machines)"),
                            [getattr(m, raw) for m in monthly],
                            "raw",
                        ),
                    ],  # fmt: skip
                    target=float(goal) if goal is not None else None,
                    benchmark=float(reference) if reference is not None else None,
                    unit="%",
                )
            )
        card.charts.append(
            charts.line_chart(
                f"{target.name}: {_('abonnees aan het eind van de maand')}",
                MONTHS,
                [
                    charts.Series(
                        _("Abonnees"), data.monthly_subscribers(scope), "human"
                    )
                ],  # fmt: skip
                target=float(target.subscribers) if target.subscribers else None,
            )
        )
        cards.append(card)
    return cards


@dataclass
class ReportRow:
    """One line of the year report: a list, or a segment of one."""

    name: str
    segment: str
    subscribers_end: int
    growth: int
    average: rates.Average


def year_report(data: YearData) -> list[ReportRow]:
    """Per list (and per segment of Connected): subscribers at year end, growth
    over the year, and the average open and click rates, human and raw."""
    rows = []
    lists = NewsletterList.objects.exclude(kind=NewsletterList.Kind.NOTIFICATION)
    segments_of: dict[int, list[Segment]] = {}
    for segment in Segment.objects.all():
        segments_of.setdefault(segment.newsletter_id, []).append(segment)
    for newsletter in lists:
        scopes = [("", rates.Scope([newsletter.pk]))]
        scopes += [
            (segment.name, rates.Scope([newsletter.pk], [segment.werkveld]))
            for segment in segments_of.get(newsletter.pk, [])
        ]
        for segment_name, scope in scopes:
            at_end = data.subscribers_at_end(scope)
            rows.append(
                ReportRow(
                    name=newsletter.name,
                    segment=segment_name,
                    subscribers_end=at_end,
                    growth=at_end - data.subscribers_at_start(scope),
                    average=data.figures.average(scope),
                )
            )
    return rows


def machine_reasons(year: int) -> list[dict]:
    """How many opens and clicks each reason set aside in a year."""
    runs = rates.sent_runs(NewsletterList.objects.values_list("pk", flat=True), year)
    rows = (
        MachineReasonCount.objects.filter(run__in=runs)
        .values("kind", "reason")
        .annotate(total=Sum("count"))
        .order_by("kind", "-total")
    )
    return [
        {
            "kind": row["kind"],
            "reason": classification.REASON_LABELS.get(row["reason"], row["reason"]),
            "total": row["total"],
        }
        for row in rows
    ]


def issue_rows(data: YearData) -> list[dict]:
    """Every issue sent in a year with its figures, newest first."""
    all_lists = list(NewsletterList.objects.values_list("pk", flat=True))
    runs = (
        rates.sent_runs(all_lists, data.year)
        .order_by("-started_at")
        .values("pk", "started_at", "newsletter__name", "issue__title",
                "issue__subject")
    )  # fmt: skip
    figures = data.figures.figures(rates.Scope(all_lists))
    return [
        {
            "started_at": run["started_at"],
            "newsletter": run["newsletter__name"],
            "subject": run["issue__subject"] or run["issue__title"],
            "figures": figures.get(run["pk"], rates.Figures()),
        }
        for run in runs
    ]


def issue_results(run: SendRun | None) -> dict | None:
    """The figures of one send for its send page: the whole issue, each segment
    and each link, human and raw, and the machine events set aside."""
    if run is None or run.status not in (IssueStatus.SENT, IssueStatus.SENDING,
                                         IssueStatus.PAUSED):  # fmt: skip
        return None
    figures = rates.run_figures([run.pk]).get(run.pk, rates.Figures())
    names = dict(Segment.objects.filter(newsletter_id=run.newsletter_id)
                 .values_list("pk", "name"))  # fmt: skip
    segments = [
        (names.get(key, _("Zonder segment")), value)
        for key, value in sorted(rates.segment_figures(run.pk).items())
    ]
    reasons = [
        {"kind": kind, "reason": classification.REASON_LABELS.get(reason, reason),
         "total": count}
        for kind, reason, count in MachineReasonCount.objects.filter(run=run)
        .order_by("kind", "-count").values_list("kind", "reason", "count")
    ]  # fmt: skip
    return {
        "figures": figures,
        "segments": segments if len(segments) > 1 else [],
        "links": rates.link_figures(run.pk),
        "reasons": reasons,
    }


def extra_panels(request, year: int) -> list:
    """The panels that other apps registered under ``indicator_dashboard_panels``."""
    panels = []
    for panel_for in hooks.get_hooks(PANELS_HOOK):
        panel = panel_for(request, year)
        if panel is not None:
            panels.append(panel)
    return panels


# -- Export --------------------------------------------------------------------------


def report_table(year: int) -> tuple[list[str], list[list]]:
    """The year report as a header and rows, for CSV and XLSX."""
    data = YearData.load(year)
    header = [
        _("Nieuwsbrief"), _("Segment"), _("Abonnees eind %(year)s") % {"year": year},
        _("Groei in %(year)s") % {"year": year}, _("Edities"), _("Afgeleverd"),
        _("Openratio mensen (%)"), _("Openratio ruw (%)"),
        _("Klikratio mensen (%)"), _("Klikratio ruw (%)"),
        _("Klik-per-open mensen (%)"), _("Afmeldingen"),
    ]  # fmt: skip
    rows = []
    for row in year_report(data):
        average = row.average
        rows.append([
            row.name, row.segment, row.subscribers_end, row.growth, average.issues,
            average.totals.delivered, average.open_rate_human, average.open_rate_raw,
            average.click_rate_human, average.click_rate_raw,
            average.click_to_open_human, average.totals.unsubscribes,
        ])  # fmt: skip
    return header, rows


def report_csv(year: int) -> str:
    header, rows = report_table(year)
    buffer = io.StringIO()
    # A semicolon and a decimal comma: how spreadsheets in Flanders open CSV.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else str(v).replace(".", ",")
                if isinstance(v, float)
                else v
                for v in row
            ]  # fmt: skip
        )
    return buffer.getvalue()


def report_xlsx(year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = report_table(year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Jaarrapport %(year)s") % {"year": year}
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJKL", [34, 30] + [14] * 10, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
