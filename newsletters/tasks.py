"""Celery tasks of the subscriber side: thin, taking ids, calling ``notices``."""

from __future__ import annotations

import smtplib

from celery import shared_task

from django.db import transaction

from newsletters.notices import Notice, send_notice


@shared_task(
    autoretry_for=(smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_notice_task(notice: str, subscriber_id: int, **options) -> bool:
    """Send one service mail (confirmation, link, privacy notice) to a subscriber."""
    return send_notice(Notice(notice), subscriber_id, **options)


def queue_notice(notice: Notice, subscriber_id: int, **options) -> None:
    """Send a notice once the current transaction has committed (never before the
    rows it is about are visible to the worker)."""
    transaction.on_commit(
        lambda: send_notice_task.delay(notice.value, subscriber_id, **options)
    )


# -- Sending issues: each task takes ids and calls ``newsletters.sending`` ----------


@shared_task
def freeze_audience_task(run_id: int) -> int:
    """Freeze a run's audience into delivery rows, then start its chunks."""
    from newsletters import sending

    return sending.freeze_audience(run_id)


@shared_task(bind=True, max_retries=10)
def send_chunk_task(self, run_id: int) -> dict:
    """Send one chunk of a run over one connection, then hand over to the next."""
    from newsletters import sending

    try:
        result = sending.send_chunk(run_id, worker=self.request.hostname or "")
    except sending.ConnectionLost as error:
        # A fresh connection after a pause that grows with each failure.
        raise self.retry(countdown=min(600, 5 * 2**self.request.retries)) from error
    delay = sending.next_step(run_id)
    if delay is not None:
        send_chunk_task.apply_async((run_id,), countdown=delay or None)
    return {"sent": result.sent, "failed": result.failed, "deferred": result.deferred}


@shared_task
def sweep_sending_task(stale_after_seconds: int | None = None) -> dict:
    """Every minute: start scheduled runs, recover rows of dead workers, restart
    silent runs and finish completed ones."""
    from datetime import timedelta

    from newsletters import sending

    stale_after = (
        timedelta(seconds=stale_after_seconds)
        if stale_after_seconds is not None
        else None
    )
    return sending.sweep(stale_after)


@shared_task
def preference_review_task() -> int | None:
    """Every hour: start this year's preference review once its day has come."""
    from newsletters import review

    run = review.start_review_if_due()
    return run.pk if run else None


@shared_task
def process_bounce_mailbox_task() -> str:
    """Every ten minutes: read bounce messages and complaints from
    ``NEWSLETTER_BOUNCE_MAILBOX_URL`` (nothing to do when it is not set)."""
    from django.conf import settings

    from newsletters import bounces

    location = getattr(settings, "NEWSLETTER_BOUNCE_MAILBOX_URL", "")
    if not location:
        return ""
    return str(bounces.process_mailbox(location))


@shared_task
def send_test_task(issue_id: int, addresses: list[str], segment_id=None) -> int:
    """Send the latest version of an issue to a few test addresses."""
    from newsletters import sending
    from newsletters.models import NewsletterIssuePage, Segment

    page = NewsletterIssuePage.objects.get(pk=issue_id)
    issue = page.get_latest_revision_as_object()
    segment = Segment.objects.filter(pk=segment_id).first() if segment_id else None
    return sending.send_test(issue, addresses, segment)


@shared_task
def flush_tracking_task() -> dict:
    """Every ten seconds: buffered opens and clicks to events and counters."""
    from newsletters import buffering

    result = buffering.flush()
    return {"hits": result.hits, "applied": result.applied}


@shared_task
def refresh_delivery_tallies_task() -> int:
    """Every ten minutes: sent and bounced counts of the runs of the last weeks."""
    from newsletters import buffering

    return buffering.refresh_recent_tallies()


__all__ = [
    "flush_tracking_task",
    "refresh_delivery_tallies_task",
    "Notice",
    "freeze_audience_task",
    "preference_review_task",
    "process_bounce_mailbox_task",
    "queue_notice",
    "send_chunk_task",
    "send_notice_task",
    "send_test_task",
    "sweep_sending_task",
]
