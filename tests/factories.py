"""factory_boy factories for the site's models."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import ServicePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from services.choices import Audience, Werkveld
from services.models import Service

DEFAULT_PASSWORD = "een-lang-test-wachtwoord"


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dienst {n}")
    slug = factory.Sequence(lambda n: f"dienst-{n}")
    audience = Audience.LIBRARIES
    summary = factory.LazyAttribute(lambda o: f"{o.name} helpt bibliotheken vooruit.")
    brand_colour = "#00566b"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"medewerker{n}@example.org")
    first_name = "An"
    last_name = "Peeters"
    organisation = "Bibliotheek Gent"
    werkveld = Werkveld.LIBRARY
    password = factory.django.Password(DEFAULT_PASSWORD)


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    service = factory.SubFactory(ServiceFactory)
    title = factory.LazyAttribute(lambda o: o.service.name)
    slug = factory.LazyAttribute(lambda o: o.service.slug)
    intro = "<p>Alles over deze dienst.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Pagina {n}")
    body = []


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    summary = "Een kort bericht voor bibliotheekmedewerkers."
    body = []
    audience = Audience.BOTH
