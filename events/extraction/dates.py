"""Find an article's publication date and resolve the temporal phrases in its text.

A small English temporal grammar (compiled regular expressions) does the finding:
general date parsers read "may", "we" or "now" as dates, and detecting the language
per call costs more than a second, so none is used here. Finding (``_scan``) is kept
separate from resolving against an anchor date (``_resolve``) so that the publication
date can be reasoned about before any anchor is known.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence

from events.extraction import anchors, dating, digest
from events.extraction.types import (
    CleanedArticle,
    DatePrecision,
    DateSource,
    PublicationDate,
    TemporalExpression,
)

__all__ = [
    "expression_at",
    "find_temporal_expressions",
    "infer_publication_date",
]

# How far back a weekday-and-date pair may place an article when nothing else narrows
# the year: archives older than this are rare, and every such pair fits several years.
YEARS_SEARCHED_FOR_WEEKDAY_FIT = 15
# A month and day without a year is read as the nearest such day in this window around
# the anchor: news reports the past far more often than it announces the future.
PAST_WINDOW_DAYS = 305
FUTURE_WINDOW_DAYS = 60
# A dated year in the body is trusted for an undated day only this close to it: a year
# written out usually marks an older event, the current year goes unwritten.
EXPLICIT_YEAR_REACH_DAYS = 45
# Related articles lend their year only to a day this close to their date.
REFERENCE_REACH_DAYS = 45
SUNDAY = 6

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thurs": 3, "fri": 4}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "hundred": 100,
}  # fmt: skip
_MONTH_PARTS = frozenset({"early", "mid", "late"})
_WORDS_BEFORE_A_MONTH = frozenset(
    {"on", "in", "since", "by", "until", "before", "after", "from", "early", "late", "mid"}
)


def _cased_alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words`` in Title and UPPER case, longest first.

    Month and weekday names count only when capitalised: lower-case "may", "march" and
    "sun" are ordinary words.
    """
    forms = set()
    for word in words:
        forms.add(word.capitalize())
        forms.add(word.upper())
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH = (
    rf"(?:(?:{_cased_alternation(_MONTH_NUMBERS)})"
    rf"|(?:{_cased_alternation(_MONTH_ABBREVIATIONS)})\.?)(?![\w])"
)
_WEEKDAY = (
    rf"(?:(?:{_cased_alternation(_WEEKDAY_NUMBERS)})"
    rf"|(?:{_cased_alternation(_WEEKDAY_ABBREVIATIONS)})\.?)(?![\w])"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])(?!,\d{3})"
_YEAR = r"(?<![\d,.])(?:1[89]\d\d|20\d\d)(?![\w])"
_NUMBER = rf"(?:\d{{1,3}}|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
# "and" is left out: "on July 4 and 10 people died" is no range.
_RANGE_JOIN = r"\s*(?:-|–|—|\bto\b)\s*"
_TIME_OF_DAY = r"(?i:\s+(?:morning|afternoon|evening|night))"

# A preposition before a date is kept in the phrase; deadlines are told apart by it.
_DATE_PREPOSITION = (
    r"(?i:on|since|by|until|till|before|after|from|through|as\s+of|ahead\s+of"
    r"|no\s+later\s+than|starting|beginning)"
)
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before", "ahead of", "no later than"})
# "since February 24" says the report is later than that day, not how much later.
_LOWER_BOUND_PREPOSITIONS = frozenset({"since", "after", "from", "starting", "beginning"})
_PART_OF_DAY_LEAD = r"(?:(?P<part>(?i:early|late))\s+(?:(?i:on)\s+)?)?"
_DATE_LEAD = rf"{_PART_OF_DAY_LEAD}(?:(?P<prep>{_DATE_PREPOSITION})\s+)?"
_WEEKDAY_LEAD = (
    rf"(?:(?P<weekday>{_WEEKDAY})(?:'s|’s)?{_TIME_OF_DAY}?\s*(?:,\s*|(?P<paren>\()\s*)?)?"
)
_YEAR_TAIL = rf"(?:,?\s+(?P<year>{_YEAR})|\s+(?P<year_relation>(?i:this|last|next))\s+(?i:year))?"
_CLOSE = r"(?(paren)\s*\))"

