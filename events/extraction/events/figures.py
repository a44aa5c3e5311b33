"""Read the figures a report gives: killed, injured, displaced, and other counts.

Written numbers ("three and a half lakh", "7.1 million", "twenty-one") are parsed; what
each counts is read off the parse ("killed", "wounded", "bodies"). Vague plurals
("dozens", "tens of thousands") give no figure: a record never states an exact number
no report gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.extraction.events.syntax import word_set
from events.extraction.nlp import doc_ents, span_tokens, token_children

__all__ = [
    "DAMAGE_WORDS",
    "INJURED_WORDS",
    "KILLED_WORDS",
    "Quantity",
    "parse_quantity",
    "quantities",
]


KILLED_WORDS = frozenset(
    {
        "kill",
        "killed",
        "die",
        "dead",
        "death",
        "fatality",
        "perish",
        "life",
        "lives",
        "body",
        "bodies",
        "corpse",
        "drown",
        "drowned",
        "murder",
        "murdered",
        "massacre",
        "massacred",
    }
)
INJURED_WORDS = frozenset(
    {"wound", "wounded", "injure", "injured", "hurt", "injury", "casualty", "hospitalise"}
)
DAMAGE_WORDS = word_set("destroy destroyed damage damaged raze razed flatten")
_DISPLACED_WORDS = frozenset({"displace", "displaced", "homeless", "uproot"})

_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_SMALL_NUMBERS.update(
    {
        word: 10 * (index + 2)
        for index, word in enumerate(
            ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        )
    }
)
_SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
}
# Vague plurals count as the smallest figure the word allows ("dozens" is at least two
# dozen), so a merged record never states more than every source does. "Several",
# "many" and "a few" give no figure at all.
_VAGUE_PLURALS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000}
_MEASURE_WORDS = word_set(
    "km kilometre kilometer kilometres kilometers mile miles metre meter m percent per % "
    "hour day week month year minute kg ton tonne degree am pm a.m. p.m. mm"
)
_NUMBER_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")


def parse_quantity(words: Sequence[str]) -> int | None:
    """Return the integer written by ``words`` ("three and a half lakh" -> 350000).

    Return None for words that name no definite figure ("several", "many").
    """
    lowered = [word.lower().strip() for word in words if word.strip()]
    if not lowered:
        return None
    phrase = " ".join(lowered)
    for vague, value in _VAGUE_PLURALS.items():
        if phrase == vague:
            return value
        if phrase == f"tens of {vague}":
            return 20 * value // 2
        if phrase == f"{vague} of thousands" and vague != "thousands":
            return value * 1_000
    total = 0.0
    current = 0.0
    seen_number = False
    previous = ""
    for word in lowered:
        if _NUMBER_RE.match(word):
            current += float(word.replace(",", ""))
            seen_number = True
        elif word in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[word]
            seen_number = True
        elif word in ("dozen",):
            current = (current or 1) * 12
            seen_number = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen_number = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
            seen_number = True
        elif word == "half" and previous in ("a", "and"):
            current += 0.5
        elif word in ("a", "an", "and", "-"):
            pass
        elif "-" in word and all(part in _SMALL_NUMBERS for part in word.split("-")):
            current += sum(_SMALL_NUMBERS[part] for part in word.split("-"))
            seen_number = True
        else:
            return None
        previous = word
    if not seen_number:
        return None
    value = total + current
    return round(value) if value >= 1 else None


def _is_number_word(token) -> bool:
    lower = token.lower_
    return bool(
        _NUMBER_RE.match(lower)
        or lower in _SMALL_NUMBERS
        or lower in _SCALES
        or lower in ("hundred", "dozen", "half")
        or lower in _VAGUE_PLURALS
        or (token.like_num and token.pos_ == "NUM")
    )


@dataclass(frozen=True)
class Quantity:
    value: int
    first: int  # doc token indices
    last: int
    kind: str  # "killed", "injured", "displaced" or "" for any other count


def quantities(span, skipped_chars: Iterable[tuple[int, int]]) -> list[Quantity]:
    """Return the counts written in ``span``, with what they count when it is a casualty."""
    skipped = list(skipped_chars)
    found: list[Quantity] = []
    tokens = span_tokens(span)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if not _is_number_word(token) or token.lower_ in ("half",):
            position += 1
            continue
        end = position
        while end + 1 < len(tokens) and (
            _is_number_word(tokens[end + 1])
            or (
                tokens[end + 1].lower_ in ("and", "a", "of")
                and end + 2 < len(tokens)
                and _is_number_word(tokens[end + 2])
            )
            or (
                tokens[end + 1].lower_ in ("and",)
                and end + 3 < len(tokens)
                and tokens[end + 2].lower_ == "a"
                and tokens[end + 3].lower_ == "half"
            )
            or _split_thousands(tokens, end)
            or _hyphenated_number(tokens, end)
        ):
            end += 1
        words = _joined_thousands([t.text for t in tokens[position : end + 1]])
        first, last = tokens[position], tokens[end]
        position = end + 1
        if any(start <= first.idx < stop for start, stop in skipped):
            continue
        if _is_measure_or_date(first, last):
            continue
        if any(word.lower() in _VAGUE_PLURALS for word in words):
            continue  # "dozens", "tens of thousands": reported as no exact figure
        value = parse_quantity(words)
        if value is None:
            continue
        found.append(Quantity(value, first.i, last.i, _casualty_kind(first, last)))
    return found


def _hyphenated_number(tokens, end: int) -> bool:
    """Return True at the hyphen of "forty-one": one number in words, not a range."""
    if end + 2 >= len(tokens) or tokens[end + 1].text != "-":
        return False
    first, hyphen, second = tokens[end], tokens[end + 1], tokens[end + 2]
    return (
        first.is_alpha
        and second.is_alpha
        and _is_number_word(second)
        and not first.whitespace_
        and not hyphen.whitespace_
    )


def _split_thousands(tokens, end: int) -> bool:
    """Return True for "1, 300 people": a thousands separator a typist spaced out."""
    if end + 2 >= len(tokens) or tokens[end + 1].text != ",":
        return False
    before, after = tokens[end], tokens[end + 2]
    return (
        before.text.isdigit()
        and len(before.text) <= 3
        and after.text.isdigit()
        and len(after.text) == 3
        and (end == 0 or tokens[end - 1].text != ",")  # not a list "1, 2, 300"
        and (end == 0 or tokens[end - 1].ent_type_ != "DATE")  # "March 1, 300 troops"
    )


def _joined_thousands(words: list[str]) -> list[str]:
    """Return ``words`` with "1", ",", "300" made "1300"."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1].endswith(",") and word.isdigit():
            joined[-1] = joined[-1][:-1] + word
        elif word == "," and joined:
            joined[-1] += ","
        else:
            joined.append(word)
    return joined


