"""Frozen dataclasses passed between the extraction steps.

Every offset in these records is a character offset into ``CleanedArticle.body``
unless its name says ``raw``; ``CleanedArticle.raw_span`` maps a body span back to
the verbatim text so that evidence stays exact.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "ActorKind",
    "ArticleExtraction",
    "CleanedArticle",
    "DatePrecision",
    "DateSource",
    "DroppedBlock",
    "ExtractedActor",
    "ExtractedEvent",
    "ExtractedPlace",
    "ExtractedQuote",
    "GazetteerEntry",
    "Mention",
    "PlaceKind",
    "PublicationDate",
    "Sentence",
    "TemporalExpression",
]


class DatePrecision:
    """How precisely a date is known; values match ``events.models.DatePrecision``."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ORDER = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}


class DateSource:
    """Where an article's publication date came from."""

    DATELINE = "dateline"
    INFERRED = "inferred"  # from the article's own text
    CORROBORATED = "corroborated"  # from other articles reporting the same things
    ESTIMATED = "estimated"  # within bounds world knowledge sets (offices, known happenings)
    REPORTED = "reported"  # the day of a known happening the lead reports (the news digest)
    METADATA = "metadata"  # given with the article by its source (a scraper's export)
    EDITOR = "editor"
    UNKNOWN = "unknown"


class ActorKind:
    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"  # a state, government or armed group acting as one
    OTHER = "other"


class PlaceKind:
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    SITE = "site"


@dataclass(frozen=True)
class DroppedBlock:
    """A piece of the raw text kept out of the body, and why."""

    kind: str  # "dateline", "headline", "caption", "credit", "copyright", "byline", "teaser", ...
    text: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class CleanedArticle:
    """The story text separated from the page furniture around it."""

    raw: str
    body: str
    title: str = ""
    dateline: dt.date | None = None
    byline: str = ""
    outlet: str = ""
    captions: tuple[str, ...] = ()
    dropped: tuple[DroppedBlock, ...] = ()
    # body_to_raw[i] is the raw offset of body[i]; one extra entry for the end.
    body_to_raw: tuple[int, ...] = field(default=(), repr=False)

    def raw_offset(self, body_offset: int) -> int:
        """Return the raw-text offset of a body offset (identity if no map is kept)."""
        if not self.body_to_raw:
            return body_offset
        body_offset = max(0, min(body_offset, len(self.body_to_raw) - 1))
        return self.body_to_raw[body_offset]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw-text span covering the body span ``[start, end)``."""
        if end <= start:
            return self.raw_offset(start), self.raw_offset(start)
        return self.raw_offset(start), self.raw_offset(end - 1) + 1

    def body_offset(self, raw_offset: int) -> int:
        """Return the body offset nearest a raw offset (for tests and evidence lookups)."""
        if not self.body_to_raw:
            return raw_offset
        return min(bisect.bisect_left(self.body_to_raw, raw_offset), len(self.body))


@dataclass(frozen=True)
class PublicationDate:
    """An article's publication date and the evidence for it."""

    value: dt.date | None
    source: str  # DateSource value
    evidence: str = ""  # the words the date was read from, for editors
    year_missing: bool = False  # month and day known from the text, year not


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TemporalExpression:
    """A phrase that names a time, resolved against the article's date."""

    text: str
    start: int
    end: int
    value: dt.date | None  # first day covered; None when it cannot be resolved
    precision: str  # DatePrecision value
    end_value: dt.date | None = None  # last day covered, for ranges ("in March")
    confidence: float = 1.0


@dataclass(frozen=True)
class Mention:
    """Words in the body that refer to a record."""

    start: int
    end: int
    text: str
    sentence_index: int
    confidence: float = 1.0
    via: str = "name"  # "name", "surname", "title", "pronoun", "alias", "gazetteer", ...


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the world gazetteer."""

    geonames_id: int
    name: str
    kind: str  # PlaceKind value
    country_code: str
    admin1_code: str = ""
    admin_region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    parent_geonames_id: int | None = None
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractedPlace:
    """A place resolved in one article, with every mention of it."""

    key: str  # stable within the article, e.g. "geonames:703448"
    entry: GazetteerEntry
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...]  # spellings seen in this article
    confidence: float
    acts_as_actor: bool = False  # "Moscow said": also an actor (see ExtractedActor)


@dataclass(frozen=True)
class ExtractedActor:
    """An actor found in one article, with every mention of it."""

    key: str  # stable within the article
    name: str  # the fullest form seen ("Anna Nowak" rather than "Nowak")
    kind: str  # ActorKind value
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...]  # spellings seen, including the name
    role: str = ""  # as reported: "Governor of Donetsk Oblast"
    country_code: str = ""
    confidence: float = 1.0
    place_keys: tuple[str, ...] = ()  # places it co-occurs with, for cross-article matching


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    sentence_index: int
    speaker_key: str | None  # ExtractedActor.key, or None for an unnamed/unknown speaker
    speaker_name: str  # as written: "Nowak", "a senior US defense official"
    is_marked: bool
    said_on: dt.date | None = None
    said_on_precision: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class ExtractedEvent:
    """One happening as one article reports it (merging across articles comes later)."""

    event_type: str  # code from fixtures/event_types.json, e.g. "shelling"
    title: str
    summary: str
    sentence_index: int
    start: int  # span of the evidence sentence(s) in the body
    end: int
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: str
    place_keys: tuple[str, ...] = ()
    actor_roles: tuple[tuple[str, str], ...] = ()  # (actor key, "initiator"|"target"|"other")
    fatalities: int | None = None
    injured: int | None = None
    displaced: int | None = None
    numbers: tuple[int, ...] = ()
    confidence: float = 0.5
    # People or things the happening is about, as counted: troops deployed, missiles
    # fired, people sanctioned or arrested, votes cast.
    affected: int | None = None


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article."""

    cleaned: CleanedArticle
    published_on: dt.date | None
    date_source: str
    date_evidence: str
    language: str
    sentences: tuple[Sentence, ...]
    actors: tuple[ExtractedActor, ...]
    places: tuple[ExtractedPlace, ...]
    quotes: tuple[ExtractedQuote, ...]
    events: tuple[ExtractedEvent, ...]
    extractor_version: str
    temporal: tuple[TemporalExpression, ...] = ()
