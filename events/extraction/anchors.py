"""Bound an undated article's date by what the world knows about the things it mentions.

An article without a date line still tells a careful reader when it was written: "German
Chancellor Angela Merkel" puts it between November 2005 and December 2021, "since the invasion"
after 24 February 2022, "fears of an invasion" before it, "the Swedish presidency of the
EU" in the first half of 2023. Shipped tables hold that knowledge
(``data/dated_happenings.tsv``; people in ``offices`` and ``deaths``); this module finds
their mentions in a text and turns each into ``dating.DatedMention`` bounds. It reads plain
text (no parse), so it runs before and without spaCy; ``offices`` reads the people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from events.extraction import deaths, offices
from events.extraction.dating import DatedMention
from events.extraction.phrases import (
    WORD_RE,
    PhraseIndex,
    plain,
    read_date,
    read_rows,
    term_pattern,
)

__all__ = ["Happening", "find_bounding_mentions", "happenings"]

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
    r"|['’]s)\s+(?:[\w.,-]+\s+){0,3}$"
)
_INDEFINITE_RE = re.compile(r"\b(?:a|an|any|another|possible|potential)\s+(?:[\w,-]+\s+){0,3}$")
_HEDGE_RE = re.compile(
    r"\b(?:would|could|might|may|can|if|should|unless|whether|prelude|pretext|excuse"
    r"|signs? of|fears?|feared|threat|threatens?"
    r"|risks?|possib\w+|potential|prospect|looming|imminent|prepar\w+|worst[- ]case|scenario"
    r"|plans?|planning|deter\w*|prevent\w*|avert\w*|warn\w*|in case|decided to|intends? to"
    r"|ready to|poised to|on the verge|threaten\w*|seek\w*|sought|hope\w*|want\w*|aspir\w*"
    r"|appl\w+ for|bid|push\w* for|call\w* for|demand\w*)\b"
)
# "the invasion could begin": a definite happening still to come. "The war will continue"
# is not: it goes on.
_HEDGE_AFTER_RE = re.compile(
    r"^[\s,]*(?:(?:of|by|on|against|in)\s+(?:[\w'-]+\s+){1,2})?"  # "an invasion of Ukraine is ..."
    r"(?:(?:could|would|will|may|might|can)\s+(?:\w+\s+)?(?:begin|start|come|happen"
    r"|occur|be\s+launched|take\s+place|commence|unfold)"
    r"|(?:is|was|remains|seems|looks)\s+(?:still\s+|very\s+|quite\s+|increasingly\s+)?"
    r"(?:expected|imminent|likely|unlikely|possible|probable|coming|looming|feared))\b"
)
_ESCALATION_RE = re.compile(r"\b(?:wider|broader|nuclear|world|third|regional|bigger)\b")
# A trigger word that reads as a verb; after a determiner it is a noun ("the siege").
_VERB_FORM_RE = re.compile(r"(?:e|es|ed|ing)$")
_DETERMINERS = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
    "our", "any", "another", "every", "each", "no",
))  # fmt: skip
_INFINITIVE_OR_MODAL = frozenset((
    "to", "will", "would", "could", "might", "may", "can", "should", "must", "shall",
    "not", "never", "cannot",
))  # fmt: skip
# "before another invasion", "to avert a war": a happening still to come.
_AHEAD_OF_RE = re.compile(
    r"\b(?:before|ahead of|against|avert|avoid|prevent)\s+(?:a|an|any|another)\b"
)
# The participants of a happening are named this close to its trigger.
_PARTICIPANT_REACH = 80
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


@functools.lru_cache(maxsize=1)
def happenings() -> tuple[Happening, ...]:
    """Return the shipped table of dated happenings."""
    found = []
    for key, start, end, looming, reading, triggers, participants, source in read_rows(
        "dated_happenings.tsv"
    ):
        words = [t.strip() for t in triggers.split(";") if t.strip()]
        found.append(
            Happening(
                key=key,
                start=dt.date.fromisoformat(start),
                end=read_date(end),
                looming_from=read_date(looming),
                reading=reading,
                triggers=tuple(w.lstrip("?") for w in words),
                hypothetical_only=frozenset(w[1:] for w in words if w.startswith("?")),
                participants=tuple(
                    re.compile("|".join(term_pattern(t) for t in group.split(";")))
                    for group in participants.split("|")
                    if group.strip()
                ),
                source=source,
            )
        )
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _trigger_index() -> PhraseIndex:
    """Return every trigger of the table with the happenings it names."""
    named: dict[str, list[tuple[Happening, str]]] = {}
    for happening in happenings():
        for trigger in happening.triggers:
            named.setdefault(trigger, []).append((happening, trigger))
    return PhraseIndex(named)


def find_bounding_mentions(text: str) -> list[DatedMention]:
    """Return the bounds on ``text``'s date that its world-knowledge mentions give."""
    if not text:
        return []
    text = plain(text)
    present = set(WORD_RE.findall(text.lower()))
    triggers = _trigger_index().words_re(present)
    names = offices.office_names()[0].words_re(present)
    people = deaths.death_names().words_re(present)
    if triggers is None and names is None and people is None:
        return []
    found = []
    for sentence in _SENTENCE_END_RE.split(text):
        if len(sentence) > 12:
            sentence = sentence.lower()
            if triggers is not None and triggers.search(sentence):
                found += _happening_mentions(sentence, triggers)
            if names is not None and names.search(sentence):
                found += offices.office_mentions(sentence, names)
            if people is not None and people.search(sentence):
                found += deaths.death_mentions(sentence, people)
    return found


