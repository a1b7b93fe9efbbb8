"""News for library and culture-centre staff, tagged by audience and service."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from services.choices import Audience
from services.models import Service
from themes.blocks import BaseContentBlock

NEWS_PER_PAGE = 12


class NewsPageQuerySet(PageQuerySet):
    def latest(self):
        """Newest first, by publication date, then by most recently published."""
        return self.order_by("-date", "-first_published_at")

    def for_audience(self, audience: str):
        """News for one audience, including news meant for both; 'both' means all."""
        if audience == Audience.BOTH:
            return self
        return self.filter(audience__in=[audience, Audience.BOTH])

    def for_service(self, service_id: int):
        """News tagged with one service."""
        return self.filter(services=service_id)

    def inspiring(self):
        """News flagged as inspiring content (counted by the website indicator)."""
        return self.filter(is_inspiring=True)


class NewsIndexPage(Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .latest()
            .prefetch_related("services")
        )
        audience = request.GET.get("doelgroep", "")
        if audience in Audience.values:
            items = items.for_audience(audience)
        service = (
            Service.objects.active().filter(slug=request.GET.get("dienst")).first()
        )
        if service:
            items = items.for_service(service.pk)
        context["news_page"] = Paginator(items, NEWS_PER_PAGE).get_page(
            request.GET.get("pagina")
        )
        context["selected_audience"] = audience
        context["selected_service"] = service
        context["audiences"] = Audience.entry_points()
        return context


class NewsPage(Page):
    date = models.DateField(_("datum"), default=timezone.localdate)
    summary = models.CharField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen voor overzichten en zoekresultaten."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseContentBlock(), verbose_name=_("inhoud"))
    audience = models.CharField(
        _("doelgroep"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    services = ParentalManyToManyField(
        Service, verbose_name=_("diensten"), blank=True, related_name="news_pages"
    )
    is_inspiring = models.BooleanField(
        _("inspirerende inhoud"),
        default=False,
        help_text=_("Telt mee voor de indicator 'kliks op inspirerende inhoud'."),
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                FieldPanel("is_inspiring"),
            ],
            heading=_("Labels"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