_MONTH_DAY_RE = re.compile(
    rf"{_DATE_LEAD}{_WEEKDAY_LEAD}(?P<month>{_MONTH})\s+(?P<day>{_DAY})"
    rf"(?:{_RANGE_JOIN}(?P<day2>{_DAY}))?{_YEAR_TAIL}{_CLOSE}"
)
_DAY_MONTH_RE = re.compile(
    rf"{_DATE_LEAD}{_WEEKDAY_LEAD}(?:(?i:the)\s+)?(?P<day>{_DAY})"
    rf"(?:{_RANGE_JOIN}(?P<day2>{_DAY}))?\s+(?:(?i:of)\s+)?(?P<month>{_MONTH}){_YEAR_TAIL}{_CLOSE}"
)
_ISO_DATE_RE = re.compile(
    rf"(?:(?P<prep>{_DATE_PREPOSITION})\s+)?(?<![\w/.-])(?P<year>(?:19|20)\d\d)-"
    r"(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w/-])"
)
_NUMERIC_DATE_RE = re.compile(
    rf"(?:(?P<prep>{_DATE_PREPOSITION})\s+)?(?<![\w/.])(?P<first>\d{{1,2}})(?P<sep>[./])"
    r"(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?![\w/])"
)
_MONTH_PART = r"(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)"
_MONTH_PREPOSITION = (
    r"(?i:in|since|during|until|till|through|throughout|by|before|after|from|for"
    r"|earlier\s+in|later\s+in|last|next|this|of)"
)
_MONTH_YEAR_RE = re.compile(
    rf"(?:(?P<prep>{_MONTH_PREPOSITION})\s+)?(?:(?P<part>{_MONTH_PART})[\s-]+)?"
    rf"(?P<month>{_MONTH})(?:\s+(?i:of))?,?\s+(?P<year>{_YEAR})"
)
_MONTH_ONLY_RE = re.compile(
    rf"(?:(?P<prep>{_MONTH_PREPOSITION})\s+(?:(?P<part>{_MONTH_PART})[\s-]+)?"
    rf"|(?P<part_only>{_MONTH_PART})[\s-]+)(?P<month>{_MONTH})(?!\s*\d)"
)
_YEAR_ONLY_RE = re.compile(
    r"(?P<lead>(?i:in|since|during|until|till|through|throughout|before|after|from"
    r"|early|mid|late|(?:in\s+)?the\s+(?:start|beginning|middle|end|spring|summer|autumn"
    r"|fall|winter)\s+of|in\s+the\s+year))[\s-]+"
    rf"(?P<year>{_YEAR})(?!\s*(?:%|per\s*cent|percent))"
)
_WEEKDAY_RE = re.compile(
    r"(?:(?P<relation>(?i:last|next|this|coming|past))\s+)?"
    r"(?:(?P<part>(?i:early|late))\s+)?"
    rf"(?:(?P<prep>{_DATE_PREPOSITION})\s+)?"
    rf"(?:(?P<part2>(?i:early|late))\s+)?(?P<weekday>{_WEEKDAY})(?:'s|’s)?{_TIME_OF_DAY}?"
)
_WEEKEND_RE = re.compile(
    r"(?i:(?:(?:at|over|during|on)\s+the|(?P<relation>last|this|next|coming|past))\s+weekend)\b"
)
_RELATIVE_DAY_RE = re.compile(
    r"(?i:\b(?:(?:early|late)\s+)?(?P<word>the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|(?:earlier|later)\s+today|yesterday|today|tonight"
    r"|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|overnight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b)"
)
_AGO_RE = re.compile(rf"(?i:\b(?P<number>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b)")
# "in the last week" is the past week, "the last week of May" is another thing.
_PERIOD_RE = re.compile(
    r"(?i:\b(?:(?P<part>earlier|later|early|late)\s+)?"
    r"(?:(?:in|during|over|for)\s+the\s+(?P<past>last|past)"
    r"|(?:(?:in|during|over|for)\s+)?(?:the\s+)?(?P<ahead>past|coming)"
    r"|(?<![Tt]he\s)(?P<relation>last|this|next))"
    r"\s+(?P<unit>week|month|year)\b(?!\s+of\b))"
)
_ANNIVERSARY_RE = re.compile(
    rf"(?i:\b(?:exactly\s+)?(?P<number>{_NUMBER})\s+(?P<unit>day|week|month|year)s?"
    r"\s+(?:to\s+the\s+day\s+)(?:since|after|from)\b)"
)
_FUTURE_CUE_RE = re.compile(
    r"(?i:\b(?:will|won't|shall|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|going)"
    r"\s+to\s+(?:be\s+\w+|take\s+place|meet|begin|start|open|hold|vote|visit|travel|resume)"
    r"|(?:is|are)\s+(?:due|set|scheduled|expected|going)\s+to|plans?\s+to|planned\s+for"
    r"|scheduled\s+for|upcoming)\b|['’]ll\b)"
)
# "a year after" or "the second anniversary of" written before a dated happening moves
# the day it gives the report by that much: "a year since the floods of May 2021".
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_INTERVAL_BEFORE_RE = re.compile(
    rf"(?i:\b(?:(?P<number>{_NUMBER})\s+(?P<unit>day|week|month|year)s?"
    r"\s+(?:after|since|on\s+from|into)"
    rf"|(?P<ordinal>{'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+anniversary\s+of)\b)"
    r"[^.!?\n]*$"
)
_INTERVAL_REACH = 100
# A dated happening this close to the top of the story is the news of the day more often
# than background ("the plant, built in June 1986, ..." sits further down).
LEAD_CHARS = 600
_SENTENCE_BREAK_RE = re.compile(r"[.!?]['\"”’)]*\s+(?=\S)|\n")
_COPYRIGHT_RE = re.compile(
    r"(?i:(?:©|\(c\)|copyright)[^\n\d]{0,80}?(?P<year>(?:19|20)\d\d)(?![\w]))"
)
# Every phrase the grammar knows contains one of these words, within this many characters
# of its ends.
_TRIGGER_RE = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|(?i:yesterday|today|tonight|tomorrow|night|overnight|morning"
    r"|afternoon|evening|ago|weekend|weeks?|months?|years?)\b|\d{4}(?!\d))"
)
_REGION_MARGIN = 60
# A part that every match of some patterns above contains: a region where a search for
# it finds nothing is not searched with those patterns, most of which try several
# leading words at every character.
_MONTH_WORD_RE = re.compile(_MONTH)
_WEEKDAY_WORD_RE = re.compile(_WEEKDAY)
_YEAR_RE = re.compile(_YEAR)
_ISO_DATE_PART_RE = re.compile(r"\d-[01]")
_NUMERIC_DATE_PART_RE = re.compile(r"\d[./]\d")
_WEEKEND_WORD_RE = re.compile(r"(?i:weekend)")
_AGO_WORD_RE = re.compile(r"(?i:ago)")
_TO_THE_DAY_RE = re.compile(r"(?i:to\s+the\s+day)")
_ADJACENT_GAP_RE = re.compile(r"[\s,(–—-]*")
_PRECEDING_NAME_RE = re.compile(r"(?:^|\s)([A-Z][a-z]+)\s$")


# ---------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Mention:
    """A temporal phrase as written, before it is resolved against any date."""

    kind: str  # date, month, year, weekday, weekend, relative_day, ago, period, anniversary
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    last_day: int | None = None  # "July 4-5"
    weekday: int | None = None
    year_relation: str = ""  # "this", "last", "next" in "February 24 this year"
    part: str = ""  # early, mid, late
    relation: str = ""  # last, this, next, past, earlier, later
    preposition: str = ""
    unit: str = ""
    amount: int = 0
    forward: bool = False  # said of the future: "will meet on Friday"
    # For "N months to the day since ...": the day referred to, as (year|None, month, day).
    reference: tuple[int | None, int, int] | None = None
    reference_guessed: bool = False

    @property
    def deadline(self) -> bool:
        """Say whether the phrase names a limit ("before May 9") rather than a happening."""
        return self.preposition in _DEADLINE_PREPOSITIONS

    @property
    def lower_bound(self) -> bool:
        """Say whether the phrase opens a period ("since May 9") rather than naming a day."""
        return self.preposition in _LOWER_BOUND_PREPOSITIONS


def _normal(words: str | None) -> str:
    return " ".join(words.lower().split()) if words else ""


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return _MONTH_NUMBERS.get(word) or _MONTH_ABBREVIATIONS[word]


def _weekday_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return _WEEKDAY_NUMBERS.get(word, _WEEKDAY_ABBREVIATIONS.get(word, -1))


def _day_number(word: str) -> int:
    return int(word.rstrip("stndrh"))


_QUOTE_MARKS = ('"', "“", "”")


def _looks_forward(text: str, start: int) -> bool:
    """Say whether the clause leading up to ``start`` speaks of the future."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    breaks = list(_SENTENCE_BREAK_RE.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    # '"Prices will rise," she said on Friday': the quote's tense is not the saying's.
    quote = max(window.rfind(mark) for mark in _QUOTE_MARKS)
    return _FUTURE_CUE_RE.search(window[quote + 1 :]) is not None


def _is_surname_may(text: str, match_start: int, month_start: int, month_word: str) -> bool:
    """Say whether "May" follows a capitalised word directly, as in a surname."""
    if month_word.rstrip(".").lower() != "may" or month_start != match_start:
        return False
    before = _PRECEDING_NAME_RE.search(text[max(0, month_start - 30) : month_start])
    if before is None:
        return False
    word = before.group(1)
    return _weekday_number(word) < 0 and word.lower() not in _WORDS_BEFORE_A_MONTH


def _from_match(kind: str, match: re.Match[str], **fields) -> _Mention:
    return _Mention(kind, match.start(), match.end(), match[0], **fields)


def _has(part: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return part.search(text, start, end) is not None


def _scanned(
    pattern: re.Pattern[str], text: str, start: int, end: int, has_part: bool
) -> Iterable[re.Match[str]]:
    """Return ``pattern``'s matches in ``text[start:end]``; none without a part they need."""
    return pattern.finditer(text, start, end) if has_part else ()


