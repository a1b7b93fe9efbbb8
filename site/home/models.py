"""The site's skeleton: the home page with its audience entries, service landing pages
and standard pages (about, privacy)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from news.models import NewsPage
from services.choices import Audience
from services.models import Service
from services.sections import sections_for
from themes.blocks import BaseContentBlock

LATEST_NEWS_COUNT = 3


def landing_page_urls(services, request) -> dict[int, str]:
    """Service id -> URL of its live, public landing page, in one query."""
    pages = ServicePage.objects.live().public().filter(service__in=services)
    return {page.service_id: page.get_url(request) for page in pages}


def services_by_audience(services) -> list[dict]:
    """Group services under each audience entry; services for both appear in each."""
    return [
        {
            "audience": audience,
            "services": [s for s in services if s.serves(audience)],
        }
        for audience in Audience.entry_points()
    ]


class HomePage(RoutablePageMixin, Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = StreamField(BaseContentBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ServicePage",
        "home.StandardPage",
        "news.NewsIndexPage",
        "newsletters.NewslettersIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = list(Service.objects.active().select_related("logo"))
        context["service_urls"] = landing_page_urls(services, request)
        context["audience_groups"] = services_by_audience(services)
        context["latest_news"] = (
            NewsPage.objects.live().public().latest()[:LATEST_NEWS_COUNT]
        )
        return context

    @path("bibliotheken/", name="libraries")
    def libraries(self, request):
        return self.audience_entry(request, Audience.LIBRARIES)

    @path("podiumhuizen/", name="performing_arts")
    def performing_arts(self, request):
        return self.audience_entry(request, Audience.PERFORMING_ARTS)

    def audience_entry(self, request, audience: Audience):
        """The entry for one audience: its services first, then its news."""
        services = list(
            Service.objects.active().for_audience(audience).select_related("logo")
        )
        return self.render(
            request,
            context_overrides={
                "audience": audience,
                "audience_services": services,
                "service_urls": landing_page_urls(services, request),
                "latest_news": NewsPage.objects.live()
                .public()
                .for_audience(audience)
                .latest()[:LATEST_NEWS_COUNT],
            },
            template="home/audience_page.html",
        )


class ServicePage(Page):
    """The landing page of one service: what it is, and everything that hangs off it."""

    service = models.OneToOneField(
        Service,
        verbose_name=_("dienst"),
        on_delete=models.PROTECT,
        related_name="landing_page",
    )
    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseContentBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [
        FieldPanel("service"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("service"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "home.StandardPage",
        "courses.CoursePage",
        "courses.WebinarIndexPage",
    ]

    class Meta:
        verbose_name = _("dienstpagina")
        verbose_name_plural = _("dienstpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_sections"] = sections_for(self.service, request)
        # Courses and webinars have their own section; this list is for the rest.
        context["service_subpages"] = (
            StandardPage.objects.child_of(self).live().public().order_by("path")
        )
        context["service_news"] = (
            NewsPage.objects.live().public().for_service(self.service_id).latest()[:5]
        )
        return context


class StandardPage(Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = StreamField(BaseContentBlock(), verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage", "home.ServicePage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")
