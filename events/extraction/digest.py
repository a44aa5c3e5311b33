"""Date an undated article by the dated happening its lead reports, from a news digest.

About half the articles a scraper saves carry no date, and often no article imported
with them reports the same story. A shipped digest of dated happenings
(``data/news_digest.tsv``: the day, a one-sentence summary in our own words naming who
did what, where, and the page that dates it) stands in for those missing reports: an
article whose lead tells a digest row's happening in the row's distinctive words (the
people, places and actions, not just the war's usual names) was published on or just
after that day. The test is how much of the row's TF-IDF weight the lead covers, the
inverse document frequency taken over the digest, so that "Russia" and "Ukraine" weigh
almost nothing and a named official, town or sanction weighs much.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .phrases import read_rows
from .stories import lead_paragraphs, story_terms

__all__ = ["DigestMatch", "DigestRow", "NewsDigest", "fold_spelling", "load_digest"]

DIGEST_FILE = "news_digest.tsv"
# How much of a row the lead must cover for the two to tell one happening (the geometric
# mean of the shares of its names and of its other words). Measured on 35 dated reports
# with their dates hidden: from 0.20 up, 10 of 11 leads matched a row of their own day
# or the day before (the other, six days off); below it, wrong days outnumber right ones.
SAME_HAPPENING_COVERAGE = 0.20
# A rival row covered nearly as well (this share of the best), dated further apart than
# AGREEING_DAYS, makes the match ambiguous: the lead fits two happenings.
RIVAL_SHARE = 0.85
AGREEING_DAYS = 3
_CAPITALISED_RE = re.compile(r"\b[A-Z][^\W\d_'’-]{2,}")
# Lowercase words inside names ("Ursula von der Leyen", "Abu al-Hassan").
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "del", "della", "des", "bin", "ibn"})
# A name in more than this share of the rows is common to the whole digest.
COMMON_NAME_SHARE = 0.03
# A name in at least this share of the rows is the digest's topic ("Ukraine").
TOPIC_NAME_SHARE = 0.05
# A row naming nobody distinctive counts this much of the action words' coverage.
NAMELESS_SHARE = 0.6
_NAME_ENDING_RE = re.compile(r"(?:iy|yy|yi|ij)$")
_DOUBLED_RE = re.compile(r"(.)\1")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_CALENDAR_WORDS = frozenset(_WEEKDAYS) | {
    month.lower() for month in calendar.month_name[1:] + calendar.month_abbr[1:]
}
# Paragraphs of the article read as its lead.
LEAD_PARAGRAPHS = 2


@dataclasses.dataclass(frozen=True, slots=True)
class DigestRow:
    day: dt.date
    summary: str
    source: str


@dataclasses.dataclass(frozen=True, slots=True)
class DigestMatch:
    """A digest row whose happening an article's lead reports, and how surely."""

    row: DigestRow
    coverage: float

    @property
    def evidence(self) -> str:
        return f'the lead reports a happening of {self.row.day}: "{self.row.summary}"'