def _calendar_mentions(text: str, start: int, end: int) -> Iterable[tuple[int, _Mention]]:
    """Yield (priority, mention) for day, month and year phrases."""
    has_month = _has(_MONTH_WORD_RE, text, start, end)
    has_year = _has(_YEAR_RE, text, start, end)
    for pattern in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        for match in _scanned(pattern, text, start, end, has_month):
            month, day = _month_number(match["month"]), _day_number(match["day"])
            if _is_surname_may(text, match.start(), match.start("month"), match["month"]):
                continue
            if _safe_date(2000, month, day) is None:  # 2000 was a leap year
                continue
            last_day = _day_number(match["day2"]) if match["day2"] else None
            yield (
                0,
                _from_match(
                    "date",
                    match,
                    year=int(match["year"]) if match["year"] else None,
                    month=month,
                    day=day,
                    last_day=last_day if last_day and last_day > day else None,
                    weekday=_weekday_number(match["weekday"]) if match["weekday"] else None,
                    year_relation=_normal(match["year_relation"]),
                    part=_normal(match["part"]),
                    preposition=_normal(match["prep"]),
                ),
            )
    for match in _scanned(
        _ISO_DATE_RE, text, start, end, _has(_ISO_DATE_PART_RE, text, start, end)
    ):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        if _safe_date(year, month, day):
            preposition = _normal(match["prep"])
            yield (
                0,
                _from_match(
                    "date", match, year=year, month=month, day=day, preposition=preposition
                ),
            )
    numeric_part = _has(_NUMERIC_DATE_PART_RE, text, start, end)
    for match in _scanned(_NUMERIC_DATE_RE, text, start, end, numeric_part):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        if match["sep"] == "." or first > 12:  # dotted dates are day-first everywhere
            day, month = first, second
        elif second > 12:
            month, day = first, second
        else:  # 05/07/2022 reads differently in Europe and the US
            continue
        if month <= 12 and _safe_date(year, month, day):
            preposition = _normal(match["prep"])
            yield (
                0,
                _from_match(
                    "date", match, year=year, month=month, day=day, preposition=preposition
                ),
            )
    for match in _scanned(_MONTH_YEAR_RE, text, start, end, has_month and has_year):
        yield (
            1,
            _from_match(
                "month",
                match,
                year=int(match["year"]),
                month=_month_number(match["month"]),
                part=_month_part(match["part"]),
                preposition=_normal(match["prep"]),
            ),
        )
    for match in _scanned(_MONTH_ONLY_RE, text, start, end, has_month):
        preposition = _normal(match["prep"])
        relation = preposition if preposition in {"last", "next", "this"} else ""
        yield (
            2,
            _from_match(
                "month",
                match,
                month=_month_number(match["month"]),
                part=_month_part(match["part"] or match["part_only"]),
                relation=relation,
                preposition="" if relation else preposition,
            ),
        )
    for match in _scanned(_YEAR_ONLY_RE, text, start, end, has_year):
        lead = _normal(match["lead"])
        preposition = lead if lead in _DEADLINE_PREPOSITIONS else ""
        yield 3, _from_match("year", match, year=int(match["year"]), preposition=preposition)


def _month_part(words: str | None) -> str:
    words = _normal(words)
    if not words:
        return ""
    if words in _MONTH_PARTS:
        return words
    if "middle" in words:
        return "mid"
    return "late" if "end" in words else "early"


def _relative_mentions(text: str, start: int, end: int) -> Iterable[tuple[int, _Mention]]:
    """Yield (priority, mention) for phrases that only make sense from a known day."""
    for match in _scanned(_WEEKDAY_RE, text, start, end, _has(_WEEKDAY_WORD_RE, text, start, end)):
        yield (
            4,
            _from_match(
                "weekday",
                match,
                weekday=_weekday_number(match["weekday"]),
                relation=_normal(match["relation"]),
                part=_normal(match["part"] or match["part2"]),
                preposition=_normal(match["prep"]),
            ),
        )
    for match in _scanned(_WEEKEND_RE, text, start, end, _has(_WEEKEND_WORD_RE, text, start, end)):
        yield 4, _from_match("weekend", match, relation=_normal(match["relation"]))
    for match in _RELATIVE_DAY_RE.finditer(text, start, end):
        yield 4, _from_match("relative_day", match, relation=_normal(match["word"]))
    for match in _scanned(_AGO_RE, text, start, end, _has(_AGO_WORD_RE, text, start, end)):
        unit, amount = match["unit"].lower(), _number(match["number"])
        yield 4, _from_match("ago", match, unit=unit, amount=amount)
    for match in _PERIOD_RE.finditer(text, start, end):
        yield (
            5,
            _from_match(
                "period",
                match,
                unit=match["unit"].lower(),
                relation="past" if match["past"] else _normal(match["ahead"] or match["relation"]),
                part=_normal(match["part"]),
            ),
        )
    to_the_day = _has(_TO_THE_DAY_RE, text, start, end)
    for match in _scanned(_ANNIVERSARY_RE, text, start, end, to_the_day):
        unit, amount = match["unit"].lower(), _number(match["number"])
        yield 4, _from_match("anniversary", match, unit=unit, amount=amount)


def _regions_worth_scanning(text: str) -> list[tuple[int, int]]:
    """Return the stretches of ``text`` around words that every temporal phrase contains.

    One cheap pass for these words spares the full grammar most of an article.
    """
    regions: list[tuple[int, int]] = []
    for match in _TRIGGER_RE.finditer(text):
        start = max(0, match.start() - _REGION_MARGIN)
        end = min(len(text), match.end() + _REGION_MARGIN)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


@functools.lru_cache(maxsize=256)
def _scan(text: str) -> tuple[_Mention, ...]:
    """Return the temporal phrases of ``text`` in reading order, without overlaps.

    Where phrases overlap the longest wins ("on Tuesday (July 5th)" over "Tuesday").
    Cached because the publication date and the pipeline both scan the same body.
    """
    candidates = []
    for start, end in _regions_worth_scanning(text):
        candidates += _calendar_mentions(text, start, end)
        candidates += _relative_mentions(text, start, end)
    candidates.sort(key=lambda item: (item[1].start, -(item[1].end - item[1].start), item[0]))
    chosen: list[_Mention] = []
    taken_until = -1
    for _priority, mention in candidates:
        if mention.start < taken_until:
            continue
        chosen.append(mention)
        taken_until = mention.end
    chosen = [_with_tense(text, mention) for mention in chosen]
    return tuple(_link_anniversaries(text, chosen))


def _with_tense(text: str, mention: _Mention) -> _Mention:
    if mention.kind in {"date", "month", "weekday", "weekend"} and _looks_forward(
        text, mention.start
    ):
        return dataclasses.replace(mention, forward=True)
    return mention


