"""Rendering newsletter issues: MJML compiled once per edition, personalised per
recipient by string substitution.

An *edition* is an issue as one segment receives it. Compiling it renders the blocks'
MJML templates inside the house-style layout of ``themes/email/``, runs ``mjml`` once
and post-processes the HTML: every URL made absolute, every link not http(s), mailto
or tel dropped, and every http(s) link replaced by a numbered placeholder. The plain
text alternative is built from the same blocks with the same placeholders.

Per recipient only placeholders are substituted (one regular-expression pass over
each part): the preference and unsubscribe links, and the link placeholders, which
``personalise`` fills with the original URLs unless a ``link_url`` callback rewrites
them (click tracking plugs in there) and an optional open pixel. No template is
rendered per recipient.
"""

from __future__ import annotations

import binascii
import functools
import html as html_lib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from io import StringIO

from mjml import mjml_to_html

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsletters import links
from newsletters.addresses import is_plain_address
from newsletters.headers import list_headers
from newsletters.models import NewsletterList, Segment
from newsletters.models.lists import default_list_id_domain, list_id_header
from newsletters.notices import default_sender
from newsletters.tokens import ALL_LISTS
from themes.sanitising import clean_html

LAYOUT = "themes/email/newsletter.mjml"
NOTIFICATION_LAYOUT = "themes/email/notification.mjml"
REVIEW_LAYOUT = "themes/email/preference_review.mjml"
HOUSE_COLOUR = "#00566b"
CACHE_VERSION = 1
# Link placeholders are numbered per edition; the tracking of a later issue keys on
# the number, so the order is that of first appearance in the HTML.
_ATTRIBUTE = re.compile(r'\s(href|src)="([^"]*)"')
_TEXT_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SAFE_SCHEMES = ("mailto:", "tel:")


class RenderingError(Exception):
    """The MJML of an edition did not compile."""


class UnsafeLinkError(RenderingError):
    """A link with a scheme that may not be in a newsletter (javascript:, data:)."""

    def __init__(self, url: str):
        self.url = url
        shown = url if len(url) <= 60 else f"{url[:57]}…"
        super().__init__(
            _(
                "De link „%(url)s” is geweigerd: in een nieuwsbrief mogen alleen "
                "http-, https-, mailto- en tel-links staan. Pas die link aan."
            )
            % {"url": shown}
        )


_UNSAFE_HREF = re.compile(
    r"""href\s*=\s*["']?\s*((?:javascript|data|vbscript):[^"'>\s]*)""", re.I
)
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file):", re.I)


def refuse_unsafe_links(html: str) -> None:
    """Raise ``UnsafeLinkError`` for the first javascript:/data: link in ``html``."""
    match = _UNSAFE_HREF.search(html)
    if match:
        raise UnsafeLinkError(html_lib.unescape(match.group(1)))


def refuse_unsafe_body(body) -> None:
    """Raise ``UnsafeLinkError`` for a javascript:/data: link anywhere in a body
    (its raw stream data: cheap enough for every save)."""
    import json

    # default=str: blocks built in code may hold lazy translations.
    raw = json.dumps(
        list(body.raw_data) if hasattr(body, "raw_data") else body, default=str
    )
    for url in re.findall(r'"(?:url|link)":\s*"([^"]*)"', raw):
        refuse_unsafe_url(url)
    refuse_unsafe_links(raw.replace('\\"', '"'))


def refuse_unsafe_url(url: str | None) -> None:
    """Raise ``UnsafeLinkError`` when a URL field holds a javascript:/data: URL."""
    if url and _UNSAFE_SCHEME.match(url):
        raise UnsafeLinkError(url)


@dataclass(frozen=True)
class Recipient:
    """Whom one message goes to: ids only, plus the address to put on the envelope."""

    subscriber_id: int
    email: str
    newsletter_id: int
    # The delivery row the message is for; 0 for previews and test sends.
    delivery_id: int = 0


