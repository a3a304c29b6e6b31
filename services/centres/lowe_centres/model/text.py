"""Keywords: whole words, case-insensitive, diacritics significant (`łódź` is not `lodz`, `kurs` is not `kursy`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_KEYWORD = 40  # characters: the longest keyword, so longer words of a text are never probed
_WORD = re.compile(r"\w+")  # str patterns are Unicode-aware: ą, ł, ż... are word characters


def words(text: str) -> set[str]:
    """The distinct words of a text, case-folded: what the keyword index is probed with."""
    return set(_WORD.findall(text.casefold()))


def first_word(keyword: str) -> str:
    """The word a keyword (perhaps a phrase) is indexed under; every keyword has at least one word."""
    found = _WORD.findall(keyword.casefold())
    return found[0] if found else ""


def _pattern(keyword: str) -> re.Pattern[str]:
    # not preceded or followed by a word character: a whole word or phrase, whatever punctuation is around it
    body = r"\s+".join(re.escape(part) for part in keyword.casefold().split())
    return re.compile(rf"(?<!\w){body}(?!\w)")


def found_keywords(keywords: Iterable[str], *texts: str) -> list[str]:
    """The keywords that occur in any of the texts, in the order given."""
    haystack = "\n".join(texts).casefold()
    return [keyword for keyword in keywords if _pattern(keyword).search(haystack)]
