"""The website indicators, computed from the daily aggregates and the content.

Plain functions of a year (the organisation reports per calendar year); each one
reads pre-aggregated rows or counts pages, never raw hits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from analytics.models import PageKind, PageViewDay, SiteDay
from analytics.targets import section_of, service_sections
from courses.models import CoursePage, LastVisit, LessonPage, TopicPage
from services.choices import Audience

# The management agreement's target: clicks on inspiring content per year.
INSPIRING_TARGET = 100_000
# Within this share below the expected pace the counter is orange, further below red.
ORANGE_MARGIN = 0.10

GREEN, ORANGE, RED = "groen", "oranje", "rood"


def year_period(year: int) -> tuple[date, date]:
    """First and last day of a calendar year."""
    return date(year, 1, 1), date(year, 12, 31)


def elapsed_share(year: int, today: date) -> float:
    """The share of the year that has passed by the end of today (1 for past years)."""
    start, end = year_period(year)
    if today > end:
        return 1.0
    if today < start:
        return 0.0
    return ((today - start).days + 1) / ((end - start).days + 1)


@dataclass(frozen=True)
class InspiringCounter:
    views: int
    target: int
    expected: int
    projected: int
    status: str
    text: str

    @property
    def percent_of_target(self) -> float:
        return 100 * self.views / self.target if self.target else 0.0


def inspiring_counter(
    year: int, today: date | None = None, target: int = INSPIRING_TARGET
) -> InspiringCounter:
    """Views of inspiring content in the year against the target, pro rata.

    During the year the count is compared with the target times the share of the
    year gone by (the pace needed to make it): green at or above that pace, orange
    within 10 % below it, red further below. A finished year is compared with the
    whole target. ``projected`` extends the pace so far to the end of the year.
    """
    today = today or timezone.localdate()
    views = PageViewDay.objects.in_period(*year_period(year)).inspiring().total_views()
    share = elapsed_share(year, today)
    expected = round(target * share)
    projected = round(views / share) if share else 0
    if share == 0:
        status, text = ORANGE, _("Dit jaar is nog niet begonnen.")
    elif views >= expected:
        status = GREEN
        text = (
            _("Doel gehaald.")
            if share == 1
            else _("Op koers: sneller dan het tempo dat het doel vraagt.")
        )
    elif views >= expected * (1 - ORANGE_MARGIN):
        status = ORANGE
        text = (
            _("Net niet gehaald.")
            if share == 1
            else _("Net onder het tempo dat het doel vraagt.")
        )
    else:
        status = RED
        text = (
            _("Niet gehaald.")
            if share == 1
            else _("Duidelijk onder het tempo dat het doel vraagt.")
        )
    return InspiringCounter(views, target, expected, projected, status, text)


@dataclass(frozen=True)
class MonthFigure:
    month: int
    views: int
    inspiring_views: int
    news_views: int

    @property
    def label(self) -> str:
        return str(MONTH_LABELS[self.month - 1])


MONTH_LABELS = [
    pgettext_lazy("maand", "jan"),
    pgettext_lazy("maand", "feb"),
    pgettext_lazy("maand", "mrt"),
    pgettext_lazy("maand", "apr"),
    pgettext_lazy("maand", "mei"),
    pgettext_lazy("maand", "jun"),
    pgettext_lazy("maand", "jul"),
    pgettext_lazy("maand", "aug"),
    pgettext_lazy("maand", "sep"),
    pgettext_lazy("maand", "okt"),
    pgettext_lazy("maand", "nov"),
    pgettext_lazy("maand", "dec"),
]


def monthly_trend(year: int) -> list[MonthFigure]:
    """Per month of the year: all views, views of inspiring content and of news."""
    rows = (
        PageViewDay.objects.in_period(*year_period(year))
        .annotate(month=ExtractMonth("day"))
        .values("month")
        .annotate(
            total=Sum("views"),
            inspiring=Sum("views", filter=Q(is_inspiring=True)),
            news=Sum("views", filter=Q(kind=PageKind.NEWS)),
        )
    )
    by_month = {row["month"]: row for row in rows}
    return [
        MonthFigure(
            month,
            by_month.get(month, {}).get("total") or 0,
            by_month.get(month, {}).get("inspiring") or 0,
            by_month.get(month, {}).get("news") or 0,
        )
        for month in range(1, 13)
    ]


def news_views_by_audience(year: int) -> list[dict]:
    """News views per audience: libraries, podiumhuizen, and news meant for both.

    ``visitors`` adds up each day's distinct visitors per item: someone who reads
    an item on two days counts twice, as in the organisation's "unique views".
    """
    rows = {
        row["audience"]: row
        for row in PageViewDay.objects.in_period(*year_period(year))
        .news()
        .values("audience")
        .annotate(
            views=Sum("views"),
            visitors=Sum("visitors"),
            items=Count("page", distinct=True),
        )
    }
    return [
        {
            "audience": audience.value,
            "label": audience.label,
            "views": (rows.get(audience.value) or {}).get("views") or 0,
            "visitors": (rows.get(audience.value) or {}).get("visitors") or 0,
            "items": (rows.get(audience.value) or {}).get("items") or 0,
        }
        for audience in (Audience.LIBRARIES, Audience.PERFORMING_ARTS, Audience.BOTH)
    ]


@dataclass(frozen=True)
class RegisteredUsers:
    total: int
    at_start: int
    new: int
    returning: int
    inactive: int

    @property
    def growth_percent(self) -> float | None:
        if not self.at_start:
            return None
        return 100 * (self.total - self.at_start) / self.at_start

    def share(self, count: int) -> float:
        return 100 * count / self.total if self.total else 0.0

    @property
    def new_percent(self) -> float:
        return self.share(self.new)

    @property
    def returning_percent(self) -> float:
        return self.share(self.returning)

    @property
    def inactive_percent(self) -> float:
        return self.share(self.inactive)


def _moment(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def registered_users(year: int) -> RegisteredUsers:
    """Accounts at the end of the year, split into new, returning and inactive.

    From the accounts themselves, not from tracking: *new* registered in the year;
    *returning* registered earlier and signed in or opened a lesson during the year;
    *inactive* the rest. Only the last sign-in and last lesson visit are kept, so for
    a year that is over "returning" is a lower bound: someone active then and again
    since shows as active in the later year only.
    """
    start, end = year_period(year)
    begin, finish = _moment(start), _moment(end, end=True)
    accounts = get_user_model().objects.filter(is_active=True, date_joined__lte=finish)
    lesson_visits = LastVisit.objects.filter(
        user=OuterRef("pk"), visited_at__gte=begin, visited_at__lte=finish
    )
    counts = accounts.aggregate(
        total=Count("pk"),
        at_start=Count("pk", filter=Q(date_joined__lt=begin)),
        new=Count("pk", filter=Q(date_joined__gte=begin)),
    )
    returning = (
        accounts.filter(date_joined__lt=begin)
        .filter(
            Q(last_login__gte=begin, last_login__lte=finish) | Exists(lesson_visits)
        )
        .count()
    )
    return RegisteredUsers(
        total=counts["total"],
        at_start=counts["at_start"],
        new=counts["new"],
        returning=returning,
        inactive=counts["at_start"] - returning,
    )


@dataclass(frozen=True)
class VisitorFigures:
    page_views: int
    untracked_views: int
    visitors: int
    visits: int
    returning_same_day: int
    registered_visitors: int

    @property
    def pages_per_visit(self) -> float:
        return self.page_views / self.visits if self.visits else 0.0

    @property
    def returning_same_day_percent(self) -> float:
        return 100 * self.returning_same_day / self.visitors if self.visitors else 0.0


def visitor_figures(year: int) -> VisitorFigures:
    """Views, daily visitors and visits in the year, summed over its days.

    Without cookies a visitor is recognised within one day only, so ``visitors`` is
    a sum of daily visitors (someone who comes on ten days counts ten times) and
    ``returning_same_day`` counts visitors who came back later that same day.
    """
    totals = SiteDay.objects.in_period(*year_period(year)).aggregate(
        page_views=Sum("page_views"),
        untracked_views=Sum("untracked_views"),
        visitors=Sum("visitors"),
        visits=Sum("visits"),
        returning_same_day=Sum("returning_visitors"),
        registered_visitors=Sum("registered_visitors"),
    )
    return VisitorFigures(**{name: value or 0 for name, value in totals.items()})


def content_per_service() -> list[dict]:
    """Per service: its live courses, lessons and topics, from the page tree."""
    sections = service_sections()
    counts: dict[int, dict] = {
        service.pk: {"service": service, "courses": 0, "lessons": 0, "topics": 0}
        for _path, service in sections
    }
    models = ((CoursePage, "courses"), (LessonPage, "lessons"), (TopicPage, "topics"))
    for model, column in models:
        for path in model.objects.live().values_list("path", flat=True).iterator():
            service = section_of(path, sections)
            if service is not None:
                counts[service.pk][column] += 1
    rows = sorted(
        counts.values(), key=lambda r: (-r["courses"], -r["lessons"], r["service"].name)
    )
    return [row for row in rows if row["courses"] or row["lessons"] or row["topics"]]


def most_read_services(year: int, limit: int | None = None) -> list[dict]:
    """Services by the views of the pages in their section, most read first."""
    rows = list(
        PageViewDay.objects.in_period(*year_period(year))
        .exclude(service=None)
        .values("service__name", "service__audience")
        .annotate(
            total=Sum("views"),
            learning=Sum(
                "views",
                filter=Q(
                    kind__in=[
                        PageKind.COURSE,
                        PageKind.LESSON,
                        PageKind.TOPIC,
                        PageKind.WEBINAR,
                    ]
                ),
            ),
        )
        .order_by("-total", "service__name")
    )
    total = sum(row["total"] for row in rows)
    result = [
        {
            "name": row["service__name"],
            "audience": Audience(row["service__audience"]).label,
            "views": row["total"],
            "learning_views": row["learning"] or 0,
            "share": 100 * row["total"] / total if total else 0.0,
        }
        for row in rows
    ]
    return result[:limit] if limit else result


@dataclass(frozen=True)
class TimeOnPlatform:
    visitors: int
    mean_seconds: float
    median_seconds: float

    @staticmethod
    def minutes_seconds(seconds: float) -> str:
        whole = round(seconds)
        return f"{whole // 60} min {whole % 60:02d} s"

    @property
    def mean(self) -> str:
        return self.minutes_seconds(self.mean_seconds)

    @property
    def median(self) -> str:
        return self.minutes_seconds(self.median_seconds)


def time_on_platform(year: int) -> TimeOnPlatform:
    """Mean and median time a day's visitor spends on the platform.

    Per visitor and day: the sum of the gaps between their hits (views and the
    moment a page is hidden) within visits, a visit ending after 30 minutes
    without a hit, capped at four hours. Only days that are over are summed (their
    visitor states are closed into a histogram of 15-second buckets). The mean is
    exact; the median is the middle of the bucket that holds the middle visitor,
    so it is accurate to within 7.5 seconds. A visitor who sees one page and leaves
    without the "hidden" beacon reaching us counts as 0 seconds.
    """
    days = SiteDay.objects.in_period(*year_period(year)).closed()
    totals = days.aggregate(
        visitors=Sum("timed_visitors"), seconds=Sum("total_seconds")
    )
    visitors = totals["visitors"] or 0
    if not visitors:
        return TimeOnPlatform(0, 0.0, 0.0)
    histogram: dict[int, int] = {}
    for day_histogram in days.values_list("duration_histogram", flat=True):
        for bucket, count in day_histogram.items():
            histogram[int(bucket)] = histogram.get(int(bucket), 0) + count
    middle = (visitors + 1) / 2
    seen = 0
    median = 0.0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= middle:
            median = bucket + 7.5 if bucket else 0.0
            break
    return TimeOnPlatform(visitors, (totals["seconds"] or 0) / visitors, median)


def top_pages(year: int, limit: int = 10, inspiring_only: bool = False) -> list[dict]:
    """The most viewed pages of the year."""
    rows = PageViewDay.objects.in_period(*year_period(year))
    if inspiring_only:
        rows = rows.inspiring()
    return list(
        rows.values("target", "title", "kind")
        .annotate(views=Sum("views"), visitors=Sum("visitors"))
        .order_by("-views", "title")[:limit]
    )
