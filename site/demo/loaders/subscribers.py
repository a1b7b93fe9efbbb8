"""Newsletter lists, Connected's segments and synthetic subscribers at real counts.

Addresses are synthetic (``…@example.org``) and deterministic, so a second run
finds every row it would make and makes none. Rows are written with bulk_create in
batches: the seed scale holds about 6,000 subscribers and 30,000 subscriptions.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from demo.content.newsletters import (
    CONNECTED,
    CONNECTED_SEGMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    NOTIFICATION_LISTS,
    ORGANISATIONS,
    POOL_SIZES,
    REPLY_TO,
    SENDER_EMAIL,
    SERVICE_LISTS,
    TOWNS,
    WERKVELD_SPLIT,
    ListData,
)
from demo.loaders.results import LoadResult
from newsletters.addresses import address_fingerprint
from newsletters.models import (
    ConsentRecord,
    NewsletterList,
    Segment,
    Subscriber,
    Subscription,
)
from services.choices import Werkveld
from services.models import Service

BATCH = 5000
SCALE_FACTORS = {"small": 0.1, "seed": 1.0, "large": 10.0}
BRUSSELS = ZoneInfo("Europe/Brussels")
START, END_2021, END_2022 = (
    datetime(2016, 1, 1, tzinfo=BRUSSELS),
    datetime(2021, 12, 31, 18, tzinfo=BRUSSELS),
    datetime(2022, 12, 31, 18, tzinfo=BRUSSELS),
)
WERKVELD_CODES = {
    Werkveld.LIBRARY: "b",
    Werkveld.CULTURE_HOUSE: "c",
    Werkveld.POLICY_OTHER: "p",
}


def _scaled(count: int, factor: float) -> int:
    return max(1, round(count * factor))


def _ensure_lists() -> tuple[dict[str, NewsletterList], int]:
    services = {service.slug: service for service in Service.objects.all()}
    existing = {n.slug: n for n in NewsletterList.objects.all()}
    created = 0
    all_lists = [CONNECTED, *SERVICE_LISTS, *NOTIFICATION_LISTS]
    for position, data in enumerate(all_lists, start=1):
        if data.slug in existing:
            continue
        existing[data.slug] = NewsletterList.objects.create(
            slug=data.slug,
            name=data.name,
            kind=data.kind,
            description=data.description,
            audience=data.audience,
            service=services.get(data.service_slug),
            sender_name=data.sender_name,
            sender_email=SENDER_EMAIL,
            reply_to=REPLY_TO,
            sort_order=position * 10,
        )
        created += 1
    connected = existing[CONNECTED.slug]
    have = set(connected.segments.values_list("werkveld", flat=True))
    for position, segment in enumerate(CONNECTED_SEGMENTS, start=1):
        if segment.werkveld not in have:
            Segment.objects.create(
                newsletter=connected,
                werkveld=segment.werkveld,
                name=segment.name,
                sort_order=position * 10,
            )
    return existing, created


def _person(werkveld: str, index: int) -> dict:
    """A deterministic person: the same werkveld and index give the same row."""
    rng = random.Random(f"{werkveld}-{index}")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local = f"{first}.{last}".lower().replace(" ", "")
    email = f"{local}.{WERKVELD_CODES[werkveld]}{index:06d}@example.org"
    organisation = rng.choice(ORGANISATIONS[werkveld]).format(town=rng.choice(TOWNS))
    named = rng.random() < 0.6
    return {
        "email": email,
        "name": f"{first} {last}" if named else "",
        "organisation": organisation if rng.random() < 0.7 else "",
        "werkveld": werkveld,
        "tracking_consent": rng.random() < 0.55,
    }


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def _members(data: ListData, factor: float) -> dict[str, list[tuple[int, bool]]]:
    """For one list: per werkveld, the pool indexes on it and whether they joined
    in 2022 (so the growth of 2022 comes out as reported)."""
    rng = random.Random(f"members-{data.slug}")
    total = _scaled(data.subscribers, factor)
    split = WERKVELD_SPLIT[data.audience]
    counts = {werkveld: round(total * share) for werkveld, share in split.items()}
    counts[Werkveld.LIBRARY] += total - sum(counts.values())
    return _sample(rng, counts, _scaled(data.growth_2022, factor), factor)


def _sample(rng, counts: dict[str, int], growth: int, factor: float) -> dict:
    members = {}
    new_left = growth
    for werkveld, count in counts.items():
        pool = _scaled(POOL_SIZES[werkveld], factor)
        chosen = rng.sample(range(pool), min(count, pool))
        new_here = round(growth * count / max(1, sum(counts.values())))
        new_here = min(new_here, new_left, len(chosen))
        new_left -= new_here
        members[werkveld] = [(index, i < new_here) for i, index in enumerate(chosen)]
    return members


def _connected_members(factor: float) -> dict[str, list[tuple[int, bool]]]:
    rng = random.Random("members-connected")
    members = {}
    for segment in CONNECTED_SEGMENTS:
        count = _scaled(segment.subscribers, factor)
        joined = _scaled(max(segment.subscribers - segment.subscribers_2021, 0) + 90,
                         factor)  # fmt: skip
        members.update(
            _sample(rng, {segment.werkveld: count}, min(joined, count), factor)
        )
    return members


def load_subscribers(scale) -> LoadResult:
    """All lists with their segments, and the subscribers of the chosen scale."""
    factor = SCALE_FACTORS.get(getattr(scale, "name", "seed"), 1.0)
    lists, lists_created = _ensure_lists()

    plan: dict[tuple[str, int], list[tuple[str, bool]]] = {}
    for data in [*SERVICE_LISTS, *NOTIFICATION_LISTS]:
        for werkveld, chosen in _members(data, factor).items():
            for index, joined_2022 in chosen:
                plan.setdefault((werkveld, index), []).append((data.slug, joined_2022))
    for werkveld, chosen in _connected_members(factor).items():
        for index, joined_2022 in chosen:
            plan.setdefault((werkveld, index), []).append((CONNECTED.slug, joined_2022))

    people = {key: _person(*key) for key in plan}
    known = dict(
        Subscriber.objects.filter(
            email__in=[person["email"] for person in people.values()]
        ).values_list("email", "id")
    )
    new_subscribers = []
    dates: dict[tuple[str, int], dict[str, datetime]] = {}
    for key, memberships in plan.items():
        rng = random.Random(f"dates-{key[0]}-{key[1]}")
        dates[key] = {
            slug: _moment(rng, END_2021, END_2022)
            if joined_2022
            else _moment(rng, START, END_2021)
            for slug, joined_2022 in memberships
        }
        person = people[key]
        if person["email"] in known:
            continue
        new_subscribers.append(
            Subscriber(
                **person,
                email_fingerprint=address_fingerprint(person["email"]),
                created_at=min(dates[key].values()),
            )
        )
    for start in range(0, len(new_subscribers), BATCH):
        Subscriber.objects.bulk_create(new_subscribers[start : start + BATCH])
    ids = dict(
        Subscriber.objects.filter(
            email__in=[person["email"] for person in people.values()]
        ).values_list("email", "id")
    )

    list_ids = {slug: newsletter.pk for slug, newsletter in lists.items()}
    existing = set(
        Subscription.objects.filter(subscriber_id__in=ids.values()).values_list(
            "subscriber_id", "newsletter_id"
        )
    )
    new_subscriptions = []
    for key, memberships in plan.items():
        subscriber_id = ids[people[key]["email"]]
        for slug, _joined in memberships:
            if (subscriber_id, list_ids[slug]) in existing:
                continue
            moment = dates[key][slug]
            new_subscriptions.append(
                Subscription(
                    subscriber_id=subscriber_id,
                    newsletter_id=list_ids[slug],
                    status=Subscription.Status.CONFIRMED,
                    source=Subscription.Source.DEMO,
                    created_at=moment - timedelta(minutes=7),
                    confirmed_at=moment,
                )
            )
    for start in range(0, len(new_subscriptions), BATCH):
        Subscription.objects.bulk_create(new_subscriptions[start : start + BATCH])

    new_ids = [ids[subscriber.email] for subscriber in new_subscribers]
    records = [
        ConsentRecord(
            subscriber_id=subscriber_id,
            action=ConsentRecord.Action.IMPORTED,
            source=Subscription.Source.DEMO,
            source_detail="Demo-inhoud",
        )
        for subscriber_id in new_ids
    ]
    for start in range(0, len(records), BATCH):
        ConsentRecord.objects.bulk_create(records[start : start + BATCH])

    return LoadResult(
        created=lists_created + len(new_subscribers) + len(new_subscriptions),
        existing=len(people) - len(new_subscribers),
    )
