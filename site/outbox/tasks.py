import logging

from celery import shared_task

from django.conf import settings

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


@shared_task
def purge_outbox(days: int | None = None) -> int:
    """Delete outbox messages past the retention period; returns how many."""
    days = settings.OUTBOX_RETENTION_DAYS if days is None else days
    deleted, _ = OutboxMessage.objects.older_than(days).delete()
    if deleted:
        logger.info(
            "Uitgaande post: %d berichten ouder dan %d dagen verwijderd", deleted, days
        )
    return deleted