@dataclass
class Edition:
    """A compiled edition with placeholders: cached, shared by all its recipients."""

    marker: str
    subject: str
    html: str
    text: str
    links: list[str]
    from_email: str
    reply_to: list[str]
    newsletter_id: int
    newsletter_name: str
    list_id: str
    _pattern: re.Pattern | None = field(default=None, repr=False, compare=False)
    _link_html: list[str] = field(default_factory=list, repr=False, compare=False)
    _templates: tuple | None = field(default=None, repr=False, compare=False)

    def __getstate__(self):
        # What is derived from the HTML and text is rebuilt after unpickling.
        state = self.__dict__.copy()
        state["_pattern"] = None
        state["_link_html"] = []
        state["_templates"] = None
        return state

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = re.compile(
                re.escape(self.marker) + r"-(unsubscribe|preferences|pixel|link-(\d+))"
            )
            self._link_html = [escape(url) for url in self.links]
        return self._pattern

    @property
    def templates(self) -> tuple[_Template, _Template]:
        """The HTML and the text split at their placeholders, once per edition."""
        if self._templates is None:
            self._templates = (
                _Template(self.pattern, self.html),
                _Template(self.pattern, self.text),
            )
        return self._templates

    @property
    def list_id_header(self) -> str:
        return list_id_header(self.newsletter_name, self.list_id)


# Slots of a template that are not links.
UNSUBSCRIBE, PREFERENCES, PIXEL = -1, -2, -3
_SLOTS = {"unsubscribe": UNSUBSCRIBE, "preferences": PREFERENCES, "pixel": PIXEL}


class _Template:
    """A part of an edition as its fixed pieces and the slots between them (a link
    number, or one of ``UNSUBSCRIBE``, ``PREFERENCES``, ``PIXEL``): a message is
    then one join, with no pattern matching per recipient."""

    def __init__(self, pattern: re.Pattern, source: str):
        pieces = pattern.split(source)
        # split() gives piece, name, number, piece, name, number, …, piece.
        self.pieces = pieces[::3]
        self.slots = [
            int(number) if number is not None else _SLOTS[name]
            for name, number in zip(pieces[1::3], pieces[2::3], strict=True)
        ]

    def fill(self, values: dict[int, str], links: list[str]) -> str:
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(links[slot] if slot >= 0 else values[slot])
            out.append(piece)
        return "".join(out)


@dataclass(frozen=True)
class PersonalMessage:
    html: str
    text: str
    headers: dict[str, str]


# -- URLs ------------------------------------------------------------------------


def absolute_url(url: str) -> str:
    """``url`` made absolute on ``SITE_BASE_URL`` when it is a site path."""
    if url.startswith("/") and not url.startswith("//"):
        return f"{settings.SITE_BASE_URL}{url}"
    return url


