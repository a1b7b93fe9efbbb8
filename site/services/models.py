"""The Service registry: courses, release notes, banners and newsletters hang off it."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from services.choices import Audience

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #rrggbb, bijvoorbeeld #c8102e.")
)


class ServiceQuerySet(models.QuerySet):
    def active(self):
        """Services that are offered today and shown on the site."""
        return self.filter(is_active=True)

    def for_audience(self, audience: str):
        """Services for one audience, including those meant for both audiences."""
        if audience == Audience.BOTH:
            return self
        return self.filter(audience__in=[audience, Audience.BOTH])

    def software_products(self):
        """Services that are software with releases, release notes and known bugs."""
        return self.filter(is_software_product=True)


class Service(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Het adres van de dienst op de site, bv. 'wise' voor /wise/."),
    )
    audience = models.CharField(
        _("doelgroep"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.LIBRARIES,
    )
    summary = models.CharField(
        _("korte beschrijving"),
        max_length=300,
        help_text=_("Eén of twee zinnen: wat de dienst doet en voor wie."),
    )
    is_software_product = models.BooleanField(
        _("softwareproduct"),
        default=False,
        help_text=_("Heeft releases, release notes en gekende bugs."),
    )
    brand_colour = models.CharField(
        _("huiskleur"), max_length=7, default="#00566b", validators=[hex_colour]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    is_active = models.BooleanField(_("actief"), default=True)

    objects = ServiceQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("summary")],
            heading=_("Dienst"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("is_software_product"),
                FieldPanel("is_active"),
                FieldPanel("sort_order"),
            ],
            heading=_("Indeling"),
        ),
        MultiFieldPanel(
            [FieldPanel("brand_colour"), FieldPanel("logo")], heading=_("Huisstijl")
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.FilterField("audience"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")

    def __str__(self):
        return self.name

    @property
    def brand_text_colour(self) -> str:
        """White or black, whichever contrasts more with the brand colour.

        Pure black rather than a softer near-black: only then does the better of the
        two always reach the 4.5:1 that WCAG AA asks of normal text.
        """
        channels = [int(self.brand_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        on_white = 1.05 / (luminance + 0.05)
        on_black = (luminance + 0.05) / 0.05
        return "#ffffff" if on_white >= on_black else "#000000"

    def serves(self, audience: str) -> bool:
        return self.audience in (audience, Audience.BOTH)
