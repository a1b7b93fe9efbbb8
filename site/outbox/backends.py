"""A Django e-mail backend that stores every message in the outbox table."""

from __future__ import annotations

from email import message_from_bytes, policy

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from outbox.models import OutboxMessage


def _html_alternative(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return content
    if getattr(message, "content_subtype", "plain") == "html":
        return message.body
    return ""


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        stored = []
        for message in email_messages:
            raw = message.message().as_bytes(linesep="\r\n")
            parsed = message_from_bytes(raw, policy=policy.default)
            html = _html_alternative(message)
            stored.append(
                OutboxMessage(
                    from_email=message.from_email,
                    recipients=", ".join(message.recipients()),
                    subject=str(parsed["Subject"] or ""),
                    text_body=message.body if not html or message.body != html else "",
                    html_body=html,
                    headers={key: str(value) for key, value in parsed.items()},
                    raw=raw,
                )
            )
        OutboxMessage.objects.bulk_create(stored)
        return len(stored)