def page_url(page) -> str:
    """The absolute URL of a page, on ``SITE_BASE_URL`` (not on the Site record)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return absolute_url(parts[2])


def rendition_url(image, spec: str = "width-1072") -> str:
    if image is None:
        return ""
    return absolute_url(image.get_rendition(spec).url)


def clean_rich_text(value) -> SafeString:
    """Rich text expanded (page and document links resolved) and sanitised; a
    javascript:/data: link is refused rather than silently dropped."""
    html = str(value.__html__() if value is not None else "")
    refuse_unsafe_links(html)
    return mark_safe(clean_html(html))


def html_to_text(markup: str) -> str:
    """A readable plain-text version of a snippet of rich text."""
    urls: list[str] = []

    def link(match: re.Match) -> str:
        # The URL is set aside so that tag stripping cannot touch its query string.
        urls.append(html_lib.unescape(match.group(1)))
        return f"{match.group(2)} (\x00{len(urls) - 1}\x00)"

    markup = re.sub(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', link, markup, flags=re.S)
    markup = re.sub(r"<li[^>]*>", "- ", markup)
    markup = re.sub(r"<br\s*/?>|</(p|li|h\d|ul|ol)>", "\n", markup)
    text = html_lib.unescape(strip_tags(markup))
    text = re.sub(r"\x00(\d+)\x00", lambda m: urls[int(m.group(1))], text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- Blocks ------------------------------------------------------------------------


def teaser(value) -> dict:
    """Title, summary, image and URL of the page an article teaser points at."""
    page = value["page"].specific
    image = getattr(page, "image", None)
    summary = (
        value.get("summary")
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
        or page.search_description
    )
    parts = page.get_url_parts()
    return {
        "title": value.get("title") or page.title,
        "summary": strip_tags(str(summary)),
        "image": image if hasattr(image, "get_rendition") else None,
        "image_alt": page.title,
        "path": parts[2] if parts else "",
        "url": page_url(page),
        "link_label": value.get("link_label") or _("Lees meer"),
    }


def _button_url(value) -> str:
    if value.get("page"):
        return page_url(value["page"].specific)
    refuse_unsafe_url(value.get("url"))
    return value.get("url") or ""


def _vml_width(label: str) -> int:
    # VML buttons need a fixed width; about 9 px per character at 16 px bold.
    return max(160, min(536, len(label) * 9 + 56))


def _column(value) -> dict:
    refuse_unsafe_url(value.get("url"))
    return {
        "image_url": rendition_url(value.get("image"), "fill-520x300"),
        "alt_text": value.get("alt_text") or value.get("heading"),
        "heading": value.get("heading"),
        "text": clean_rich_text(value.get("text")),
        "url": value.get("url") or "",
        "link_label": value.get("link_label") or _("Lees meer"),
    }


def block_email_context(block_type: str, value) -> dict:
    """What a block's MJML template needs besides its value: resolved URLs, clean
    rich text, rendition URLs."""
    if block_type == "text":
        return {"text": clean_rich_text(value["text"])}
    if block_type == "image":
        refuse_unsafe_url(value.get("link"))
        return {"image_url": rendition_url(value["image"])}
    if block_type == "button":
        url = _button_url(value)
        return {"url": url, "vml_width": _vml_width(value["label"])}
    if block_type == "teaser":
        data = teaser(value)
        data["image_url"] = rendition_url(data.pop("image"), "fill-360x240")
        return data
    if block_type == "download":
        return {
            "url": absolute_url(value["document"].url),
            "download_label": _("Downloaden"),
        }
    if block_type == "columns":
        return {"columns": [_column(value["left"]), _column(value["right"])]}
    return {}


def block_text(block_type: str, value) -> str:
    """The plain-text version of one block."""
    if block_type == "heading":
        return value["text"].upper()
    if block_type == "text":
        return html_to_text(clean_rich_text(value["text"]))
    if block_type == "image":
        link = f" ({value['link']})" if value.get("link") else ""
        return f"[{value['alt_text']}]{link}"
    if block_type == "button":
        return f"{value['label']}: {_button_url(value)}"
    if block_type == "teaser":
        data = teaser(value)
        return "\n".join(filter(None, [data["title"], data["summary"], data["url"]]))
    if block_type == "download":
        description = value.get("description") or ""
        url = absolute_url(value["document"].url)
        return "\n".join(filter(None, [value["title"], description, url]))
    if block_type == "columns":
        parts = []
        for column in (value["left"], value["right"]):
            parts.append(column["heading"])
            parts.append(html_to_text(clean_rich_text(column.get("text"))))
            if column.get("url"):
                parts.append(column["url"])
        return "\n".join(filter(None, parts))
    if block_type == "divider":
        return "-" * 40
    return ""


# -- Compiling ---------------------------------------------------------------------


def brand_for(newsletter: NewsletterList | None) -> dict:
    """The house style of an e-mail: the list's service colour and logo, if any."""
    service = newsletter.service if newsletter is not None else None
    if service is None:
        return {
            "name": "Leerplatform",
            "colour": HOUSE_COLOUR,
            "text_colour": "#ffffff",
            "link": HOUSE_COLOUR,
            "logo_url": "",
        }
    # A light brand colour is no link colour on white: fall back to the house one.
    text_colour = service.brand_text_colour
    return {
        "name": service.name,
        "colour": service.brand_colour,
        "text_colour": text_colour,
        "link": service.brand_colour if text_colour == "#ffffff" else HOUSE_COLOUR,
        "logo_url": rendition_url(service.logo, "height-96") if service.logo else "",
    }


def _compile_mjml(source: str) -> str:
    result = mjml_to_html(StringIO(source))
    if result.errors:
        raise RenderingError(str(result.errors))
    return result.html


def _placeholders(html: str, text: str, marker: str) -> tuple[str, str, list[str]]:
    """Absolute URLs, unsafe links dropped, http(s) links numbered."""
    urls: list[str] = []
    index: dict[str, int] = {}

    def number(url: str) -> str:
        if url not in index:
            index[url] = len(urls)
            urls.append(url)
        return f"{marker}-link-{index[url]}"

    def attribute(match: re.Match) -> str:
        name, raw = match.group(1), html_lib.unescape(match.group(2)).strip()
        if raw.startswith(marker) or raw.startswith("#"):
            return match.group(0)
        url = absolute_url(raw)
        if name == "src":
            return f' src="{escape(url)}"' if url.startswith("http") else ""
        if url.startswith(("http://", "https://")):
            return f' href="{number(url)}"'
        if url.startswith(_SAFE_SCHEMES):
            return f' href="{escape(url)}"'
        # javascript:, data:, vbscript: and anything else: refused with a message
        # for the editor, never silently sent (a click could not be tracked safely).
        raise UnsafeLinkError(url)

    html = _ATTRIBUTE.sub(attribute, html)
    text = _TEXT_URL.sub(lambda m: number(m.group(0)), text)
    return html, text, urls


