"""One mail connection per chunk, and the SMTP conversation split into its phases.

Over SMTP the row is marked *sending* once the server accepted the recipient, while
DATA and the message content go out, and the final dot only follows when the mark
is confirmed: a recipient refused at RCPT never counts as handed over, and a worker
that dies before the mark leaves a row that is safely sent again (the server
discards an unfinished message). Other backends (the outbox, an ESP through
anymail) send in one step, after the row is marked *sending*; an ESP's refusal of
the recipient counts as a 5xx, its other 4xx answers as permanent errors, and 5xx,
429 and network errors as temporary ones.

``NEWSLETTER_EMAIL_BACKEND`` chooses the backend (default: ``EMAIL_BACKEND``).
With ``NEWSLETTER_DKIM_PRIVATE_KEY`` set, messages sent over SMTP are DKIM-signed
here, over their final bytes; an ESP signs with its own keys.
"""

from __future__ import annotations

import contextlib
import functools
import re
import smtplib
import socket
from collections.abc import Callable
from pathlib import Path

import dkim
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import EmailMessage, sanitize_address

from newsletters.addresses import is_plain_address
from newsletters.claims import Handover


class NotSent(Exception):
    """The row may not be sent after all (the run was paused or cancelled)."""


class TemporaryFailure(Exception):
    """A 4xx answer for one recipient: try again later; the connection is fine."""

    def __init__(self, code: int, answer: str):
        super().__init__(f"{code} {answer}")
        self.code = code


class PermanentFailure(Exception):
    """A 5xx answer for one recipient: record it, never retry."""

    def __init__(self, code: int, answer: str, bounced: bool):
        super().__init__(f"{code} {answer}")
        self.code = code
        self.bounced = bounced


# Errors that mean the connection is gone: the chunk stops and is retried on a
# fresh connection.
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError,
                     OSError)  # fmt: skip


