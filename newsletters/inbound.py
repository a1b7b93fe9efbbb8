"""Unsubscribe mails: messages sent to the ``mailto:`` of List-Unsubscribe.

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


def process_maildir(path: Path, delete: bool = False) -> InboundResult:
    """Process the unread messages of a Maildir and mark them read (or delete)."""
    result = InboundResult()
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in list(box.keys()):
        message = box[key]
        if "S" in message.get_flags():
            continue
        parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
        process_message(parsed, result)
        if delete:
            box.remove(key)
        else:
            message.set_subdir("cur")
            message.add_flag("S")
            box[key] = message
    return result


def process_mbox(path: Path, delete: bool = False) -> InboundResult:
    """Process every message of an mbox file (optionally emptying it)."""
    result = InboundResult()
    box = mailbox.mbox(path, create=False)
    box.lock()
    try:
        for key in list(box.keys()):
            parsed = email.message_from_bytes(box.get_bytes(key), policy=policy.default)
            process_message(parsed, result)
            if delete:
                box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return result


def process_imap(url: str, delete: bool = False) -> InboundResult:
    """Process the unseen messages of an IMAP folder: ``imaps://user:pw@host/INBOX``."""
    parts = urlsplit(url)
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    if parts.scheme == "imaps":
        client = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, timeout=60)
    else:
        client = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=60)
        if "starttls=1" in parts.query:
            client.starttls()
    result = InboundResult()
    try:
        client.login(unquote(parts.username or ""), unquote(parts.password or ""))
        client.select(folder)
        _status, data = client.uid("search", None, "UNSEEN")
        for uid in data[0].split():
            _status, fetched = client.uid("fetch", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), b"")
            process_message(
                email.message_from_bytes(raw, policy=policy.default), result
            )
            client.uid("store", uid, "+FLAGS", r"(\Seen)")
            if delete:
                client.uid("store", uid, "+FLAGS", r"(\Deleted)")
        if delete:
            client.expunge()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return result


def process_location(location: str, delete: bool = False) -> InboundResult:
    """A Maildir folder, an mbox file or an ``imap(s)://`` URL."""
    if location.startswith(("imap://", "imaps://")):
        return process_imap(location, delete)
    path = Path(location.removeprefix("maildir:").removeprefix("mbox:"))
    if path.is_dir():
        return process_maildir(path, delete)
    if path.is_file():
        return process_mbox(path, delete)
    raise FileNotFoundError(location)