def compile_edition(issue, segment: Segment | None = None) -> Edition:
    """Render and compile one edition of an issue (an issue page object, possibly
    restored from a revision). Slow: call ``edition_for`` instead."""
    newsletter = issue.newsletter
    marker = f"lp{secrets.token_hex(6)}"
    with translation.override(settings.LANGUAGE_CODE):
        brand = brand_for(newsletter)
        blocks_mjml, blocks_text = [], []
        for block in issue.body:
            block_type = block.block_type
            context = {"value": block.value, "brand": brand}
            context.update(block_email_context(block_type, block.value))
            blocks_mjml.append(render_to_string(block.block.email_template, context))
            blocks_text.append(block_text(block_type, block.value))
        context = {
            "subject": issue.subject,
            "preheader": issue.preheader,
            "title": issue.title,
            "newsletter": newsletter,
            "segment": segment,
            "brand": brand,
            "web_url": page_url(issue) if issue.pk else settings.SITE_BASE_URL,
            "archive_url": _archive_url(newsletter),
            "preferences_url": f"{marker}-preferences",
            "unsubscribe_url": f"{marker}-unsubscribe",
            "pixel_placeholder": f"{marker}-pixel",
            "body": mark_safe("\n".join(blocks_mjml)),
        }
        html = _compile_mjml(render_to_string(LAYOUT, context))
        text = _text_layout(issue, newsletter, segment, blocks_text, marker, context)
    html, text, urls = _placeholders(html, text, marker)
    return _edition(newsletter, issue.subject, marker, html, text, urls)


def _text_layout(issue, newsletter, segment, blocks_text, marker, context) -> str:
    edition = f" – {_('Editie')} {segment.name}" if segment else ""
    header = [f"{newsletter.name}{edition}", "", issue.title.upper(), ""]
    footer = [
        "",
        "-" * 40,
        _("Bekijk in je browser: %(url)s") % {"url": context["web_url"]},
        _("Voorkeuren aanpassen: %(url)s") % {"url": f"{marker}-preferences"},
        _("Uitschrijven: %(url)s") % {"url": f"{marker}-unsubscribe"},
    ]
    return "\n".join(header + ["\n\n".join(blocks_text)] + footer) + "\n"


def _archive_url(newsletter: NewsletterList) -> str:
    archive = getattr(newsletter, "archive_page", None)
    return page_url(archive) if archive else links.subscribe_url()


def _edition(newsletter, subject, marker, html, text, urls) -> Edition:
    return Edition(
        marker=marker,
        subject=subject,
        html=html,
        text=text,
        links=urls,
        from_email=newsletter.sender,
        reply_to=[newsletter.reply_to] if newsletter.reply_to else [],
        newsletter_id=newsletter.pk,
        newsletter_name=newsletter.name,
        list_id=newsletter.list_id,
    )


# Per process: a worker reuses an edition for every chunk it sends.
_local_editions: dict[str, Edition] = {}


def cached_edition(key: str, compile: Callable[[], Edition]) -> Edition:
    """An edition from this process, from the shared cache, or compiled once (by
    ``compile``) and stored in both: one MJML compile per edition, not per worker."""
    edition = _local_editions.get(key)
    if edition is None:
        edition = cache.get(key)
    if edition is None:
        edition = compile()
        cache.set(key, edition, timeout=7 * 24 * 3600)
    if len(_local_editions) > 64:
        _local_editions.clear()
    _local_editions[key] = edition
    return edition


def edition_key(issue_id: int, revision_id: int | None, segment_id: int | None):
    return f"newsletters:edition:{CACHE_VERSION}:{issue_id}:{revision_id}:{segment_id}"


def edition_for(issue, segment: Segment | None = None, revision_id=None) -> Edition:
    """The compiled edition of an issue (page object) for a segment, cached."""
    key = edition_key(issue.pk, revision_id, segment.pk if segment else None)
    return cached_edition(key, lambda: compile_edition(issue, segment))


