"""Raw StreamField values for the blocks of ``themes.blocks.BaseContentBlock``.

Demo texts are written as plain Dutch sentences; these helpers wrap them in the
structure the blocks expect, so the content modules stay readable.
"""

from html import escape

StreamData = list[dict]


def _html(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text, quote=False)}</{tag}>"


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*paragraphs: str) -> dict:
    """One rich-text block; each argument becomes its own <p>."""
    return {"type": "paragraph", "value": "".join(_html("p", p) for p in paragraphs)}


def bullet_list(intro: str, items: list[str]) -> dict:
    """A rich-text block with a lead-in sentence and an unordered list."""
    entries = "".join(_html("li", item) for item in items)
    return {"type": "paragraph", "value": f"{_html('p', intro)}<ul>{entries}</ul>"}


def callout(text: str, kind: str = "tip", title: str = "") -> dict:
    return {
        "type": "callout",
        "value": {"kind": kind, "title": title, "text": _html("p", text)},
    }


def rich_intro(text: str) -> str:
    """The value of a rich-text intro field."""
    return _html("p", text)
