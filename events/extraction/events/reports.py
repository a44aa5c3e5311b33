"""Keep one record per happening an article reports, however often it tells it.

A story repeats its news: the headline, the lede and a later paragraph each report the
same strike or meeting, some undated ("the withdrawal"), some without a party or place.
Here they are folded into the most informative report, whose evidence sentence stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from events.extraction.events.lexicon import (
    COMMUNICATION_TYPES,
    STRIKE_TYPES,
    VIOLENT_TYPES,
    family,
)
from events.extraction.types import DatePrecision, ExtractedEvent

__all__ = ["drop_duplicates"]

_FOLLOW_UP_SENTENCES = 2  # how far a bare follow-up may stand from its report
# How far after a deadly happening a spokesman's toll may be told ("X said 80 were killed").
_TOLL_SENTENCES = 4
_TOLL_DAYS = 3
# Happenings that leave dead and wounded, and whose toll officials announce.
_DEADLY_FAMILIES = frozenset({"assault", "disaster", "accident"})


def _information(event: ExtractedEvent) -> tuple:
    return (
        event.date_precision == DatePrecision.DAY,
        event.fatalities is not None or event.injured is not None,
        len(event.place_keys) > 0,
        event.confidence,
        len(event.actor_roles),
        -event.sentence_index,
    )


def _folded(
    report: ExtractedEvent, repeat: ExtractedEvent, countries: frozenset[str] = frozenset()
) -> ExtractedEvent:
    """Return ``report`` with what only ``repeat`` tells: parties, places, figures."""
    missing = {
        field: getattr(repeat, field)
        for field in ("fatalities", "injured", "displaced", "affected")
        if getattr(report, field) is None and getattr(repeat, field) is not None
    }
    if not _parties(report) and _parties(repeat):
        # "she is resigning" folded into "X has resigned": X resigned
        named = {key for key, _ in repeat.actor_roles}
        missing["actor_roles"] = repeat.actor_roles + tuple(
            (key, role) for key, role in report.actor_roles if key not in named
        )
    finer = bool(report.place_keys) and set(report.place_keys) <= countries
    if repeat.place_keys and (not report.place_keys or finer):
        missing["place_keys"] = repeat.place_keys  # "in X" says more than "in <country>"
        if finer and set(repeat.place_keys) - countries:
            missing["title"] = repeat.title  # and so does its title
    if "title" not in missing and missing and len(repeat.title.split()) > len(report.title.split()):
        missing["title"] = repeat.title  # "Senate votes", rather than "Vote"
    return dataclasses.replace(report, **missing) if missing else report


def _parties(event: ExtractedEvent) -> bool:
    return any(role != "other" for _, role in event.actor_roles)


def _same_parties(first: ExtractedEvent, second: ExtractedEvent) -> bool:
    """Return True unless both name their parties and share none (two meetings, not one)."""
    mine = {key for key, role in first.actor_roles if role != "other"}
    theirs = {key for key, role in second.actor_roles if role != "other"}
    if first.event_type in COMMUNICATION_TYPES:
        # Words are their speaker's: an unresolved speaker's line is not a named one's.
        return mine == theirs
    return not mine or not theirs or bool(mine & theirs)


def drop_duplicates(
    events: list[ExtractedEvent],
    countries: frozenset[str] = frozenset(),
    country_of: Mapping[str, str] | None = None,
) -> list[ExtractedEvent]:
    """Keep one record per (type, date, places) in an article: the most informative.

    A record has one evidence sentence, so repeated reports are not fused; the one with
    a day date, figures, places and the highest confidence is kept. An undated repeat
    ("the withdrawal ...") of a dated report of the same type and place is dropped too;
    a town lies within its country (``countries`` are the country places' keys,
    ``country_of`` each place's country code).
    """
    within = _Within(countries, country_of or {})
    events = _dated_by_a_retelling(events, within)
    best: dict[tuple, ExtractedEvent] = {}
    for event in events:
        doers = frozenset(key for key, role in event.actor_roles if role == "initiator")
        key = (event.event_type, event.start_date, frozenset(event.place_keys), doers)
        if key not in best or _information(event) > _information(best[key]):
            best[key] = event
    kept = list(best.values())
    # A report with a day of its own stands for the undated repeats; a year or month
    # ("the deadliest this year") is coarser than the week an undated repeat is given.
    dated = [e for e in kept if e.date_precision == DatePrecision.DAY or e.start_date is None]
    folded: dict[int, ExtractedEvent] = {}  # dated reports, by id, with what repeats added
    survivors = []
    for event in kept:
        if event.date_precision == DatePrecision.WEEK and event.start_date is not None:
            places = set(event.place_keys)
            other = next(
                (
                    other
                    for other in dated
                    if other is not event
                    and other.event_type == event.event_type
                    and within.agree(
                        places, other if _told_again(event) else folded.get(id(other), other)
                    )
                    and _same_parties(event, other)
                ),
                None,
            )
            if other is not None:
                # The dated report stands for both, with the parties, places and figures
                # only the undated one named ("the Senate passed..." / "adopted on Friday").
                folded[id(other)] = _folded(folded.get(id(other), other), event, within.countries)
                continue
        survivors.append(event)
    survivors = [folded.get(id(event), event) for event in survivors]
    survivors = _fold_bare_follow_ups(survivors, countries)
    # A placeless repeat gives way to a placed report of the same day, among survivors
    # only: two reports must not remove each other. Its figures go to that report.
    placed = {id(event): event for event in survivors if event.place_keys}
    result = []
    for event in survivors:
        other = None
        if not event.place_keys:
            other = next(
                (
                    other
                    for other in survivors
                    if _same_kind(other, event)
                    and other.start_date == event.start_date
                    and other.place_keys
                    and _same_parties(event, other)
                ),
                None,
            )
        if other is None:
            result.append(event)
        else:
            placed[id(other)] = _folded(placed[id(other)], event)
    result = [placed.get(id(event), event) for event in result]
    happenings = _tolls_from_reports(_one_per_happening(result))
    return sorted(happenings, key=lambda e: (e.sentence_index, e.event_type))


# Families whose happenings are told again and again without being new ("the meeting",
# "the talks"): several placed repeats may all be the one dated report.
_RETOLD_FAMILIES = frozenset({"consult", "make_statement", "agree"})


def _dated_by_a_retelling(events: list[ExtractedEvent], within: _Within) -> list[ExtractedEvent]:
    """Date an attack the lede tells without a day by a later retelling that names it.

    "A suicide bomber struck a mosque, killing 47 ... Monday's assault was one of the
    deadliest": the attack was on Monday, and the retelling is no second attack.
    """
    retellings = [
        e for e in events if e.event_type in VIOLENT_TYPES and e.date_precision == DatePrecision.DAY
    ]
    dropped: set[int] = set()
    result = []
    for event in events:
        if event.event_type in VIOLENT_TYPES and event.date_precision == DatePrecision.WEEK:
            retelling = next(
                (
                    other
                    for other in retellings
                    if other.sentence_index > event.sentence_index
                    and id(other) not in dropped
                    and event.start_date is not None
                    and other.start_date is not None
                    and dt.timedelta(0)
                    <= (event.end_date or event.start_date) - other.start_date
                    <= dt.timedelta(days=7)
                    and within.agree(set(event.place_keys), other)
                    and _same_parties(event, other)
                ),
                None,
            )
            if retelling is not None:
                dropped.add(id(retelling))
                event = dataclasses.replace(
                    _folded(event, retelling),
                    start_date=retelling.start_date,
                    end_date=retelling.end_date,
                    date_precision=DatePrecision.DAY,
                )
        result.append(event)
    return [e for e in result if id(e) not in dropped]


def _tolls_from_reports(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Give a deadly happening told without a toll the toll a statement just after it gives.

    "The army repelled an attack on X on Monday. A spokesman said more than 80 attackers
    were killed": the dead are the attack's, as a reader takes them; the statement stays
    a record of its own.
    """
    result = []
    for event in events:
        if (
            family(event.event_type) in _DEADLY_FAMILIES
            and event.fatalities is None
            and event.injured is None
        ):
            toll = next(
                (
                    other
                    for other in events
                    if other.event_type in COMMUNICATION_TYPES
                    and (other.fatalities is not None or other.injured is not None)
                    and 0 <= other.sentence_index - event.sentence_index <= _TOLL_SENTENCES
                    and _told_after(event, other)
                ),
                None,
            )
            if toll is not None:
                event = dataclasses.replace(event, fatalities=toll.fatalities, injured=toll.injured)
        result.append(event)
    return result


def _told_after(event: ExtractedEvent, report: ExtractedEvent) -> bool:
    """Return True when ``report`` was made on the day of ``event`` or within days after."""
    if event.start_date is None or report.start_date is None:
        return event.start_date == report.start_date
    return 0 <= (report.start_date - event.start_date).days <= _TOLL_DAYS


def _told_again(event: ExtractedEvent) -> bool:
    return family(event.event_type) in _RETOLD_FAMILIES


@dataclasses.dataclass(frozen=True)
class _Within:
    """Which of an article's places lie in which of its countries."""

    countries: frozenset[str]
    country_of: Mapping[str, str]

    def agree(self, places: set[str], report: ExtractedEvent) -> bool:
        """Say whether a repeat naming ``places`` may be ``report`` (as folded so far).

        A placeless report takes the first repeat's places: a second repeat elsewhere
        is another happening ("explosions in X ... earlier, a car bomb in Y"). A town
        agrees with its country ("a blast in X ... Friday's explosion in <country>").
        """
        theirs = set(report.place_keys)
        if not places or not theirs or places & theirs:
            return True
        return self._inside(places, theirs) or self._inside(theirs, places)

    def _inside(self, inner: set[str], outer: set[str]) -> bool:
        if not outer <= self.countries:
            return False
        codes = {self.country_of.get(key) for key in outer}
        return all(self.country_of.get(key) in codes for key in inner)


def _fold_bare_follow_ups(
    events: list[ExtractedEvent], countries: frozenset[str] = frozenset()
) -> list[ExtractedEvent]:
    """Fold a follow-up that names no party and no place into the report just before it.

    "The pipeline suffered leaks last week. Three leaks were recorded on one day": the
    second sentence adds the count to the first report, not a happening of its own. So
    does one that names no party and only a country ("as it orders its staff to leave
    the country"), after a report of that day with a doer.
    """
    by_id = {id(event): event for event in events}
    dropped: set[int] = set()
    for event in events:
        if event.actor_roles:
            continue
        if event.place_keys and not set(event.place_keys) <= countries:
            continue
        earlier = [
            other
            for other in events
            if other.event_type == event.event_type
            and other.place_keys
            and (
                not event.place_keys or (other.actor_roles and other.start_date == event.start_date)
            )
            and 0 < event.sentence_index - other.sentence_index <= _FOLLOW_UP_SENTENCES
        ]
        if earlier:
            other = max(earlier, key=lambda e: e.sentence_index)
            by_id[id(other)] = _folded(by_id[id(other)], event)
            dropped.add(id(event))
    return [by_id[id(event)] for event in events if id(event) not in dropped]


def _one_per_happening(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Keep one record of a happening an article tells again a day apart or in new words.

    Two records of one type whose places overlap (or who name none and share a doer),
    dated within a day, are one happening: the most informative stays.
    """
    kept: list[ExtractedEvent] = []
    for event in sorted(events, key=_information, reverse=True):
        places = set(event.place_keys)
        doers = {key for key, role in event.actor_roles if role == "initiator"}
        same = next(
            (
                position
                for position, other in enumerate(kept)
                if _same_kind(other, event)
                and _within_a_day(event, other)
                and (
                    places & set(other.place_keys)
                    if places and other.place_keys
                    else bool(doers & {k for k, r in other.actor_roles if r == "initiator"})
                    or not (places or other.place_keys or doers)
                )
            ),
            None,
        )
        if same is None:
            kept.append(event)
            continue
        # The retelling may give a figure ("with 92 votes") or the parties the first
        # telling did not ("UK PM resigns ... X resigned as prime minister").
        kept[same] = _folded(kept[same], event)
    return kept


def _same_kind(first: ExtractedEvent, second: ExtractedEvent) -> bool:
    if first.event_type == second.event_type:
        return True
    kinds = {first.event_type, second.event_type}
    if kinds <= STRIKE_TYPES:
        return True
    return kinds <= VIOLENT_TYPES and first.sentence_index == second.sentence_index


def _within_a_day(first: ExtractedEvent, second: ExtractedEvent) -> bool:
    if first.start_date is None or second.start_date is None:
        return first.start_date == second.start_date
    return abs((first.start_date - second.start_date).days) <= 1