class NewsDigest:
    """Dated digest rows, indexed by their weighted words for fast matching."""

    def __init__(self, rows: Sequence[DigestRow]):
        self.rows = list(rows)
        counts = [_terms(row.summary) for row in self.rows]
        documents = len(counts)
        frequency: Counter = Counter(term for count in counts for term in count)
        idf = {term: math.log((documents + 1) / (n + 1)) + 1 for term, n in frequency.items()}
        common_idf = math.log(1 / COMMON_NAME_SHARE) + 1
        # Per row, two unit vectors: who and where (names), and what happened (the rest).
        self._actions: list[dict[str, float]] = []
        self._names: list[dict[str, float]] = []
        self._rows_with: dict[str, list[int]] = defaultdict(list)
        self._topic_names = _topic_names(self.rows, counts, frequency)
        self._on_topic = {
            index for index, count in enumerate(counts) if count.keys() & self._topic_names
        }
        for index, (row, count) in enumerate(zip(self.rows, counts, strict=True)):
            name_words = _name_words(row.summary)
            weights = {term: (1 + math.log(n)) * idf[term] for term, n in count.items()}
            # "Jan Kowal" names someone; "Russian occupation" tells of a happening.
            named = {t: w for t, w in weights.items() if set(t.split()) & name_words}
            acted = {t: w for t, w in weights.items() if t not in named}
            # A name in many rows ("Russia", "Ukraine") tells no row apart: it neither
            # counts nor gates.
            named = {t: w for t, w in named.items() if idf[t] >= common_idf}
            self._names.append(_unit(named))
            self._actions.append(_unit(acted))
            for term in weights:
                self._rows_with[term].append(index)

    def coverages(
        self,
        lead: str,
        *,
        earliest: dt.date | None = None,
        latest: dt.date | None = None,
    ) -> list[tuple[float, DigestRow]]:
        """Return (coverage, row) for each row dated within the bounds that shares a word.

        A row's coverage is the geometric mean of the shares of its names' weight and of
        its other words' weight found in the lead: a report of the same happening names
        the same people and places and tells the same action, and a lead that only
        names them (or only tells a like action) covers half of that at most.
        """
        terms = set(_terms(lead))
        # A lead naming none of the digest's usual names is on another story than the
        # rows that name them.
        off_topic = not terms & self._topic_names
        names: dict[int, float] = defaultdict(float)
        actions: dict[int, float] = defaultdict(float)
        for term in terms:
            for index in self._rows_with.get(term, ()):
                names[index] += self._names[index].get(term, 0.0) ** 2
                actions[index] += self._actions[index].get(term, 0.0) ** 2
        found = []
        for index in names.keys() | actions.keys():
            row = self.rows[index]
            if (earliest and row.day < earliest) or (latest and row.day > latest):
                continue
            if off_topic and index in self._on_topic:
                continue
            if self._names[index]:
                coverage = math.sqrt(names[index] * actions[index])
            else:  # nothing names who or where: the action alone is weak evidence
                coverage = NAMELESS_SHARE * actions[index]
            if coverage > 0:
                found.append((coverage, row))
        found.sort(key=lambda pair: pair[0], reverse=True)
        return found

    def match(
        self,
        text: str,
        *,
        earliest: dt.date | None = None,
        latest: dt.date | None = None,
    ) -> DigestMatch | None:
        """Return the row whose happening the article's lead surely reports, else None.

        ``text`` is the article (title first); ``earliest`` and ``latest`` bound its
        publication date where the text allows. A lead that names weekdays ("on
        Thursday") reports a happening of one of them: only rows of those weekdays are
        tried. None when no row is covered enough, or
        when a row dated days apart is covered nearly as well (two happenings fit).
        """
        lead = lead_paragraphs(text, LEAD_PARAGRAPHS)
        if not lead:
            return None
        # A report is published on or after the happening it reports.
        found = self.coverages(lead, earliest=_day_before(earliest), latest=latest)
        weekdays = {_WEEKDAYS.index(word) for word in _WEEKDAY_RE.findall(lead.lower())}
        if weekdays:
            found = [(coverage, row) for coverage, row in found if row.day.weekday() in weekdays]
        if not found or found[0][0] < SAME_HAPPENING_COVERAGE:
            return None
        best_coverage, best = found[0]
        for coverage, row in found[1:]:
            if coverage < RIVAL_SHARE * best_coverage:
                break
            if abs((row.day - best.day).days) > AGREEING_DAYS:
                return None
        return DigestMatch(best, best_coverage)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def _terms(text: str) -> Counter:
    """Count the text's terms, each word folded as its transliterations meet."""
    terms: Counter = Counter()
    for term, n in story_terms(text).items():
        terms[" ".join(map(fold_spelling, term.split()))] += n
    return terms


@functools.lru_cache(maxsize=65536)
def fold_spelling(word: str) -> str:
    """Fold a lowercase word so that common romanisations of one name meet.

    Names from Cyrillic reach English in several spellings ("Zelenskyy", "Zelenskiy",
    "Zelensky"; "Izium", "Izyum"): accents are dropped, a final -iy/-yy/-yi is one -i,
    "y" is "i", and doubled letters are single. Applied alike to every word of the lead
    and of the digest, it only ever makes a name meet its other spellings.
    """
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or word
    word = _NAME_ENDING_RE.sub("i", word).replace("y", "i")
    return _DOUBLED_RE.sub(r"\1", word)


def _topic_names(
    rows: Sequence[DigestRow], counts: Sequence[Counter], frequency: Counter
) -> frozenset[str]:
    """Return the names common to the digest's rows: the places and people of its topic.

    They tell no row apart, but a lead that names none of them ("Gaza" in a digest of a
    war elsewhere) reports another story, however alike its words ("a resolution
    demanding a ceasefire passed by 153 votes"). Only words never written in lower case
    count: "President" and "Forces" name nothing by themselves.
    """
    lower = {
        fold_spelling(word)
        for row in rows
        for word in re.findall(r"\b[a-z][^\W\d_'’-]{2,}", row.summary)
    }
    least = max(3, TOPIC_NAME_SHARE * len(rows))
    return frozenset(
        term
        for row, count in zip(rows, counts, strict=True)
        for term in count
        if frequency[term] >= least
        and set(term.split()) <= _name_words(row.summary)
        and not set(term.split()) & lower
    )


def _name_words(text: str) -> set[str]:
    """Return the folded words written with a capital (names), weekdays and months aside."""
    words = {word.lower() for word in _CAPITALISED_RE.findall(text)} - _CALENDAR_WORDS
    return {fold_spelling(word) for word in words} | _NAME_PARTICLES


def _day_before(day: dt.date | None) -> dt.date | None:
    return day - dt.timedelta(days=1) if day else None


def parse_rows(lines: Iterable[list[str]]) -> list[DigestRow]:
    """Return the digest rows of table lines (day, summary, source); bad lines are skipped."""
    rows = []
    for fields in lines:
        if len(fields) < 2:
            continue
        try:
            day = dt.date.fromisoformat(fields[0].strip())
        except ValueError:
            continue
        source = fields[2].strip() if len(fields) > 2 else ""
        rows.append(DigestRow(day, fields[1].strip(), source))
    return rows


@functools.lru_cache(maxsize=1)
def load_digest() -> NewsDigest:
    """Return the shipped digest, read and indexed once per process."""
    return NewsDigest(parse_rows(read_rows(DIGEST_FILE)))
