"""Celery tasks: thin wrappers that call the workflow modules."""

from typing import Any

from celery import shared_task

from release_notes import notifications, publishing


@shared_task
def run_schedule() -> dict[str, int]:
    """Every minute from beat: release notes due today go public, outages are told."""
    return {
        "made_public": publishing.publish_due_releases(),
        "banner_notifications": notifications.announce_outage_banners(),
    }


@shared_task
def deliver_notification(
    list_key: str, subject: str, body_context: dict[str, Any]
) -> None:
    """Hand a decided notification to the sender, in a worker."""
    notifications.get_sender()(list_key, subject, body_context)
