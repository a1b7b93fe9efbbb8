"""Release notes, known bugs, banners and the notification claims, one module each."""

from release_notes.models.banners import Banner
from release_notes.models.known_bugs import KnownBug
from release_notes.models.notification_claims import NotificationClaim
from release_notes.models.release_notes import ReleaseNote, ReleaseNoteItem

__all__ = ["Banner", "KnownBug", "NotificationClaim", "ReleaseNote", "ReleaseNoteItem"]
