"""E-mail-safe StreamField blocks of a newsletter issue.

Each block has two templates: ``Meta.template`` for the web version of the issue and
an MJML template (``email_template``) for the e-mail, which ``newsletters.rendering``
compiles once per issue and segment. Only what survives in Outlook, Gmail and Apple
Mail is offered: no embeds, no forms, no custom HTML.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Headings come from the heading block; e-mail clients handle little more.
EMAIL_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

WEB = "newsletters/blocks/web/"
EMAIL = "newsletters/blocks/email/"


class EmailBlockMixin:
    """Marks a block as renderable in an e-mail; ``email_template`` is its MJML."""

    email_template: str = ""


class EmailHeadingBlock(EmailBlockMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titel"), max_length=120)

    email_template = EMAIL + "heading.mjml"

    class Meta:
        icon = "title"
        template = WEB + "heading.html"
        label = _("Tussentitel")
        description = _("Een tussentitel boven een deel van de nieuwsbrief.")
        preview_value = {"text": "Nieuw in Wise deze maand"}


class EmailTextBlock(EmailBlockMixin, blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("Tekst"), features=EMAIL_RICH_TEXT_FEATURES)

    email_template = EMAIL + "text.mjml"

    class Meta:
        icon = "pilcrow"
        template = WEB + "text.html"
        label = _("Tekst")
        description = _("Een of meer alinea's met vet, cursief, lijsten en links.")
        preview_value = {
            "text": "<p>Vanaf maart verleng je reservaties <b>in één klik</b>.</p>"
        }


class EmailImageBlock(EmailBlockMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=200,
        help_text=_(
            "Wat de afbeelding toont. Veel mailprogramma's tonen eerst deze tekst."
        ),
    )
    link = blocks.URLBlock(label=_("Link"), required=False)

    email_template = EMAIL + "image.mjml"

    class Meta:
        icon = "image"
        template = WEB + "image.html"
        label = _("Afbeelding")
        description = _("Een afbeelding over de volle breedte, met alternatieve tekst.")


class EmailButtonBlock(EmailBlockMixin, blocks.StructBlock):
    label = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)

    email_template = EMAIL + "button.mjml"

    class Meta:
        icon = "link"
        template = WEB + "button.html"
        label = _("Knop")
        description = _("Een knop die over haar hele oppervlak klikbaar is.")
        preview_value = {"label": "Lees meer", "url": "https://example.org/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise ValidationError(
                _("Kies een pagina óf geef een webadres (precies één van beide).")
            )
        return value


class ArticleTeaserBlock(EmailBlockMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("Pagina"),
        help_text=_(
            "Een nieuwsbericht, les, webinar, release note of andere pagina: titel, "
            "samenvatting en afbeelding komen van die pagina."
        ),
    )
    title = blocks.CharBlock(label=_("Andere titel"), required=False, max_length=120)
    summary = blocks.TextBlock(
        label=_("Andere samenvatting"), required=False, max_length=400
    )
    link_label = blocks.CharBlock(
        label=_("Tekst van de link"), required=False, max_length=60
    )

    email_template = EMAIL + "teaser.mjml"

    class Meta:
        icon = "doc-full-inverse"
        template = WEB + "teaser.html"
        label = _("Artikel uitgelicht")
        description = _(
            "Titel, samenvatting, afbeelding en link van een pagina op de site."
        )


class PromoDownloadBlock(EmailBlockMixin, blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    description = blocks.TextBlock(
        label=_("Beschrijving"), required=False, max_length=300
    )

    email_template = EMAIL + "download.mjml"

    class Meta:
        icon = "download"
        template = WEB + "download.html"
        label = _("Promomateriaal")
        description = _("Een affiche, flyer of ander bestand om te downloaden.")


class ColumnBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"), required=False, max_length=200
    )
    heading = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=EMAIL_RICH_TEXT_FEATURES)
    link_label = blocks.CharBlock(
        label=_("Tekst van de link"), required=False, max_length=60
    )
    url = blocks.URLBlock(label=_("Webadres van de link"), required=False)

    class Meta:
        icon = "doc-empty"
        label = _("Kolom")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("alt_text"):
            raise ValidationError(_("Geef een alternatieve tekst voor de afbeelding."))
        return value


class TwoColumnsBlock(EmailBlockMixin, blocks.StructBlock):
    left = ColumnBlock(label=_("Links"))
    right = ColumnBlock(label=_("Rechts"))

    email_template = EMAIL + "columns.mjml"

    class Meta:
        icon = "table"
        template = WEB + "columns.html"
        label = _("Twee kolommen")
        description = _(
            "Twee korte items naast elkaar; op een smartphone onder elkaar."
        )


class DividerBlock(EmailBlockMixin, blocks.StructBlock):
    email_template = EMAIL + "divider.mjml"

    class Meta:
        icon = "horizontalrule"
        template = WEB + "divider.html"
        label = _("Scheidingslijn")
        description = _("Een dunne lijn tussen twee delen.")
        preview_value = {}


class IssueBodyBlock(blocks.StreamBlock):
    heading = EmailHeadingBlock()
    text = EmailTextBlock()
    image = EmailImageBlock()
    button = EmailButtonBlock()
    teaser = ArticleTeaserBlock()
    download = PromoDownloadBlock()
    columns = TwoColumnsBlock()
    divider = DividerBlock()
