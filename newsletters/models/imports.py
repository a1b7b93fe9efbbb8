"""A record of each CSV import: who, which file, what it did, which rows it refused."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    created_at = models.DateTimeField(_("geïmporteerd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("bestand"), max_length=255)
    file_sha256 = models.CharField(_("controlegetal"), max_length=64)
    rows = models.PositiveIntegerField(_("rijen"), default=0)
    subscribers_created = models.PositiveIntegerField(_("nieuwe abonnees"), default=0)
    subscriptions_created = models.PositiveIntegerField(
        _("nieuwe inschrijvingen"), default=0
    )
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    rejected = models.PositiveIntegerField(_("geweigerd"), default=0)
    # The refused rows with the reason, as CSV; personal data, so purged with the run.
    rejected_csv = models.TextField(_("geweigerde rijen"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
