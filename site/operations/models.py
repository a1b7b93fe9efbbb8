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


class TaskProblemQuerySet(models.QuerySet):
    def recent(self, days: int = 14):
        """Failures and retries of the last ``days`` days, newest first."""
        since = timezone.now() - timedelta(days=days)
        return self.filter(occurred_at__gte=since).order_by("-occurred_at")


class TaskProblem(models.Model):
    """A Celery task that failed or was retried, as its worker reported it."""

    class Kind(models.TextChoices):
        FAILURE = "mislukt", _("Mislukt")
        RETRY = "opnieuw", _("Opnieuw geprobeerd")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    task_name = models.CharField(_("taak"), max_length=200)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    # Tasks take ids, never personal data, so their arguments are safe to show.
    arguments = models.CharField(_("argumenten"), max_length=500, blank=True)
    exception = models.CharField(_("fout"), max_length=500)
    traceback = models.TextField(_("traceback"), blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    objects = TaskProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("taakfout")
        verbose_name_plural = _("taakfouten")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["occurred_at"], name="taskproblem_recent")]

    def __str__(self):
        return f"{self.task_name}: {self.exception}"
