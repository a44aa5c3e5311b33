"""Bound an undated article's date by what the world knows about the things it mentions.

An article without a date line still tells a careful reader when it was written: "German
Chancellor Olaf Scholz" puts it between December 2021 and May 2025, "since the invasion"
after 24 February 2022, "fears of an invasion" before it, "the Czech presidency of the
EU" in the second half of 2022. Two shipped tables hold that knowledge
(``data/dated_happenings.tsv``, ``data/office_holders.tsv``); this module finds their
mentions in a text and turns each into ``dating.DatedMention`` bounds. It reads plain
text (no parse), so it runs before and without spaCy.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from unidecode import unidecode

from events.extraction.dating import DatedMention

__all__ = ["Happening", "Office", "find_bounding_mentions", "happenings", "offices"]

DATA_DIR = Path(__file__).parent / "data"
# A present-tense mention of a period ("holds the presidency") still fits an article
# written this long after the period ended.
DURING_GRACE_DAYS = 14
# A day written without its year lies at most this long before the article.
YEAR_UNWRITTEN_DAYS = 365
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# How far around a trigger its tense and hedges are looked for.
_BEFORE_REACH = 90
_AFTER_REACH = 40

# A sentence ends at a stop before a capital, unless the stop closes a short abbreviation
# ("Feb. 24", "U.S. President", "Mr. Smith").
_SENTENCE_END_RE = re.compile(
    r"[.!?](?<![A-Z][.!?])(?<!\b\w\w[.!?])(?<!\b\w\w\w[.!?])['\"”’)]*\s+(?=[\"“‘']?[A-Z])|\n"
)
_DEFINITE_RE = re.compile(
    r"(?:\b(?:the|this|its|their|his|her|since|after|before|following|during|amid)"
    r"|['’]s)\s+(?:[\w-]+\s+){0,2}$"
)
_INDEFINITE_RE = re.compile(r"\b(?:a|an|any|another|possible|potential)\s+(?:[\w,-]+\s+){0,3}$")
_HEDGE_RE = re.compile(
    r"\b(?:would|could|might|may|can|if|should|unless|whether|prelude|pretext|excuse"
    r"|signs? of|fears?|feared|threat|threatens?"
    r"|risks?|possib\w+|potential|prospect|looming|imminent|prepar\w+|worst[- ]case|scenario"
    r"|plans?|planning|deter\w*|prevent\w*|avert\w*|warn\w*|in case|decided to|intends? to"
    r"|ready to|poised to|on the verge|threaten\w*)\b"
)
# "the invasion could begin": a definite happening still to come. "The war will continue"
# is not: it goes on.
_HEDGE_AFTER_RE = re.compile(
    r"^[\s,]*(?:(?:could|would|will|may|might|can)\s+(?:\w+\s+)?(?:begin|start|come|happen"
    r"|occur|be\s+launched|take\s+place|commence|unfold)"
    r"|(?:is|was)\s+(?:expected|imminent|likely|coming|looming))\b"
)
_ESCALATION_RE = re.compile(r"\b(?:wider|broader|nuclear|world|third|regional|bigger)\b")
_PAST_VERB_RE = re.compile(r"\w+ed$")
_OLDER_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PAST_PERIOD_RE = re.compile(r"\b(?:held|former|previous|outgoing|last|then)\b")


@dataclasses.dataclass(frozen=True, slots=True)
class Happening:
    """A dated happening or period of the public record, and how news refers to it."""

    key: str
    start: dt.date
    end: dt.date | None
    looming_from: dt.date | None
    reading: str  # "after" or "during"
    triggers: tuple[str, ...]
    hypothetical_only: frozenset[str]
    participants: tuple[re.Pattern, ...]
    source: str


@dataclasses.dataclass(frozen=True, slots=True)
class Office:
    """One term of a person in an office."""

    name: str
    office: str
    country: str
    start: dt.date
    end: dt.date | None


_PUNCTUATION = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
    ("\u2013", "-"), ("\u2014", "-"), ("\u00a0", " "),
)  # fmt: skip


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def _plain(text: str) -> str:
    """Return ``text`` in ASCII: typographic punctuation plain, letters transliterated."""
    for typographic, plain in _PUNCTUATION:
        text = text.replace(typographic, plain)
    return text if text.isascii() else _NON_ASCII_RE.sub(lambda m: unidecode(m.group()), text)


def _fold(text: str) -> str:
    """Return ``text`` lower-cased and transliterated."""
    return _plain(text).lower()


def _term_pattern(term: str) -> str:
    term = _fold(term.strip())
    if term.endswith("*"):
        return r"\b" + re.escape(term[:-1]) + r"[\w-]*"
    return r"\b" + re.escape(term) + r"\b"


def _rows(filename: str) -> Iterator[list[str]]:
    path = DATA_DIR / filename
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                yield row


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


@functools.lru_cache(maxsize=1)
def happenings() -> tuple[Happening, ...]:
    """Return the shipped table of dated happenings."""
    found = []
    for key, start, end, looming, reading, triggers, participants, source in _rows(
        "dated_happenings.tsv"
    ):
        words = [t.strip() for t in triggers.split(";") if t.strip()]
        found.append(
            Happening(
                key=key,
                start=dt.date.fromisoformat(start),
                end=_date(end),
                looming_from=_date(looming),
                reading=reading,
                triggers=tuple(w.lstrip("?") for w in words),
                hypothetical_only=frozenset(w[1:] for w in words if w.startswith("?")),
                participants=tuple(
                    re.compile("|".join(_term_pattern(t) for t in group.split(";")))
                    for group in participants.split("|")
                    if group.strip()
                ),
                source=source,
            )
        )
    return tuple(found)


@functools.lru_cache(maxsize=1)
def offices() -> tuple[Office, ...]:
    """Return the shipped table of office terms (empty when the table is not shipped)."""
    found = []
    for row in _rows("office_holders.tsv"):
        name, also_known_as, office, country, start, end = (row + [""] * 6)[:6]
        if not start.strip():
            continue
        for spelling in [name, *also_known_as.split(";")]:
            if spelling.strip():
                found.append(
                    Office(
                        spelling.strip(),
                        office.strip().lower(),
                        country.strip(),
                        dt.date.fromisoformat(start),
                        _date(end),
                    )
                )
    return tuple(found)


_WORD_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _PhraseIndex:
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
            entry = (re.compile(_term_pattern(phrase)), payload)
            if first.endswith("*"):
                self._by_stem.setdefault(_WORD_RE.match(_fold(first)).group(), []).append(entry)
            else:
                self._by_first.setdefault(_WORD_RE.match(_fold(first)).group(), []).append(entry)
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


@functools.lru_cache(maxsize=1)
def _trigger_index() -> _PhraseIndex:
    """Return every trigger of the table with the happenings it names."""
    named: dict[str, list[tuple[Happening, str]]] = {}
    for happening in happenings():
        for trigger in happening.triggers:
            named.setdefault(trigger, []).append((happening, trigger))
    return _PhraseIndex(named)


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
def _office_index() -> tuple[_PhraseIndex, dict[str, re.Pattern]]:
    """Return every office holder's names with their terms, and each office's words."""
    by_name: dict[str, list[Office]] = {}
    for term in offices():
        by_name.setdefault(_fold(term.name), []).append(term)
    words = {
        office: re.compile(rf"\b(?:{_OFFICE_WORDS.get(office, re.escape(office))})\b")
        for office in {t.office for t in offices()}
    }
    return _PhraseIndex(by_name), words


def find_bounding_mentions(text: str) -> list[DatedMention]:
    """Return the bounds on ``text``'s date that its world-knowledge mentions give."""
    if not text:
        return []
    plain = _plain(text)
    present = set(_WORD_RE.findall(plain.lower()))
    triggers = _trigger_index().words_re(present)
    names = _office_index()[0].words_re(present)
    if triggers is None and names is None:
        return []
    found = []
    for sentence in _SENTENCE_END_RE.split(plain):
        if len(sentence) > 12:
            sentence = sentence.lower()
            if triggers is not None and triggers.search(sentence):
                found += _happening_mentions(sentence, triggers)
            if names is not None and names.search(sentence):
                found += _office_mentions(sentence, names)
    return found


