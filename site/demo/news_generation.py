"""Generated news items for the larger scales, deterministic and prefix-stable.

Item ``i`` depends only on ``i`` (its own seeded random generator), so the items of
``seed`` are the first items of ``large``: loading ``large`` after ``seed`` adds only
what is missing. Which items carry no service is spread evenly so that every scale
gets exactly its number of service-related items.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from django.utils.text import slugify

from demo.content.news import HANDWRITTEN_NEWS, NewsItem
from demo.content.news_themes import (
    DIGITAL_LEADERSHIP_MODULES,
    GENERAL_TEMPLATES,
    GROUP_KINDS,
    PLACES,
    REGIONS,
    RELATED_SERVICES,
    SERVICE_TEMPLATES,
    TOPICS,
    NewsTemplate,
)
from demo.content.services import SERVICES, ServiceData
from demo.scales import SCALES, Scale
from demo.streams import callout, paragraph
from services.choices import Audience

YEAR = 2022
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
# Podium services are fewer; weighting them up gives the mix of the real news.
AUDIENCE_WEIGHT = {Audience.LIBRARIES: 1.0, Audience.PERFORMING_ARTS: 1.6}
SECOND_SERVICE_CHANCE = 0.15
MAX_SLUG_LENGTH = 100
SERVICES_BY_SLUG = {service.slug: service for service in SERVICES}


def news_for_scale(scale: Scale) -> list[NewsItem]:
    """All news items of a scale: the hand-written ones, then the generated ones."""
    return [*HANDWRITTEN_NEWS, *generated_news(scale.generated_news_items)]


def generated_news(count: int) -> Iterator[NewsItem]:
    taken = {item.slug for item in HANDWRITTEN_NEWS}
    for index in range(count):
        item = _generated_item(index, untagged=_is_untagged(index))
        slug = _unique_slug(item.slug, taken)
        taken.add(slug)
        yield replace(item, slug=slug)


def _untagged_breakpoints() -> list[tuple[int, int]]:
    points = {(0, 0)}
    for scale in SCALES.values():
        if scale.generated_news_items > 0:
            points.add((scale.generated_news_items, scale.generated_untagged_items))
    return sorted(points)


def _untagged_so_far(n: int) -> Fraction:
    """How many of the first ``n`` generated items carry no service (interpolated)."""
    points = _untagged_breakpoints()
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if n <= x1:
            return y0 + Fraction(n - x0, x1 - x0) * (y1 - y0)
    x0, y0 = points[-2] if len(points) > 1 else (0, 0)
    x1, y1 = points[-1]
    slope = Fraction(y1 - y0, x1 - x0) if x1 > x0 else Fraction(0)
    return y1 + (n - x1) * slope


def _is_untagged(index: int) -> bool:
    return math.floor(_untagged_so_far(index + 1)) > math.floor(_untagged_so_far(index))


def _slug(title: str) -> str:
    """The title's slug, cut at a word boundary to keep addresses readable."""
    slug = slugify(title)
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    return slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]


def _unique_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def _weekday_in_year(rng: random.Random) -> date:
    day = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
    if day.weekday() >= 5:
        day -= timedelta(days=day.weekday() - 4)
    return day


def _house(audience: str, place: str, rng: random.Random) -> str:
    """A library or a culture centre in ``place``, whichever fits the audience."""
    if audience not in Audience.entry_points():
        audience = rng.choice(Audience.entry_points())
    if audience == Audience.LIBRARIES:
        return f"de bibliotheek van {place}"
    return f"het cultuurcentrum van {place}"


def _pick_services(rng: random.Random) -> list[ServiceData]:
    weights = [AUDIENCE_WEIGHT.get(s.audience, 1.0) for s in SERVICES]
    first = rng.choices(SERVICES, weights=weights)[0]
    chosen = [first]
    related = RELATED_SERVICES.get(first.slug, ())
    if related and rng.random() < SECOND_SERVICE_CHANCE:
        chosen.append(SERVICES_BY_SLUG[rng.choice(related)])
    return chosen


def _fill(template: NewsTemplate, values: dict[str, str]):
    title = template.title.format(**values)
    return (
        title[0].upper() + title[1:],
        template.summary.format(**values),
        [paragraph(*(text.format(**values) for text in template.body))]
        + ([callout(template.tip.format(**values))] if template.tip else []),
    )


def _generated_item(index: int, *, untagged: bool) -> NewsItem:
    rng = random.Random(f"leerplatform-nieuws-{index}")
    day = _weekday_in_year(rng)
    place = rng.choice(PLACES)
    values = {
        "place": place,
        "region": rng.choice(REGIONS),
        "module": rng.choice(DIGITAL_LEADERSHIP_MODULES),
        "day": f"{day.day} {MONTHS[day.month - 1]}",
    }
    if untagged:
        template = rng.choice(GENERAL_TEMPLATES)
        services: list[ServiceData] = []
        audience = template.audience
        values["house"] = _house(template.audience, place, rng)
    else:
        services = _pick_services(rng)
        main = services[0]
        templates = [
            t
            for t in SERVICE_TEMPLATES
            if t.applies_to(main.slug, main.is_software_product)
        ]
        template = rng.choice(templates)
        audience = main.audience
        values.update(
            service=main.name,
            topic=rng.choice(TOPICS[main.slug]),
            group=GROUP_KINDS.get(main.slug, "Productgroep"),
            house=_house(main.audience, place, rng),
        )
    title, summary, body = _fill(template, values)
    return NewsItem(
        slug=_slug(title),
        title=title,
        date=day,
        summary=summary,
        audience=audience,
        body=body,
        services=tuple(service.slug for service in services),
        is_inspiring=template.is_inspiring,
    )
