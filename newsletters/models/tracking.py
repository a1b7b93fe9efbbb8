"""Tracking: the links of each send, raw events, and the counters dashboards read.

A *run* is one send of an issue (``SendRun``, one per issue); tracking keys on it.
Every http(s) link of a run is stored once (``TrackedLink``): a click redirects only
to a stored URL of the run its token names. Hits are buffered in Redis and written
here in batches by ``newsletters.buffering.flush``:

- ``TrackingEvent``: one row per open or click, only for subscribers who gave
  tracking consent; with its machine classification and reason.
- ``TrackingCounter``: aggregate counts per run, segment, link and day, for
  everyone; consent-less hits only ever reach these.
- ``MachineReasonCount``: how many machine events each reason set aside.
- ``TrackingFlush``: the batches already applied, so a flush that died between its
  database commit and its Redis clean-up is not counted twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    OPEN = "open", _("Geopend")
    CLICK = "klik", _("Geklikt")


class TrackedLink(models.Model):
    """One destination of one run; the only URLs its click redirects go to."""

    run = models.ForeignKey(
        "newsletters.SendRun",
        verbose_name=_("verzending"),
        on_delete=models.CASCADE,
        related_name="tracked_links",
    )
    url = models.URLField(_("webadres"), max_length=2000)
    # First place of the link in the edition, for the per-link table.
    position = models.PositiveSmallIntegerField(_("positie"), default=0)

    class Meta:
        ordering = ["run", "position", "id"]
        verbose_name = _("gevolgde link")
        verbose_name_plural = _("gevolgde links")
        constraints = [
            models.UniqueConstraint(fields=["run", "url"], name="trackedlink_unique")
        ]

    def __str__(self):
        return self.url


class TrackingEventQuerySet(models.QuerySet):
    def human(self):
        """Events that a person caused: not set aside as a machine's."""
        return self.filter(machine=False)

    def machine(self):
        """Events of mail-privacy proxies, prefetchers and link scanners."""
        return self.filter(machine=True)


class TrackingEvent(models.Model):
    """One open or click of a recipient who consented to being measured."""

    run = models.ForeignKey(
        "newsletters.SendRun", on_delete=models.CASCADE, related_name="+"
    )
    delivery = models.ForeignKey(
        "newsletters.Delivery", on_delete=models.CASCADE, related_name="events"
    )
    segment_key = models.PositiveIntegerField(default=0)
    link = models.ForeignKey(
        TrackedLink, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("tijdstip"))
    machine = models.BooleanField(_("machine"), default=False)
    reason = models.CharField(_("reden"), max_length=40, blank=True)

    objects = TrackingEventQuerySet.as_manager()

    class Meta:
        ordering = ["at"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        indexes = [models.Index(fields=["run", "kind", "at"], name="event_run_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class TrackingCounter(models.Model):
    """Pre-aggregated counts of one run, segment (0: none), link (0: the whole
    issue) and kind on one day; the flush adds to them, dashboards sum them."""

    run = models.ForeignKey(
        "newsletters.SendRun", on_delete=models.CASCADE, related_name="counters"
    )
    newsletter = models.ForeignKey(
        "newsletters.NewsletterList", on_delete=models.CASCADE, related_name="+"
    )
    segment_key = models.PositiveIntegerField(default=0)
    link_key = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    day = models.DateField()
    raw = models.PositiveIntegerField(default=0)
    human = models.PositiveIntegerField(default=0)
    # A recipient counts as unique on the day of their first (human) event.
    unique_raw = models.PositiveIntegerField(default=0)
    unique_human = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "segment_key", "link_key", "kind", "day"],
                name="trackingcounter_unique",
            )
        ]
        indexes = [
            models.Index(fields=["newsletter", "day"], name="counter_list_day"),
        ]

    def __str__(self):
        return f"{self.kind} {self.day}: {self.human}/{self.raw}"


class DeliveryTally(models.Model):
    """Sent and bounced messages of one run and segment (0: none), kept by
    ``newsletters.rates.refresh_tallies`` so dashboards never count deliveries."""

    run = models.ForeignKey(
        "newsletters.SendRun", on_delete=models.CASCADE, related_name="tallies"
    )
    segment_key = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    bounced = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "segment_key"], name="deliverytally_unique"
            )
        ]

    def __str__(self):
        return f"{self.sent} / {self.bounced}"


class MachineReasonCount(models.Model):
    """How many events of a run one reason classified as a machine's."""

    run = models.ForeignKey(
        "newsletters.SendRun", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    reason = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "kind", "reason"], name="machinereason_unique"
            )
        ]

    def __str__(self):
        return f"{self.reason}: {self.count}"


class TrackingFlush(models.Model):
    """A buffer batch that was written to the database."""

    batch = models.CharField(max_length=40, unique=True)
    hits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.batch
