import mailbox
from email.message import EmailMessage

from django.core.management import call_command

from newsletters.headers import list_unsubscribe_headers
from newsletters.models import Subscription
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory


def unsubscribe_mail(to: str, subject: str = "") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "an@example.org"
    message["To"] = to
    message["Subject"] = subject
    message.set_content("Dit bericht werd verstuurd om af te melden.")
    return message


def test_mails_to_the_unsubscribe_address_unsubscribe_that_list_only(
    tmp_path, lists, capsys
):
    subscriber = SubscriberFactory()
    wise = SubscriptionFactory(subscriber=subscriber, newsletter=lists["wise"])
    gopress = SubscriptionFactory(subscriber=subscriber, newsletter=lists["gopress"])
    mailto = list_unsubscribe_headers(wise)["List-Unsubscribe"].split("<mailto:")[1]
    address, _, query = mailto.rstrip(">").partition("?")
    other = list_unsubscribe_headers(gopress)["List-Unsubscribe"]
    gopress_subject = other.split("subject=")[1].rstrip(">").replace("%20", " ")
    box = mailbox.Maildir(tmp_path / "afmelden", create=True)
    box.add(unsubscribe_mail(address))  # token in the address
    box.add(unsubscribe_mail("afmelden@example.org", "afmelden deadbeef-1-" + "0" * 24))
    box.add(unsubscribe_mail("afmelden@example.org", "Graag geen mails meer"))

    call_command("process_unsubscribe_mailbox", str(tmp_path / "afmelden"))

    assert "3 gelezen, 1 afgemeld, 0 stonden al af, 2 onherkenbaar" in (
        capsys.readouterr().out
    )
    wise.refresh_from_db()
    gopress.refresh_from_db()
    assert wise.status == Subscription.Status.UNSUBSCRIBED
    assert wise.unsubscribe_channel == Subscription.Channel.MAILTO
    assert gopress.status == Subscription.Status.CONFIRMED

    # Read messages are not read again; a new one with the token in the subject is.
    box.add(unsubscribe_mail("afmelden@example.org", gopress_subject))
    call_command("process_unsubscribe_mailbox", str(tmp_path / "afmelden"))
    assert "1 gelezen, 1 afgemeld" in capsys.readouterr().out
    gopress.refresh_from_db()
    assert gopress.status == Subscription.Status.UNSUBSCRIBED


def test_an_mbox_file_is_read_as_well(tmp_path, lists, capsys):
    wise = SubscriptionFactory(newsletter=lists["wise"])
    mailto = list_unsubscribe_headers(wise)["List-Unsubscribe"].split("<mailto:")[1]
    box = mailbox.mbox(tmp_path / "afmelden.mbox")
    box.add(unsubscribe_mail(mailto.partition("?")[0]))
    box.flush()

    call_command("process_unsubscribe_mailbox", str(tmp_path / "afmelden.mbox"))

    wise.refresh_from_db()
    assert wise.status == Subscription.Status.UNSUBSCRIBED
    assert "1 afgemeld" in capsys.readouterr().out
