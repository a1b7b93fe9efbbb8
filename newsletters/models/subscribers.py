"""Subscribers, their subscriptions per list, and the record of their consent."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from newsletters.addresses import address_fingerprint, normalise_address
from services.choices import Werkveld


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email: str):
        """The subscriber with this address, erased ones included (by fingerprint)."""
        return self.filter(email_fingerprint=address_fingerprint(email))

    def active(self):
        """Subscribers who may be mailed: not suppressed."""
        return self.filter(status=Subscriber.Status.ACTIVE)

    def on_a_list(self):
        """Reachable subscribers with at least one confirmed subscription: the
        audience of the yearly preference review."""
        confirmed = Subscription.objects.confirmed().filter(subscriber=OuterRef("pk"))
        return self.filter(
            Exists(confirmed), status=Subscriber.Status.ACTIVE, email__isnull=False
        )

    def suppressed(self):
        """Subscribers who are never mailed: bounced, complained or erased."""
        return self.filter(status=Subscriber.Status.SUPPRESSED)


class Subscriber(models.Model):
    """A mailbox that is, was or wants to be on one or more lists."""

    class Status(models.TextChoices):
        ACTIVE = "actief", _("Actief")
        SUPPRESSED = "geblokkeerd", _("Geblokkeerd")

    class SuppressionReason(models.TextChoices):
        HARD_BOUNCE = "harde-bounce", _("Harde bounce")
        COMPLAINT = "klacht", _("Klacht (spam gemeld)")
        SOFT_BOUNCES = "zachte-bounces", _("Herhaalde zachte bounces")
        ERASED = "gewist", _("Gegevens gewist op verzoek")

    # Null once erased (no address, rather than an empty one); the fingerprint stays
    # and keeps the address suppressed.
    email = models.EmailField(  # noqa: DJ001
        _("e-mailadres"), max_length=254, null=True, blank=True
    )
    email_fingerprint = models.CharField(
        _("vingerafdruk van het adres"), max_length=64, unique=True, editable=False
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    werkveld = models.CharField(
        _("werkveld"), max_length=20, choices=Werkveld.choices, blank=True
    )
    tracking_consent = models.BooleanField(
        _("toestemming voor meten"),
        default=False,
        help_text=_("Openen en klikken mogen per persoon gemeten worden."),
    )
    tracking_consent_changed_at = models.DateTimeField(
        _("toestemming voor meten gewijzigd"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    suppression_reason = models.CharField(
        _("reden van blokkering"),
        max_length=20,
        choices=SuppressionReason.choices,
        blank=True,
    )
    suppressed_at = models.DateTimeField(_("geblokkeerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("email", read_only=True),
                FieldPanel("name"),
                FieldPanel("organisation"),
                FieldPanel("werkveld"),
            ],
            heading=_("Abonnee"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("tracking_consent", read_only=True),
                FieldPanel("status", read_only=True),
                FieldPanel("suppression_reason", read_only=True),
                FieldPanel("suppressed_at", read_only=True),
            ],
            heading=_("Toestemming en blokkering"),
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        indexes = [models.Index(fields=["status", "id"], name="subscriber_status_id")]

    def __str__(self):
        return self.email or _("gewiste abonnee %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if self.email:
            self.email = normalise_address(self.email)
            self.email_fingerprint = address_fingerprint(self.email)
        super().save(*args, **kwargs)

    @property
    def is_suppressed(self) -> bool:
        return self.status == self.Status.SUPPRESSED

    @property
    def is_erased(self) -> bool:
        return self.suppression_reason == self.SuppressionReason.ERASED

    def suppress(self, reason: str, when: datetime | None = None) -> None:
        """Never mail this address again on any list, until a new double opt-in."""
        self.status = self.Status.SUPPRESSED
        self.suppression_reason = reason
        self.suppressed_at = when or timezone.now()
        self.save(update_fields=["status", "suppression_reason", "suppressed_at"])


class SubscriptionQuerySet(models.QuerySet):
    def pending(self):
        """Subscriptions waiting for the subscriber to confirm by e-mail."""
        return self.filter(status=Subscription.Status.PENDING)

    def confirmed(self):
        """Subscriptions the subscriber confirmed and has not ended."""
        return self.filter(status=Subscription.Status.CONFIRMED)

    def deliverable(self):
        """Confirmed subscriptions of subscribers who are not suppressed."""
        return self.confirmed().filter(
            subscriber__status=Subscriber.Status.ACTIVE,
            subscriber__email__isnull=False,
        )

    def in_segment(self, segment):
        """Subscriptions to the segment's list from people in its werkveld."""
        return self.filter(
            newsletter_id=segment.newsletter_id, subscriber__werkveld=segment.werkveld
        )

    def subscribed_on(self, moment: datetime):
        """Subscriptions that were confirmed and not yet ended at a moment."""
        return self.filter(confirmed_at__lte=moment).filter(
            Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gt=moment)
        )


