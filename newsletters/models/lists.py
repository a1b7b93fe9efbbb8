"""Newsletter lists and the werkveld segments of Connected."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from services.choices import Audience, Werkveld

list_id_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9-]+$",
    _("Een List-Id ziet eruit als een domeinnaam, bv. wise.nieuwsbrieven.example.org."),
)


def default_list_id_domain() -> str:
    """The domain under which list ids are made: that of the sending address."""
    configured = getattr(settings, "NEWSLETTER_LIST_ID_DOMAIN", "")
    if configured:
        return configured
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2] or "example.org"
    return f"nieuwsbrieven.{domain}"


class NewsletterListQuerySet(models.QuerySet):
    def open_for_signup(self):
        """Lists anyone may subscribe to from the public form."""
        return self.filter(is_open_for_signup=True)

    def of_kind(self, kind: str):
        """Lists of one kind: service newsletter, Connected or notification list."""
        return self.filter(kind=kind)

    def for_service(self, service):
        """The lists that belong to one service (its newsletter and notifications)."""
        return self.filter(service=service)


def list_id_header(name: str, list_id: str) -> str:
    """The List-Id header value (RFC 2919): a quoted description and the id."""
    phrase = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{phrase}" <{list_id}>'


class NewsletterList(ClusterableModel):
    class Kind(models.TextChoices):
        SERVICE = "dienst", _("Nieuwsbrief van een dienst")
        CONNECTED = "connected", _("Connected")
        NOTIFICATION = "melding", _("Meldingen")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.SERVICE
    )
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_lists",
    )
    description = models.TextField(
        _("beschrijving"),
        help_text=_("Eén of twee zinnen op het inschrijfformulier: wat je krijgt."),
    )
    audience = models.CharField(
        _("doelgroep"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    sender_name = models.CharField(_("naam afzender"), max_length=100)
    sender_email = models.EmailField(_("adres afzender"))
    reply_to = models.EmailField(_("antwoordadres"), blank=True)
    is_open_for_signup = models.BooleanField(
        _("open voor inschrijving"),
        default=True,
        help_text=_("Toon deze lijst op het openbare inschrijfformulier."),
    )
    list_id = models.CharField(
        "List-Id",
        max_length=200,
        unique=True,
        validators=[list_id_validator],
        help_text=_(
            "Vaste naam van de lijst voor mailprogramma's (header List-Id); "
            "wijzig hem niet meer na de eerste verzending."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = NewsletterListQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("service"),
                FieldPanel("description"),
                FieldPanel("audience"),
                FieldPanel("is_open_for_signup"),
                FieldPanel("sort_order"),
            ],
            heading=_("Lijst"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sender_name"),
                FieldPanel("sender_email"),
                FieldPanel("reply_to"),
                FieldPanel("list_id"),
            ],
            heading=_("Verzending"),
        ),
        InlinePanel("segments", heading=_("Segmenten"), label=_("segment")),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("nieuwsbrieflijst")
        verbose_name_plural = _("nieuwsbrieflijsten")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.list_id:
            self.list_id = f"{self.slug}.{default_list_id_domain()}"
        super().save(*args, **kwargs)

    @property
    def sender(self) -> str:
        """The From header: the sender's name and address."""
        return formataddr((self.sender_name, self.sender_email))

    @property
    def list_id_header(self) -> str:
        return list_id_header(self.name, self.list_id)


class Segment(models.Model):
    """Part of a list that gets its own edition: for Connected, one per werkveld."""

    newsletter = ParentalKey(
        NewsletterList,
        verbose_name=_("nieuwsbrief"),
        on_delete=models.CASCADE,
        related_name="segments",
    )
    name = models.CharField(_("naam"), max_length=120)
    werkveld = models.CharField(_("werkveld"), max_length=20, choices=Werkveld.choices)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    panels = [FieldPanel("name"), FieldPanel("werkveld"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("segment")
        verbose_name_plural = _("segmenten")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "werkveld"], name="segment_unique_werkveld"
            )
        ]

    def __str__(self):
        return f"{self.newsletter} – {self.name}"
