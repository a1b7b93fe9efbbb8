"""Finding the links in the mails the subscriber side sends."""

import re


def link_in(message, path_fragment: str) -> str:
    """The path of the first link in a mail's text part containing a fragment."""
    match = re.search(rf"https?://[^/\s]+(/\S*{path_fragment}\S*)", message.body)
    assert match, f"no link with {path_fragment!r} in:\n{message.body}"
    return match.group(1)