def _add_units(day: dt.date, unit: str, amount: int) -> dt.date:
    """Return ``day`` moved by ``amount`` calendar units, clamping to the month's end."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _link_anniversaries(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Attach to each "N months to the day since" the day it counts from.

    The day is read from the same sentence when it is written there; otherwise it is
    the dated day of the article which, moved forward by the interval, lands on another
    day the article mentions (or else the earliest day mentioned), as reports usually
    count from the start of what they cover.
    """
    if not any(mention.kind == "anniversary" for mention in mentions):
        return mentions
    dated = [m for m in mentions if m.kind == "date"]
    linked = []
    for mention in mentions:
        if mention.kind != "anniversary":
            linked.append(mention)
            continue
        sentence_end = _SENTENCE_BREAK_RE.search(text, mention.end)
        limit = sentence_end.start() if sentence_end else len(text)
        in_sentence = [m for m in dated if mention.end <= m.start < limit]
        if in_sentence:
            first = in_sentence[0]
            reference = (first.year, first.month, first.day)
            linked.append(dataclasses.replace(mention, reference=reference))
            continue
        guessed = _guess_anniversary_reference(mention, dated)
        if guessed:
            linked.append(dataclasses.replace(mention, reference=guessed, reference_guessed=True))
        else:
            linked.append(mention)
    return linked


def _guess_anniversary_reference(
    anniversary: _Mention, dated: Sequence[_Mention]
) -> tuple[int | None, int, int] | None:
    days = {(m.month, m.day): m for m in dated if not m.deadline and not m.forward}
    if not days:
        return None
    # Month and day arithmetic on a leap year keeps February 29 valid.
    landing = {
        key: _add_units(dt.date(2000, *key), anniversary.unit, anniversary.amount) for key in days
    }
    matching = [key for key, lands in landing.items() if (lands.month, lands.day) in days]
    key = min(matching) if matching else min(days)
    source = days[key]
    return (source.year, source.month, source.day)


# ---------------------------------------------------------------------------
# Resolving
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Resolved:
    value: dt.date | None
    precision: str
    end_value: dt.date | None = None
    confidence: float = 1.0


def _month_day_near(
    month: int, day: int, anchor: dt.date, *, forward: bool = False
) -> dt.date | None:
    """Return the day ``month``/``day`` nearest ``anchor``, leaning to the past.

    Reported happenings lie mostly before the article's date; announced ones after it.
    """
    past_days, future_days = (30, 365 - 30) if forward else (PAST_WINDOW_DAYS, FUTURE_WINDOW_DAYS)
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # February 29 outside a leap year
            continue
        if -past_days <= (candidate - anchor).days <= future_days:
            return candidate
    return None


def _weekday_near(
    weekday: int, anchor: dt.date, *, relation: str = "", forward: bool = False
) -> dt.date:
    """Return the day named by a weekday, seen from ``anchor``."""
    days_back = (anchor.weekday() - weekday) % 7
    days_ahead = (weekday - anchor.weekday()) % 7
    if relation in {"last", "past"}:
        return anchor - dt.timedelta(days=days_back or 7)
    if relation in {"next", "coming"}:
        return anchor + dt.timedelta(days=days_ahead or 7)
    if forward:
        return anchor + dt.timedelta(days=days_ahead)
    return anchor - dt.timedelta(days=days_back)


def _month_span(year: int, month: int, part: str = "") -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(
        part, (1, last)
    )
    return dt.date(year, month, first_day), dt.date(year, month, last_day)


