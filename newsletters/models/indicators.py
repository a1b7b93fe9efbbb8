"""Indicators: the organisation's targets per list (or group) and year, and the
benchmark reference lines the dashboard draws beside them."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from services.choices import Werkveld

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class IndicatorTargetForm(WagtailAdminModelForm):
    # Werkvelden are kept as a list of slugs; editors tick them.
    werkvelden = forms.MultipleChoiceField(
        label=_("werkvelden"),
        choices=Werkveld.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: alle abonnees. Anders alleen deze segmenten."),
    )


class IndicatorTargetQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """The targets in force in a year: per name, that of the latest year up to
        it (a target holds until a later year replaces it)."""
        chosen: dict[str, IndicatorTarget] = {}
        for target in self.filter(year__lte=year).order_by("name", "-year"):
            chosen.setdefault(target.name, target)
        return sorted(chosen.values(), key=lambda t: (t.sort_order, t.name))


class IndicatorTarget(ClusterableModel):
    """What one newsletter (a list, a group of lists, or segments of them) must
    reach in a year."""

    name = models.CharField(_("naam"), max_length=120)
    year = models.PositiveSmallIntegerField(_("jaar"))
    lists = ParentalManyToManyField(
        "newsletters.NewsletterList",
        verbose_name=_("lijsten"),
        blank=True,
        help_text=_("Leeg: elke lijst van de gekozen soort."),
    )
    list_kind = models.CharField(
        _("soort lijst"),
        max_length=20,
        blank=True,
        default="connected",
        choices=[
            ("dienst", _("Nieuwsbrief van een dienst")),
            ("connected", _("Connected")),
        ],  # fmt: skip
        help_text=_("Gebruikt wanneer er geen lijsten gekozen zijn."),
    )
    werkvelden = models.JSONField(
        _("werkvelden"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle abonnees. Anders alleen deze segmenten."),
    )
    subscribers = models.PositiveIntegerField(_("abonnees"), null=True, blank=True)
    open_rate = models.DecimalField(
        _("openratio (%)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=PERCENT,
    )  # fmt: skip
    click_rate = models.DecimalField(
        _("klikratio (%)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=PERCENT,
    )  # fmt: skip
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    objects = IndicatorTargetQuerySet.as_manager()
    base_form_class = IndicatorTargetForm

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("year"), FieldPanel("sort_order")],
            heading=_("Indicator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lists", widget=forms.CheckboxSelectMultiple),
                FieldPanel("list_kind"),
                FieldPanel("werkvelden"),
            ],
            heading=_("Voor welke nieuwsbrief"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subscribers"),
                FieldPanel("open_rate"),
                FieldPanel("click_rate"),
            ],
            heading=_("Doelen"),
        ),
    ]

    class Meta:
        ordering = ["-year", "sort_order", "name"]
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="target_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def clean(self):
        super().clean()
        unknown = [w for w in self.werkvelden or [] if w not in Werkveld.values]
        if unknown:
            raise ValidationError(
                {
                    "werkvelden": _("Onbekend werkveld: %(w)s. Kies uit %(all)s.")
                    % {"w": ", ".join(unknown), "all": ", ".join(Werkveld.values)}
                }
            )


class BenchmarkQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """The benchmark of the latest year up to ``year``, or None."""
        return self.filter(year__lte=year).order_by("-year").first()


class Benchmark(models.Model):
    """A reference line from the sector (an e-mail benchmark report)."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    open_rate = models.DecimalField(
        _("openratio (%)"), max_digits=5, decimal_places=1, validators=PERCENT
    )
    click_rate = models.DecimalField(
        _("klikratio (%)"), max_digits=5, decimal_places=1, validators=PERCENT
    )
    source = models.CharField(_("bron"), max_length=200)

    objects = BenchmarkQuerySet.as_manager()

    panels = [
        FieldPanel("year"),
        FieldPanel("open_rate"),
        FieldPanel("click_rate"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")

    def __str__(self):
        return f"{self.source} ({self.year})"
