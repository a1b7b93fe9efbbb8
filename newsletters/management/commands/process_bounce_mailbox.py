from newsletters.bounces import process_mailbox
from newsletters.management.mailbox_command import MailboxCommand


class Command(MailboxCommand):
    help = (
        "Verwerkt bounceberichten (DSN) en klachten (ARF): uit een Maildir-map, een "
        "mbox-bestand of een IMAP-map (imaps://gebruiker:wachtwoord@host/INBOX). "
        "Zonder argument: de instelling NEWSLETTER_BOUNCE_MAILBOX_URL. Berichten die "
        "niet te lezen of niet te koppelen zijn, blijven in de mailbox staan."
    )
    setting_name = "NEWSLETTER_BOUNCE_MAILBOX_URL"
    label = "Bouncemails"

    def process(self, location, delete):
        return process_mailbox(location, delete=delete)
