"""A realistic year of website indicators: daily aggregates and registered users.

The last 365 days up to yesterday, shaped like the organisation's 2022 figures:
about 98,600 clicks on inspiring content in those days, on course for some 102,000
this calendar year (the target is 100,000); library news read roughly three times
as much as culture-centre news; Wise the most read service;
4,519 registered users of whom 85 % came back this year and 14 % are new, and an
average of about 11 minutes on the platform. Deterministic (a seeded generator) and
written with bulk_create; a second run finds the rows and changes nothing.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.utils import timezone

from wagtail.models import Page

from analytics.flushing import MAX_DAILY_SECONDS, duration_bucket
from analytics.models import LEARNING_KINDS, PageViewDay, SiteDay
from analytics.targets import describe_pages
from demo.loaders.permissions import NEWSROOM_GROUP
from demo.loaders.results import LoadResult
from home.models import HomePage, ServicePage
from news.models import NewsPage
from services.choices import Werkveld

DAYS = 365
SEED = "leerplatform-website-indicatoren"
# Views over the whole year, per group of pages.
INSPIRING_VIEWS = 98_600
OTHER_NEWS_VIEWS = 14_000
LEARNING_VIEWS = 120_000
SERVICE_PAGE_VIEWS = 42_600
HOME_VIEWS = 25_000
VIEW_TARGETS = {
    "view:search": 9_000,
    "view:release_notes:known_bugs": 6_000,
    "view:release_notes:index": 4_000,
}
# Relative interest in a service's section; Wise leads, as in the report.
SERVICE_INTEREST = {
    "wise": 10.0,
    "bibliotheekwebsites": 4.0,
    "wise-analytics": 3.5,
    "open-vlacc": 2.5,
    "e-boeken": 2.0,
    "mijn-leestipper": 1.2,
    "digitaal-podium": 1.5,
    "voor-de-show": 1.0,
}
# Library news reaches about three times as many readers as culture-centre news.
AUDIENCE_APPEAL = {"bibliotheken": 1.0, "podiumhuizen": 0.5, "beide": 0.7}
WEEKDAY = [1.0, 1.05, 1.0, 0.95, 0.8, 0.18, 0.14]
MONTH = [1.05, 1.0, 1.05, 0.95, 0.95, 0.9, 0.55, 0.65, 1.15, 1.15, 1.1, 0.8]
PAGES_PER_VISITOR = 2.3
# Time on the platform per day's visitor: some leave after one page, the others
# spread around ten minutes (log-normal), for a mean of about 11 minutes.
SINGLE_PAGE_SHARE = 0.22
MEDIAN_READING_SECONDS = 585
READING_SPREAD = 0.9

LEARNERS = 4_518  # with the demo editor: 4,519 accounts
NEW_LEARNERS = 632  # with the demo editor: 633 new, 14 %
RETURNING_LEARNERS = 3_841  # 85 %
LEARNER_EMAIL = "cursist{:04d}@example.org"
FIRST_NAMES = [
    "An",
    "Bart",
    "Els",
    "Jan",
    "Katrien",
    "Lotte",
    "Marc",
    "Nora",
    "Pieter",
    "Sofie",
    "Tom",
    "Wim",
    "Yasmina",
    "Hanne",
    "Dries",
    "Ilse",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Hermans",
]
ORGANISATIONS = [
    ("Bibliotheek Gent", Werkveld.LIBRARY),
    ("Bibliotheek Hasselt", Werkveld.LIBRARY),
    ("Bibliotheek Brugge", Werkveld.LIBRARY),
    ("Bibliotheek Leuven Tweebronnen", Werkveld.LIBRARY),
    ("Bibliotheek Roeselare", Werkveld.LIBRARY),
    ("Bibliotheek Sint-Niklaas", Werkveld.LIBRARY),
    ("Cultuurcentrum Mechelen", Werkveld.CULTURE_HOUSE),
    ("Schouwburg Kortrijk", Werkveld.CULTURE_HOUSE),
    ("Gemeenschapscentrum De Kam", Werkveld.CULTURE_HOUSE),
    ("Stad Aalst, cultuurdienst", Werkveld.POLICY_OTHER),
]  # fmt: skip


def _day_factor(day: date) -> float:
    return WEEKDAY[day.weekday()] * MONTH[day.month - 1]


def _spread(total: float, weights: dict, days: list[date]) -> dict:
    """(target, day) -> expected views, in proportion to the weights."""
    whole = sum(weights.values())
    if not whole:
        return {}
    return {key: total * weight / whole for key, weight in weights.items()}


def _news_weights(pages, days: list[date], rng: random.Random) -> dict:
    """A news item is read most in its first weeks, then less and less."""
    weights = {}
    for page in pages:
        published = days[0] + timedelta(days=rng.randrange(-60, DAYS - 7))
        appeal = rng.uniform(0.5, 1.6) * AUDIENCE_APPEAL.get(page.audience, 1.0)
        for day in days:
            age = (day - published).days
            if age < 0:
                continue
            weight = appeal * (0.5 ** (age / 18) + 0.015) * _day_factor(day)
            weights[(page.pk, day)] = weight
    return weights


def _flat_weights(page_weights: dict[int, float], days: list[date]) -> dict:
    return {
        (pk, day): weight * _day_factor(day)
        for pk, weight in page_weights.items()
        for day in days
    }


def _draw(expected: float, rng: random.Random) -> int:
    whole = math.floor(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _learning_page_weights(descriptions: dict, rng: random.Random) -> dict:
    """Popular lessons draw many readers, the long tail a few (Zipf-like)."""
    weights = {}
    ranked = sorted(descriptions, key=lambda pk: rng.random())
    for rank, pk in enumerate(ranked, start=1):
        service = descriptions[pk]["service"]
        interest = SERVICE_INTEREST.get(service.slug, 0.6) if service else 0.3
        weights[pk] = interest / rank**0.8
    return weights


def _expected_views(rng: random.Random, days: list[date]):
    pages = list(Page.objects.live().filter(depth__gte=2).specific())
    descriptions = describe_pages({page.pk for page in pages})
    news = [p for p in pages if isinstance(p, NewsPage)]
    expected: dict = {}
    inspiring = [p for p in news if p.is_inspiring]
    others = [p for p in news if not p.is_inspiring]
    expected |= _spread(INSPIRING_VIEWS, _news_weights(inspiring, days, rng), days)
    expected |= _spread(OTHER_NEWS_VIEWS, _news_weights(others, days, rng), days)
    learning = {pk: d for pk, d in descriptions.items() if d["kind"] in LEARNING_KINDS}
    expected |= _spread(
        LEARNING_VIEWS, _flat_weights(_learning_page_weights(learning, rng), days), days
    )
    services = {
        page.pk: SERVICE_INTEREST.get(page.service.slug, 0.6)
        for page in pages
        if isinstance(page, ServicePage)
    }
    expected |= _spread(SERVICE_PAGE_VIEWS, _flat_weights(services, days), days)
    homes = {page.pk: 1.0 for page in pages if isinstance(page, HomePage)}
    expected |= _spread(HOME_VIEWS, _flat_weights(homes, days), days)
    return expected, descriptions


def _view_description(target: str) -> dict:
    from analytics.targets import describe_targets

    return describe_targets({target}).get(target)


def _durations(visitors: int, rng: random.Random) -> tuple[dict, int]:
    histogram: dict[str, int] = defaultdict(int)
    total = 0
    mu = math.log(MEDIAN_READING_SECONDS)
    for _ in range(visitors):
        if rng.random() < SINGLE_PAGE_SHARE:
            seconds = 0
        else:
            seconds = min(
                int(rng.lognormvariate(mu, READING_SPREAD)), MAX_DAILY_SECONDS
            )
        histogram[duration_bucket(seconds)] += 1
        total += seconds
    return dict(histogram), total


def load_aggregates(today: date | None = None) -> LoadResult:
    """A year of daily page and site rows, unless any exist in that year."""
    today = today or timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(DAYS, 0, -1)]
    if PageViewDay.objects.in_period(days[0], days[-1]).exists():
        return LoadResult(existing=1)
    rng = random.Random(SEED)
    expected, descriptions = _expected_views(rng, days)
    rows: list[tuple] = []
    per_day: dict[date, int] = defaultdict(int)
    for (pk, day), value in expected.items():
        views = _draw(value, rng)
        if views:
            rows.append(_row(day, f"page:{pk}", descriptions[pk], views, rng))
            per_day[day] += views
    whole = sum(_day_factor(day) for day in days)
    for target, total in VIEW_TARGETS.items():
        description = _view_description(target)
        if description is None:
            continue
        for day in days:
            views = _draw(total * _day_factor(day) / whole, rng)
            if views:
                rows.append(_row(day, target, description, views, rng))
                per_day[day] += views
    _insert_rows(rows)
    SiteDay.objects.filter(day__in=days).delete()
    SiteDay.objects.bulk_create(
        [_site_day(day, per_day[day], rng) for day in days], batch_size=1000
    )
    return LoadResult(created=len(rows))


ROW_FIELDS = ("day", "target", "page", "title", "kind", "service", "audience",
              "is_inspiring", "views", "visitors")  # fmt: skip


def _row(day: date, target: str, description: dict, views: int, rng) -> tuple:
    visitors = max(1, round(views * rng.uniform(0.78, 0.92)))
    service = description["service"]
    return (
        day,
        target,
        description["page_id"],
        description["title"],
        str(description["kind"]),
        service.pk if service else None,
        description["audience"],
        description["is_inspiring"],
        views,
        visitors,
    )


def _insert_rows(rows: list[tuple]) -> None:
    """A hundred thousand rows as plain tuples, by COPY on PostgreSQL: bulk_create's
    model instances and parameter lists made the demo take half a minute."""
    meta = PageViewDay._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ROW_FIELDS)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(ROW_FIELDS))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _site_day(day: date, page_views: int, rng: random.Random) -> SiteDay:
    visitors = round(page_views / PAGES_PER_VISITOR)
    histogram, total = _durations(visitors, rng)
    return SiteDay(
        day=day,
        page_views=page_views,
        untracked_views=round(page_views * rng.uniform(0.02, 0.05)),
        visitors=visitors,
        visits=round(visitors * rng.uniform(1.08, 1.16)),
        returning_visitors=round(visitors * rng.uniform(0.07, 0.12)),
        registered_visitors=round(visitors * rng.uniform(0.33, 0.43)),
        timed_visitors=visitors,
        total_seconds=total,
        duration_histogram=histogram,
        is_closed=True,
    )


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)))
    )


def _between(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randrange(max((end - start).days, 0) + 1))


def load_learners(today: date | None = None) -> LoadResult:
    """The platform's registered users: new this year, returning, and inactive."""
    User = get_user_model()
    if User.objects.filter(email=LEARNER_EMAIL.format(1)).exists():
        return LoadResult(existing=LEARNERS)
    today = today or timezone.localdate()
    yesterday = today - timedelta(days=1)
    year_start = date(yesterday.year, 1, 1)
    long_ago = date(year_start.year - 4, 1, 1)
    previous_year = date(year_start.year - 1, 1, 1)
    rng = random.Random(SEED + "-accounts")
    unusable = make_password(None)
    users = []
    for number in range(1, LEARNERS + 1):
        if number <= NEW_LEARNERS:
            joined = _between(year_start, yesterday, rng)
            last_login = _between(joined, yesterday, rng)
        elif number <= NEW_LEARNERS + RETURNING_LEARNERS:
            joined = _between(long_ago, year_start - timedelta(days=1), rng)
            last_login = _between(year_start, yesterday, rng)
        else:
            joined = _between(long_ago, previous_year, rng)
            last_login = _between(joined, year_start - timedelta(days=1), rng)
        organisation, werkveld = rng.choice(ORGANISATIONS)
        users.append(
            User(
                email=LEARNER_EMAIL.format(number),
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                organisation=organisation,
                werkveld=werkveld,
                # Demo accounts cannot sign in: no password works for them.
                password=unusable,
                date_joined=_moment(joined, rng),
                last_login=_moment(last_login, rng),
            )
        )
    User.objects.bulk_create(users, batch_size=2000)
    return LoadResult(created=len(users))


def grant_newsroom() -> None:
    """The newsroom reads the indicators."""
    group = Group.objects.filter(name=NEWSROOM_GROUP).first()
    if group:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="analytics", codename="view_indicators"
            )
        )


def load_analytics(today: date | None = None) -> LoadResult:
    """Registered users, a year of daily aggregates, and who may read them."""
    learners = load_learners(today)
    aggregates = load_aggregates(today)
    grant_newsroom()
    return LoadResult(
        created=learners.created + aggregates.created,
        existing=learners.existing + aggregates.existing,
    )
