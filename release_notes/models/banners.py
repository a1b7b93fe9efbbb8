"""Outage and maintenance banners, in the manner of GitLab's broadcast messages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from release_notes.choices import BannerSeverity
from release_notes.querysets import BannerQuerySet


class Banner(models.Model):
    """A notice above every page from ``starts_at`` until ``ends_at``."""

    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="banners",
        help_text=_("Leeg voor een melding over het hele platform."),
    )
    severity = models.CharField(
        _("soort"),
        max_length=20,
        choices=BannerSeverity.choices,
        default=BannerSeverity.MAINTENANCE,
        help_text=_("Een storing verschijnt in het rood, ook groot op de startpagina."),
    )
    message = models.CharField(_("bericht"), max_length=300)
    link_url = models.URLField(_("link"), blank=True)
    link_text = models.CharField(
        _("tekst van de link"),
        max_length=60,
        blank=True,
        help_text=_("Bv. 'Meer info'."),
    )
    starts_at = models.DateTimeField(_("begin"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("einde"),
        null=True,
        blank=True,
        help_text=_("Leeg: de melding blijft staan tot je een einde invult."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BannerQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("severity"), FieldPanel("service")]),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("Wanneer"),
        ),
    ]

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen (storingen en onderhoud)")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["ends_at", "starts_at"])]

    def __str__(self):
        return self.message[:80]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde moet na het begin liggen.")
        if self.link_text and not self.link_url:
            errors["link_url"] = _("Geef de link bij de tekst van de link.")
        if errors:
            raise ValidationError(errors)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    @property
    def is_outage(self) -> bool:
        return self.severity == BannerSeverity.OUTAGE