def _week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _resolve(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    """Resolve one phrase against the article's date (``anchor``), where possible."""
    resolver = _RESOLVERS[mention.kind]
    return resolver(mention, anchor)


def _resolve_date(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    confidence = 1.0
    if mention.year is not None:
        value = dt.date(mention.year, mention.month, mention.day) if _valid(mention) else None
    elif anchor is None:
        return _Resolved(None, DatePrecision.DAY)
    elif mention.year_relation:
        shift = {"this": 0, "last": -1, "next": 1}[mention.year_relation]
        value = _safe_date(anchor.year + shift, mention.month, mention.day)
    else:
        value = _month_day_near(mention.month, mention.day, anchor, forward=mention.forward)
        confidence = 0.9
    if value is None:
        return _Resolved(None, DatePrecision.DAY)
    if mention.weekday is not None and value.weekday() != mention.weekday:
        confidence = 0.6  # the weekday and the date disagree: one of them is a slip
    end_value = value.replace(day=mention.last_day) if mention.last_day else None
    return _Resolved(value, DatePrecision.DAY, end_value, confidence)


def _valid(mention: _Mention) -> bool:
    return _safe_date(mention.year, mention.month, mention.day) is not None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_month(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    year = mention.year
    if year is None:
        if anchor is None:
            return _Resolved(None, DatePrecision.MONTH)
        year = anchor.year
        looking_ahead = mention.relation == "next" or (
            mention.forward and mention.relation != "last"
        )
        if looking_ahead:
            if mention.month < anchor.month or (
                mention.relation == "next" and mention.month == anchor.month
            ):
                year += 1
        elif mention.relation != "this" and (
            mention.month > anchor.month
            or (mention.relation == "last" and mention.month == anchor.month)
        ):
            year -= 1
    first, last = _month_span(year, mention.month, mention.part)
    return _Resolved(first, DatePrecision.MONTH, last, 1.0 if mention.year else 0.9)


def _resolve_year(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    return _Resolved(dt.date(mention.year, 1, 1), DatePrecision.YEAR, dt.date(mention.year, 12, 31))


def _resolve_weekday(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    if anchor is None:
        return _Resolved(None, DatePrecision.DAY)
    value = _weekday_near(
        mention.weekday, anchor, relation=mention.relation, forward=mention.forward
    )
    return _Resolved(value, DatePrecision.DAY, confidence=0.85)


def _resolve_weekend(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    if anchor is None:
        return _Resolved(None, DatePrecision.WEEK)
    relation = mention.relation or ("next" if mention.forward else "")
    if relation in {"next", "coming"}:
        saturday = _weekday_near(5, anchor, relation="next")
    elif relation == "this":
        saturday = _week_span(anchor)[0] + dt.timedelta(days=5)
    else:
        # The weekend just gone: a Saturday no later than the day before the anchor's Sunday.
        saturday = _weekday_near(5, anchor)
        if relation in {"last", "past"} and anchor.weekday() in {5, 6}:
            saturday -= dt.timedelta(days=7)
    return _Resolved(saturday, DatePrecision.WEEK, saturday + dt.timedelta(days=1), 0.85)


_RELATIVE_DAY_SHIFTS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "overnight": -1,
    "today": 0, "earlier today": 0, "later today": 0, "tonight": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "tomorrow": 1, "the day after tomorrow": 2,
}  # fmt: skip


def _resolve_relative_day(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    if anchor is None:
        return _Resolved(None, DatePrecision.DAY)
    value = anchor + dt.timedelta(days=_RELATIVE_DAY_SHIFTS[mention.relation])
    # The night just gone spans two dates; "overnight" reports reach into the anchor day.
    end_value = anchor if mention.relation == "overnight" else None
    return _Resolved(value, DatePrecision.DAY, end_value)


def _resolve_ago(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    precision = {"day": DatePrecision.DAY, "week": DatePrecision.WEEK}.get(
        mention.unit, DatePrecision.MONTH if mention.unit == "month" else DatePrecision.YEAR
    )
    if anchor is None:
        return _Resolved(None, precision)
    moved = _add_units(anchor, mention.unit, -mention.amount)
    return _span_around(moved, precision, confidence=0.9)


def _span_around(day: dt.date, precision: str, *, confidence: float = 1.0) -> _Resolved:
    if precision == DatePrecision.DAY:
        return _Resolved(day, precision, confidence=confidence)
    if precision == DatePrecision.WEEK:
        first, last = _week_span(day)
    elif precision == DatePrecision.MONTH:
        first, last = _month_span(day.year, day.month)
    else:
        first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return _Resolved(first, precision, last, confidence)


def _resolve_period(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    precision = {
        "week": DatePrecision.WEEK,
        "month": DatePrecision.MONTH,
        "year": DatePrecision.YEAR,
    }[mention.unit]
    if anchor is None:
        return _Resolved(None, precision)
    if mention.relation == "past":  # "the past week": the days up to the anchor
        return _Resolved(_add_units(anchor, mention.unit, -1), precision, anchor, 0.9)
    shift = {"last": -1, "this": 0, "next": 1, "coming": 1}[mention.relation]
    if mention.unit == "week" and shift == -1 and anchor.weekday() == SUNDAY:
        # Written on a Sunday, "last week" is the week just ending, not the one before it.
        shift = 0
    resolved = _span_around(_add_units(anchor, mention.unit, shift), precision)
    if shift == 0 and mention.part in {"earlier", "early"}:
        return _Resolved(resolved.value, precision, anchor, 0.9)
    if shift == 0 and mention.part in {"later", "late"}:
        return _Resolved(anchor, precision, resolved.end_value, 0.9)
    return resolved


def _resolve_anniversary(mention: _Mention, anchor: dt.date | None) -> _Resolved:
    confidence = 0.6 if mention.reference_guessed else 0.95
    if mention.reference is None:
        return _Resolved(None, DatePrecision.DAY)
    year, month, day = mention.reference
    if year is not None:
        start = _safe_date(year, month, day)
        value = _add_units(start, mention.unit, mention.amount) if start else None
        return _Resolved(value, DatePrecision.DAY, confidence=confidence)
    if anchor is None:
        return _Resolved(None, DatePrecision.DAY)
    # The phrase names the reporting day itself, so its landing day lies near the anchor.
    landing = _add_units(dt.date(2000, month, day), mention.unit, mention.amount)
    value = _month_day_near(landing.month, landing.day, anchor)
    return _Resolved(value, DatePrecision.DAY, confidence=confidence)


_RESOLVERS = {
    "date": _resolve_date,
    "month": _resolve_month,
    "year": _resolve_year,
    "weekday": _resolve_weekday,
    "weekend": _resolve_weekend,
    "relative_day": _resolve_relative_day,
    "ago": _resolve_ago,
    "period": _resolve_period,
    "anniversary": _resolve_anniversary,
}


# ---------------------------------------------------------------------------
# Public: temporal expressions
# ---------------------------------------------------------------------------


def find_temporal_expressions(
    text: str, *, anchor: dt.date | None, offset: int = 0
) -> list[TemporalExpression]:
    """Return every temporal phrase in ``text`` resolved against ``anchor``.

    ``anchor`` is the article's date; without it only phrases that carry their own
    year resolve and the others keep ``value=None``. Spans are shifted by ``offset``
    so that a sentence can be scanned on its own and still point into the body.
    Durations ("weeks-long", "for months") are not dates and are not returned.
    """
    expressions = []
    for mention in _scan(text):
        resolved = _resolve(mention, anchor)
        confidence = resolved.confidence
        if mention.forward or mention.deadline:
            confidence = min(confidence, 0.7)
        expressions.append(
            TemporalExpression(
                text=mention.text,
                start=mention.start + offset,
                end=mention.end + offset,
                value=resolved.value,
                precision=resolved.precision,
                end_value=resolved.end_value,
                confidence=confidence,
            )
        )
    return expressions


def expression_at(
    temporal: Sequence[TemporalExpression],
    start: int,
    end: int,
    *,
    include_unresolved: bool = False,
) -> TemporalExpression | None:
    """Return the temporal expression that dates the text span ``[start, end)``.

    The most precise resolved expression inside the span wins, the earliest of equals:
    in "On Monday, a month after the siege began, ..." the Monday dates the sentence.
    """
    inside = [
        expression
        for expression in temporal
        if start <= expression.start
        and expression.end <= end
        and (include_unresolved or expression.value is not None)
    ]
    if not inside:
        return None
    return min(
        inside,
        key=lambda expression: (
            DatePrecision.ORDER.get(expression.precision, len(DatePrecision.ORDER)),
            expression.confidence < 0.75,
            expression.start,
        ),
    )


# ---------------------------------------------------------------------------
# Public: publication date
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _ReportedDay:
    """A day the article reports something happening on (or counts to)."""

    month: int
    day: int
    year: int | None
    year_relation: str
    phrase: str
    offset_days: int = 0  # publication lies this many days after the day ("yesterday")
    written: bool = True  # False when counted ("four months to the day since ...")


def infer_publication_date(
    cleaned: CleanedArticle,
    *,
    reference_date: dt.date | None = None,
    today: dt.date | None = None,
) -> PublicationDate:
    """Return the article's publication date with its source and evidence.

    Without a date line the article is dated by the latest day it reports as having
    happened: news is published on or just after that day. An undated day ("on July 5")
    takes its year from the text where possible (a weekday that fits only some years,
    a dated photo caption, a copyright line) and otherwise from ``reference_date``, a
    date taken from other articles reporting the same things (source CORROBORATED).
    ``today`` bounds the search for years and defaults to the current date.
    """
    if cleaned.dateline:
        return PublicationDate(cleaned.dateline, DateSource.DATELINE, "date line")
    today = today or dt.date.today()
    body_mentions = _scan(cleaned.body)
    caption_mentions = [m for caption in cleaned.captions for m in _scan(caption)]
    title_mentions = list(_scan(cleaned.title)) if cleaned.title else []
    mentions = [*title_mentions, *body_mentions, *caption_mentions]

    reported = _reported_days(cleaned.body, body_mentions)
    reported += _reported_days(cleaned.title, title_mentions)
    for caption in cleaned.captions:
        reported += _reported_days(caption, _scan(caption))
    undated = [day for day in reported if day.year is None]
    dated = [day for day in reported if day.year is not None]
    known = [
        m for text in (cleaned.title, cleaned.body) for m in anchors.find_bounding_mentions(text)
    ]
    bounds = dating.bounds_from([*_dated_mentions(cleaned), *known], today=today)
    publication = _from_text(cleaned, mentions, undated, dated, bounds, reference_date, today)
    if publication.value is None and reference_date is None:
        reported = _from_digest(cleaned, mentions, undated, dated, bounds, today)
        if reported is not None:
            return reported
    if publication.value is None and bounds.earliest_by in known:
        estimate = dating.estimate_within_bounds(bounds)
        if estimate is not None:
            return PublicationDate(
                estimate, DateSource.ESTIMATED, f"estimate within {bounds.describe()}"
            )
    if (
        publication.value is not None
        and publication.source == DateSource.CORROBORATED
        and not bounds.admits(publication.value)
    ):
        # A related article's date the text itself rules out is another story's date.
        return PublicationDate(
            None,
            DateSource.UNKNOWN,
            f"related articles suggest {publication.value}, which the text rules out "
            f"({bounds.describe()})",
            year_missing=publication.year_missing,
        )
    return publication


def _from_digest(
    cleaned: CleanedArticle,
    mentions: Sequence[_Mention],
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
    bounds: dating.Bounds,
    today: dt.date,
) -> PublicationDate | None:
    """Date the article by the digest's day of the happening its lead reports.

    That day stands in for a same-story article's date: the text's weekdays and
    undated days are then read around it.
    """
    if bounds.conflicting:
        return None
    match = digest.load_digest().match(
        f"{cleaned.title}\n{cleaned.body}", earliest=bounds.earliest, latest=bounds.latest
    )
    if match is None:
        return None
    found = _from_text(cleaned, mentions, undated, dated, bounds, match.row.day, today)
    if found.value is None or not bounds.admits(found.value):
        return None
    if found.value < match.row.day - dt.timedelta(days=1):
        return None  # the text's latest day is before the happening: not its report
    return PublicationDate(found.value, DateSource.REPORTED, f"{match.evidence}; {found.evidence}")


def _from_text(
    cleaned: CleanedArticle,
    mentions: Sequence[_Mention],
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
    bounds: dating.Bounds,
    reference_date: dt.date | None,
    today: dt.date,
) -> PublicationDate:
    wire_day = _wire_dateline_day(cleaned)
    if wire_day is not None:
        return _from_wire_dateline(
            wire_day, cleaned, mentions, undated, dated, bounds, reference_date, today
        )

    if not undated:
        latest = _latest(_dated_days(dated, today))
        if latest is None:
            estimate = _estimated(bounds)
            if estimate is not None:
                return estimate
            return _from_weekdays(mentions, reference_date)
        value, phrase = latest
        if bounds.earliest is not None and value < bounds.earliest:
            # "on 3 May 2019" and, in the lead, "since June 2021": the text reports a later
            # start than that day. A bare year is too weak to overrule a written day ("takes
            # effect in 2031" is a plan without a word of the future).
            estimate = _estimated(bounds)
            if estimate is not None:
                return estimate
        return PublicationDate(value, DateSource.INFERRED, f'latest reported day: "{phrase}"')

    year_choice = _year_from_text(cleaned, mentions, undated, dated, bounds, reference_date, today)
    if year_choice is None:
        within = _year_within_bounds(mentions, undated, dated, bounds, today)
        if within is not None:
            return within
    if year_choice is None and reference_date is None:
        latest_phrase = _latest_undated_phrase(undated)
        return PublicationDate(
            None,
            DateSource.UNKNOWN,
            f'latest reported day: "{latest_phrase}"; the year is not stated',
            year_missing=True,
        )
    fixed_year = None
    if year_choice is not None:
        pivot, fixed_year, year_evidence, source = year_choice
    else:
        pivot, source = reference_date, DateSource.CORROBORATED
        year_evidence = (
            f"the year is not stated; taken from related articles dated {reference_date}"
        )
    placed = [
        dataclasses.replace(day, year=value.year)
        for day in undated
        if (value := _place_undated(day, pivot, fixed_year)) is not None
    ]
    latest = _latest(_dated_days([*dated, *placed], today))
    if latest is None:
        return PublicationDate(None, DateSource.UNKNOWN)
    value, phrase = latest
    evidence = f'latest reported day: "{phrase}"; {year_evidence}'
    if year_choice is None and abs((value - reference_date).days) > REFERENCE_REACH_DAYS:
        # The related articles report other days: their date says nothing about this one.
        return PublicationDate(
            None,
            DateSource.UNKNOWN,
            f'latest reported day: "{phrase}"; the year is not stated and related articles '
            f"dated {reference_date} are too far from it to lend theirs",
            year_missing=True,
        )
    return PublicationDate(value, source, evidence)


def _dated_mentions(cleaned: CleanedArticle) -> list[dating.DatedMention]:
    """Return the title's, body's and captions' phrases that carry their own year."""
    found = []
    for text, lead_chars in ((cleaned.title, None), (cleaned.body, LEAD_CHARS)):
        if text:
            found += [
                dated
                for mention in _scan(text)
                if (dated := _dated_mention(text, mention, lead_chars=lead_chars))
            ]
    for caption in cleaned.captions:  # a caption shows the news, but may be an archive photo
        found += [
            dated for mention in _scan(caption) if (dated := _dated_mention(caption, mention))
        ]
    return found


def _dated_mention(
    text: str, mention: _Mention, *, lead_chars: int | None = 0
) -> dating.DatedMention | None:
    """Return a phrase with its own year as a span of days, past or announced.

    It is taken as the news of the time (``recent``) within the first ``lead_chars``
    characters (None: anywhere, as in a title), or when an interval counts from it to
    the time of writing ("a year after ...").
    """
    if mention.year is None or mention.kind not in {"date", "month", "year"}:
        return None
    # _scan tells the tense of days and months only; a year's is read here.
    future = mention.forward or (mention.kind == "year" and _looks_forward(text, mention.start))
    if mention.deadline and not future:
        return None  # "before 2019" in the past: the happening is earlier, not the report
    if mention.kind == "date":
        first = _safe_date(mention.year, mention.month, mention.day)
        if first is None:
            return None
        last = first.replace(day=mention.last_day) if mention.last_day else first
        precision = DatePrecision.DAY
    elif mention.kind == "month":
        first, last = _month_span(mention.year, mention.month, mention.part)
        precision = DatePrecision.MONTH
    else:
        first, last = dt.date(mention.year, 1, 1), dt.date(mention.year, 12, 31)
        precision = DatePrecision.YEAR
    phrase = mention.text.strip()
    recent = lead_chars is None or mention.start < lead_chars
    interval = _INTERVAL_BEFORE_RE.search(
        text, max(0, mention.start - _INTERVAL_REACH), mention.start
    )
    if interval is not None:
        if interval["ordinal"]:
            ordinal = interval["ordinal"].lower()
            unit, amount = "year", _ORDINALS.get(ordinal) or int(ordinal[:-2])
        else:
            unit, amount = interval["unit"].lower(), _number(interval["number"])
        first, last = _add_units(first, unit, amount), _add_units(last, unit, amount)
        phrase = " ".join(text[interval.start() : mention.end].split())
        recent = True
    return dating.DatedMention(first, last, precision, phrase, future=future, recent=recent)


def _estimated(bounds: dating.Bounds) -> PublicationDate | None:
    """Return the lower bound as an estimate, when it is specific enough to serve."""
    value = dating.estimate_from_bounds(bounds)
    if value is None:
        return None
    return PublicationDate(value, DateSource.INFERRED, f"estimate: {bounds.describe()}")


# Days before a known happening's date that news of it (orders, first moves) may run.
_LEAD_UP_DAYS = 3


def _year_within_bounds(
    mentions: Sequence[_Mention],
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
    bounds: dating.Bounds,
    today: dt.date,
) -> PublicationDate | None:
    """Date undated days by the only year the text's bounds and weekdays leave."""
    pairs = [
        m
        for m in mentions
        if m.kind == "date" and m.year is None and m.weekday is not None and not m.year_relation
    ]
    latest_undated = max(undated, key=lambda day: (day.month, day.day))

    def value_in_year(year: int) -> dt.date | None:
        if any(
            (day := _safe_date(year, m.month, m.day)) is None or day.weekday() != m.weekday
            for m in pairs
        ):
            return None
        pivot = _safe_date(year, latest_undated.month, latest_undated.day)
        if pivot is None:
            return None
        placed = [
            dataclasses.replace(day, year=value.year)
            for day in undated
            if (value := _place_undated(day, pivot, None)) is not None
        ]
        latest = _latest(_dated_days([*dated, *placed], today))
        return latest[0] if latest else None

    if bounds.earliest_by is not None and bounds.earliest_by.known == "happening":
        # A happening of the record is news days before its date (the order to retreat
        # precedes the retreat): a day just before it is no year later.
        bounds = dataclasses.replace(
            bounds, earliest=bounds.earliest - dt.timedelta(days=_LEAD_UP_DAYS)
        )
    found = dating.only_value_within(bounds, value_in_year)
    if found is None:
        return None
    value, years = found
    phrase = _latest_undated_phrase(undated)
    return PublicationDate(
        value,
        DateSource.INFERRED,
        f'latest reported day: "{phrase}"; year {value.year}, the only one of '
        f"{years[0]}-{years[-1]} within {bounds.describe()}",
    )


def _wire_dateline_day(cleaned: CleanedArticle) -> _ReportedDay | None:
    """Return the day of a wire dateline cut from the lead ("MINSK, 28 January (BelTA) -")."""
    for block in cleaned.dropped:
        if block.kind != "dateline" or not block.text[:1].isalpha():
            continue
        for mention in _scan(block.text):
            if mention.kind == "date" and mention.month and mention.day:
                return _ReportedDay(
                    mention.month, mention.day, mention.year, "", block.text.strip(" -–—")
                )
    return None


def _from_wire_dateline(
    wire_day: _ReportedDay,
    cleaned: CleanedArticle,
    mentions: Sequence[_Mention],
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
    bounds: dating.Bounds,
    reference_date: dt.date | None,
    today: dt.date,
) -> PublicationDate:
    """Date an article by its wire dateline: the day it names, the year from evidence.

    The year comes from the text (a weekday beside a date, a dated day near, a copyright
    line), else from a same-story article's date; without either the date stays empty.
    """
    evidence = f'dateline "{wire_day.phrase}"'
    if wire_day.year is not None:
        value = _safe_date(wire_day.year, wire_day.month, wire_day.day)
        return PublicationDate(value, DateSource.INFERRED, evidence)
    choice = _year_from_text(
        cleaned, mentions, [wire_day, *undated], dated, bounds, reference_date, today
    )
    if choice is not None:
        pivot, fixed_year, year_evidence, source = choice
        value = _place_undated(wire_day, pivot, fixed_year)
        if value is not None:
            return PublicationDate(value, source, f"{evidence}; {year_evidence}")
    within = dating.only_value_within(
        bounds, lambda year: _safe_date(year, wire_day.month, wire_day.day)
    )
    if within is not None:
        value, _years = within
        return PublicationDate(
            value,
            DateSource.INFERRED,
            f"{evidence}; year {value.year}, the only one within {bounds.describe()}",
        )
    if reference_date is not None:
        value = _month_day_near(wire_day.month, wire_day.day, reference_date)
        if value is not None and abs((value - reference_date).days) <= REFERENCE_REACH_DAYS:
            return PublicationDate(
                value,
                DateSource.CORROBORATED,
                f"{evidence}; the year of a same-story article dated {reference_date}",
            )
    return PublicationDate(
        None, DateSource.UNKNOWN, f"{evidence}; the year is not stated", year_missing=True
    )


def _reported_days(text: str, mentions: Sequence[_Mention]) -> list[_ReportedDay]:
    """Return the days ``mentions`` report as past happenings, not plans or limits."""
    days = []
    for index, mention in enumerate(mentions):
        if mention.forward or mention.deadline or mention.lower_bound:
            continue
        if mention.kind == "date":
            shift = _relative_shift_beside(text, mentions, index)
            day = mention.last_day or mention.day
            days.append(
                _ReportedDay(
                    mention.month, day, mention.year, mention.year_relation, mention.text, shift
                )
            )
        elif mention.kind == "anniversary" and mention.reference is not None:
            year, month, day = mention.reference
            base = dt.date(year if year is not None else 2000, month, day)
            landing = _add_units(base, mention.unit, mention.amount)
            days.append(
                _ReportedDay(
                    landing.month,
                    landing.day,
                    landing.year if year is not None else None,
                    "",
                    mention.text,
                    written=False,
                )
            )
    return days


def _relative_shift_beside(text: str, mentions: Sequence[_Mention], index: int) -> int:
    """Return the day shift of "yesterday" written right beside a date, else 0.

    "yesterday (July 4)" dates the article to July 5.
    """
    for neighbour_index in (index - 1, index + 1):
        if not 0 <= neighbour_index < len(mentions):
            continue
        neighbour = mentions[neighbour_index]
        if neighbour.kind != "relative_day":
            continue
        first, second = sorted((neighbour, mentions[index]), key=lambda m: m.start)
        if _ADJACENT_GAP_RE.fullmatch(text[first.end : second.start]):
            return -_RELATIVE_DAY_SHIFTS[neighbour.relation]
    return 0


def _dated_days(days: Iterable[_ReportedDay], today: dt.date) -> list[tuple[dt.date, bool, str]]:
    """Return (day, written out, phrase) for each reported day up to ``today``."""
    found = []
    for day in days:
        value = _safe_date(day.year, day.month, day.day)
        if value is not None:
            value += dt.timedelta(days=day.offset_days)
            if value <= today:
                found.append((value, day.written, day.phrase))
    return found


def _latest(days: Sequence[tuple[dt.date, bool, str]]) -> tuple[dt.date, str] | None:
    """Return the latest day and its phrase, a written-out date winning a tie."""
    if not days:
        return None
    value, _written, phrase = max(days, key=lambda item: item[:2])
    return value, phrase


def _latest_undated_phrase(undated: Sequence[_ReportedDay]) -> str:
    # Order by the calendar of a leap year: without a year this is the best available.
    latest = max(undated, key=lambda day: (day.month, day.day + day.offset_days, day.written))
    return latest.phrase


def _place_undated(
    day: _ReportedDay, pivot: dt.date | None, fixed_year: int | None
) -> dt.date | None:
    """Return the undated day placed in ``fixed_year``, or in the year nearest ``pivot``."""
    if fixed_year is not None or day.year_relation:
        year = fixed_year if fixed_year is not None else pivot.year
        year += {"this": 0, "last": -1, "next": 1, "": 0}[day.year_relation]
        value = _safe_date(year, day.month, day.day)
    else:
        value = _month_day_near(day.month, day.day, pivot)
    return value + dt.timedelta(days=day.offset_days) if value else None


def _year_from_text(
    cleaned: CleanedArticle,
    mentions: Sequence[_Mention],
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
    bounds: dating.Bounds,
    reference_date: dt.date | None,
    today: dt.date,
) -> tuple[dt.date | None, int | None, str, str] | None:
    """Return (pivot day, fixed year, evidence, source) for the article's undated days.

    The strongest clue is a weekday written beside a date: July 5 fell on a Tuesday
    only in some years. Then a dated day near the undated ones, then a copyright line.
    """
    hinted_years = _hinted_years(cleaned, undated, dated)
    pairs = [
        m
        for m in mentions
        if m.kind == "date" and m.year is None and m.weekday is not None and not m.year_relation
    ]
    if pairs:
        fitting = _years_fitting_weekdays(pairs, reference_date, today)
        # Years the text's own dated happenings rule out are dropped, when any is left.
        fitting = [
            year
            for year in fitting
            if bounds.admits(_safe_date(year, pairs[0].month, pairs[0].day) or dt.date(year, 1, 1))
        ] or fitting
        if fitting:
            phrases = ", ".join(f'"{m.text}"' for m in pairs[:2])
            for year, reason in hinted_years:
                if year in fitting:
                    evidence = f"year {year} from {reason} and {phrases}"
                    return None, year, evidence, DateSource.INFERRED
            first = pairs[0]
            text_choice = max(fitting)
            choice = text_choice
            if reference_date is not None:
                choice = min(
                    fitting,
                    key=lambda year: abs(
                        (dt.date(year, first.month, first.day) - reference_date).days
                    ),
                )
            pivot = dt.date(choice, first.month, first.day)
            if choice == text_choice:
                others = sorted(set(fitting) - {choice})
                also = (
                    f" (also {', '.join(map(str, others))}; the latest is taken)" if others else ""
                )
                evidence = f"year {choice} from {phrases}: the weekday fits{also}"
                return pivot, None, evidence, DateSource.INFERRED
            return (
                pivot,
                None,
                (
                    f"year {choice}: the weekday in {phrases} fits it and it is nearest "
                    f"related articles dated {reference_date}"
                ),
                DateSource.CORROBORATED,
            )
    if hinted_years:
        year, reason = hinted_years[0]
        return None, year, f"year {year} from {reason}", DateSource.INFERRED
    return None


def _years_fitting_weekdays(
    pairs: Sequence[_Mention], reference_date: dt.date | None, today: dt.date
) -> list[int]:
    """Return the years in which every weekday-and-date pair holds."""
    latest_year = reference_date.year + 1 if reference_date else today.year
    years = range(latest_year - YEARS_SEARCHED_FOR_WEEKDAY_FIT, latest_year + 1)
    fitting = []
    for year in years:
        days = [_safe_date(year, m.month, m.day) for m in pairs]
        if all(
            day is not None and day <= today and day.weekday() == m.weekday
            for day, m in zip(days, pairs, strict=True)
        ):
            fitting.append(year)
    return fitting


def _hinted_years(
    cleaned: CleanedArticle,
    undated: Sequence[_ReportedDay],
    dated: Sequence[_ReportedDay],
) -> list[tuple[int, str]]:
    """Return (year, reason) clues for the article's year, strongest first."""
    hints: list[tuple[int, str]] = []
    caption_years = [
        m for caption in cleaned.captions for m in _scan(caption) if m.kind == "date" and m.year
    ]
    hints += [(m.year, f'the dated caption "{m.text}"') for m in caption_years]
    for day in sorted(dated, key=lambda d: (d.year, d.month, d.day), reverse=True):
        written = _safe_date(day.year, day.month, day.day)
        if written is None:
            continue
        for undated_day in undated:
            near = _month_day_near(undated_day.month, undated_day.day, written)
            if near is not None and abs((near - written).days) <= EXPLICIT_YEAR_REACH_DAYS:
                hints.append((near.year, f'the dated day "{day.phrase}"'))
                break
    hints += [
        (int(match["year"]), f'the copyright line "{match[0].strip()}"')
        for match in _COPYRIGHT_RE.finditer(cleaned.raw)
    ]
    return hints


def _days_named_on_weekdays(
    mentions: Sequence[_Mention], weekdays: Sequence[_Mention], reference_date: dt.date
) -> list[tuple[dt.date, str, str]]:
    """Return (day, date phrase, weekday phrase) where a weekday names a written date.

    "They meet on Thursday" and, elsewhere, "the summit on March 10-11": placed near the
    reference date, March 10 is a Thursday, so the Thursday is March 10, not the
    Thursday nearest the reference.
    """
    found = []
    for mention in mentions:
        if mention.kind != "date" or mention.year is not None or not mention.month:
            continue
        day = _month_day_near(mention.month, mention.day, reference_date)
        if day is None or abs((day - reference_date).days) > REFERENCE_REACH_DAYS:
            continue
        for weekday in weekdays:
            if weekday.weekday == day.weekday():
                found.append((day, mention.text, weekday.text))
    return found


def _from_weekdays(mentions: Sequence[_Mention], reference_date: dt.date | None) -> PublicationDate:
    """Date an article that names only weekdays (or no day) by a same-story article's date.

    The weekday is read as the one within three days of ``reference_date``; an article
    naming no day takes ``reference_date`` itself; without it nothing is known.
    """
    weekdays = [
        m
        for m in mentions
        if m.kind == "weekday" and not (m.forward or m.deadline or m.lower_bound or m.relation)
    ]
    if reference_date is None:
        return PublicationDate(None, DateSource.UNKNOWN)
    if not weekdays:
        # Nothing in the text dates it; a report of the same story is the best evidence.
        return PublicationDate(
            reference_date,
            DateSource.CORROBORATED,
            f"no day named in the text; the same story is reported by an article dated "
            f"{reference_date}",
        )
    named = _days_named_on_weekdays(mentions, weekdays, reference_date)
    if named:
        value, phrase, weekday_phrase = max(named)
        return PublicationDate(
            value,
            DateSource.CORROBORATED,
            f'latest reported day: "{weekday_phrase}", the weekday of "{phrase}" in the year '
            f"of a same-story article dated {reference_date}",
        )
    days = []
    for mention in weekdays:
        shift = (mention.weekday - reference_date.weekday()) % 7
        if shift > 3:
            shift -= 7
        days.append((reference_date + dt.timedelta(days=shift), mention.text))
    value, phrase = max(days)
    return PublicationDate(
        value,
        DateSource.CORROBORATED,
        f'latest reported day: "{phrase}", read as the {value:%A} nearest related articles '
        f"dated {reference_date}",
    )
