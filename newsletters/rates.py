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

from bisect import bisect_left
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
    """Unsubscribes between each run's send and its list's next send (two
    queries, whatever the number of lists)."""
    mine = set(run_ids)
    runs = list(SendRun.objects.filter(pk__in=run_ids).values("newsletter_id"))
    lists = {run["newsletter_id"] for run in runs}
    if not lists:
        return
    sends = list(
        SendRun.objects.filter(newsletter_id__in=lists, issue__isnull=False,
                               started_at__isnull=False)
        .order_by("started_at")
        .values_list("pk", "newsletter_id", "started_at")
    )  # fmt: skip
    first = min(started for pk, _n, started in sends if pk in mine)
    moments: dict[int, list] = defaultdict(list)
    for newsletter_id, moment in (
        Subscription.objects.filter(newsletter_id__in=lists, unsubscribed_at__gte=first)
        .order_by("unsubscribed_at")
        .values_list("newsletter_id", "unsubscribed_at")
    ):
        moments[newsletter_id].append(moment)
    by_list: dict[int, list] = defaultdict(list)
    for pk, newsletter_id, started in sends:
        by_list[newsletter_id].append((pk, started))
    for newsletter_id, ordered in by_list.items():
        times = moments.get(newsletter_id, [])
        for number, (pk, started) in enumerate(ordered):
            if pk not in mine:
                continue
            upper = ordered[number + 1][1] if number + 1 < len(ordered) else None
            low = bisect_left(times, started)
            high = bisect_left(times, upper) if upper else len(times)
            figures[pk].unsubscribes = high - low


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
    # Summed in a fixed order: the same rates give the same rounded mean whatever
    # order the issues came in (10.05 must not be 10.0 one time, 10.1 the next).
    present = sorted(v for v in values if v is not None)
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


def _count_deliveries(run_ids: list[int]):
    return (
        Delivery.objects.filter(run_id__in=run_ids)
        .values("run_id", "segment_id")
        .annotate(
            sent=Count("pk", filter=Q(status__in=[Delivery.Status.SENT,
                                                  Delivery.Status.BOUNCED])),
            bounced=Count("pk", filter=Q(status=Delivery.Status.BOUNCED)),
        )
    )  # fmt: skip


def refresh_tallies(run_ids: Iterable[int]) -> None:
    """Recount the sent and bounced messages of some runs into ``DeliveryTally``
    (when a run finishes, and while bounces may still come in)."""
    from newsletters.models import DeliveryTally

    run_ids = list(run_ids)
    rows = [
        DeliveryTally(run_id=row["run_id"], segment_key=row["segment_id"] or 0,
                      sent=row["sent"], bounced=row["bounced"])
        for row in _count_deliveries(run_ids)
    ]  # fmt: skip
    DeliveryTally.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["run", "segment_key"],
        update_fields=["sent", "bounced", "updated_at"],
    )


def tallies(run_ids: list[int]) -> list[tuple[int, int, int, int]]:
    """(run, segment, sent, bounced) of these runs: the kept tallies, and a live
    count for runs that have none yet (still sending)."""
    from newsletters.models import DeliveryTally

    kept = list(
        DeliveryTally.objects.filter(run_id__in=run_ids).values_list(
            "run_id", "segment_key", "sent", "bounced"
        )
    )
    missing = set(run_ids) - {row[0] for row in kept}
    if missing:
        kept += [
            (row["run_id"], row["segment_id"] or 0, row["sent"], row["bounced"])
            for row in _count_deliveries(list(missing))
        ]
    return kept


