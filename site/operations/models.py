"""When the worker and the scheduler last showed they were alive."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Beat schedules a heartbeat every minute; three missed beats means it is down.
STALE_AFTER = timedelta(minutes=3)


class Heartbeat(models.Model):
    class Process(models.TextChoices):
        WORKER = "worker", _("Celery-worker")
        BEAT = "beat", _("Planner (Celery beat)")

    process = models.CharField(
        _("proces"), max_length=20, choices=Process.choices, unique=True
    )
    last_seen = models.DateTimeField(_("laatst gezien"))
    hostname = models.CharField(_("machine"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self):
        return f"{self.get_process_display()}: {self.last_seen:%Y-%m-%d %H:%M:%S}"

    @property
    def is_alive(self) -> bool:
        return timezone.now() - self.last_seen < STALE_AFTER

    @classmethod
    def record(cls, process: str, hostname: str = "") -> None:
        cls.objects.update_or_create(
            process=process,
            defaults={"last_seen": timezone.now(), "hostname": hostname[:200]},
        )
