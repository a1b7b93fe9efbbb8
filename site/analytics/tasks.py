from celery import shared_task

from analytics import counting, flushing


@shared_task
def flush_page_views() -> None:
    """Scheduled by beat every minute: buffered hits into the daily aggregates."""
    if not counting.counting_available():
        return
    flushing.flush_buffer()
    flushing.close_finished_days()
