"""What the mailbox-reading commands share: where the mailbox is, and plain errors."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class MailboxCommand(BaseCommand):
    """Reads a Maildir, mbox file or IMAP folder given as argument, else the one in
    ``setting_name``; subclasses say what to do with it in ``process``."""

    setting_name = ""
    label = ""

    def add_arguments(self, parser):
        parser.add_argument("location", nargs="?", help="Maildir, mbox of IMAP-URL")
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Verwerkte berichten verwijderen in plaats van als gelezen markeren.",
        )

    def process(self, location: str, delete: bool):
        raise NotImplementedError

    def handle(self, *args, location=None, delete=False, **options):
        location = (
            location
            or getattr(settings, self.setting_name, "")
            or os.environ.get(self.setting_name, "")
        )
        if not location:
            raise CommandError(
                "Geef een Maildir, mbox of IMAP-URL op, of stel "
                f"{self.setting_name} in."
            )
        try:
            result = self.process(location, delete)
        except FileNotFoundError:
            raise CommandError(f"Niet gevonden: {location}") from None
        except OSError as error:
            raise CommandError(f"Mailbox niet bereikbaar: {error}") from None
        self.stdout.write(f"{self.label}: {result}")