def text_to_html(text: str) -> str:
    """Paragraphs of plain text as HTML, with their web addresses as links."""

    def linked(paragraph: str) -> str:
        escaped = str(escape(paragraph.strip()))
        escaped = _TEXT_URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>',
                                escaped)  # fmt: skip
        return escaped.replace("\n", "<br>")

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{linked(p)}</p>" for p in paragraphs)


def compile_notification(
    newsletter: NewsletterList, subject: str, body_text: str, body_html: str | None
) -> Edition:
    """A notification (release note, known bug) as an edition of its own."""
    marker = f"lp{secrets.token_hex(6)}"
    with translation.override(settings.LANGUAGE_CODE):
        body = clean_html(body_html) if body_html else text_to_html(body_text)
        context = {
            "subject": subject,
            "newsletter": newsletter,
            "brand": brand_for(newsletter),
            "body_html": mark_safe(body),
            "preferences_url": f"{marker}-preferences",
            "unsubscribe_url": f"{marker}-unsubscribe",
        }
        html = _compile_mjml(render_to_string(NOTIFICATION_LAYOUT, context))
        text = "\n".join([
            body_text.strip(), "", "-" * 40,
            _("Voorkeuren aanpassen: %(url)s") % {"url": f"{marker}-preferences"},
            _("Uitschrijven: %(url)s") % {"url": f"{marker}-unsubscribe"},
        ]) + "\n"  # fmt: skip
    html, text, urls = _placeholders(html, text, marker)
    return _edition(newsletter, subject, marker, html, text, urls)


def notification_edition(run) -> Edition:
    """The compiled edition of a notification run, shared like an issue's."""
    key = f"newsletters:notification:{CACHE_VERSION}:{run.pk}"
    return cached_edition(
        key,
        lambda: compile_notification(
            run.newsletter, run.subject, run.body_text, run.body_html
        ),
    )


def compile_review(subject: str) -> Edition:
    """The yearly preference review: one edition for every recipient, sent on behalf
    of no single list, so its unsubscribe links and headers mean every list."""
    marker = f"lp{secrets.token_hex(6)}"
    name = _("Nieuwsbrieven van het Leerplatform")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "subject": subject,
            "name": name,
            "brand": brand_for(None),
            "subscribe_url": links.subscribe_url(),
            "preferences_url": f"{marker}-preferences",
            "unsubscribe_url": f"{marker}-unsubscribe",
        }
        html = _compile_mjml(render_to_string(REVIEW_LAYOUT, context))
        text = render_to_string("newsletters/email/preference_review.txt", context)
    html, text, urls = _placeholders(html, text, marker)
    return Edition(
        marker=marker,
        subject=subject,
        html=html,
        text=text,
        links=urls,
        from_email=default_sender(),
        reply_to=[],
        newsletter_id=ALL_LISTS,
        newsletter_name=name,
        list_id=f"voorkeuren.{default_list_id_domain()}",
    )


def review_edition(run) -> Edition:
    """The compiled edition of a review run, shared by its chunks."""
    key = f"newsletters:review:{CACHE_VERSION}:{run.pk}"
    return cached_edition(key, lambda: compile_review(run.subject))


# -- Per recipient -----------------------------------------------------------------

LinkRewriter = Callable[[int, str, Recipient], str]


def personalise(
    edition: Edition,
    recipient: Recipient,
    link_url: LinkRewriter | None = None,
    pixel_html: str = "",
    tracker=None,
) -> PersonalMessage:
    """The HTML, text and list headers of one recipient: placeholders substituted,
    nothing rendered. A ``tracker`` (``newsletters.tracking.MessageTracker``)
    supplies the click links and the open pixel."""
    if tracker is not None:
        link_url = tracker.link_url
        pixel_html = tracker.pixel_html(recipient)
    html, text = edition.templates
    subscriber_id, newsletter_id = recipient.subscriber_id, recipient.newsletter_id
    unsubscribe = links.unsubscribe_url(subscriber_id, newsletter_id)
    values = {
        UNSUBSCRIBE: unsubscribe,
        PREFERENCES: links.preferences_url(subscriber_id),
        PIXEL: pixel_html,
    }
    if link_url is None:
        html_links, text_links = edition._link_html, edition.links
    else:
        text_links = [
            link_url(index, url, recipient) for index, url in enumerate(edition.links)
        ]
        html_links = [escape(url) for url in text_links]
    html_body = html.fill(values, html_links)
    values[PIXEL] = ""
    return PersonalMessage(
        html=html_body,
        text=text.fill(values, text_links),
        headers=list_headers(
            subscriber_id, newsletter_id, edition.list_id_header, unsubscribe
        ),
    )


