"""When subscribers hear about releases, bugs and outages, and through which hook.

This module only decides: a release note went public, a high-impact bug was
published or changed status, a red banner started or ended. Each decision is
claimed once (or once per window) in ``NotificationClaim``, then handed after the
commit to a Celery task that calls the sender. The sender is pluggable, so this app
never imports the newsletter app that does the sending:

    send_notification(list_key: str, subject: str, body_context: dict) -> None

It is looked up from ``settings.RELEASE_NOTES_NOTIFICATION_SENDER`` (a dotted
path), else from ``register_sender()``; with neither, notifications are logged
only. ``body_context`` holds JSON-safe values only (it crosses the broker).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from release_notes.models import Banner, KnownBug, NotificationClaim

logger = logging.getLogger(__name__)

Sender = Callable[[str, str, dict[str, Any]], None]

OUTAGE_LIST_KEY = "storingen-en-kritieke-bugs"
# An editor who fixes a typo right after changing a bug's status must not cause a
# second e-mail to 184 libraries; the next change after the window is announced.
BUG_WINDOW = datetime.timedelta(minutes=10)
# Banners that started or ended longer ago than this are history, not news.
BANNER_LOOKBACK = datetime.timedelta(hours=6)

_registered_sender: Sender | None = None
_muted: ContextVar[bool] = ContextVar("release_notes_muted", default=False)


def release_list_key(service) -> str:
    """The list of a product's release notes, e.g. 'release-notes-wise'."""
    return f"release-notes-{service.slug}"


def register_sender(sender: Sender | None) -> None:
    """Plug in the function that really sends (None unplugs it)."""
    global _registered_sender
    _registered_sender = sender


def get_sender() -> Sender:
    """The configured sender, the registered one, or one that only logs."""
    dotted_path = getattr(settings, "RELEASE_NOTES_NOTIFICATION_SENDER", "")
    if dotted_path:
        return import_string(dotted_path)
    return _registered_sender or log_only


def log_only(list_key: str, subject: str, body_context: dict[str, Any]) -> None:
    """The sender while none is plugged in: the decision is logged, nothing is sent."""
    logger.info("Notification for %s (no sender registered): %s", list_key, subject)


@contextmanager
def muted() -> Iterator[None]:
    """Decide and claim as usual, but send nothing: for imports and demo content.

    Loading three years of history must not e-mail every library about it.
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def claim(
    key: str,
    window: datetime.timedelta | None,
    now: datetime.datetime | None = None,
) -> bool:
    """Whether the notification named ``key`` may go out now.

    Without a window a key is claimed once, ever; with one, again only after the
    window has passed since the last claim. Safe against concurrent callers.
    """
    now = now or timezone.now()
    if window is not None:
        renewed = NotificationClaim.objects.filter(
            key=key, claimed_at__lte=now - window
        ).update(claimed_at=now, times=F("times") + 1)
        if renewed:
            return True
    try:
        with transaction.atomic():
            NotificationClaim.objects.create(key=key, claimed_at=now)
    except IntegrityError:
        return False
    return True


def release_note_went_public(note) -> bool:
    """Tell the product's release list, once ever, that a release note is public."""
    if not claim(f"release-note-public:{note.pk}", window=None):
        return False
    service = note.service
    _enqueue(
        release_list_key(service),
        _("Release notes %(note)s") % {"note": note},
        {
            "kind": "release_note_public",
            "release_note_id": note.pk,
            "service": service.slug,
            "service_name": service.name,
            "version": note.version,
            "production_date": note.production_date.isoformat(),
            "summary": note.summary,
            "url": _absolute(note.get_absolute_url()),
        },
    )
    return True


def known_bug_published(bug, now: datetime.datetime | None = None) -> bool:
    """Tell the outage list when a high-impact bug is new or changed status.

    At most one notification per bug per ``BUG_WINDOW``; a change made inside the
    window is announced with the next change after it.
    """
    if not bug.live or not bug.is_high_impact or bug.status == bug.announced_status:
        return False
    if not bug.announced_status and not bug.is_open:
        # A bug first published when it is already solved is history, not news.
        KnownBug.objects.filter(pk=bug.pk).update(announced_status=bug.status)
        return False
    if not claim(f"known-bug:{bug.pk}", window=BUG_WINDOW, now=now):
        return False
    is_new = not bug.announced_status
    KnownBug.objects.filter(pk=bug.pk).update(announced_status=bug.status)
    bug.announced_status = bug.status
    values = {"service": bug.service.name, "title": bug.title}
    if is_new:
        subject = _("Nieuwe gekende bug in %(service)s: %(title)s") % values
    else:
        values["status"] = bug.get_status_display().lower()
        subject = _("Gekende bug in %(service)s – %(status)s: %(title)s") % values
    _enqueue(
        OUTAGE_LIST_KEY,
        subject,
        {
            "kind": "known_bug_new" if is_new else "known_bug_status",
            "known_bug_id": bug.pk,
            "service": bug.service.slug,
            "service_name": bug.service.name,
            "title": bug.title,
            "status": bug.status,
            "status_label": str(bug.get_status_display()),
            "fixed_in": str(bug.fixed_in) if bug.fixed_in_id else "",
            "url": _absolute(bug.get_absolute_url()),
        },
    )
    return True


def announce_outage_banners(now: datetime.datetime | None = None) -> int:
    """Tell the outage list when a red banner starts and when it ends, once each.

    Run every minute by the schedule; banners are timed, so no save marks the moment.
    """
    now = now or timezone.now()
    since = now - BANNER_LOOKBACK
    sent = 0
    outages = Banner.objects.outages().select_related("service")
    for banner in outages.filter(starts_at__lte=now, starts_at__gt=since).not_ended(
        now
    ):
        if claim(f"banner-start:{banner.pk}", window=None, now=now):
            _enqueue(OUTAGE_LIST_KEY, _banner_subject(banner, started=True),
                     _banner_context(banner, "banner_started"))  # fmt: skip
            sent += 1
    for banner in outages.filter(ends_at__lte=now, ends_at__gt=since):
        # Only an outage subscribers heard start is worth an all-clear.
        started = NotificationClaim.objects.filter(key=f"banner-start:{banner.pk}")
        if started.exists() and claim(f"banner-end:{banner.pk}", window=None, now=now):
            _enqueue(OUTAGE_LIST_KEY, _banner_subject(banner, started=False),
                     _banner_context(banner, "banner_ended"))  # fmt: skip
            sent += 1
    return sent


def _banner_subject(banner, started: bool) -> str:
    name = banner.service.name if banner.service_id else _("het Leerplatform")
    if started:
        return _("Storing: %(name)s") % {"name": name}
    return _("Opgelost: storing %(name)s") % {"name": name}


def _banner_context(banner, kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "banner_id": banner.pk,
        "service": banner.service.slug if banner.service_id else "",
        "service_name": banner.service.name if banner.service_id else "",
        "message": banner.message,
        "link": banner.link_url,
        "starts_at": banner.starts_at.isoformat(),
        "ends_at": banner.ends_at.isoformat() if banner.ends_at else "",
    }


def _absolute(path: str) -> str:
    return f"{settings.SITE_BASE_URL}{path}"


def _enqueue(list_key: str, subject: str, body_context: dict[str, Any]) -> None:
    # After the commit and in a worker: never from the web request, and never for
    # a change that was rolled back.
    from release_notes.tasks import deliver_notification

    if _muted.get():
        logger.debug("Notification for %s muted: %s", list_key, subject)
        return
    transaction.on_commit(
        lambda: deliver_notification.delay(list_key, subject, body_context)
    )
