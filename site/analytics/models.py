"""Daily aggregates of page views and visits: counts only, never a visitor.

Nothing here identifies a person: no address, no user agent, no visitor hash. The
daily hashes that tell visitors apart live in Redis only (see ``counting.py``) and
are summed into these rows by ``flushing.py``.
"""

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from services.choices import Audience


class PageKind(models.TextChoices):
    NEWS = "nieuws", _("Nieuwsbericht")
    COURSE = "cursus", _("Cursus")
    LESSON = "les", _("Les")
    TOPIC = "onderwerp", _("Onderwerp")
    WEBINAR = "webinar", _("Webinar")
    SERVICE = "dienst", _("Dienstpagina")
    HOME = "start", _("Startpagina")
    PAGE = "pagina", _("Andere pagina")
    VIEW = "weergave", _("Zoeken, release notes of bugs")


LEARNING_KINDS = (PageKind.COURSE, PageKind.LESSON, PageKind.TOPIC, PageKind.WEBINAR)


class PageViewDayQuerySet(models.QuerySet):
    def in_period(self, start, end):
        """Rows of the days from start up to and including end."""
        return self.filter(day__gte=start, day__lte=end)

    def inspiring(self):
        """Views of pages flagged as inspiring content when they were viewed."""
        return self.filter(is_inspiring=True)

    def news(self):
        """Views of news items."""
        return self.filter(kind=PageKind.NEWS)

    def learning(self):
        """Views of courses, lessons, topics and webinars."""
        return self.filter(kind__in=LEARNING_KINDS)

    def total_views(self) -> int:
        """All views in these rows together."""
        return self.aggregate(total=Sum("views"))["total"] or 0


class PageViewDay(models.Model):
    """The views of one page (or public view) on one day.

    The page's service, audience, kind and "inspiring" flag are copied when the day's
    views are flushed, so a figure keeps meaning what it meant that day even when an
    editor changes the flag later or deletes the page.
    """

    day = models.DateField(_("dag"))
    target = models.CharField(
        _("doel"),
        max_length=120,
        help_text=_("'page:<id>' voor een Wagtail-pagina, 'view:<naam>' voor andere."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("titel"), max_length=255)
    kind = models.CharField(_("soort"), max_length=20, choices=PageKind.choices)
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("doelgroep"), max_length=20, choices=Audience.choices, blank=True
    )
    is_inspiring = models.BooleanField(_("inspirerende inhoud"), default=False)
    views = models.PositiveIntegerField(_("weergaven"), default=0)
    visitors = models.PositiveIntegerField(
        _("unieke bezoekers"),
        default=0,
        help_text=_("Verschillende bezoekers van die dag (dagelijkse hash)."),
    )

    objects = PageViewDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("paginaweergaven per dag")
        verbose_name_plural = _("paginaweergaven per dag")
        constraints = [
            models.UniqueConstraint(fields=["day", "target"], name="one_row_per_day")
        ]
        indexes = [
            models.Index(fields=["day", "kind"]),
            models.Index(fields=["day", "is_inspiring"]),
        ]

    def __str__(self):
        return f"{self.day} {self.title}: {self.views}"


class SiteDayQuerySet(models.QuerySet):
    def in_period(self, start, end):
        """Days from start up to and including end."""
        return self.filter(day__gte=start, day__lte=end)

    def closed(self):
        """Days whose visit durations are final (the day is over and summed up)."""
        return self.filter(is_closed=True)


class SiteDay(models.Model):
    """The whole site on one day: views, visitors, visits and time spent.

    ``duration_histogram`` maps the start of a 15-second bucket (in seconds, as a
    string) to the number of that day's visitors whose time on the platform falls in
    it: enough for a median, without one row per visitor.
    """

    day = models.DateField(_("dag"), unique=True)
    page_views = models.PositiveIntegerField(_("paginaweergaven"), default=0)
    untracked_views = models.PositiveIntegerField(
        _("weergaven zonder bezoekershash"),
        default=0,
        help_text=_("Weergaven met Do Not Track of Global Privacy Control."),
    )
    visitors = models.PositiveIntegerField(_("bezoekers"), default=0)
    visits = models.PositiveIntegerField(_("bezoeken"), default=0)
    returning_visitors = models.PositiveIntegerField(
        _("bezoekers die dezelfde dag terugkwamen"), default=0
    )
    registered_visitors = models.PositiveIntegerField(
        _("aangemelde bezoekers"), default=0
    )
    timed_visitors = models.PositiveIntegerField(
        _("bezoekers met gemeten tijd"), default=0
    )
    total_seconds = models.PositiveBigIntegerField(_("totale tijd (s)"), default=0)
    duration_histogram = models.JSONField(_("verdeling van de tijd"), default=dict)
    is_closed = models.BooleanField(_("afgesloten"), default=False)

    objects = SiteDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("websitedag")
        verbose_name_plural = _("websitedagen")
        default_permissions = ()
        permissions = [("view_indicators", _("Kan de website-indicatoren bekijken"))]

    def __str__(self):
        return str(self.day)


class FlushedBatch(models.Model):
    """A buffer batch already added to the aggregates: a repeated flush skips it."""

    batch_id = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verwerkte buffer")
        verbose_name_plural = _("verwerkte buffers")
        default_permissions = ()

    def __str__(self):
        return self.batch_id
