"""Vocabulary and records shared by the quote finders."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from events.extraction.types import (
    ExtractedQuote,
    TemporalExpression,
)


def _wordset(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list written as prose."""
    return frozenset(words.split())


# A marked fragment of this many words or fewer is a scare quote or a name
# ("very chaotic", "terrorist act"), not a statement worth recording.
MIN_QUOTE_WORDS = 3

# Lemmas (and a few irregular forms the lemmatizer may miss) of verbs that
# introduce somebody's words.
SPEECH_VERBS = _wordset(
    """
    say says said tell told add warn write wrote state insist claim vow declare announce
    explain note stress emphasize emphasise acknowledge admit argue assert report reply
    respond answer ask urge describe comment remark conclude predict promise pledge
    threaten tweet post confirm deny suggest recall quip complain lament maintain
    observe estimate reiterate caution allege contend concede boast cry shout exclaim
    point recount testify read
    """
)

# Verbs that attribute a quote only right after one ('"...," he continued').
_AFTER_QUOTE_VERBS = frozenset(
    {"continue", "address", "conclude", "summarise", "summarize", "agree", "write"}
)
# Prepositions that follow a speaker's name to say where or when, not who.
_WHERE_AND_WHEN = _wordset("in on at during after before while via through outside inside")
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
_ALL_PRONOUNS = _PERSON_PRONOUNS | _GROUP_PRONOUNS | {"i", "we", "you"}
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
_POSSESSIVE_DETERMINERS = frozenset({"its", "their"})
_DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "its", "their"})
_INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another"})
_SUBORDINATORS = _wordset(
    """
    after although as because before if once since though unless until when whenever
    where whereas while despite
    """
)
# Offices that name one known person; "official" or "spokesman" name nobody in particular.
_PERSON_TITLES = _wordset(
    """
    president minister governor mayor premier chancellor king queen prince general
    commander chief leader secretary adviser advisor ambassador envoy senator head
    director chairman chairwoman pope prosecutor
    """
)
# Documents that speak for whoever issued them.
_DOCUMENTS = _wordset(
    """
    report statement assessment update bulletin communique communiqué study survey
    document analysis briefing release resolution declaration letter
    """
)
# People a body speaks through, named by their function only.
_UNNAMED_PEOPLE = _wordset(
    """
    official spokesman spokeswoman spokesperson source diplomat aide analyst expert
    representative member lawmaker officer insider employee staffer
    """
)
# Words for whoever leads a body; "the head of X" may be "X's director" elsewhere.
_LEADER_WORDS = frozenset({"head", "chief", "director", "leader", "boss", "chairman", "chairwoman"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose", "what"})
_NAMING_WORDS = frozenset(
    {"called", "dubbed", "named", "nicknamed", "codenamed", "titled", "so-called"}
)
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Quote marks: which may open, which may close.
_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_STRAIGHT = "\"'"
_DOUBLE_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_ALL_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE + _STRAIGHT
# Elisions that put an apostrophe before a word: ’90s, ’em, rock ’n’ roll, ’til.
_ELISION = re.compile(r"['’](?:\d\d?s?\b|em\b|til\b|n\b|cause\b|tis\b|twas\b)", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_TRAILING_PUNCT = ",;: \t\n"

_CONFIDENCE_FULL = 0.9
_CONFIDENCE_PARTIAL = 0.6
_CONFIDENCE_UNMARKED = 0.65
# How much less sure a quote is when its speaker was only inferred.
_RESOLUTION_PENALTY = {"pronoun": 0.1, "title": 0.1, "guess": 0.2, "previous": 0.05, "none": 0.3}


def _unmarked_quote(
    index, start: int, end: int, *, sentence_index: int, speaker, said_on, precision, penalty: float
) -> ExtractedQuote:
    """Return speech found without quotation marks, less sure by ``penalty`` and by how its
    speaker was resolved."""
    confidence = _CONFIDENCE_UNMARKED - penalty - _RESOLUTION_PENALTY.get(speaker.resolved_by, 0.0)
    return ExtractedQuote(
        text=re.sub(r"\s+", " ", index.text[start:end]),
        start=start,
        end=end,
        sentence_index=sentence_index,
        speaker_key=speaker.key,
        speaker_name=speaker.name,
        is_marked=False,
        said_on=said_on,
        said_on_precision=precision,
        confidence=round(confidence, 2),
    )


@dataclass(frozen=True)
class MarkedSpan:
    """Words between quotation marks; offsets exclude the marks themselves."""

    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when it is missing
    start: int
    end: int
    text: str  # marks of continued paragraphs removed, whitespace collapsed
    family: str  # "double" or "single"


@dataclass(frozen=True)
class _Attribution:
    speaker_start: int
    speaker_end: int
    head_index: int  # token index of the speaker's head word
    window_start: int  # the attribution clause, where its date is read from
    window_end: int


def _said_on(
    temporal: Iterable[TemporalExpression], start: int, end: int
) -> tuple[dt.date | None, str]:
    for expression in temporal:
        if start <= expression.start and expression.end <= end and expression.value:
            return expression.value, expression.precision
    return None, ""
