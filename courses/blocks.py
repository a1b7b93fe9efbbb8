"""StreamField blocks for manuals and webinars, on top of the shared content blocks."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from themes.blocks import RICH_TEXT_FEATURES, BaseContentBlock

# Hosts whose players may be embedded, each with its privacy-friendly player address:
# no third-party tracking cookies before the visitor presses play.
EMBED_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}
_TIMESTAMP = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")


def parse_timestamp(text: str) -> int:
    """Seconds from a time stamp written as m:ss or h:mm:ss."""
    match = _TIMESTAMP.match(text.strip())
    if not match:
        raise ValueError(text)
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def embed_player_url(url: str) -> str | None:
    """The privacy-friendly player address of an allow-listed video URL, else None."""
    parts = urlsplit(url)
    kind = EMBED_HOSTS.get(parts.hostname or "")
    if parts.scheme != "https" or kind is None:
        return None
    if kind == "youtube":
        if parts.hostname == "youtu.be":
            video = parts.path.strip("/")
        elif parts.path.startswith("/embed/"):
            video = parts.path.removeprefix("/embed/")
        else:
            video = parse_qs(parts.query).get("v", [""])[0]
        if not re.fullmatch(r"[\w-]{6,20}", video):
            return None
        return f"https://www.youtube-nocookie.com/embed/{video}"
    video = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if not video.isdigit():
        return None
    return f"https://player.vimeo.com/video/{video}?dnt=1"


def validate_embed_url(url: str) -> None:
    if url and embed_player_url(url) is None:
        raise ValidationError(
            _(
                "Alleen video's van YouTube of Vimeo kunnen ingebed worden; "
                "plak het adres van de video zelf."
            )
        )


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("Wat je doet"), features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("Schermafdruk"), required=False)
    caption = blocks.CharBlock(
        label=_("Wat de schermafdruk toont"), required=False, max_length=200
    )

    class Meta:
        icon = "list-ol"
        template = "courses/blocks/step_block.html"
        label = _("Stap")
        description = _("Eén stap: wat je doet, met een schermafdruk als dat helpt.")
        preview_value = {"text": "<p>Open de module <b>IBL</b> in Wise.</p>"}


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Stappen"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "courses/blocks/steps_block.html"
        label = _("Genummerde stappen")
        description = _("Een handleiding stap voor stap, elk met een schermafdruk.")
        preview_value = {
            "title": "Een IBL-aanvraag goedkeuren",
            "steps": [
                {"text": "<p>Open de module <b>IBL</b> in Wise.</p>"},
                {"text": "<p>Kies de aanvraag en klik op Goedkeuren.</p>"},
            ],
        }


class TableValue(blocks.StructValue):
    @property
    def rows(self) -> list[list[str]]:
        lines = [line for line in self["cells"].splitlines() if line.strip()]
        return [[cell.strip() for cell in line.split("|")] for line in lines]

    @property
    def header(self) -> list[str]:
        return self.rows[0] if self["first_row_is_header"] and self.rows else []

    @property
    def body_rows(self) -> list[list[str]]:
        return self.rows[1:] if self["first_row_is_header"] else self.rows


class ManualTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=200)
    cells = blocks.TextBlock(
        label=_("Cellen"),
        help_text=_("Eén rij per regel; scheid de cellen met een verticale streep |."),
    )
    first_row_is_header = blocks.BooleanBlock(
        label=_("Eerste rij is de kop"), required=False, default=True
    )

    class Meta:
        icon = "table"
        template = "courses/blocks/table_block.html"
        label = _("Tabel")
        description = _("Een tabel, bv. instellingen of termijnen naast elkaar.")
        value_class = TableValue
        preview_value = {
            "caption": "Termijnen in de deurwaarderprocedure",
            "cells": (
                "Stap | Na\nEerste herinnering | 7 dagen\nAangetekende brief | 30 dagen"
            ),
            "first_row_is_header": True,
        }

    def clean(self, value):
        value = super().clean(value)
        widths = {len(row) for row in value.rows}
        if len(widths) > 1:
            raise blocks.StructBlockValidationError(
                {"cells": ValidationError(_("Geef elke rij evenveel cellen."))}
            )
        return value


class VideoValue(blocks.StructValue):
    @property
    def player_url(self) -> str | None:
        return embed_player_url(self.get("url") or "")


class VideoBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("Videobestand op de site"),
        required=False,
        help_text=_("Een mp4- of webm-bestand uit de documenten."),
    )
    url = blocks.URLBlock(
        label=_("Of een YouTube- of Vimeo-adres"),
        required=False,
        validators=[validate_embed_url],
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "courses/blocks/video_block.html"
        label = _("Video")
        description = _("Een korte instructievideo, van de site of ingebed.")
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Een e-boek lenen in de app",
            "caption": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("url")):
            raise ValidationError(
                _("Kies een videobestand óf geef een adres (precies één van beide).")
            )
        return value


class ManualBlock(BaseContentBlock):
    """The content of courses, lessons and topics: the shared blocks plus manuals."""

    steps = StepsBlock()
    table = ManualTableBlock()
    video = VideoBlock()


class ChapterValue(blocks.StructValue):
    @property
    def seconds(self) -> int:
        return parse_timestamp(self["start"])


class ChapterBlock(blocks.StructBlock):
    start = blocks.CharBlock(
        label=_("Begint op"), max_length=8, help_text=_("Bijvoorbeeld 4:30 of 1:02:15.")
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=120)

    class Meta:
        icon = "time"
        template = "courses/blocks/chapter_block.html"
        label = _("Hoofdstuk")
        description = _(
            "Een hoofdstuk van de opname, met het tijdstip waarop het begint."
        )
        value_class = ChapterValue
        preview_value = {"start": "4:30", "title": "Een aanvraag goedkeuren"}

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_timestamp(value["start"])
        except ValueError:
            raise blocks.StructBlockValidationError(
                {
                    "start": ValidationError(
                        _("Schrijf het tijdstip als 4:30 of 1:02:15.")
                    )
                }
            ) from None
        return value
