"""The service mails of the subscriber side: confirmation, links, privacy notices.

Each mail is rendered from ``newsletters/email/<kind>_subject.txt``, ``<kind>.txt``
and ``<kind>.html``; all links are absolute. These are one-to-one notices, not
newsletter issues, so they carry no List-Unsubscribe header.
"""

from __future__ import annotations

from email.utils import formataddr, parseaddr
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from newsletters import links
from newsletters.models import NewsletterList, Subscriber, Subscription


class Notice(StrEnum):
    CONFIRM = "confirm"
    ALREADY_SUBSCRIBED = "already_subscribed"
    PREFERENCES_LINK = "preferences_link"
    EXPORT_LINK = "export_link"
    ERASE_CONFIRM = "erase_confirm"


def default_sender() -> str:
    """The From of mails sent on behalf of no single list."""
    configured = getattr(settings, "NEWSLETTER_FROM_EMAIL", "")
    if configured:
        return configured
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr(("Nieuwsbrieven Leerplatform", address))


def _context(notice: Notice, subscriber: Subscriber, **options) -> dict:
    context = {
        "subscriber": subscriber,
        "site_base_url": settings.SITE_BASE_URL,
        "subscribe_url": links.subscribe_url(),
    }
    if notice == Notice.CONFIRM:
        newsletter_ids = options.get("newsletter_ids") or []
        context["newsletters"] = list(
            NewsletterList.objects.filter(pk__in=newsletter_ids)
        )
        context["confirm_url"] = links.confirm_url(
            subscriber.pk, newsletter_ids, options.get("werkveld", "")
        )
    elif notice == Notice.EXPORT_LINK:
        context["export_url"] = links.export_url(subscriber.pk)
    elif notice == Notice.ERASE_CONFIRM:
        context["erase_url"] = links.erase_url(subscriber.pk)
    if notice in (Notice.ALREADY_SUBSCRIBED, Notice.PREFERENCES_LINK, Notice.CONFIRM):
        context["preferences_url"] = links.preferences_url(subscriber.pk)
        context["subscribed"] = list(
            NewsletterList.objects.filter(
                subscriptions__subscriber=subscriber,
                subscriptions__status=Subscription.Status.CONFIRMED,
            )
        )
    return context


def build_notice(notice: Notice, subscriber: Subscriber, **options):
    """The message for one notice, ready to send (``None`` for an erased row)."""
    if not subscriber.email:
        return None
    template = f"newsletters/email/{notice.value}"
    # Notices go out from a worker, outside any request: Dutch, the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(notice, subscriber, **options)
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    sender, reply_to = default_sender(), []
    newsletters = context.get("newsletters") or []
    if len(newsletters) == 1:
        sender = newsletters[0].sender
        reply_to = [newsletters[0].reply_to] if newsletters[0].reply_to else []
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender,
        to=[subscriber.email],
        reply_to=reply_to,
        # RFC 3834: keeps out-of-office replies away from a mail nobody reads.
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_notice(notice: Notice, subscriber_id: int, **options) -> bool:
    """Render and send one notice; False when the subscriber is gone or erased."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    message = build_notice(Notice(notice), subscriber, **options)
    if message is None:
        return False
    message.send()
    return True