def _answer(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return " ".join(text.split())


def _check(code: int, message, accepted: tuple[int, ...], bounced=False) -> None:
    if code in accepted:
        return
    if 400 <= code < 500:
        raise TemporaryFailure(code, _answer(code, message))
    if code == -1:
        raise smtplib.SMTPServerDisconnected(_answer(code, message))
    raise PermanentFailure(code, _answer(code, message), bounced=bounced)


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA content (RFC 5321 4.5.2), without the final dot."""
    # Our messages are CRLF throughout and base64 lines never start with a dot:
    # two scans at C speed usually show there is nothing to rewrite.
    if data.count(b"\n") != data.count(b"\r\n"):
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if data.startswith(b".") or b"\n." in data:
        data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


@functools.lru_cache(maxsize=256)
def _envelope_address(address: str) -> str:
    # Plain ASCII addresses (nearly all) go as they are; Django's sanitising parses
    # the header grammar, a millisecond per message for nothing. The sender is the
    # same for a whole run: remembered.
    if is_plain_address(address):
        return address
    return sanitize_address(address, settings.DEFAULT_CHARSET)


def _reset(smtp: smtplib.SMTP) -> None:
    # RSET after a refusal keeps the connection usable for the next recipient; if
    # the server is gone, the next command says so.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.rset()


def _send_through_api(backend, message: EmailMessage) -> None:
    try:
        backend.send_messages([message])
    except AnymailRecipientsRefused as error:
        raise PermanentFailure(550, str(error), bounced=True) from error
    except AnymailAPIError as error:
        code = getattr(error, "status_code", None) or 0
        if 400 <= code < 500 and code != 429:
            raise PermanentFailure(code, str(error), bounced=False) from error
        raise TemporaryFailure(code or 451, str(error)) from error


# Signed when present, and their absence signed when not, so nobody can add them
# later: RFC 8058 asks for List-Unsubscribe and List-Unsubscribe-Post in particular.
DKIM_HEADERS = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"Reply-To",
                b"MIME-Version", b"Content-Type", b"List-Id", b"List-Unsubscribe",
                b"List-Unsubscribe-Post"]  # fmt: skip


class DkimSigner:
    """Signs final message bytes with ``NEWSLETTER_DKIM_PRIVATE_KEY`` (a PEM RSA
    key, or the path to one) as ``NEWSLETTER_DKIM_SELECTOR`` of
    ``NEWSLETTER_DKIM_DOMAIN``. ``configured()`` is None when DKIM is off."""

    def __init__(self, private_key: bytes, selector: str, domain: str):
        self.private_key = private_key
        self.selector = selector.encode("ascii")
        self.domain = domain.encode("ascii")

    @classmethod
    def configured(cls) -> DkimSigner | None:
        key = getattr(settings, "NEWSLETTER_DKIM_PRIVATE_KEY", "")
        if not key:
            return None
        if "-----BEGIN" not in key:
            key = Path(key).read_text()
        return cls(
            key.encode("ascii"),
            settings.NEWSLETTER_DKIM_SELECTOR,
            settings.NEWSLETTER_DKIM_DOMAIN,
        )

    def sign(self, data: bytes) -> bytes:
        """``data`` with a DKIM-Signature header in front."""
        signature = dkim.sign(
            data, self.selector, self.domain, self.private_key,
            canonicalize=(b"relaxed", b"relaxed"), include_headers=DKIM_HEADERS,
        )  # fmt: skip
        return signature + data


class Transport:
    """Sends messages over one open connection of the configured e-mail backend."""

    def __init__(self, backend=None):
        self.backend = backend or get_connection(
            getattr(settings, "NEWSLETTER_EMAIL_BACKEND", "") or None,
            fail_silently=False,
        )
        self.smtp = isinstance(self.backend, SMTPBackend)

    def __enter__(self) -> Transport:
        self.backend.open()
        if self.smtp and self.backend.connection is not None:
            # The final dot goes out as a write of its own; without this, Nagle's
            # algorithm holds it until the server's delayed ACK of the content.
            sock = self.backend.connection.sock
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self

    def __exit__(self, *exc_info) -> None:
        # A broken connection may fail to close; it is gone either way.
        with contextlib.suppress(Exception):
            self.backend.close()

    @functools.cached_property
    def dkim(self) -> DkimSigner | None:
        return DkimSigner.configured()

    @property
    def takes_bytes(self) -> bool:
        """Over SMTP the caller may hand over ready bytes instead of a message."""
        return self.smtp

    def prepared(self, data: bytes) -> bytes:
        """Message bytes as they go out over SMTP: DKIM-signed when that is on.
        The bytes that go out are the bytes signed: nothing re-encodes them."""
        return self.dkim.sign(data) if self.dkim is not None else data

    def send(
        self,
        from_email: str,
        to_email: str,
        handover: Handover,
        *,
        message: EmailMessage | None = None,
        data: bytes | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        """Send one message (``message``, or over SMTP its bytes ``data``, made
        by ``prepared``). The row's ``handover`` mark is begun once the server
        accepted the recipient and must be confirmed before the message is handed
        over: over SMTP that is before the final dot. ``meanwhile`` is called
        while the server reads the message content: work for the next message,
        which must not raise."""
        if not self.smtp:
            handover.begin()
            if not handover.confirmed():
                raise NotSent()
            _send_through_api(self.backend, message)
            return
        smtp = self.backend.connection
        if smtp is None:
            raise smtplib.SMTPServerDisconnected("not connected")
        sender, recipient = _envelope_address(from_email), _envelope_address(to_email)
        if data is None:
            data = self.prepared(message.message().as_bytes(linesep="\r\n"))
        smtp.ehlo_or_helo_if_needed()
        code, answer = smtp.mail(sender)
        _check(code, answer, (250,))
        code, answer = smtp.rcpt(recipient)
        if code not in (250, 251):
            _reset(smtp)
            _check(code, answer, (250, 251), bounced=True)
        # The mark travels to the database while DATA and the content travel to
        # the mail server; it is waited for right before the final dot. Until
        # that dot the server discards the message if we die, so a row marked
        # *sending* is one whose message was (almost) handed over.
        handover.begin()
        try:
            smtp.putcmd("data")
            code, answer = smtp.getreply()
            if code != 354:
                _reset(smtp)
                _check(code, answer, (354,))
            smtp.send(_dot_stuffed(data))
            if meanwhile is not None:
                # The server is busy with the content now; the dot waits a little.
                meanwhile()
        except BaseException:
            handover.settle()
            raise
        if not handover.confirmed():
            # No way to take back a started DATA: drop the connection instead,
            # and the server drops the unfinished message.
            self.backend.close()
            raise NotSent()
        smtp.send(b".\r\n")
        code, answer = smtp.getreply()
        if code != 250:
            _check(code, answer, (250,))
