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


__all__ = ["Notice", "queue_notice", "send_notice_task"]
