"""Recorded webinars per service, with chapters, speakers and slides."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from courses.blocks import ChapterBlock, embed_player_url, validate_embed_url
from courses.models.pages import INTRO_FEATURES, LearningPageQuerySet

WEBINARS_PER_PAGE = 24


class WebinarQuerySet(LearningPageQuerySet):
    def newest_first(self):
        """The most recent recording first."""
        return self.order_by("-date", "-pk")

    def in_series(self, series: str):
        """Webinars of one series, e.g. 'IBL'."""
        return self.filter(series=series)

    def total_minutes(self) -> int:
        """Minutes of recorded video in these webinars together."""
        return self.aggregate(total=Sum("duration_minutes"))["total"] or 0


class WebinarIndexPage(Page):
    """The webinars of one service, with how many hours of video they hold."""

    intro = RichTextField(_("intro"), blank=True, features=INTRO_FEATURES)

    objects = PageManager.from_queryset(LearningPageQuerySet)()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.ServicePage"]
    subpage_types = ["courses.WebinarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("webinaroverzicht")
        verbose_name_plural = _("webinaroverzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        webinars = WebinarPage.objects.child_of(self).visible_to(request)
        series = list(
            webinars.exclude(series="")
            .values("series")
            .annotate(count=Count("pk"))
            .order_by("series")
        )
        selected = request.GET.get("reeks", "")
        if selected and any(row["series"] == selected for row in series):
            webinars = webinars.in_series(selected)
        else:
            selected = ""
        totals = webinars.aggregate(count=Count("pk"), minutes=Sum("duration_minutes"))
        context.update(
            {
                "webinars": Paginator(
                    webinars.newest_first().defer_streamfields(), WEBINARS_PER_PAGE
                ).get_page(request.GET.get("pagina")),
                "series": series,
                "selected_series": selected,
                "webinar_count": totals["count"],
                "total_hours": round((totals["minutes"] or 0) / 60, 1),
            }
        )
        return context


class WebinarPage(Page):
    date = models.DateField(_("datum"), default=timezone.localdate)
    series = models.CharField(
        _("reeks"),
        max_length=80,
        blank=True,
        help_text=_("Bijvoorbeeld IBL of Migratie naar Wise."),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"))
    speakers = models.CharField(
        _("sprekers"),
        max_length=300,
        blank=True,
        help_text=_("Namen en organisaties, gescheiden door komma's."),
    )
    intro = RichTextField(_("intro"), blank=True, features=INTRO_FEATURES)
    video_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("videobestand op de site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(
        _("of een YouTube- of Vimeo-adres"),
        blank=True,
        validators=[validate_embed_url],
        help_text=_("Ingebed zonder cookies van derden tot iemand op afspelen drukt."),
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("presentatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chapters = StreamField(
        [("chapter", ChapterBlock())], blank=True, verbose_name=_("hoofdstukken")
    )

    objects = PageManager.from_queryset(WebinarQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("series"),
                FieldPanel("duration_minutes"),
                FieldPanel("speakers"),
            ],
            heading=_("Sessie"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("video_document"), FieldPanel("video_url")],
            heading=_("Video"),
        ),
        FieldPanel("chapters"),
        FieldPanel("slides"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("speakers"),
        index.SearchField("series"),
        index.FilterField("series"),
        index.FilterField("date"),
    ]
    parent_page_types = ["courses.WebinarIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    def clean(self):
        super().clean()
        if self.video_document_id and self.video_url:
            raise ValidationError(
                _("Kies een videobestand óf geef een adres, niet allebei.")
            )

    @property
    def player_url(self) -> str | None:
        return embed_player_url(self.video_url) if self.video_url else None

    @property
    def speaker_list(self) -> list[str]:
        return [name.strip() for name in self.speakers.split(",") if name.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["start"] = max(0, int(request.GET.get("t", 0)))
        except ValueError:
            context["start"] = 0
        return context
