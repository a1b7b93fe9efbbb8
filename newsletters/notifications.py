"""The notifications API: a short message to every deliverable subscriber of a list,
through the same pipeline as issues (frozen audience, claims, chunks, rate limit).

    send_notification(list_slug, subject, body_text, body_html=None, dedup_key=None)

Release notes and known bugs call it (from a worker, after their commit). The same
``dedup_key`` on the same list within ``NEWSLETTER_NOTIFICATION_DEDUP_SECONDS``
(default ten minutes) sends once. ``release_notes_sender`` adapts the release-notes
app's pluggable sender signature to this function.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletters.models import IssueStatus, NewsletterList, SendRun

logger = logging.getLogger(__name__)

DEFAULT_DEDUP_SECONDS = 600


def dedup_window() -> timedelta:
    return timedelta(
        seconds=int(
            getattr(settings, "NEWSLETTER_NOTIFICATION_DEDUP_SECONDS",
                    DEFAULT_DEDUP_SECONDS)
        )
    )  # fmt: skip


def send_notification(
    list_slug: str,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    dedup_key: str | None = None,
) -> SendRun | None:
    """Send a notification to a list's deliverable subscribers.

    Returns the run (an earlier one when ``dedup_key`` was used within the window),
    or None when the list does not exist. The sending itself happens in workers,
    after the current transaction commits; ``body_html`` is sanitised, and without
    it the e-mail is made from ``body_text``.
    """
    from newsletters.tasks import freeze_audience_task

    with transaction.atomic():
        # Locking the list serialises concurrent calls with the same key.
        newsletter = (
            NewsletterList.objects.select_for_update().filter(slug=list_slug).first()
        )
        if newsletter is None:
            logger.warning("notification for unknown list %s: %s", list_slug, subject)
            return None
        key = f"{list_slug}:{dedup_key}"[:200] if dedup_key else ""
        if key:
            earlier = SendRun.objects.filter(
                dedup_key=key, created_at__gte=timezone.now() - dedup_window()
            ).first()
            if earlier is not None:
                return earlier
        now = timezone.now()
        run = SendRun.objects.create(
            kind=SendRun.Kind.NOTIFICATION,
            newsletter=newsletter,
            subject=subject[:200],
            body_text=body_text,
            body_html=body_html or "",
            dedup_key=key,
            status=IssueStatus.SENDING,
            started_at=now,
            last_activity_at=now,
        )
        transaction.on_commit(lambda: freeze_audience_task.delay(run.pk))
    return run


def _release_notes_text(context: dict[str, Any]) -> str:
    kind = context.get("kind", "")
    lines: list[str] = []
    if kind == "release_note_public":
        lines.append(
            _("De release notes van %(service)s %(version)s staan online.")
            % {
                "service": context.get("service_name", ""),
                "version": context.get("version", ""),
            }  # fmt: skip
        )
        if context.get("summary"):
            lines.append(context["summary"])
    elif kind.startswith("known_bug"):
        lines.append(context.get("title", ""))
        if context.get("status_label"):
            lines.append(_("Status: %(status)s") % {"status": context["status_label"]})
        if context.get("fixed_in"):
            lines.append(
                _("Opgelost in: %(release)s") % {"release": context["fixed_in"]}
            )
    elif kind.startswith("banner"):
        lines.append(context.get("message", ""))
    url = context.get("url") or context.get("link")
    if url:
        lines.append(_("Meer informatie: %(url)s") % {"url": url})
    return "\n\n".join(line for line in lines if line)


def release_notes_sender(list_key: str, subject: str, body_context: dict) -> None:
    """The release-notes app's sender (``RELEASE_NOTES_NOTIFICATION_SENDER``)."""
    kind = body_context.get("kind", "")
    ids = [str(body_context.get(name, "")) for name in
           ("release_note_id", "known_bug_id", "banner_id", "status")]  # fmt: skip
    send_notification(
        list_key,
        subject,
        _release_notes_text(body_context),
        dedup_key=":".join([kind, *ids]),
    )
