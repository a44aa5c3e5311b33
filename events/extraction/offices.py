"""When the people news names held their offices: bounds on an article's date.

"German Chancellor Angela Merkel" puts an article between November 2005 and December 2021;
"former chancellor" after May 2025. The terms come from ``data/office_holders.tsv``;
a name counts only with its office beside it (a name alone may be a candidate, a
deputy or a namesake).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from events.extraction.dating import DatedMention
from events.extraction.phrases import PhraseIndex, fold, read_date, read_rows, spellings

__all__ = ["Office", "office_mentions", "office_names", "offices"]


@dataclasses.dataclass(frozen=True, slots=True)
class Office:
    """One term of a person in an office."""

    name: str
    office: str
    country: str
    start: dt.date
    end: dt.date | None


@functools.lru_cache(maxsize=1)
def offices() -> tuple[Office, ...]:
    """Return the shipped table of office terms (empty when the table is not shipped)."""
    found = []
    for row in read_rows("office_holders.tsv"):
        name, also_known_as, office, country, start, end = (row + [""] * 6)[:6]
        if not start.strip():
            continue
        found += [
            Office(
                spelling,
                office.strip().lower(),
                country.strip(),
                dt.date.fromisoformat(start),
                read_date(end),
            )
            for spelling in spellings(name, also_known_as)
        ]
    return tuple(found)


# How news writes an office before or after a name; an office missing here is matched as
# written in the table.
_OFFICE_WORDS = {
    "president": r"president",
    "prime minister": r"prime minister|premier|pm",
    "chancellor": r"chancellor",
    "vice president": r"vice[- ]president",
    "foreign minister": r"foreign minister|minister of foreign affairs|foreign affairs minister",
    "defence minister": r"defen[cs]e minister|minister of defen[cs]e",
    "secretary of state": r"secretary of state",
    "defense secretary": r"defen[cs]e secretary|secretary of defen[cs]e",
    "foreign secretary": r"foreign secretary",
    "defence secretary": r"defen[cs]e secretary|secretary of defen[cs]e",
    "national security adviser": r"national security advis[eo]r",
    "secretary-general": r"secretary[- ]general|chief",
    "european commission president": r"commission president|president of the european commission"
    r"|commission chief|commission head",
    "european council president": r"council president|president of the european council",
    "high representative": r"high representative|foreign policy chief",
}
_NOT_THE_OFFICE_RE = re.compile(r"(?:\b(?:deputy|vice|acting|then|elect)|(?<!\bex)-)[- ]*$")
_FORMER_RE = re.compile(r"\b(?:former|late)\b|\bex-")


@functools.lru_cache(maxsize=1)
def office_names() -> tuple[PhraseIndex, dict[str, re.Pattern]]:
    """Return every office holder's names with their terms, and each office's words."""
    by_name: dict[str, list[Office]] = {}
    for term in offices():
        by_name.setdefault(fold(term.name), []).append(term)
    words = {
        office: re.compile(rf"\b(?:{_OFFICE_WORDS.get(office, re.escape(office))})\b")
        for office in {t.office for t in offices()}
    }
    return PhraseIndex(by_name), words


def office_mentions(sentence: str, starting: re.Pattern) -> list[DatedMention]:
    index, words = office_names()
    found = []
    for hit, terms in index.finditer(sentence, starting):
        before = sentence[max(0, hit.start() - 60) : hit.start()]
        after = sentence[hit.end() : hit.end() + 60]
        titles = {t: _title(words[t.office], before, after) for t in terms}
        titled = [t for t, title in titles.items() if title is not None]
        if not titled:
            continue
        phrase = " ".join(sentence[max(0, hit.start() - 40) : hit.end() + 10].split())
        if "former" in titles.values():
            ends = [t.end for t in titled]
            if None not in ends:
                last = max(ends)
                found.append(DatedMention(last, last, "day", phrase, recent=False, known="office"))
            continue
        first = min(t.start for t in titled)
        found.append(DatedMention(first, first, "day", phrase, recent=False, known="office"))
        ends = [t.end for t in titled]
        if None not in ends:
            last = max(ends)
            found.append(DatedMention(last, last, "day", phrase, future=True, known="office"))
    return found


def _title(office: re.Pattern, before: str, after: str) -> str | None:
    """Return how the office is written next to the name: "current", "former" or None.

    "Chancellor X", "the country's chancellor, X" and "X, the chancellor" are current;
    "former Chancellor X" and "X, the former chancellor" former; "Deputy Chancellor X"
    and "then-Chancellor X" say nothing of the time of writing.
    """
    ahead = re.search("(" + office.pattern + r")[\s,]*(?:[\w.'-]+\s+)?$", before)
    if ahead is not None:
        words = before[: ahead.start(1)]
    else:
        behind = re.match(
            r"\s*,\s+(?:the\s+|a\s+)?(?:[\w.'-]+\s+){0,3}?(" + office.pattern + r")\b", after
        )
        if behind is None:
            return None
        words = after[: behind.start(1)]
    if _NOT_THE_OFFICE_RE.search(words):
        return None
    return "former" if _FORMER_RE.search(words) else "current"
