"""Send runs and their delivery rows: the durable state of every send.

A run is one send of one issue (or of one notification) to a frozen audience. Each
recipient has one ``Delivery`` row that walks queued → claimed → sending → sent
(or failed / bounced); a worker only talks SMTP about a row it claimed, and the
states it leaves behind when it dies tell a sweeper what is safe to send again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsletters.models.issues import IssueStatus


class SendRunQuerySet(models.QuerySet):
    def active(self):
        """Runs that workers should be sending now."""
        return self.filter(status=IssueStatus.SENDING)

    def due(self, moment):
        """Scheduled runs whose send time has come."""
        return self.filter(status=IssueStatus.SCHEDULED, scheduled_for__lte=moment)


class SendRun(models.Model):
    """One send of an issue (or a notification) to the audience frozen at its start."""

    class Kind(models.TextChoices):
        ISSUE = "editie", _("Editie")
        NOTIFICATION = "melding", _("Melding")
        # Once a year, to everyone on at least one list: not a list's own mailing.
        REVIEW = "voorkeurencheck", _("Jaarlijkse voorkeurencheck")

    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.ISSUE
    )
    issue = models.OneToOneField(
        "newsletters.NewsletterIssuePage",
        verbose_name=_("editie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="send_run",
    )
    # Empty only for the yearly review, which goes out on behalf of no single list.
    newsletter = models.ForeignKey(
        "newsletters.NewsletterList",
        verbose_name=_("nieuwsbrief"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="send_runs",
    )
    # The content as published when the send started: later edits of the page do
    # not change what the rest of the audience receives.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IssueStatus.choices,
        default=IssueStatus.SCHEDULED,
    )
    status_reason = models.CharField(_("toelichting"), max_length=300, blank=True)
    scheduled_for = models.DateTimeField(_("gepland voor"), null=True, blank=True)
    audience_frozen = models.BooleanField(_("publiek vastgelegd"), default=False)
    # Where freezing the audience got to, so a restarted freeze continues there.
    freeze_cursor = models.BigIntegerField(default=0, editable=False)
    recipients = models.PositiveIntegerField(_("ontvangers"), default=0)
    # Each chunk touches this; a sweeper restarts the sending of a silent run.
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    # Notifications have no page: their content is kept on the run itself.
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    dedup_key = models.CharField(max_length=200, blank=True, editable=False)

    objects = SendRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [
            models.UniqueConstraint(
                fields=["dedup_key"],
                condition=Q(kind="voorkeurencheck"),
                name="sendrun_one_review_per_year",
            )
        ]
        indexes = [
            models.Index(fields=["status", "scheduled_for"], name="sendrun_due"),
            models.Index(fields=["dedup_key", "created_at"], name="sendrun_dedup"),
        ]

    def __str__(self):
        title = self.issue.title if self.issue_id else self.subject
        return f"{title} – {self.get_status_display()}"


class DeliveryQuerySet(models.QuerySet):
    def problems(self):
        """Rows that failed or bounced, or that wait for a retry after an error."""
        return self.filter(
            Q(status__in=[Delivery.Status.FAILED, Delivery.Status.BOUNCED])
            | Q(status=Delivery.Status.QUEUED, attempts__gt=0)
        )

    def soft_bounced(self):
        """Rows whose message came back with a temporary failure (mailbox full, …)."""
        return self.filter(bounce_kind=Delivery.BounceKind.SOFT)

    def latest_handed_over_to(self, subscriber_id: int):
        """The subscriber's rows whose message reached a mail server, newest first."""
        return self.filter(
            subscriber_id=subscriber_id,
            status__in=[Delivery.Status.SENT, Delivery.Status.BOUNCED],
        ).order_by("-sent_at", "-id")


class Delivery(models.Model):
    """One recipient of one run."""

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        CLAIMED = "opgeeist", _("Opgeëist door een worker")
        SENDING = "verzenden", _("Aan de mailserver overgedragen")
        SENT = "verzonden", _("Verzonden")
        FAILED = "mislukt", _("Mislukt")
        BOUNCED = "bounce", _("Geweigerd (bounce)")
        SKIPPED = "overgeslagen", _("Overgeslagen")

    class BounceKind(models.TextChoices):
        HARD = "hard", _("Harde bounce")
        SOFT = "zacht", _("Zachte bounce")
        COMPLAINT = "klacht", _("Klacht (spam gemeld)")

    OPEN = (Status.QUEUED, Status.CLAIMED, Status.SENDING)
    FINISHED = (Status.SENT, Status.FAILED, Status.BOUNCED, Status.SKIPPED)

    # No index of its own: the unique (run, subscriber) and the claim index both
    # start with the run, and every index is one more write per status change.
    run = models.ForeignKey(
        SendRun,
        verbose_name=_("verzending"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,
    )
    subscriber = models.ForeignKey(
        "newsletters.Subscriber",
        verbose_name=_("abonnee"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    segment = models.ForeignKey(
        "newsletters.Segment",
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    retry_after = models.DateTimeField(_("opnieuw vanaf"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("opgeëist op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # Sent, failed or bounced: the error-rate breaker looks at the latest ones.
    finished_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    # Which claim owns the row: a worker only moves a row it claimed itself, so a
    # row handed to another worker after a timeout cannot be sent by both.
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    # The Celery worker (its hostname) that claimed the row last, so that with
    # several workers an operator can tell who sent, or failed to send, what.
    worker = models.CharField(_("worker"), max_length=200, blank=True, editable=False)

    # What came back after the message was handed over: a bounce message (DSN),
    # an ESP's webhook or a complaint (ARF). A later, stronger report replaces a
    # weaker one (a complaint or hard bounce is never turned back into a soft one).
    bounce_kind = models.CharField(
        _("bounce"), max_length=10, choices=BounceKind.choices, blank=True
    )
    bounced_at = models.DateTimeField(_("bounce ontvangen op"), null=True, blank=True)
    bounce_detail = models.CharField(_("bouncemelding"), max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        constraints = [
            # One run per issue (SendRun.issue is one-to-one) and one row per
            # subscriber per run: nobody can be queued twice for an issue.
            models.UniqueConstraint(
                fields=["run", "subscriber"], name="delivery_unique_recipient"
            )
        ]
        indexes = [
            models.Index(fields=["run", "status", "id"], name="delivery_claim"),
            models.Index(
                fields=["run", "finished_at"],
                name="delivery_finished",
                condition=Q(finished_at__isnull=False),
            ),
            models.Index(
                fields=["subscriber", "bounce_kind"],
                name="delivery_bounces",
                condition=~Q(bounce_kind=""),
            ),
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.get_status_display()}"
