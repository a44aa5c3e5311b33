"""Plain-text matching for the world-knowledge tables: folding, patterns, a phrase index.

The tables (``data/*.tsv``) name happenings and people as news writes them; these
helpers read them and find their phrases in an article's text fast, without a parse.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from unidecode import unidecode

__all__ = ["WORD_RE", "PhraseIndex", "fold", "plain", "read_date", "read_rows", "term_pattern"]

DATA_DIR = Path(__file__).parent / "data"

_PUNCTUATION = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
    ("\u2013", "-"), ("\u2014", "-"), ("\u00a0", " "),
)  # fmt: skip


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def plain(text: str) -> str:
    """Return ``text`` in ASCII: typographic punctuation plain, letters transliterated."""
    for typographic, plain in _PUNCTUATION:
        text = text.replace(typographic, plain)
    return text if text.isascii() else _NON_ASCII_RE.sub(lambda m: unidecode(m.group()), text)


def fold(text: str) -> str:
    """Return ``text`` lower-cased and transliterated."""
    return plain(text).lower()


def term_pattern(term: str) -> str:
    term = fold(term.strip())
    if term.endswith("*"):
        return r"\b" + re.escape(term[:-1]) + r"[\w-]*"
    return r"\b" + re.escape(term) + r"\b"


def read_rows(filename: str) -> Iterator[list[str]]:
    """Yield a shipped table's rows: tab-separated, unquoted, "#" lines are comments."""
    path = DATA_DIR / filename
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def spellings(name: str, also_known_as: str) -> list[str]:
    """Return a table row's name and its ";"-separated other spellings, trimmed."""
    return [s.strip() for s in [name, *also_known_as.split(";")] if s.strip()]


def read_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


WORD_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class PhraseIndex:
    """Find many phrases in a text fast: each is tried only where its first word stands.

    One alternation of hundreds of phrases costs a regular expression tens of
    milliseconds an article; a look-up by first word (or by stem, for "invad*") a few
    hundred microseconds.
    """

    def __init__(self, phrases: dict[str, list]):
        self._by_first: dict[str, list[tuple[re.Pattern, object]]] = {}
        self._by_stem: dict[str, list[tuple[re.Pattern, object]]] = {}
        for phrase, payload in sorted(phrases.items(), key=lambda item: -len(item[0])):
            first = phrase.split()[0]
            entry = (re.compile(term_pattern(phrase)), payload)
            if first.endswith("*"):
                self._by_stem.setdefault(WORD_RE.match(fold(first)).group(), []).append(entry)
            else:
                self._by_first.setdefault(WORD_RE.match(fold(first)).group(), []).append(entry)
        self._stems = tuple(self._by_stem)

    def __bool__(self) -> bool:
        return bool(self._by_first or self._by_stem)

    def words_re(self, words: set[str]) -> re.Pattern | None:
        """Return a pattern for those of ``words`` that some phrase begins with, if any."""
        stems = self._stems
        starting = sorted(
            word for word in words if word in self._by_first or (stems and word.startswith(stems))
        )
        return re.compile(r"\b(?:" + "|".join(starting) + r")\b") if starting else None

    def finditer(self, text: str, words: re.Pattern) -> Iterator[tuple[re.Match, list]]:
        """Yield (match, payloads) for the longest phrases at each word, left to right.

        Only the ``words`` a phrase may begin with (``words_re()``) are tried.
        """
        end = 0
        for word in words.finditer(text):
            if word.start() < end:
                continue
            entries = self._by_first.get(word.group(), [])
            if self._stems and word.group().startswith(self._stems):
                entries = entries + [
                    entry
                    for stem, stemmed in self._by_stem.items()
                    if word.group().startswith(stem)
                    for entry in stemmed
                ]
            hits = [
                (hit, payload)
                for pattern, payload in entries
                if (hit := pattern.match(text, word.start()))
            ]
            if hits:
                longest = max(hit.end() for hit, _ in hits)
                best = [(hit, payload) for hit, payload in hits if hit.end() == longest]
                yield best[0][0], [item for _, payload in best for item in payload]
                end = longest
