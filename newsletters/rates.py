"""Rates done right, from the pre-aggregated counters: per issue, list, segment,
link, month and year, each human and raw.

Definitions (as the organisation reports them):

- sent: messages handed to the receiving server (sent + bounced);
- delivered: sent minus bounced;
- open rate: unique openers / delivered; click rate: unique clickers / delivered
  (not per opener); click-to-open: unique clickers / unique openers;
- *human* counts leave out events classified as machines' (privacy proxies,
  prefetchers, link scanners, ``newsletters.classification``); *raw* counts all;
- unsubscribes of an issue: subscriptions of its list ended between its send and
  the next send of that list;
- a list's yearly rate is the average of its issues' rates in that year.

Nothing here reads the raw events: dashboards sum ``TrackingCounter`` rows, which
the flush keeps equal to a recount of the events (tested).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q, Sum
from django.utils import timezone

from newsletters.models import (
    Delivery,
    EventKind,
    IssueStatus,
    NewsletterList,
    Segment,
    SendRun,
    Subscription,
    TrackedLink,
    TrackingCounter,
)


def _ratio(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    """Counts of one issue (or a sum of several) and the rates made from them."""

    sent: int = 0
    bounced: int = 0
    opens_raw: int = 0
    opens_human: int = 0
    openers_raw: int = 0
    openers_human: int = 0
    clicks_raw: int = 0
    clicks_human: int = 0
    clickers_raw: int = 0
    clickers_human: int = 0
    unsubscribes: int = 0

    @property
    def delivered(self) -> int:
        return self.sent - self.bounced

    @property
    def open_rate_human(self):
        return _ratio(self.openers_human, self.delivered)

    @property
    def open_rate_raw(self):
        return _ratio(self.openers_raw, self.delivered)

    @property
    def click_rate_human(self):
        return _ratio(self.clickers_human, self.delivered)

    @property
    def click_rate_raw(self):
        return _ratio(self.clickers_raw, self.delivered)

    @property
    def click_to_open_human(self):
        return _ratio(self.clickers_human, self.openers_human)

    @property
    def click_to_open_raw(self):
        return _ratio(self.clickers_raw, self.openers_raw)

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Scope:
    """What an indicator is about: some lists, optionally only some werkvelden."""

    newsletter_ids: list[int]
    werkvelden: list[str] = field(default_factory=list)

    def segment_ids(self) -> list[int] | None:
        if not self.werkvelden:
            return None
        return list(
            Segment.objects.filter(
                newsletter_id__in=self.newsletter_ids, werkveld__in=self.werkvelden
            ).values_list("pk", flat=True)
        )


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tz),
        datetime.combine(date(year + 1, 1, 1), time.min, tz),
    )


def sent_runs(newsletter_ids: Iterable[int], year: int):
    """The issue sends of these lists that started in a year."""
    start, end = year_bounds(year)
    return SendRun.objects.filter(
        newsletter_id__in=list(newsletter_ids),
        issue__isnull=False,
        status__in=[IssueStatus.SENT, IssueStatus.SENDING, IssueStatus.PAUSED],
        started_at__gte=start,
        started_at__lt=end,
    )


def run_figures(
    run_ids: list[int], segment_ids: list[int] | None = None
) -> dict[int, Figures]:
    """Figures per run (only the given segments' recipients, when given)."""
    figures: dict[int, Figures] = defaultdict(Figures)
    deliveries = Delivery.objects.filter(run_id__in=run_ids)
    counters = TrackingCounter.objects.filter(run_id__in=run_ids, link_key=0)
    if segment_ids is not None:
        deliveries = deliveries.filter(segment_id__in=segment_ids)
        counters = counters.filter(segment_key__in=segment_ids)
    for row in deliveries.values("run_id").annotate(
        sent=Count("pk", filter=Q(status__in=[Delivery.Status.SENT,
                                              Delivery.Status.BOUNCED])),
        bounced=Count("pk", filter=Q(status=Delivery.Status.BOUNCED)),
    ):  # fmt: skip
        figures[row["run_id"]].sent = row["sent"]
        figures[row["run_id"]].bounced = row["bounced"]
    for row in counters.values("run_id", "kind").annotate(
        raw=Sum("raw"), human=Sum("human"), ur=Sum("unique_raw"),
        uh=Sum("unique_human"),
    ):  # fmt: skip
        target = figures[row["run_id"]]
        if row["kind"] == EventKind.OPEN:
            target.opens_raw, target.opens_human = row["raw"], row["human"]
            target.openers_raw, target.openers_human = row["ur"], row["uh"]
        else:
            target.clicks_raw, target.clicks_human = row["raw"], row["human"]
            target.clickers_raw, target.clickers_human = row["ur"], row["uh"]
    _add_unsubscribes(run_ids, figures)
    return dict(figures)


def _add_unsubscribes(run_ids: list[int], figures: dict[int, Figures]) -> None:
    runs = list(
        SendRun.objects.filter(pk__in=run_ids).values(
            "pk", "newsletter_id", "started_at"
        )
    )
    for newsletter_id in {run["newsletter_id"] for run in runs}:
        mine = sorted(
            (r for r in runs if r["newsletter_id"] == newsletter_id),
            key=lambda r: r["started_at"],
        )
        following = list(
            SendRun.objects.filter(
                newsletter_id=newsletter_id,
                issue__isnull=False,
                started_at__gt=mine[-1]["started_at"],
            )
            .order_by("started_at")
            .values_list("started_at", flat=True)[:1]
        )
        bounds = [r["started_at"] for r in mine] + (following or [timezone.now()])
        moments = sorted(
            Subscription.objects.filter(
                newsletter_id=newsletter_id,
                unsubscribed_at__gte=bounds[0],
                unsubscribed_at__lt=bounds[-1],
            ).values_list("unsubscribed_at", flat=True)
        )
        index = 0
        for number, run in enumerate(mine):
            upper = bounds[number + 1]
            count = 0
            while index < len(moments) and moments[index] < upper:
                count += 1
                index += 1
            figures[run["pk"]].unsubscribes = count


def segment_figures(run_id: int) -> dict[int, Figures]:
    """Figures of one run per segment (0: recipients outside any segment)."""
    keys = set(
        Delivery.objects.filter(run_id=run_id)
        .values_list("segment_id", flat=True)
        .distinct()
    )
    return {
        key or 0: run_figures([run_id], [key]).get(run_id, Figures())
        for key in keys
        if key is not None
    }


@dataclass
class LinkFigures:
    link: TrackedLink
    clicks_raw: int = 0
    clicks_human: int = 0
    clickers_raw: int = 0
    clickers_human: int = 0


def link_figures(run_id: int) -> list[LinkFigures]:
    """Clicks per link of one run, most clicked by people first."""
    sums = {
        row["link_key"]: row
        for row in TrackingCounter.objects.filter(
            run_id=run_id, kind=EventKind.CLICK, link_key__gt=0
        )
        .values("link_key")
        .annotate(
            raw=Sum("raw"),
            human=Sum("human"),
            ur=Sum("unique_raw"),
            uh=Sum("unique_human"),
        )  # fmt: skip
    }
    rows = []
    for link in TrackedLink.objects.filter(run_id=run_id):
        row = sums.get(link.pk, {})
        rows.append(LinkFigures(link, row.get("raw", 0), row.get("human", 0),
                                row.get("ur", 0), row.get("uh", 0)))  # fmt: skip
    return sorted(rows, key=lambda r: (-r.clickers_human, r.link.position))


# -- A scope over a year -------------------------------------------------------------


@dataclass
class Average:
    """The average of issue rates (the organisation's yearly figure)."""

    issues: int = 0
    open_rate_human: float | None = None
    open_rate_raw: float | None = None
    click_rate_human: float | None = None
    click_rate_raw: float | None = None
    click_to_open_human: float | None = None
    totals: Figures = field(default_factory=Figures)


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def average(figures: Iterable[Figures]) -> Average:
    figures = [f for f in figures if f.delivered]
    result = Average(issues=len(figures))
    for name in ("open_rate_human", "open_rate_raw", "click_rate_human",
                 "click_rate_raw", "click_to_open_human"):  # fmt: skip
        setattr(result, name, _mean([getattr(f, name) for f in figures]))
    for item in figures:
        result.totals.add(item)
    return result


def scope_runs(scope: Scope, year: int) -> list[dict]:
    return list(
        sent_runs(scope.newsletter_ids, year)
        .order_by("started_at")
        .values("pk", "started_at", "newsletter_id")
    )


def year_average(scope: Scope, year: int) -> Average:
    """The yearly average of the scope's issues."""
    runs = scope_runs(scope, year)
    figures = run_figures([r["pk"] for r in runs], scope.segment_ids())
    return average(figures.values())


def monthly_averages(scope: Scope, year: int) -> list[Average]:
    """Twelve averages, one per month of the send."""
    runs = scope_runs(scope, year)
    figures = run_figures([r["pk"] for r in runs], scope.segment_ids())
    by_month: dict[int, list[Figures]] = defaultdict(list)
    for run in runs:
        month = timezone.localtime(run["started_at"]).month
        by_month[month].append(figures.get(run["pk"], Figures()))
    return [average(by_month.get(month, [])) for month in range(1, 13)]


def subscribers_on(scope: Scope, moment: datetime) -> int:
    """Confirmed subscriptions of the scope at a moment."""
    subscriptions = Subscription.objects.subscribed_on(moment).filter(
        newsletter_id__in=scope.newsletter_ids
    )
    if scope.werkvelden:
        subscriptions = subscriptions.filter(subscriber__werkveld__in=scope.werkvelden)
    return subscriptions.count()


def monthly_subscribers(scope: Scope, year: int) -> list[int]:
    """Subscribers at the end of each month of a year (months to come: none)."""
    now = timezone.now()
    counts = []
    for month in range(1, 13):
        start = datetime.combine(
            date(year + (month == 12), month % 12 + 1, 1),
            time.min,
            timezone.get_current_timezone(),
        )
        counts.append(subscribers_on(scope, start) if start <= now else None)
    return counts


def lists_scope(newsletters: Iterable[NewsletterList]) -> Scope:
    return Scope([newsletter.pk for newsletter in newsletters])
