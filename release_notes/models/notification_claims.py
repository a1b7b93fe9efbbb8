"""Claims that stop the same notification from going out twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationClaim(models.Model):
    """The last time a notification with this key went out.

    The unique key makes a claim atomic across web processes and workers; the time
    lets ``notifications.claim`` allow a key again after its window.
    """

    key = models.CharField(max_length=200, unique=True)
    claimed_at = models.DateTimeField()
    times = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verstuurde melding")
        verbose_name_plural = _("verstuurde meldingen")

    def __str__(self):
        return self.key