def _is_measure_or_date(first, last) -> bool:
    doc = first.doc
    if first.ent_type_ in ("TIME", "PERCENT", "ORDINAL", "QUANTITY"):
        return True
    if first.ent_type_ == "DATE":
        # The tagger calls "three and a half" a date too; only real dates carry other words.
        entity = next((ent for ent in doc_ents(doc) if ent.start <= first.i < ent.end), None)
        if entity is not None and any(
            t.is_alpha and not _is_number_word(t) and t.lower_ not in ("and", "a", "an", "of")
            for t in entity
        ):
            return True
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if following is not None and (
        following.lower_ in _MEASURE_WORDS or following.lemma_.lower() in _MEASURE_WORDS
    ):
        return True
    # "16km" is one token in some tokenisations.
    if re.match(r"^\d[\d,.]*[a-z%]+$", last.lower_):
        return True
    text = first.doc[first.i : last.i + 1].text
    return bool(re.fullmatch(r"(1[89]|20)\d\d", text))


# Verbs that move or state a running count: "the death toll rose to 29".
_TALLY_VERBS = frozenset(
    {"rise", "climb", "raise", "increase", "reach", "jump", "stand", "hit", "grow", "mount",
     "be", "top", "surpass", "exceed", "revise", "put"}
)  # fmt: skip
_TALLY_NOUNS = frozenset({"toll", "count", "number", "tally", "figure"})


def _tally_kind(noun) -> str:
    """Return "killed" or "injured" for the figure a toll reaches: "the toll rose to 29"."""
    verb = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    if (
        noun.dep_ not in ("pobj", "attr", "dobj", "npadvmod")
        or verb.lemma_.lower() not in _TALLY_VERBS
    ):
        return ""
    for counted in (c for c in token_children(verb) if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
        if counted.i == noun.i or counted.lemma_.lower() not in _TALLY_NOUNS:
            continue
        words = {t.lower_ for t in counted.subtree} | {t.lemma_.lower() for t in counted.subtree}
        if words & (KILLED_WORDS | {"death", "fatality", "dead"}):
            return "killed"
        if words & INJURED_WORDS:
            return "injured"
    return ""


def _casualty_kind(first, last) -> str:
    """Return what a count counts ("killed"/"injured"/"displaced"), read off the parse."""
    phrase = {t.i for t in first.doc[first.i : last.i + 1]}
    root = next((t for t in first.doc[first.i : last.i + 1] if t.head.i not in phrase), last)
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound") else root
    near = [noun, noun.head]
    if noun.head.pos_ == "ADP" or noun.head.dep_ in ("prep", "agent"):
        near.append(noun.head.head)
    near.extend(child for child in token_children(noun) if child.dep_ in ("amod", "acl", "relcl"))
    near.extend(
        child
        for child in token_children(noun.head)
        if child.dep_ in ("oprd", "xcomp", "acomp", "ccomp") and child.i != noun.i
    )
    tally = _tally_kind(noun)
    if tally:
        return tally
    for token in near:
        for kind, words in (
            ("killed", KILLED_WORDS),
            ("injured", INJURED_WORDS),
            ("displaced", _DISPLACED_WORDS),
        ):
            if token.lemma_.lower() in words or token.lower_ in words:
                if token.i == noun.i and token.lemma_.lower() in ("life", "lives"):
                    continue
                return kind
    return ""
