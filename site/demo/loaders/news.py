"""The news index at /nieuws/ and the news items of a scale."""

from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.utils import timezone

from demo.loaders.pages import child_slugs, publish_new_child
from demo.loaders.results import LoadResult
from demo.news_generation import news_for_scale
from demo.scales import Scale
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from services.models import Service

NEWS_INDEX_SLUG = "nieuws"
# News goes out in the morning; items of the same day keep their order.
PUBLICATION_TIME = time(9, 0)

Progress = Callable[[int, int], None]


def ensure_news_index(home: HomePage) -> tuple[NewsIndexPage, LoadResult]:
    existing = NewsIndexPage.objects.child_of(home).filter(slug=NEWS_INDEX_SLUG).first()
    if existing:
        return existing, LoadResult(existing=1)
    index = NewsIndexPage(
        title="Nieuws",
        slug=NEWS_INDEX_SLUG,
        intro=(
            "Nieuws over de diensten voor bibliotheken en podiumhuizen: releases, "
            "opleidingen en verhalen uit de praktijk."
        ),
    )
    publish_new_child(home, index)
    return index, LoadResult(created=1)


def load_news(
    index: NewsIndexPage, scale: Scale, progress: Progress | None = None
) -> LoadResult:
    """Every news item of ``scale`` that is not under ``index`` yet, by slug."""
    result = LoadResult()
    taken = child_slugs(index)
    services = {service.slug: service for service in Service.objects.all()}
    items = news_for_scale(scale)
    for position, item in enumerate(items, start=1):
        if item.slug in taken:
            result.existing += 1
        else:
            page = NewsPage(
                title=item.title,
                slug=item.slug,
                date=item.date,
                summary=item.summary,
                body=item.body,
                audience=item.audience,
                is_inspiring=item.is_inspiring,
                search_description=item.summary,
            )
            page.services = [services[s] for s in item.services if s in services]
            published = timezone.make_aware(
                datetime.combine(item.date, PUBLICATION_TIME)
            ) + timedelta(minutes=position % 240)
            publish_new_child(index, page, first_published_at=published)
            result.created += 1
        if progress and scale.progress_every and position % scale.progress_every == 0:
            progress(position, len(items))
    return result
