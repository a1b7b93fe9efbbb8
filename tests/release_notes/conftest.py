"""Fixtures for the release-notes tests: a recording notification sender."""

import pytest

from release_notes import notifications


class RecordingSender:
    def __init__(self):
        self.sent: list[tuple[str, str, dict]] = []

    def __call__(self, list_key, subject, body_context):
        self.sent.append((list_key, subject, body_context))

    def for_list(self, list_key):
        return [entry for entry in self.sent if entry[0] == list_key]


@pytest.fixture(autouse=True)
def sent_notifications(settings):
    """Every notification the app decides, in order; nothing leaves the test."""
    settings.RELEASE_NOTES_NOTIFICATION_SENDER = ""
    sender = RecordingSender()
    notifications.register_sender(sender)
    yield sender
    notifications.register_sender(None)
