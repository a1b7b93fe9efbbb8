"""Inbound mail: the one mailbox reader (Maildir, mbox, IMAP) and the unsubscribe
mails sent to the ``mailto:`` of List-Unsubscribe (bounce messages: ``bounces``).

The token is looked for in the recipient address (``afmelden+<token>@…``) and in
the subject, because some mail programs keep only one of the two. Reading a message
twice is harmless: unsubscribing someone who is already off the list changes
nothing.
"""

from __future__ import annotations

import contextlib
import email
import imaplib
import logging
import mailbox
import re
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsletters.models import NewsletterList, Subscriber, Subscription
from newsletters.preferences import unsubscribe, unsubscribe_from_all
from newsletters.tokens import ALL_LISTS, TokenInvalid, read_mailbox_token

logger = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"\b([0-9a-f]{1,16}-[0-9a-f]{1,16}-[0-9a-f]{24})\b", re.I)
ADDRESS_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc")


@dataclass
class InboundResult:
    read: int = 0
    unsubscribed: int = 0
    already_off: int = 0
    unrecognised: int = 0

    def __str__(self) -> str:
        return (
            f"{self.read} gelezen, {self.unsubscribed} afgemeld, "
            f"{self.already_off} stonden al af, {self.unrecognised} onherkenbaar"
        )


def candidate_tokens(message: Message) -> list[str]:
    """Tokens found in the recipient headers and the subject, in that order."""
    texts = [
        str(value) for name in ADDRESS_HEADERS for value in message.get_all(name) or []
    ]
    texts.append(str(message.get("Subject", "")))
    found = []
    for text in texts:
        for match in TOKEN_PATTERN.findall(text):
            if match.lower() not in found:
                found.append(match.lower())
    return found


def process_message(message: Message, result: InboundResult) -> None:
    """Unsubscribe for the first valid token in one message."""
    result.read += 1
    for token in candidate_tokens(message):
        try:
            subscriber_id, newsletter_id = read_mailbox_token(token)
        except TokenInvalid:
            continue
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is not None and newsletter_id == ALL_LISTS:
            if unsubscribe_from_all(subscriber, Subscription.Channel.MAILTO):
                result.unsubscribed += 1
            else:
                result.already_off += 1
            return
        newsletter = NewsletterList.objects.filter(pk=newsletter_id).first()
        if subscriber is None or newsletter is None:
            continue
        if unsubscribe(subscriber, newsletter, Subscription.Channel.MAILTO):
            result.unsubscribed += 1
        else:
            result.already_off += 1
        return
    result.unrecognised += 1
    logger.info("Afmeldmail zonder geldige code: %s", message.get("Message-ID", "?"))


# -- Reading a mailbox ---------------------------------------------------------------
#
# One reader for every inbound mailbox (unsubscribe mails, bounce messages). A
# handler gets each new message and answers whether it is done with it: done ones
# are marked read (or deleted), the others stay where they are, untouched, for a
# person or a later run to look at. A message that cannot be parsed, or whose
# handler fails, stays too, with a log line that names it.

MessageHandler = Callable[[Message], bool]


def _handled(handle: MessageHandler, raw: bytes, where: str) -> bool:
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        return bool(handle(message))
    except Exception:
        logger.exception(
            "Bericht %s kon niet verwerkt worden; het blijft in de mailbox.", where
        )
        return False


def read_maildir(path: Path, handle: MessageHandler, delete: bool = False) -> None:
    """Hand every unread message of a Maildir to ``handle``; mark the handled ones
    read (or delete them)."""
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in list(box.keys()):
        message = box[key]
        if "S" in message.get_flags():
            continue
        if not _handled(handle, message.as_bytes(), f"{path}/{key}"):
            continue
        if delete:
            box.remove(key)
        else:
            message.set_subdir("cur")
            message.add_flag("S")
            box[key] = message


def read_mbox(path: Path, handle: MessageHandler, delete: bool = False) -> None:
    """Hand every message of an mbox file to ``handle`` (optionally removing the
    handled ones)."""
    box = mailbox.mbox(path, create=False)
    box.lock()
    try:
        for key in list(box.keys()):
            if _handled(handle, box.get_bytes(key), f"{path}#{key}") and delete:
                box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()


def read_imap(url: str, handle: MessageHandler, delete: bool = False) -> None:
    """Hand the unseen messages of an IMAP folder (``imaps://user:pw@host/INBOX``)
    to ``handle``; only the handled ones are flagged seen (or deleted)."""
    parts = urlsplit(url)
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    if parts.scheme == "imaps":
        client = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, timeout=60)
    else:
        client = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=60)
        if "starttls=1" in parts.query:
            client.starttls()
    try:
        client.login(unquote(parts.username or ""), unquote(parts.password or ""))
        client.select(folder)
        _status, data = client.uid("search", None, "UNSEEN")
        deleted = False
        for uid in data[0].split():
            _status, fetched = client.uid("fetch", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), b"")
            if not _handled(handle, raw, f"{folder} uid {uid.decode()}"):
                continue
            client.uid("store", uid, "+FLAGS", r"(\Seen)")
            if delete:
                client.uid("store", uid, "+FLAGS", r"(\Deleted)")
                deleted = True
        if deleted:
            client.expunge()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def read_location(location: str, handle: MessageHandler, delete: bool = False):
    """A Maildir folder, an mbox file or an ``imap(s)://`` URL."""
    if location.startswith(("imap://", "imaps://")):
        return read_imap(location, handle, delete)
    path = Path(location.removeprefix("maildir:").removeprefix("mbox:"))
    if path.is_dir():
        return read_maildir(path, handle, delete)
    if path.is_file():
        return read_mbox(path, handle, delete)
    raise FileNotFoundError(location)


def process_location(location: str, delete: bool = False) -> InboundResult:
    """Unsubscribe for the unsubscribe mails in a mailbox (every one is read once:
    an unrecognised mail is not worth keeping)."""
    result = InboundResult()

    def handle(message: Message) -> bool:
        process_message(message, result)
        return True

    read_location(location, handle, delete)
    return result
