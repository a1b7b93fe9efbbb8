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