class Subscription(models.Model):
    """One subscriber on one list."""

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht op bevestiging")
        CONFIRMED = "bevestigd", _("Bevestigd")
        UNSUBSCRIBED = "afgemeld", _("Afgemeld")

    class Source(models.TextChoices):
        FORM = "formulier", _("Inschrijfformulier")
        PREFERENCES = "voorkeuren", _("Voorkeurenpagina")
        PROFILE = "profiel", _("Profiel")
        IMPORT = "import", _("Import")
        DEMO = "demo", _("Demo-inhoud")

    class Channel(models.TextChoices):
        """How someone unsubscribed: kept for the unsubscribe figures."""

        ONE_CLICK = "een-klik", _("Eén klik (mailprogramma)")
        MAILTO = "mail", _("Mail naar het afmeldadres")
        PAGE = "pagina", _("Afmeldpagina")
        PREFERENCES = "voorkeuren", _("Voorkeurenpagina")
        PROFILE = "profiel", _("Profiel")
        ERASURE = "wissen", _("Gegevens gewist")

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("abonnee"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    newsletter = models.ForeignKey(
        "newsletters.NewsletterList",
        verbose_name=_("nieuwsbrief"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    created_at = models.DateTimeField(_("aangevraagd"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    unsubscribe_channel = models.CharField(
        _("afgemeld via"), max_length=20, choices=Channel.choices, blank=True
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["newsletter", "-created_at"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="subscription_unique"
            )
        ]
        indexes = [
            # Sending walks a list's confirmed subscriptions in id order (keyset).
            models.Index(
                fields=["newsletter", "status", "id"], name="subscription_keyset"
            ),
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.newsletter}"

    def confirm(self, when: datetime | None = None) -> bool:
        """Confirm this subscription; True when that changed anything."""
        if self.status == self.Status.CONFIRMED:
            return False
        self.status = self.Status.CONFIRMED
        self.confirmed_at = when or timezone.now()
        self.unsubscribed_at = None
        self.unsubscribe_channel = ""
        self.save(
            update_fields=[
                "status",
                "confirmed_at",
                "unsubscribed_at",
                "unsubscribe_channel",
            ]
        )
        return True

    def unsubscribe(self, channel: str, when: datetime | None = None) -> bool:
        """End this subscription; True when that changed anything."""
        if self.status == self.Status.UNSUBSCRIBED:
            return False
        self.status = self.Status.UNSUBSCRIBED
        self.unsubscribed_at = when or timezone.now()
        self.unsubscribe_channel = channel
        self.save(update_fields=["status", "unsubscribed_at", "unsubscribe_channel"])
        return True


class ConsentRecord(models.Model):
    """Proof of what someone agreed to, when, seeing which words, from where."""

    class Action(models.TextChoices):
        REQUESTED = "aangevraagd", _("Inschrijving aangevraagd")
        CONFIRMED = "bevestigd", _("Inschrijving bevestigd")
        CHANGED = "gewijzigd", _("Voorkeuren gewijzigd")
        WITHDRAWN = "ingetrokken", _("Afgemeld")
        IMPORTED = "geimporteerd", _("Geïmporteerd")
        TRACKING = "meten", _("Toestemming voor meten gewijzigd")
        ERASED = "gewist", _("Gegevens gewist")

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("abonnee"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    created_at = models.DateTimeField(_("vastgelegd"), default=timezone.now)
    consented_at = models.DateTimeField(
        _("toestemming gegeven op"),
        null=True,
        blank=True,
        help_text=_("Bij een import: de datum uit het bestand."),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    wording = models.TextField(_("getoonde tekst"), blank=True)
    # Slugs rather than foreign keys: the proof must outlive a deleted list.
    newsletters = models.JSONField(_("lijsten"), default=list, blank=True)
    source = models.CharField(
        _("bron"), max_length=20, choices=Subscription.Source.choices
    )
    source_detail = models.CharField(
        _("toelichting bij de bron"), max_length=300, blank=True
    )
    client_fingerprint = models.CharField(
        _("vingerafdruk van het IP-adres"), max_length=32, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.get_action_display()} – {self.created_at:%Y-%m-%d %H:%M}"
