"""factory_boy factories for newsletter lists, subscribers and subscriptions."""

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from newsletters.models import NewsletterList, Segment, Subscriber, Subscription
from services.choices import Audience, Werkveld


class NewsletterListFactory(DjangoModelFactory):
    class Meta:
        model = NewsletterList
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    slug = factory.Sequence(lambda n: f"nieuwsbrief-{n}")
    kind = NewsletterList.Kind.SERVICE
    description = "Nieuws, tips en promotiemateriaal."
    audience = Audience.LIBRARIES
    sender_name = factory.LazyAttribute(lambda o: f"{o.name} · Leerplatform")
    sender_email = "nieuwsbrieven@example.org"
    reply_to = "helpdesk@example.org"
    is_open_for_signup = True


class SegmentFactory(DjangoModelFactory):
    class Meta:
        model = Segment

    newsletter = factory.SubFactory(
        NewsletterListFactory, kind=NewsletterList.Kind.CONNECTED
    )
    name = "Bibliotheek"
    werkveld = Werkveld.LIBRARY


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"abonnee{n}@example.org")
    name = "An Peeters"
    organisation = "Bibliotheek Gent"
    werkveld = Werkveld.LIBRARY


class SubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    newsletter = factory.SubFactory(NewsletterListFactory)
    status = Subscription.Status.CONFIRMED
    source = Subscription.Source.FORM
    confirmed_at = factory.LazyFunction(timezone.now)


def list_with_subscribers(total: int):
    """The Wise list with ``total`` confirmed subscribers lezer<n>@example.org,
    bulk-created (fast enough for sends of 10,000)."""
    wise = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    add_confirmed_subscribers(wise, 0, total)
    return wise


def add_confirmed_subscribers(newsletter, start: int, stop: int) -> None:
    """Confirmed subscribers lezer<start>…lezer<stop - 1>@example.org on a list,
    bulk-created 10,000 at a time (the benchmarks add 100,000)."""
    for first in range(start, stop, 10_000):
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(email=f"lezer{n}@example.org", email_fingerprint=f"fp{n}",
                       werkveld=Werkveld.LIBRARY)
            for n in range(first, min(stop, first + 10_000))
        )  # fmt: skip
        now = timezone.now()
        Subscription.objects.bulk_create(
            Subscription(subscriber=s, newsletter=newsletter, confirmed_at=now,
                         status=Subscription.Status.CONFIRMED,
                         source=Subscription.Source.IMPORT)
            for s in subscribers
        )  # fmt: skip


# -- Issues -------------------------------------------------------------------------

SAMPLE_BODY = [
    {"type": "heading", "value": {"text": "Nieuw in Wise"}},
    {
        "type": "text",
        "value": {
            "text": "<p>Reservaties verleng je nu <b>in één klik</b>. Lees de "
            '<a href="https://www.example.org/handleiding?a=1&amp;b=2">handleiding'
            "</a>.</p>"
        },
    },
    {
        "type": "button",
        "value": {
            "label": "Naar de release notes",
            "page": None,
            "url": "https://www.example.org/release-notes/",
        },
    },  # fmt: skip
    {"type": "divider", "value": {}},
]


def archive_for(newsletter, home=None):
    """The archive page of a list, with the /nieuwsbrieven/ root above it."""
    from home.models import HomePage
    from newsletters.models import NewsletterArchivePage, NewslettersIndexPage

    existing = NewsletterArchivePage.objects.filter(newsletter=newsletter).first()
    if existing:
        return existing
    home = home or HomePage.objects.get()
    index = NewslettersIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=NewslettersIndexPage(title="Nieuwsbrieven", slug="nieuwsbrieven")
        )
    return index.add_child(
        instance=NewsletterArchivePage(
            title=f"Archief {newsletter.name}", slug=newsletter.slug,
            newsletter=newsletter,
        )
    )  # fmt: skip


def make_issue(newsletter=None, *, body=None, segments=(), publish=True, **fields):
    """A newsletter issue page under its list's archive, published by default."""
    from newsletters.models import NewsletterIssuePage

    newsletter = newsletter or NewsletterListFactory()
    archive = archive_for(newsletter)
    count = NewsletterIssuePage.objects.count()
    values = {
        "title": f"Nieuwsbrief {count + 1}",
        "slug": f"editie-{count + 1}",
        "subject": "Nieuw deze maand: reservaties in één klik",
        "preheader": "En drie tips voor je zomerwerking",
        "body": SAMPLE_BODY if body is None else body,
    } | fields
    issue = archive.add_child(instance=NewsletterIssuePage(**values))
    if segments:
        issue.target_segments.set(segments)
    revision = issue.save_revision()
    if publish:
        revision.publish()
    else:
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(live=False)
    issue.refresh_from_db()
    return issue
