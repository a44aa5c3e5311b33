"""Fingerprint the short lines of articles, so that lines recurring across them are known.

Teasers, promos, "related" lists and sign-up boxes change from site to site and week to
week: no list of phrases keeps up with them. What gives them away is that they recur,
word for word, in article after article of one outlet, where a story's lines do not.
The import counts each line's fingerprint per outlet (``events.importing.learning``) and hands the
recurring ones to ``cleaning.clean_article``; a chunk of articles imported together is
also searched for lines it repeats itself.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = [
    "BOILERPLATE_MIN_ARTICLES",
    "MAX_BOILERPLATE_WORDS",
    "article_fingerprints",
    "line_fingerprint",
    "recurring_fingerprints",
]

# Articles of one outlet a line must appear in to be taken for boilerplate.
BOILERPLATE_MIN_ARTICLES = 3
# Longer lines are paragraphs: a story's background paragraph repeated in follow-ups is
# still story text.
MAX_BOILERPLATE_WORDS = 25

_NOT_WORD_RE = re.compile(r"[\W_]+")
# A quoted statement attributed to someone is story text however often it is repeated.
_ATTRIBUTED_QUOTE_RE = re.compile(
    r"[\"“”].*\b(?:said|says|told|added|according to)\b|\b(?:said|says|told)\b.*[\"“”]",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1 << 14)
def line_fingerprint(line: str) -> str:
    """Return the fingerprint of a line: case, accents, punctuation and spacing ignored.

    Remembered: a chunk's lines are fingerprinted to find those it repeats, then again
    by cleaning, and the same furniture recurs from chunk to chunk.
    """
    folded = line.casefold()
    if not folded.isascii():  # ASCII has no accents to take off (NFKD leaves it as it is)
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in folded if not unicodedata.combining(char))
    normal = _NOT_WORD_RE.sub(" ", folded).strip()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:20]


def candidate_lines(raw: str) -> Iterable[str]:
    """Yield the lines of a text short enough to be boilerplate, stripped."""
    for line in raw.splitlines():
        text = line.strip()
        words = len(text.split())
        if not 1 <= words <= MAX_BOILERPLATE_WORDS or _ATTRIBUTED_QUOTE_RE.search(text):
            continue
        yield text


def article_fingerprints(raw: str) -> dict[str, str]:
    """Return {fingerprint: line} for an article's candidate lines, each line once."""
    found: dict[str, str] = {}
    for line in candidate_lines(raw):
        found.setdefault(line_fingerprint(line), line)
    return found


def recurring_fingerprints(
    texts: Iterable[str], *, min_articles: int = BOILERPLATE_MIN_ARTICLES
) -> frozenset[str]:
    """Return the fingerprints of lines found in at least ``min_articles`` of the texts."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(article_fingerprints(text).keys())
    return frozenset(fingerprint for fingerprint, n in counts.items() if n >= min_articles)
