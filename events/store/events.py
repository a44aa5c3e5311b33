"""Storing event reports: candidate events by type, date window and places; matching; merging.

Candidates: ``_event_candidates`` (each date window one index range, places that can
nest, ``clustering.likeliest_candidates``), with the place containers they need
(``_parents_read``, ``_ancestors``). Matching: ``clustering.event_match_score``.
Recording: ``events_record``, for ``record.article_record``; ``EVENT_FIGURES`` is shared
with ``events.curation``'s merges.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections

from events.extraction import clustering
from events.extraction.types import DatePrecision as Precision
from events.extraction.types import ExtractedEvent
from events.models import (
    Actor,
    ActorRole,
    DatePrecision,
    Event,
    EventActor,
    EventMention,
    Place,
    ReviewStatus,
)
from events.store.evidence import EVENT_MENTION_FIELDS, StoreCache, follow_merges
from events.store.rows import (
    column,
    converted,
    default_order,
    fetched,
    instances_fetched,
    instances_updated,
    rows_created,
    rows_insert,
    selection,
    table,
    values_fetched,
    where_in,
)

__all__ = ["EVENT_FIGURES", "events_record"]


def _parents_read(
    place_ids: Iterable[int], known_parents: dict[int, int | None], cached: dict[int, int | None]
) -> dict[int, int | None]:
    """Return ``known_parents`` with the parents of ``place_ids``, three levels up.

    Each level's parents not in ``cached`` (which learns them) are looked up in one query.
    """
    parent_of: dict[int, int | None] = dict(known_parents)
    frontier = set(place_ids) | {p for p in known_parents.values() if p is not None}
    for _ in range(3):
        frontier -= parent_of.keys()
        if not frontier:
            break
        missing = [place_id for place_id in frontier if place_id not in cached]
        if missing:
            where, params = where_in(column(Place, "id"), missing)
            cached.update(
                fetched(
                    f"SELECT {column(Place, 'id')}, {column(Place, 'parent_id')} "
                    f"FROM {table(Place)} WHERE {where}",
                    params,
                )
            )
        level = {place_id: cached[place_id] for place_id in frontier if place_id in cached}
        parent_of.update(level)
        frontier = {parent for parent in level.values() if parent is not None}
    return parent_of


def _ancestors(parent_of: dict[int, int | None]) -> dict[int, frozenset[int]]:
    """Return each place of ``parent_of`` with the places containing it."""
    result = {}
    for place_id in parent_of:
        chain, current = {place_id}, parent_of.get(place_id)
        while current is not None and current not in chain:
            chain.add(current)
            current = parent_of.get(current)
        result[place_id] = frozenset(chain)
    return result


def _with_ancestors(place_ids: Iterable[int], ancestors: dict[int, frozenset[int]]) -> frozenset:
    return frozenset().union(*(ancestors.get(p, {p}) for p in place_ids), frozenset())


# What a window's read of an event tells, enough to rank it for a report.
_EVENT_OUTLINE = ("pk", "event_type", "start_date", "date_precision")


class _EventRow(NamedTuple):
    """What scoring a report against a candidate event reads of it: plain values.

    An article's reports have dozens of candidates and merge into a few: making a model
    instance of each candidate cost more than the rest of the matching.
    """

    pk: int
    event_type_id: int
    title: str
    summary: str
    start_date: dt.date | None
    date_precision: str
    fatalities: int | None
    injured: int | None


# What merging a report into an event reads and writes: read for the events merged into.
_MERGED_EVENT_FIELDS = (
    "start_date",
    "end_date",
    "date_precision",
    "fatalities",
    "injured",
    "displaced",
    "affected",
    "conflicts",
    "confidence",
    "review_status",
    "curated_fields",
)


@dataclasses.dataclass
class _EventCandidate:
    event: _EventRow
    # Each of the event's places, with its parent.
    parent_of: dict[int, int | None] = dataclasses.field(default_factory=dict)
    actor_ids: set[int] = dataclasses.field(default_factory=set)
    doer_countries: set[str] = dataclasses.field(default_factory=set)


def _event_candidates(
    article,
    reports: list[tuple[ExtractedEvent, frozenset[int]]],
    parent_of,
    reextracted,
    cache: StoreCache,
) -> tuple[list[_EventCandidate], dict[int, frozenset[int]]]:
    """Return the unmerged Events the article's dated reports could be, and place containers.

    ``reports`` pairs each report with its places, containers included. Events are
    fetched by compatible type and date window (as wide as the coarser of the report's
    and the event's precision allows), with their places; only those whose places nest
    with a report's (``clustering.places_nest``) are read in full with their actors.
    For reports that name a place, the database already leaves out the events that
    cannot nest (``_places_nesting_sql``): as the database grows, a window holds more
    events in other towns, and reading each cost the store more every article.
    The article's own events are left out: one article reports one happening once.
    ``parent_of`` is extended with the candidates' places and their containers.

    Each report keeps only its ``clustering.likeliest_candidates``, so the events read in
    full, and the scoring, stay as many however many a window holds; the third value
    lists each report's, by event id, in the order of ``reports``.
    """
    # (type ids, the precision the window is for or None for any, window), shared by
    # many of an article's reports. Each is one range of an index on the event row: a
    # joined type, or one type condition over several windows, had SQLite read every
    # event of the type.
    event_type_ids = cache.event_type_ids
    # Kept apart by whether the report names a place: only those can filter on places.
    branches: dict[bool, set[tuple[tuple[int, ...], str | None, tuple]]] = {
        False: set(),
        True: set(),
    }
    own_ancestors = _ancestors(parent_of)
    within: set[int] = set()  # the placed reports' places, containers included
    under: set[int] = set()  # the most specific place of each placed report
    for extracted, places in reports:
        types = tuple(
            sorted(
                event_type_ids[code]
                for code in clustering.compatible_types(extracted.event_type)
                if code in event_type_ids
            )
        )
        if not types:
            continue
        profile = clustering.EventProfile(
            event_type=extracted.event_type,
            start_date=extracted.start_date,
            date_precision=extracted.date_precision,
        )
        own_window = clustering.candidate_window(profile)
        own_branches = branches[bool(places)]
        own_branches.add((types, None, own_window))
        for precision in DatePrecision.values:  # coarser-dated events, further away
            window = clustering.candidate_window(profile, precision)
            if window != own_window:
                own_branches.add((types, precision, window))
        if places:
            within |= places
            under.add(max(places, key=lambda p: (len(own_ancestors.get(p, ())), p)))
            if clustering.wide_area(extracted.event_type, extracted.event_type):
                # a disaster may be placed anywhere in its country by another report
                under.add(min(places, key=lambda p: (len(own_ancestors.get(p, ())), p)))
    if not branches[False] and not branches[True]:
        return [], own_ancestors, [[] for _ in reports]
    places_of: dict[int, dict[int, int | None]] = {}
    outlines, rows = _events_in_windows(
        _branches_compacted(branches[False]),
        _branches_compacted(branches[True]),
        _places_nesting_sql(within, under) if within else ("", []),
        article if reextracted else None,
    )
    for event_id, place_id, parent_id in rows:
        event_places = places_of.setdefault(event_id, {})
        if place_id is not None:
            event_places[place_id] = parent_id
            parent_of[place_id] = parent_id
            cache.place_parents[place_id] = parent_id
    parent_of.update(_parents_read((), parent_of, cache.place_parents))
    ancestors = _ancestors(parent_of)
    type_codes = {pk: code for code, pk in event_type_ids.items()}
    windowed = [  # newest first, as likeliest_candidates breaks ties
        (
            event_id,
            clustering.EventProfile(
                event_type=type_codes[outlines[event_id][0]],
                start_date=outlines[event_id][1],
                date_precision=outlines[event_id][2],
                place_ids=_with_ancestors(event_places, ancestors),
            ),
        )
        for event_id, event_places in sorted(places_of.items(), reverse=True)
    ]
    shortlists = []
    for extracted, places in reports:
        report = clustering.EventProfile(
            event_type=extracted.event_type,
            start_date=extracted.start_date,
            date_precision=extracted.date_precision,
            place_ids=places,
        )
        shortlists.append(clustering.likeliest_candidates(report, windowed))
    shortlisted = set().union(*shortlists)
    if not shortlisted:
        return [], ancestors, shortlists
    where, params = where_in(column(Event, "id"), shortlisted)
    candidates = {
        event.pk: _EventCandidate(event, places_of[event.pk])
        for event in map(
            _EventRow._make,
            values_fetched(Event, _EventRow._fields, where, params, order_by=default_order(Event)),
        )
    }
    where, params = where_in(column(EventActor, "event_id"), candidates)
    event_actor_columns = ", ".join(
        (
            column(EventActor, "event_id"),
            column(EventActor, "actor_id"),
            column(EventActor, "role"),
            column(Actor, "country_code"),
        )
    )
    joined = (
        f"{table(EventActor)} JOIN {table(Actor)} "
        f"ON {column(Actor, 'id')} = {column(EventActor, 'actor_id')}"
    )
    for event_id, actor_id, role, country in fetched(
        f"SELECT {event_actor_columns} FROM {joined} WHERE {where}", params
    ):
        candidates[event_id].actor_ids.add(actor_id)
        if role == ActorRole.INITIATOR and country:
            candidates[event_id].doer_countries.add(country)
    return list(candidates.values()), ancestors, shortlists


def _events_in_windows(
    branches, placed_branches, places_condition: tuple[str, list], exclude_article
) -> tuple[dict[int, tuple], list[tuple]]:
    """Return the unmerged events in the windows: their outlines, and their places.

    Outlines are (type id, start date, precision) by event id; places are rows of
    (event id, place id, its parent id), one per place of each event (None for an event
    with no place). Branches are (type ids, precision or None, window); an event of
    ``placed_branches`` alone must also meet ``places_condition``. Every branch stays a
    top-level alternative, each one range of an index; the events' places are read in a
    second query, by event id. Written as SQL: the ORM spent longer building this
    query's dozen OR-ed branches than the database spent answering it.
    """
    event_places = Event.places.through
    params: list = []

    def windows(of) -> str:
        selected = []
        for types, precision, (start, end) in of:
            window = (
                f"{column(Event, 'event_type_id')} IN ({', '.join(['%s'] * len(types))}) "
                f"AND {column(Event, 'start_date')} BETWEEN %s AND %s"
            )
            params.extend(types)
            params.extend(connection.ops.adapt_datefield_value(d) for d in (start, end))
            if precision:
                window += f" AND {column(Event, 'date_precision')} = %s"
                params.append(precision)
            selected.append(f"({window})")
        return " OR ".join(selected)

    if not branches and not placed_branches:
        return {}, []
    where = (
        f"{column(Event, 'merged_into_id')} IS NULL AND ({windows([*branches, *placed_branches])})"
    )
    if placed_branches:
        condition, condition_params = places_condition
        where += f" AND ({windows(branches)} OR {condition})" if branches else f" AND ({condition})"
        params += condition_params
    db = connections[DEFAULT_DB_ALIAS]
    columns, converters = selection(Event, _EVENT_OUTLINE, db.vendor)
    sql = f"SELECT {columns} FROM {table(Event)} WHERE {where}"
    if exclude_article is not None:
        sql += (
            f" AND NOT EXISTS (SELECT 1 FROM {table(EventMention)} "
            f"WHERE {column(EventMention, 'event_id')} = {column(Event, 'id')} "
            f"AND {column(EventMention, 'article_id')} = %s)"
        )
        params.append(exclude_article.pk)
    outlines = {
        event_id: outline for event_id, *outline in converted(fetched(sql, params), converters)
    }
    if not outlines:
        return {}, []
    # Places apart, by event id: joined to the windows' events, they were read by hashing
    # every event's places whenever the planner expected many events in the windows.
    where, params = where_in(column(event_places, "event_id"), outlines)
    rows = fetched(
        f"SELECT {column(event_places, 'event_id')}, {column(event_places, 'place_id')}, "
        f"{column(Place, 'parent_id')} FROM {table(event_places)} INNER JOIN {table(Place)} "
        f"ON {column(Place, 'id')} = {column(event_places, 'place_id')} WHERE {where}",
        params,
    )
    placed = {event_id for event_id, _, _ in rows}
    return outlines, rows + [
        (event_id, None, None) for event_id in outlines if event_id not in placed
    ]


def _places_nesting_sql(within: set[int], under: set[int]) -> tuple[str, list]:
    """Return a condition every event whose places can nest with a placed report's meets.

    Two reports' places nest when one's (containers included) hold the other's. So an
    event can only nest with one of the reports when it names no place outside
    ``within`` (all the reports' places and containers), or when one of its places is,
    or lies within, a place of ``under`` (one place of each report), up to four levels
    down as ``_parents_read`` reads. A necessary condition, not the test itself:
    ``clustering.places_nest`` still decides on the events it lets through.
    """
    quote = connection.ops.quote_name
    link, place = table(Event.places.through), table(Place)
    event_id, place_id = quote("event_id"), quote("place_id")
    levels = ("p1", "p2", "p3", "p4")  # the event's place and its containers, upwards
    parent = quote("parent_id")
    joins = f"INNER JOIN {place} p1 ON p1.{quote('id')} = here.{place_id} " + " ".join(
        f"LEFT OUTER JOIN {place} {upper} ON {upper}.{quote('id')} = {lower}.{parent}"
        for lower, upper in itertools.pairwise(levels)
    )
    under_in = f"IN ({', '.join(['%s'] * len(under))})"
    lies_under = " OR ".join(
        [f"here.{place_id} {under_in}"] + [f"{level}.{parent} {under_in}" for level in levels]
    )
    # Scalar subqueries, not EXISTS: PostgreSQL may run an EXISTS under an OR as a hash
    # of the whole table's rows, read again for every article.
    condition = (
        f"(SELECT 1 FROM {link} outside WHERE outside.{event_id} = {column(Event, 'id')} "
        f"AND outside.{place_id} NOT IN ({', '.join(['%s'] * len(within))}) LIMIT 1) IS NULL "
        f"OR (SELECT 1 FROM {link} here {joins} WHERE here.{event_id} = "
        f"{column(Event, 'id')} AND ({lies_under}) LIMIT 1) IS NOT NULL"
    )
    under_ids = sorted(under)
    return condition, [*sorted(within), *under_ids * (1 + len(levels))]


def _branches_compacted(branches) -> list[tuple[tuple[int, ...], str | None, tuple]]:
    """Return (types, precision, window) branches that select the same events, fewer of them.

    An article's reports give dozens of branches, mostly overlapping: each costs the
    query's building as much as the database's reading. Overlapping or adjacent windows
    of one (types, precision) become one; a precision's window inside an any-precision
    window of the same types goes; types sharing a precision and a window are one branch.
    """
    windows_of: dict[tuple, list[tuple]] = {}
    for types, precision, window in branches:
        windows_of.setdefault((types, precision), []).append(window)
    merged: dict[tuple, list[tuple]] = {}
    for key, windows in windows_of.items():
        runs: list[list] = []
        for start, end in sorted(windows):
            if runs and start <= runs[-1][1] + dt.timedelta(days=1):
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        merged[key] = [tuple(run) for run in runs]
    types_of: dict[tuple, set[int]] = {}
    for (types, precision), windows in merged.items():
        wider = merged.get((types, None), []) if precision else []
        for start, end in windows:
            if not any(low <= start and end <= high for low, high in wider):
                types_of.setdefault((precision, (start, end)), set()).update(types)
    return sorted(
        (
            (tuple(sorted(types)), precision, window)
            for (precision, window), types in types_of.items()
        ),
        key=repr,
    )


def _event_profile(
    candidate: _EventCandidate, ancestors, type_codes: dict[int, str]
) -> clustering.EventProfile:
    event = candidate.event
    return clustering.EventProfile(
        event_type=type_codes[event.event_type_id],
        start_date=event.start_date,
        date_precision=event.date_precision,
        place_ids=_with_ancestors(candidate.parent_of, ancestors),
        actor_ids=frozenset(candidate.actor_ids),
        doer_countries=frozenset(candidate.doer_countries),
        fatalities=event.fatalities,
        injured=event.injured,
        text=event.summary or event.title,
    )


def _kept_report_events(article, reextracted) -> list[tuple[int, int, Event]]:
    """Return the spans of the article's reports an editor's decision kept, with their event.

    ``article_clear_extracted`` keeps the reports of approved, rejected, curated and merged
    events; clustering the same sentence again would make a duplicate of an event the
    editor already decided on (or bring back a rejected one), so the report stays put.
    """
    if not reextracted:
        return []
    mentions = (
        EventMention.objects.filter(article=article)
        .exclude(event__review_status=ReviewStatus.PENDING, event__curated_fields=[])
        .select_related("event__merged_into")
    )
    return [(m.start, m.end, follow_merges(m.event)) for m in mentions]


# What a new event is made of: the rest takes its default.
_NEW_EVENT_FIELDS = (
    "title",
    "summary",
    "event_type",
    "start_date",
    "end_date",
    "date_precision",
    "fatalities",
    "injured",
    "displaced",
    "confidence",
    "affected",
)


def events_record(
    article,
    extracted_events,
    place_ids,
    actor_ids,
    cache,
    created,
    reextracted,
    actor_countries: dict[str, str] | None = None,
):
    """Attach each of the article's reports to the Event it describes, creating new ones.

    Candidates are fetched once for all reports; ``clustering.event_match_score``
    decides among each report's likeliest. A report that matches a rejected event is
    kept with it, so the event stays gone; an approved event takes the report but keeps
    its fields as approved. ``actor_countries`` gives the country of the article's
    actors by key, where known: doers of two countries did two things.
    """
    actor_countries = actor_countries or {}
    event_type_ids = cache.event_type_ids
    kept = _kept_report_events(article, reextracted)
    reports = []
    for extracted in extracted_events:
        if extracted.event_type not in event_type_ids:
            continue
        holder = next((e for s, t, e in kept if s < extracted.end and t > extracted.start), None)
        places = [place_ids[k] for k in extracted.place_keys if k in place_ids]
        reports.append((extracted, holder, places))
    parent_of = _parents_read(set(place_ids.values()), {}, cache.place_parents)
    own_ancestors = _ancestors(parent_of)
    dated = [  # (index in reports, the report, its places with their containers)
        (index, extracted, _with_ancestors(places, own_ancestors))
        for index, (extracted, holder, places) in enumerate(reports)
        if holder is None and extracted.start_date is not None
    ]
    candidates, ancestors, shortlists = _event_candidates(
        article,
        [(extracted, places) for _, extracted, places in dated],
        parent_of,
        reextracted,
        cache,
    )
    shortlist_at = {
        index: set(shortlist) for (index, _, _), shortlist in zip(dated, shortlists, strict=True)
    }
    type_codes = {pk: code for code, pk in event_type_ids.items()}
    candidate_profiles = [(c.event, _event_profile(c, ancestors, type_codes)) for c in candidates]
    taken: set[int] = set()  # candidates already given a report of this article
    new_events: list[tuple] = []  # rows of _NEW_EVENT_FIELDS
    # event id -> (the event's profile, the report, the report's profile)
    merges: dict[int, tuple] = {}
    # The event each report goes to: (False, index in new_events) for a new one,
    # (True, id) for one merged into; with (event, places, roles) in the reports' order.
    links: list[tuple[tuple[bool, int], list[int], list[tuple[int, str]]]] = []
    mentions: list[tuple[tuple[bool, int], ExtractedEvent]] = []
    for index, (extracted, holder, places) in enumerate(reports):
        roles = [(actor_ids[k], r) for k, r in extracted.actor_roles if k in actor_ids]
        if holder is not None:
            mentions.append(((True, holder.pk), extracted))
            continue
        profile = clustering.EventProfile(
            event_type=extracted.event_type,
            start_date=extracted.start_date,
            date_precision=extracted.date_precision,
            place_ids=_with_ancestors(places, ancestors),
            actor_ids=frozenset(a for a, _ in roles),
            doer_countries=frozenset(
                actor_countries[k]
                for k, r in extracted.actor_roles
                if r == ActorRole.INITIATOR and k in actor_countries
            ),
            fatalities=extracted.fatalities,
            injured=extracted.injured,
            numbers=frozenset(extracted.numbers),
            text=extracted.summary or article.body[extracted.start : extracted.end],
        )
        best, best_score = None, 0.0
        shortlist = shortlist_at.get(index, set())
        if extracted.start_date is not None:
            for candidate, candidate_profile in candidate_profiles:
                if candidate.pk in taken or candidate.pk not in shortlist:
                    continue
                score = clustering.event_match_score(
                    profile, candidate_profile, at_least=clustering.MERGE_THRESHOLD
                )
                if score > best_score:
                    best, best_score = (candidate, candidate_profile), score
        if best is not None and best_score >= clustering.MERGE_THRESHOLD:
            candidate, existing = best
            taken.add(candidate.pk)
            merges[candidate.pk] = (existing, extracted, profile)
            links.append(((True, candidate.pk), places, roles))
            mentions.append(((True, candidate.pk), extracted))
        else:
            event = (False, len(new_events))
            new_events.append(
                (
                    extracted.title[:300],
                    extracted.summary,
                    event_type_ids[extracted.event_type],
                    extracted.start_date,
                    _end_date(extracted),
                    extracted.date_precision or DatePrecision.DAY,
                    extracted.fatalities,
                    extracted.injured,
                    extracted.displaced,
                    extracted.confidence,
                    extracted.affected,
                )
            )
            links.append((event, places, roles))
            mentions.append((event, extracted))

    merged: dict[int, Event] = {}  # the events a report changed
    if merges:
        where, params = where_in(column(Event, "id"), merges)
        for event in instances_fetched(Event, where, params, only=_MERGED_EVENT_FIELDS):
            if _report_merge(event, *merges[event.pk]):
                merged[event.pk] = event
    new_event_ids = rows_created(Event, _NEW_EVENT_FIELDS, new_events)
    instances_updated(Event, merged, set(_MERGED_REPORT_FIELDS))
    event_places, event_actors = [], []
    for (known, event), places, roles in links:
        if known:  # merged into: an event the report left alone keeps its own
            if event not in merged:
                continue
            curated = merged[event].curated_fields
            event_places += [] if "places" in curated else [(event, p) for p in places]
            event_actors += [] if "actors" in curated else [(event, *r) for r in roles]
        else:
            event_places += [(new_event_ids[event], p) for p in places]
            event_actors += [(new_event_ids[event], *r) for r in roles]
    rows_insert(Event.places.through, ("event", "place"), event_places)
    rows_insert(
        EventActor,
        ("event", "actor", "role"),
        [
            (event_id, actor_id, role or ActorRole.OTHER)
            for event_id, actor_id, role in event_actors
        ],
    )
    rows_insert(
        EventMention,
        EVENT_MENTION_FIELDS,
        [
            (
                article.pk,
                extracted.start,
                extracted.end,
                article.body[extracted.start : extracted.end][:1000],
                extracted.start,
                extracted.end,
                extracted.confidence,
                event if known else new_event_ids[event],
                extracted.start_date,
                extracted.fatalities,
                extracted.injured,
            )
            for (known, event), extracted in mentions
        ],
    )
    created["events"] += len(new_events)
    created["event mentions"] += len(mentions)


def _end_date(extracted: ExtractedEvent):
    """Return the report's end date, or None when it would end before it starts."""
    start, end = extracted.start_date, extracted.end_date
    return None if start is not None and end is not None and end < start else end


EVENT_FIGURES = ("fatalities", "injured", "displaced", "affected")
_DATE_FIELDS = ("start_date", "end_date", "date_precision")


_MERGED_REPORT_FIELDS = ("conflicts", *EVENT_FIGURES, "confidence", *_DATE_FIELDS)


def _report_merge(event: Event, existing, extracted, profile) -> bool:
    """Fold a new report's facts into an awaiting-review event; return whether it changed.

    An approved or rejected event is left as the editor decided.
    """
    if event.review_status != ReviewStatus.PENDING:
        return False
    for conflict in clustering.event_conflicts(existing, profile):
        if conflict not in event.conflicts:
            event.conflicts.append(conflict)
    curated = set(event.curated_fields)
    # ACLED practice: when reports disagree, keep the lowest figure.
    for field in EVENT_FIGURES:
        reported = getattr(extracted, field)
        current = getattr(event, field)
        if (
            field not in curated
            and reported is not None
            and (current is None or reported < current)
        ):
            setattr(event, field, reported)
    if "confidence" not in curated:
        event.confidence = min(1.0, max(event.confidence, extracted.confidence) + 0.1)
    if _dates_finer(extracted, event) and not curated & set(_DATE_FIELDS):
        # "on July 5" beats an undated report's week: the event takes the finer date,
        # whichever article was imported first.
        event.start_date = extracted.start_date
        event.end_date = _end_date(extracted)
        event.date_precision = extracted.date_precision
    return True


def _dates_finer(extracted: ExtractedEvent, event: Event) -> bool:
    """Return True when a report dates its happening more precisely than the event."""
    if extracted.start_date is None or not extracted.date_precision:
        return False
    if event.start_date is None:
        return True
    coarsest = Precision.ORDER[Precision.YEAR] + 1
    return Precision.ORDER.get(extracted.date_precision, coarsest) < Precision.ORDER.get(
        event.date_precision, coarsest
    )