def _happening_mentions(sentence: str, starting: re.Pattern) -> list[DatedMention]:
    found = []
    seen = set()
    for hit, named in _trigger_index().finditer(sentence, starting):
        matching = [
            (happening, trigger)
            for happening, trigger in named
            if happening.key not in seen
            and all(p.search(sentence) for p in happening.participants)
            # "since 2014": the sentence tells of older times than the happening
            and not any(int(y) <= happening.start.year for y in _OLDER_YEAR_RE.findall(sentence))
        ]
        reading = _reading(sentence, hit.start(), hit.end()) if matching else None
        if reading is None:
            continue
        matching = [
            happening
            for happening, trigger in matching
            if reading == "hypothetical" or trigger not in happening.hypothetical_only
        ]
        seen.update(happening.key for happening in matching)
        phrase = " ".join(sentence.split())[:160]
        periods = [h for h in matching if h.reading == "during"]
        if len(periods) > 1:
            # The same words name several periods (a country's EU presidencies): their span.
            found += _mentions_of(_span_of(periods), reading, phrase)
            matching = [h for h in matching if h.reading != "during"]
        for happening in matching:
            found += _mentions_of(happening, reading, phrase)
            if reading == "happened" and _day_without_year(sentence, hit.start(), happening.start):
                # "its Feb. 24 invasion": news leaves out the year of a day in the last twelve
                # months, so the article is less than a year after it.
                last = happening.start + dt.timedelta(days=YEAR_UNWRITTEN_DAYS)
                found.append(
                    DatedMention(last, last, "day", phrase, future=True, known="happening")
                )
    return found


