"""The local outbox: mail the site would send, kept for editors to read in the admin.

Used when EMAIL_URL is ``outbox:`` (the default for `make run`), so a fresh
installation sends nothing to the outside world until an operator configures SMTP.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def older_than(self, days: int):
        """Messages kept longer than the retention period."""
        return self.filter(
            created_at__lt=timezone.now() - timezone.timedelta(days=days)
        )


class OutboxMessage(models.Model):
    created_at = models.DateTimeField(
        _("aangemaakt"), default=timezone.now, db_index=True
    )
    from_email = models.CharField(_("afzender"), max_length=320)
    recipients = models.TextField(_("ontvangers"))
    subject = models.CharField(_("onderwerp"), max_length=998)
    text_body = models.TextField(_("tekst"), blank=True)
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict)
    raw = models.BinaryField(_("volledig bericht"))

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bericht in de uitgaande post")
        verbose_name_plural = _("uitgaande post")

    def __str__(self):
        return self.subject
