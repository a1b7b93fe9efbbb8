"""“Bedoelde je …?” for searches that found nothing.

The words of the query are compared with a vocabulary of the words in the titles of
public pages, public release notes and known bugs and the services' names. Only
public text goes in, so a suggestion can never reveal a restricted page. The
vocabulary is cached for a while: titles change slowly, and building it reads
every title once.
"""

from __future__ import annotations

import difflib
import re

from django.core.cache import cache

from wagtail.models import Page

from courses.visibility import hidden_condition
from release_notes.models import KnownBug, ReleaseNote
from services.models import Service

CACHE_KEY = "search:vocabulary:v1"
CACHE_SECONDS = 15 * 60
MIN_WORD_LENGTH = 4
# difflib's ratio: 0.75 lets one or two typing errors through in words of this size
# without turning every rare word into a common one.
CUTOFF = 0.75
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")


def _words(texts) -> set[str]:
    return {word.lower() for text in texts for word in _WORD.findall(text or "")}


def vocabulary() -> list[str]:
    """The words a suggestion may be made of, from public titles only."""
    words = cache.get(CACHE_KEY)
    if words is None:
        titles = Page.objects.live().exclude(hidden_condition(None))
        texts = list(titles.values_list("title", flat=True))
        texts += KnownBug.objects.published().values_list("title", flat=True)
        texts += ReleaseNote.objects.public().values_list("summary", flat=True)
        texts += Service.objects.active().values_list("name", flat=True)
        words = sorted(_words(texts))
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def did_you_mean(query: str) -> str | None:
    """The query with its misspelt words replaced by the closest known ones, or
    None when no word could be improved."""
    known = vocabulary()
    if not known:
        return None
    lookup = set(known)
    changed = False

    def better(match: re.Match) -> str:
        nonlocal changed
        word = match.group(0)
        if word.lower() in lookup:
            return word
        close = difflib.get_close_matches(word.lower(), known, n=1, cutoff=CUTOFF)
        if not close:
            return word
        changed = True
        return close[0]

    suggestion = _WORD.sub(better, query)
    return suggestion if changed else None
