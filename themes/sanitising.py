"""HTML sanitising with nh3 (the maintained successor of the deprecated bleach).

Everything untrusted or imported passes through here before it reaches a page or an
e-mail: one allow-list for web content and a wider one for e-mail layouts, which need
tables and inline styles.
"""

from __future__ import annotations

import nh3

_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_EMAIL_TAGS = nh3.ALLOWED_TAGS | {
    "html", "head", "body", "title", "center", "font", "span", "div", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "img", "a", "p", "br", "hr",
}  # fmt: skip
_EMAIL_ATTRIBUTES = {
    "*": {"style", "class", "align", "valign", "width", "height", "bgcolor", "dir",
          "lang", "role", "border", "cellpadding", "cellspacing", "title"},
    "a": {"href", "target", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}  # fmt: skip


def clean_html(html: str) -> str:
    """Sanitise HTML for a web page: formatting and links only, no scripts or styles."""
    return nh3.clean(html, url_schemes=_URL_SCHEMES, link_rel="noopener noreferrer")


def clean_email_html(html: str) -> str:
    """Sanitise a whole e-mail for display: layout tables and inline styles stay."""
    return nh3.clean(
        html,
        tags=_EMAIL_TAGS,
        attributes=_EMAIL_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