def message_id_domain() -> str:
    """The stable right-hand side of our Message-IDs: never the worker's host name."""
    return _message_id_domain(
        getattr(settings, "NEWSLETTER_MESSAGE_ID_DOMAIN", ""),
        settings.DEFAULT_FROM_EMAIL,
    )


@functools.lru_cache(maxsize=8)
def _message_id_domain(configured: str, default_from: str) -> str:
    # Asked for every message of a send: the sender is parsed once.
    if configured:
        return configured
    _name, address = parseaddr(default_from)
    return address.rpartition("@")[2] or "example.org"


def build_message(
    edition: Edition,
    recipient: Recipient,
    connection=None,
    link_url: LinkRewriter | None = None,
    message_id: str | None = None,
    tracker=None,
) -> EmailMultiAlternatives:
    """The complete message for one recipient, ready for ``connection``."""
    personal = personalise(edition, recipient, link_url=link_url, tracker=tracker)
    headers = dict(personal.headers)
    headers["Message-ID"] = message_id or make_msgid("nb", domain=message_id_domain())
    message = EmailMultiAlternatives(
        subject=edition.subject,
        body=personal.text,
        from_email=edition.from_email,
        to=[recipient.email],
        reply_to=edition.reply_to,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(personal.html, "text/html")
    return message


# -- Raw MIME for SMTP -------------------------------------------------------------
#
# Python's e-mail generator quoted-printable-encodes a long HTML part in pure Python
# (several milliseconds for a large issue). Over SMTP the message is therefore put
# together here: the fixed headers once per edition, the parts base64-encoded per
# recipient (C speed). ``build_message`` gives the same message for other backends.


def _header(value: str) -> str:
    if value.isascii():
        return value
    return Header(value, "utf-8").encode()


def _address_header(address: str) -> str:
    if is_plain_address(address):
        return address
    name, email_address = parseaddr(address)
    if not name:
        return email_address
    return formataddr((name, email_address), charset="utf-8")


def _fixed_headers(edition: Edition) -> bytes:
    cached = getattr(edition, "_fixed", None)
    if cached is None:
        lines = [
            f"From: {_address_header(edition.from_email)}",
            f"Subject: {_header(edition.subject)}",
            "MIME-Version: 1.0",
        ]
        if edition.reply_to:
            lines.append(f"Reply-To: {', '.join(edition.reply_to)}")
        cached = ("\r\n".join(lines) + "\r\n").encode("ascii")
        edition.__dict__["_fixed"] = cached
    return cached


def _base64_lines(data: bytes) -> bytes:
    """``data`` in base64 lines of 76 characters, each ended by CRLF (RFC 2045):
    one C call for the whole part rather than one per line."""
    encoded = binascii.b2a_base64(data, newline=False)
    lines = [encoded[start : start + 76] for start in range(0, len(encoded), 76)]
    return b"\r\n".join(lines) + b"\r\n" if lines else b""


def _base64_part(content_type: str, content: str) -> bytes:
    encoded = _base64_lines(content.encode("utf-8"))
    return (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + encoded


def message_bytes(
    edition: Edition,
    recipient: Recipient,
    message_id: str,
    link_url: LinkRewriter | None = None,
    tracker=None,
) -> bytes:
    """The complete message for one recipient as bytes for SMTP DATA."""
    personal = personalise(edition, recipient, link_url=link_url, tracker=tracker)
    boundary = f"=_{secrets.token_hex(12)}"
    personal_headers = [
        f"To: {_address_header(recipient.email)}",
        f"Date: {formatdate(localtime=True)}",
        f"Message-ID: {message_id}",
        *(f"{name}: {_header(value)}" for name, value in personal.headers.items()),
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
    ]
    separator = f"\r\n--{boundary}\r\n".encode("ascii")
    return b"".join(
        [
            _fixed_headers(edition),
            ("\r\n".join(personal_headers) + "\r\n\r\n").encode("ascii"),
            separator.lstrip(b"\r\n"),
            _base64_part("text/plain", personal.text),
            separator,
            _base64_part("text/html", personal.html),
            f"\r\n--{boundary}--\r\n".encode("ascii"),
        ]
    )