def _day_without_year(sentence: str, start: int, day: dt.date) -> bool:
    """Say whether ``day`` is written just before a trigger, without its year."""
    month = _MONTHS[day.month - 1]
    pattern = (
        rf"(?:\b{month}[a-z]*\.?\s+{day.day}(?:st|nd|rd|th)?|\b{day.day}(?:st|nd|rd|th)?\s+{month}[a-z]*)"
        r"(?!,?\s+\d{4})\W+(?:[\w-]+\s+){0,2}$"
    )
    return re.search(pattern, sentence[max(0, start - 40) : start]) is not None


def _span_of(periods: list[Happening]) -> Happening:
    ends = [p.end for p in periods]
    return dataclasses.replace(
        periods[0],
        start=min(p.start for p in periods),
        end=None if None in ends else max(ends),
        looming_from=None,
    )


def _reading(sentence: str, start: int, end: int) -> str | None:
    """Return how a trigger is told: "happened", "hypothetical" or None (can't tell)."""
    before = sentence[max(0, start - _BEFORE_REACH) : start]
    after = sentence[end : end + _AFTER_REACH]
    word = sentence[start:end]
    if _ESCALATION_RE.search(before[-30:]):
        return None  # "a wider war", "a nuclear war": another, larger happening
    definite = _DEFINITE_RE.search(before)
    if definite and not _HEDGE_RE.search(definite.group()) and " of " not in definite.group():
        return "hypothetical" if _HEDGE_AFTER_RE.search(after) else "happened"
    hedged = bool(_HEDGE_RE.search(before))
    if _INDEFINITE_RE.search(before):
        return "hypothetical" if hedged or _HEDGE_AFTER_RE.search(after) else "happened"
    if hedged:
        return "hypothetical"
    if _PAST_VERB_RE.search(word) or " " in word or not word.endswith(("e", "es", "ing")):
        return "happened"
    return None


def _mentions_of(happening: Happening, reading: str, phrase: str) -> list[DatedMention]:
    start = happening.start
    if reading == "hypothetical":
        if happening.looming_from is None:
            return []  # a threat never known to loom dates nothing
        return [
            DatedMention(
                happening.looming_from,
                happening.looming_from,
                "day",
                phrase,
                recent=False,
                known="happening",
            ),
            DatedMention(
                start - dt.timedelta(days=1),
                start - dt.timedelta(days=1),
                "day",
                phrase,
                future=True,
                anticipated=True,
                known="happening",
            ),
        ]
    mentions = [DatedMention(start, start, "day", phrase, recent=False, known="happening")]
    if (
        happening.reading == "during"
        and happening.end is not None
        and not _PAST_PERIOD_RE.search(phrase)
    ):
        last = happening.end + dt.timedelta(days=DURING_GRACE_DAYS)
        mentions.append(DatedMention(last, last, "day", phrase, future=True, known="happening"))
    return mentions


def _office_mentions(sentence: str, starting: re.Pattern) -> list[DatedMention]:
    index, words = _office_index()
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