def _happening_mentions(sentence: str, starting: re.Pattern) -> list[DatedMention]:
    found = []
    seen = set()
    for hit, named in _trigger_index().finditer(sentence, starting):
        matching = [
            (happening, trigger)
            for happening, trigger in named
            if happening.key not in seen
            and _participants_near(happening, sentence, hit.start(), hit.end())
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


def _participants_near(happening: Happening, sentence: str, start: int, end: int) -> bool:
    """Say whether every participant group is named near the trigger ("the fall of X")."""
    window = sentence[max(0, start - _PARTICIPANT_REACH) : end + _PARTICIPANT_REACH]
    return all(pattern.search(window) for pattern in happening.participants)


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
    """Return how a trigger is told: "happened", "hypothetical" or None (can't tell).

    A verb in the past ("invaded") happened unless hedged ("if Russia invaded"); one in
    the infinitive or after a modal ("decided to invade", "could invade") did not yet.
    A noun after "a" or "any" is hypothetical when hedged ("fears of an invasion"); after
    "the" or a possessive it is taken as known ("since Russia's invasion"), unless what
    follows puts it ahead ("the invasion could begin", "is still possible").
    """
    before = sentence[max(0, start - _BEFORE_REACH) : start]
    after = sentence[end : end + _AFTER_REACH]
    word = sentence[start:end]
    if _ESCALATION_RE.search(before[-30:]):
        return None  # "a wider war", "a nuclear war": another, larger happening
    hedged = bool(_HEDGE_RE.search(before))
    previous = before.split()[-1] if before.split() else ""
    if " " not in word and _VERB_FORM_RE.search(word) and not _determines(previous):
        if word.endswith("ed"):
            return "hypothetical" if hedged else "happened"
        return "hypothetical" if hedged or previous in _INFINITIVE_OR_MODAL else None
    if _INDEFINITE_RE.search(before):
        ahead = hedged or _AHEAD_OF_RE.search(before) or _HEDGE_AFTER_RE.search(after)
        return "hypothetical" if ahead else "happened"
    definite = _DEFINITE_RE.search(before)
    if definite and not _HEDGE_RE.search(definite.group()) and " of " not in definite.group():
        return "hypothetical" if _HEDGE_AFTER_RE.search(after) else "happened"
    return "hypothetical" if hedged or _HEDGE_AFTER_RE.search(after) else "happened"


def _determines(word: str) -> bool:
    """Say whether ``word`` makes the next one a noun ("the siege", "Russia's invasion")."""
    return word in _DETERMINERS or word.endswith("'s")


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