class YearFigures:
    """Every send of a year, counted once per run and segment (two grouped
    queries over the counters and deliveries); scopes are summed from that."""

    def __init__(self, year: int, newsletter_ids: Iterable[int] | None = None):
        self.year = year
        if newsletter_ids is None:
            newsletter_ids = NewsletterList.objects.values_list("pk", flat=True)
        self.runs = list(
            sent_runs(newsletter_ids, year)
            .order_by("started_at")
            .values("pk", "started_at", "newsletter_id")
        )
        run_ids = [run["pk"] for run in self.runs]
        self.cells: dict[tuple[int, int], Figures] = defaultdict(Figures)
        for run_id, segment_key, sent, bounced in tallies(run_ids):
            cell = self.cells[(run_id, segment_key)]
            cell.sent, cell.bounced = sent, bounced
        for row in (
            TrackingCounter.objects.filter(run_id__in=run_ids, link_key=0)
            .values("run_id", "segment_key", "kind")
            .annotate(raw=Sum("raw"), human=Sum("human"), ur=Sum("unique_raw"),
                      uh=Sum("unique_human"))
        ):  # fmt: skip
            cell = self.cells[(row["run_id"], row["segment_key"])]
            if row["kind"] == EventKind.OPEN:
                cell.opens_raw, cell.opens_human = row["raw"], row["human"]
                cell.openers_raw, cell.openers_human = row["ur"], row["uh"]
            else:
                cell.clicks_raw, cell.clicks_human = row["raw"], row["human"]
                cell.clickers_raw, cell.clickers_human = row["ur"], row["uh"]
        unsubscribed: dict[int, Figures] = defaultdict(Figures)
        _add_unsubscribes(run_ids, unsubscribed)
        self.unsubscribes = {pk: f.unsubscribes for pk, f in unsubscribed.items()}
        self.segment_werkveld = dict(Segment.objects.values_list("pk", "werkveld"))

    def figures(self, scope: Scope) -> dict[int, Figures]:
        """Per run of the scope: its figures, only the scope's segments."""
        lists = set(scope.newsletter_ids)
        runs = {run["pk"] for run in self.runs if run["newsletter_id"] in lists}
        result: dict[int, Figures] = {pk: Figures() for pk in runs}
        for (run_id, segment_key), cell in self.cells.items():
            if run_id not in runs:
                continue
            if scope.werkvelden and (
                self.segment_werkveld.get(segment_key) not in scope.werkvelden
            ):
                continue
            result[run_id].add(cell)
        if not scope.werkvelden:
            for run_id in runs:
                result[run_id].unsubscribes = self.unsubscribes.get(run_id, 0)
        return result

    def average(self, scope: Scope) -> Average:
        return average(self.figures(scope).values())

    def monthly(self, scope: Scope) -> list[Average]:
        figures = self.figures(scope)
        by_month: dict[int, list[Figures]] = defaultdict(list)
        for run in self.runs:
            if run["pk"] in figures:
                month = timezone.localtime(run["started_at"]).month
                by_month[month].append(figures[run["pk"]])
        return [average(by_month.get(month, [])) for month in range(1, 13)]


def year_average(scope: Scope, year: int) -> Average:
    """The yearly average of the scope's issues."""
    return YearFigures(year, scope.newsletter_ids).average(scope)


def monthly_averages(scope: Scope, year: int) -> list[Average]:
    """Twelve averages, one per month of the send."""
    return YearFigures(year, scope.newsletter_ids).monthly(scope)


class SubscriberCounts:
    """Confirmed subscriptions per list and werkveld at given moments, in one
    query."""

    def __init__(self, moments: list[datetime]):
        self.moments = moments
        counts = {
            f"m{i}": Count(
                "pk",
                filter=Q(confirmed_at__lte=moment)
                & (Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gt=moment)),
            )
            for i, moment in enumerate(moments)
        }
        self.rows = list(
            Subscription.objects.filter(confirmed_at__isnull=False)
            .values("newsletter_id", "subscriber__werkveld")
            .annotate(**counts)
        )

    def at(self, scope: Scope) -> list[int]:
        """The scope's count at each moment."""
        totals = [0] * len(self.moments)
        lists = set(scope.newsletter_ids)
        for row in self.rows:
            if row["newsletter_id"] not in lists:
                continue
            if scope.werkvelden and row["subscriber__werkveld"] not in scope.werkvelden:
                continue
            for i in range(len(self.moments)):
                totals[i] += row[f"m{i}"]
        return totals


def month_ends(year: int) -> list[datetime]:
    """The first moment after each month of a year."""
    tz = timezone.get_current_timezone()
    return [
        datetime.combine(date(year + (month == 12), month % 12 + 1, 1), time.min, tz)
        for month in range(1, 13)
    ]


def subscribers_on(scope: Scope, moment: datetime) -> int:
    """Confirmed subscriptions of the scope at a moment."""
    subscriptions = Subscription.objects.subscribed_on(moment).filter(
        newsletter_id__in=scope.newsletter_ids
    )
    if scope.werkvelden:
        subscriptions = subscriptions.filter(subscriber__werkveld__in=scope.werkvelden)
    return subscriptions.count()


def lists_scope(newsletters: Iterable[NewsletterList]) -> Scope:
    return Scope([newsletter.pk for newsletter in newsletters])
