"""Decide whether reports from different articles describe the same happening.

Pure functions over small profiles: the database services fetch candidate Events by
indexed lookups (``candidate_window`` dates, place, type), score each with
``event_match_score`` and merge above ``MERGE_THRESHOLD``; ``event_conflicts`` tells
editors where the merged reports disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from events.extraction.events.lexicon import family
from events.extraction.types import DatePrecision, ExtractedEvent

__all__ = [
    "CANDIDATES_PER_REPORT",
    "COMPATIBLE_TYPES",
    "DATE_TOLERANCE_DAYS",
    "MERGE_THRESHOLD",
    "EventProfile",
    "candidate_window",
    "compatible_types",
    "event_conflicts",
    "event_match_score",
    "likeliest_candidates",
    "places_nest",
    "profile_from_extracted",
    "wide_area",
]

MERGE_THRESHOLD = 0.6

# How far apart two reports of one happening may date it, by the coarser precision.
DATE_TOLERANCE_DAYS = {
    DatePrecision.DAY: 1,
    DatePrecision.WEEK: 7,
    DatePrecision.MONTH: 31,
    DatePrecision.YEAR: 366,
}

# Families whose happenings have a party on each side, either of which a report may name
# as the doer ("X meets Y", "Y and X sign a deal"), and words (compared by speaker).
_SHARED_FAMILIES = frozenset({"consult", "agree", "cooperate", "make_statement"})
# Groups of types that outlets use for the same happening ("shelling" in one report is
# a "missile strike" in another; one side's withdrawal is the other side's capture; one
# outlet's "said" is another's "accused" or "told a news conference").
_WORDS = frozenset(
    {
        "statement",
        "speech",
        "press_conference",
        "interview",
        "appeal",
        "accusation",
        "rejection",
        "threat",
        "endorsement",
    }
)
COMPATIBLE_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"shelling", "missile_strike", "air_strike", "attack_on_civilians", "explosion"}),
    frozenset({"withdrawal", "capture", "territorial_claim"}),
    _WORDS,
    frozenset({"meeting", "phone_call", "visit", "summit", "agreement"}),
    frozenset({"deployment", "mobilisation", "military_exercise", "order"}),
    frozenset({"sanctions", "suspension"}),
    frozenset({"arrest", "legal_action"}),
    frozenset({"demonstration", "riot", "labour_strike"}),
    frozenset({"election", "resignation", "appointment"}),
    frozenset({"earthquake", "flood", "wildfire"}),
    frozenset({"crash", "collapse", "fire", "explosion"}),
    frozenset({"homicide", "discovery", "attack_on_civilians"}),
    frozenset({"order", "meeting"}),
    frozenset({"meeting", "aid_package"}),
)
# The (type, type) pairs of COMPATIBLE_TYPES, looked up for every candidate scored.
_COMPATIBLE_PAIRS = frozenset(
    (first, second) for group in COMPATIBLE_TYPES for first in group for second in group
)
# Territorial moves are only the same happening on the same place and day.
_STRICT_GROUPS = frozenset({"withdrawal", "capture", "territorial_claim"})

# What the gates give a pair they turn away, whatever its actors and wording.
_DISJOINT_PLACES = 0.05  # two named places with nothing in common: two happenings
_STRICT_UNPLACED = 0.1  # a territorial move with no place to tie it to
_TURNED_AWAY = max(_DISJOINT_PLACES, _STRICT_UNPLACED)

# The candidates a report is scored against, at most (``likeliest_candidates``). A date
# window holds more Events the bigger the database: scoring every one made each article
# dearer to store than the one before.
CANDIDATES_PER_REPORT = 20

_WEIGHTS = {"type": 0.2, "date": 0.25, "place": 0.25, "actor": 0.1, "text": 0.2}
_NEUTRAL = 0.5  # a side that says nothing neither helps nor hurts
_WORD_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class EventProfile:
    """What is known about a happening, from one report or from a merged Event.

    Ids are opaque: database ids or gazetteer ids. The caller adds the ids of places
    that contain the named ones (a town's region and country), so "in the region" and
    "in the town" overlap.
    """

    event_type: str
    start_date: dt.date | None
    date_precision: str
    place_ids: frozenset[Hashable] = field(default_factory=frozenset)
    actor_ids: frozenset[Hashable] = field(default_factory=frozenset)
    # Countries of the doers, where known: the same deed by two countries is two deeds.
    doer_countries: frozenset[str] = field(default_factory=frozenset)
    fatalities: int | None = None
    injured: int | None = None
    numbers: frozenset[int] = field(default_factory=frozenset)
    text: str = ""


def _tolerance(a: EventProfile, b: EventProfile) -> int:
    return _precisions_tolerance(a.date_precision, b.date_precision)


@functools.cache
def _precisions_tolerance(first: str, second: str) -> int:
    """Return the days two dates may be apart, by the coarser of their precisions."""
    coarser = max(
        (first, second),
        key=lambda p: DatePrecision.ORDER.get(p, DatePrecision.ORDER[DatePrecision.YEAR]),
    )
    return DATE_TOLERANCE_DAYS.get(coarser, DATE_TOLERANCE_DAYS[DatePrecision.YEAR])


def compatible_types(event_type: str) -> frozenset[str]:
    """Return the types a report of ``event_type`` may be merged with, itself included."""
    compatible = {event_type}
    for group in COMPATIBLE_TYPES:
        if event_type in group:
            compatible |= group
    return frozenset(compatible)


def _type_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if (a, b) in _COMPATIBLE_PAIRS:
        return 0.7
    return 0.0


def _overlap(a: frozenset, b: frozenset) -> float | None:
    """Return the share of the smaller set found in the other, or None if one is empty."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def wide_area(first_type: str, second_type: str) -> bool:
    """Return True for two reports of a disaster: a quake or a flood strikes a region.

    One outlet places an earthquake in the province of its epicentre, another in the
    city with the most dead: two places of one country on one day are one disaster.
    """
    return family(first_type) == family(second_type) == "disaster"


def _place_agreement(a: frozenset, b: frozenset, *, wide: bool = False) -> float | None:
    """Return 1.0 when one report's places lie within the other's, less when they differ.

    With container ids added by the caller, "the town" and "the region" nest (one set
    inside the other) while two towns of one region only share their containers, which
    is enough for a disaster (``wide``).
    """
    if not a or not b:
        return None
    shared = a & b
    if not shared:
        return 0.0
    if shared in (a, b) or wide:
        return 1.0
    return 0.8 * len(shared) / len(a | b)


def places_nest(a: frozenset, b: frozenset, *, wide: bool = False) -> bool:
    """Return whether two reports' places (containers included) let them be merged.

    They must nest, one set inside the other, or one report must name no place: two
    reports that each name a place the other does not score below ``MERGE_THRESHOLD``
    whatever else they share, so callers may leave such candidates unread.
    """
    return _place_agreement(a, b, wide=wide) in (None, 1.0)


def _words(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def _figures_clash(first: int | None, second: int | None) -> bool:
    """Return True when two casualty counts cannot be the same toll reported twice.

    Tolls grow as bodies are found, so "at least 6" and "7" agree; 2 and 6 on the
    same day are two happenings.
    """
    if not first or not second:
        return False
    low, high = sorted((first, second))
    return high - low >= 3 and high > 1.5 * low


def event_match_score(a: EventProfile, b: EventProfile, *, at_least: float = 0.0) -> float:
    """Return 0..1: how likely two reports describe one happening.

    Type, date and place act as gates (incompatible types, dates further apart than
    the coarser precision allows, disjoint places or clashing death tolls score low);
    actor overlap and wording refine the score within the gates.

    A caller that only wants scores of ``at_least`` or more gets, for a pair that cannot
    reach it whatever the wording, a bound below ``at_least`` instead of the score: the
    wording's comparison is most of the cost, and most candidates fail the gates.
    """
    type_score = _type_score(a.event_type, b.event_type)
    if type_score == 0.0:
        return 0.0
    if _other_doers(a, b):
        return _DISJOINT_PLACES
    words = a.event_type in _WORDS and b.event_type in _WORDS
    tolerance = _tolerance(a, b)
    strict = a.event_type != b.event_type and {a.event_type, b.event_type} <= _STRICT_GROUPS
    if a.start_date is not None and b.start_date is not None:
        gap = abs((a.start_date - b.start_date).days)
        # A place is taken or words are said on one day: a speaker's words a week apart
        # are two statements, whatever precision dated them. The score still allows
        # for the day a report may take to tell them.
        gate = min(tolerance, 1) if strict or words else tolerance
        if gap > gate:
            return 0.0
        date_score = 1.0 - gap / ((gate if strict else tolerance) + 1)
    else:
        date_score = _NEUTRAL
    if words and (a.actor_ids or b.actor_ids) and not a.actor_ids & b.actor_ids:
        # Words of two speakers, or of a speaker and nobody named: two statements. (An
        # outline without actors on either side, as candidates are first ranked, passes.)
        return _DISJOINT_PLACES
    place_agreement = _place_agreement(
        a.place_ids, b.place_ids, wide=wide_area(a.event_type, b.event_type)
    )
    if place_agreement == 0.0:
        return _DISJOINT_PLACES
    if strict and place_agreement is None:
        return _STRICT_UNPLACED
    place_score = _NEUTRAL if place_agreement is None else place_agreement
    actor_overlap = _overlap(a.actor_ids, b.actor_ids)
    actor_score = _NEUTRAL if actor_overlap is None else actor_overlap
    gated = (
        _WEIGHTS["type"] * type_score
        + _WEIGHTS["date"] * date_score
        + _WEIGHTS["place"] * place_score
        + _WEIGHTS["actor"] * actor_score
    )
    if not (a.text and b.text):
        return _adjusted(gated + _WEIGHTS["text"] * _NEUTRAL, a, b, place_agreement)
    best = _adjusted(gated + _WEIGHTS["text"], a, b, place_agreement)  # the same wording
    if best < at_least:
        return best
    text_score = fuzz.token_set_ratio(_words(a.text), _words(b.text)) / 100.0
    return _adjusted(gated + _WEIGHTS["text"] * text_score, a, b, place_agreement)


def _other_doers(a: EventProfile, b: EventProfile) -> bool:
    """Say whether two one-sided deeds were done by different countries' actors.

    "Russia pulls troops back" and "the US pulls embassy staff out", on one day in one
    country, are two withdrawals; a meeting or a deal has a doer on each side, and a
    report may name either.
    """
    if not (a.doer_countries and b.doer_countries) or a.doer_countries & b.doer_countries:
        return False
    # One side's withdrawal is the other side's capture: only a deed of one kind counts.
    same = family(a.event_type) == family(b.event_type)
    return same and family(a.event_type) not in _SHARED_FAMILIES


def likeliest_candidates(
    report: EventProfile,
    candidates: Iterable[tuple[Hashable, EventProfile]],
    limit: int = CANDIDATES_PER_REPORT,
) -> list[Hashable]:
    """Return the keys of up to ``limit`` candidates the report may be, likeliest first.

    ``candidates`` are (key, profile) pairs, newest first, whose profiles need only what
    a window's read of Events tells: type, date, precision and places. They are ranked
    by ``event_match_score`` on that alone, the newest first among equals; those that
    could not merge whatever their actors and wording (other types, dates too far
    apart, places that do not nest) are left out. The match, if any, is among the few
    that share the report's type, day and place best.
    """
    outline = EventProfile(
        event_type=report.event_type,
        start_date=report.start_date,
        date_precision=report.date_precision,
        place_ids=report.place_ids,
    )
    compatible = compatible_types(report.event_type)
    ranked = []
    for order, (key, profile) in enumerate(candidates):
        if profile.event_type not in compatible or not places_nest(
            report.place_ids,
            profile.place_ids,
            wide=wide_area(report.event_type, profile.event_type),
        ):
            continue
        score = event_match_score(outline, profile)
        if score > _TURNED_AWAY:
            ranked.append((-score, order, key))
    return [key for _, _, key in heapq.nsmallest(limit, ranked)]


def _adjusted(score: float, a: EventProfile, b: EventProfile, place_agreement) -> float:
    """Return the weighted ``score`` raised for shared numbers, lowered for clashes."""
    if a.numbers & b.numbers:
        score = min(1.0, score + 0.1)
    if place_agreement is not None and place_agreement < 1.0:
        score *= 0.5  # each names a place the other does not: likely two places
    clash = _figures_clash(a.fatalities, b.fatalities) or _figures_clash(a.injured, b.injured)
    if clash and not wide_area(a.event_type, b.event_type):
        score *= 0.4  # a disaster's toll climbs by thousands in a day
    return round(score, 3)


def event_conflicts(a: EventProfile, b: EventProfile) -> list[str]:
    """Return, in words for editors, where two merged reports of one happening disagree."""
    conflicts: list[str] = []
    if a.event_type != b.event_type:
        conflicts.append(f"type: {a.event_type} vs {b.event_type}")
    if (
        a.start_date is not None
        and b.start_date is not None
        and a.start_date != b.start_date
        and DatePrecision.DAY in (a.date_precision, b.date_precision)
    ):
        gap = abs((a.start_date - b.start_date).days)
        if a.date_precision == b.date_precision == DatePrecision.DAY or gap > _tolerance(a, b):
            conflicts.append(
                f"date: {a.start_date.isoformat()} ({a.date_precision}) vs "
                f"{b.start_date.isoformat()} ({b.date_precision})"
            )
    for label, first, second in (
        ("fatalities", a.fatalities, b.fatalities),
        ("injured", a.injured, b.injured),
    ):
        if first is not None and second is not None and first != second:
            conflicts.append(f"{label}: {first} vs {second}")
    if a.place_ids and b.place_ids and not a.place_ids & b.place_ids:
        conflicts.append("place: the reports name no common place")
    return conflicts


def candidate_window(
    profile: EventProfile, candidate_precision: str | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last start dates the database should fetch candidates for.

    The window is the tolerance of the coarser of the profile's precision and the
    candidates' (``candidate_precision``, default the profile's own): a "week" Event
    matches a "day" report up to a week away, so it is looked for a week away.
    ``(None, None)``: no date, fetch by place and type only.
    """
    if profile.start_date is None:
        return None, None
    tolerance = _tolerance(
        profile,
        EventProfile(
            event_type=profile.event_type,
            start_date=None,
            date_precision=candidate_precision or profile.date_precision,
        ),
    )
    delta = dt.timedelta(days=tolerance)
    return profile.start_date - delta, profile.start_date + delta


def profile_from_extracted(
    event: ExtractedEvent,
    *,
    place_ids: frozenset[Hashable],
    actor_ids: frozenset[Hashable],
) -> EventProfile:
    """Return the profile of one article's event, with ids the caller resolved."""
    return EventProfile(
        event_type=event.event_type,
        start_date=event.start_date,
        date_precision=event.date_precision,
        place_ids=frozenset(place_ids),
        actor_ids=frozenset(actor_ids),
        fatalities=event.fatalities,
        injured=event.injured,
        numbers=frozenset(event.numbers),
        text=f"{event.title}. {event.summary}",
    )
