from newsletters.inbound import process_location
from newsletters.management.mailbox_command import MailboxCommand


class Command(MailboxCommand):
    help = (
        "Verwerkt afmeldmails (de mailto: van List-Unsubscribe): uit een "
        "Maildir-map, een mbox-bestand of een IMAP-map "
        "(imaps://gebruiker:wachtwoord@host/INBOX). Zonder argument: de instelling "
        "NEWSLETTER_UNSUBSCRIBE_MAILBOX_URL."
    )
    setting_name = "NEWSLETTER_UNSUBSCRIBE_MAILBOX_URL"
    label = "Afmeldmails"

    def process(self, location, delete):
        return process_location(location, delete=delete)
