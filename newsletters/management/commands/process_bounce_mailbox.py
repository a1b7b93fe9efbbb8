from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsletters.bounces import process_mailbox


class Command(BaseCommand):
    help = (
        "Verwerkt bounceberichten (DSN) en klachten (ARF): uit een Maildir-map, een "
        "mbox-bestand of een IMAP-map (imaps://gebruiker:wachtwoord@host/INBOX). "
        "Zonder argument: de instelling NEWSLETTER_BOUNCE_MAILBOX_URL. Berichten die "
        "niet te lezen of niet te koppelen zijn, blijven in de mailbox staan."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", nargs="?", help="Maildir, mbox of IMAP-URL")
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Verwerkte berichten verwijderen in plaats van als gelezen markeren.",
        )

    def handle(self, *args, location=None, delete=False, **options):
        location = location or getattr(settings, "NEWSLETTER_BOUNCE_MAILBOX_URL", "")
        if not location:
            raise CommandError(
                "Geef een Maildir, mbox of IMAP-URL op, of stel "
                "NEWSLETTER_BOUNCE_MAILBOX_URL in."
            )
        try:
            result = process_mailbox(location, delete=delete)
        except FileNotFoundError:
            raise CommandError(f"Niet gevonden: {location}") from None
        except OSError as error:
            raise CommandError(f"Mailbox niet bereikbaar: {error}") from None
        self.stdout.write(f"Bouncemails: {result}")
