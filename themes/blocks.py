"""StreamField blocks shared by every page type; apps add their own on top of these."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titel"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "themes/blocks/heading_block.html"
        label = _("Tussentitel")
        description = _("Een tussentitel die ook in de inhoudstafel verschijnt.")
        preview_value = {"text": "Zo leen je een e-boek uit", "level": "h2"}


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        max_length=200,
        help_text=_("Wat de afbeelding toont, voor schermlezers. Leeg = de titel."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "themes/blocks/figure_block.html"
        label = _("Afbeelding of schermafdruk")
        description = _("Een afbeelding met onderschrift, bv. een schermafdruk.")


class CalloutValue(blocks.StructValue):
    @property
    def heading(self):
        return self.get("title") or dict(CalloutBlock.KINDS)[self["kind"]]


class CalloutBlock(blocks.StructBlock):
    KINDS = [
        ("tip", _("Tip")),
        ("let-op", _("Let op")),
        ("workaround", _("Workaround")),
    ]
    kind = blocks.ChoiceBlock(label=_("Soort"), choices=KINDS, default="tip")
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=80)
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "themes/blocks/callout_block.html"
        label = _("Kader (tip, let op, workaround)")
        description = _("Een opvallend kader voor een tip, waarschuwing of workaround.")
        value_class = CalloutValue
        preview_value = {
            "kind": "tip",
            "title": "",
            "text": "<p>Gebruik de zoekfilters om sneller te vinden wat je zoekt.</p>",
        }


class ButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)

    class Meta:
        icon = "link"
        template = "themes/blocks/button_block.html"
        label = _("Knop")
        description = _("Een opvallende link naar een pagina of webadres.")
        preview_value = {"label": "Schrijf je in", "url": "https://example.org/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise ValidationError(
                _("Kies een pagina óf geef een webadres (precies één van beide).")
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        template = "themes/blocks/document_block.html"
        label = _("Download")
        description = _(
            "Een document om te downloaden, bv. promomateriaal of een handleiding."
        )


class BaseContentBlock(blocks.StreamBlock):
    """The blocks every content page offers; apps subclass it to add their own."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    figure = FigureBlock()
    callout = CalloutBlock()
    button = ButtonBlock()
    document = DocumentBlock()
