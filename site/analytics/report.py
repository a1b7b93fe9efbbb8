"""Everything the indicators page shows for one year, gathered once.

Used by the admin page, its CSV export and the summary panel on the indicator
dashboard, so the three always show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from analytics import figures
from analytics.charts import trend_chart
from analytics.counting import counting_available


@dataclass
class IndicatorReport:
    year: int
    counter: figures.InspiringCounter
    months: list[figures.MonthFigure]
    news: list[dict]
    users: figures.RegisteredUsers
    visitors: figures.VisitorFigures
    time: figures.TimeOnPlatform
    services: list[dict]
    content: list[dict]
    top_inspiring: list[dict]
    counting_available: bool

    @property
    def content_totals(self) -> dict:
        return {
            column: sum(row[column] for row in self.content)
            for column in ("courses", "lessons", "topics")
        }

    @property
    def chart(self) -> dict:
        return trend_chart(self.months, self.counter.target / 12)


def summary(year: int, today: date | None = None) -> figures.InspiringCounter:
    """Only the counter, for the compact panel."""
    return figures.inspiring_counter(year, today or timezone.localdate())


def build_report(year: int, today: date | None = None) -> IndicatorReport:
    """All figures of the year."""
    today = today or timezone.localdate()
    return IndicatorReport(
        year=year,
        counter=figures.inspiring_counter(year, today),
        months=figures.monthly_trend(year),
        news=figures.news_views_by_audience(year),
        users=figures.registered_users(year),
        visitors=figures.visitor_figures(year),
        time=figures.time_on_platform(year),
        services=figures.most_read_services(year),
        content=figures.content_per_service(),
        top_inspiring=figures.top_pages(year, limit=10, inspiring_only=True),
        counting_available=counting_available(),
    )


def csv_rows(report: IndicatorReport) -> list[list]:
    """The report as rows of (section, item, figure, value)."""
    year = str(report.year)
    counter, users = report.counter, report.users
    visitors, time = report.visitors, report.time
    rows: list[list] = [["onderdeel", "item", "cijfer", "waarde"]]

    def add(section: str, item: str, *pairs) -> None:
        rows.extend([section, item, name, value] for name, value in pairs)

    add(
        "inspirerende inhoud",
        year,
        ("weergaven", counter.views),
        ("doel", counter.target),
        ("verwacht tempo tot vandaag", counter.expected),
        ("status", counter.status),
    )
    for month in report.months:
        add(
            "per maand",
            f"{year}-{month.month:02d}",
            ("weergaven inspirerende inhoud", month.inspiring_views),
            ("weergaven nieuws", month.news_views),
            ("alle weergaven", month.views),
        )
    for row in report.news:
        add(
            "nieuws per doelgroep",
            row["audience"],
            ("weergaven", row["views"]),
            ("unieke weergaven per dag", row["visitors"]),
            ("berichten gelezen", row["items"]),
        )
    add(
        "geregistreerde gebruikers",
        year,
        ("totaal op het einde van de periode", users.total),
        ("nieuw", users.new),
        ("terugkerend", users.returning),
        ("niet actief", users.inactive),
    )
    add(
        "bezoek",
        year,
        ("paginaweergaven", visitors.page_views),
        ("weergaven zonder bezoekershash (DNT/GPC)", visitors.untracked_views),
        ("bezoekers per dag opgeteld", visitors.visitors),
        ("bezoeken", visitors.visits),
        ("bezoekers die dezelfde dag terugkwamen", visitors.returning_same_day),
    )
    add(
        "tijd op het platform",
        year,
        ("gemiddelde (s)", round(time.mean_seconds)),
        ("mediaan (s)", round(time.median_seconds)),
    )
    for row in report.services:
        add("meest gelezen diensten", row["name"], ("weergaven", row["views"]))
    for row in report.content:
        add(
            "leeraanbod per dienst",
            row["service"].name,
            ("cursussen", row["courses"]),
            ("lessen", row["lessons"]),
            ("onderwerpen", row["topics"]),
        )
    return rows
