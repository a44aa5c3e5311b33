"""Storing actors: candidates by name key, matching across articles, recording with mentions.

Candidates: ``_actor_candidates`` (a key's newest actors, full names first) and
``_places_shared_with`` (the places a candidate was seen in lately). Matching:
``actors_resolve`` with ``names.actor_match_scores``. Recording: ``actors_record``, for
``record.article_record``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from django.db.models import OuterRef, Subquery

from events.extraction import names
from events.extraction.types import ExtractedActor
from events.models import Actor, ActorAlias, ActorKey, ActorMention, PlaceMention, ReviewStatus
from events.store.evidence import ACTOR_MENTION_FIELDS, aliases_add, follow_merges, mention_rows
from events.store.rows import (
    column,
    fetched,
    instances_created,
    instances_fetched,
    instances_updated,
    rows_insert,
    table,
    union_fetched,
    where_in,
)

__all__ = [
    "ACTOR_MATCH_THRESHOLD",
    "SHARED_PLACES_MENTIONS_LIMIT",
    "SURNAME_CANDIDATES_LIMIT",
    "actors_record",
    "actors_resolve",
]


ACTOR_MATCH_THRESHOLD = names.MATCH_THRESHOLD


@dataclasses.dataclass(frozen=True)
class _ActorProfile:
    """What ``names.actor_match_score`` compares: a new actor, or a stored one (with pk)."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    role: str
    country_code: str
    place_keys: frozenset
    pk: int | None = None


# Candidates sharing only a surname key, most recent first: enough to find the person
# (whose recent mentions keep them near the top) without scoring every namesake ever seen.
SURNAME_CANDIDATES_LIMIT = 100


@dataclasses.dataclass
class _Candidates:
    """The candidate actors of each extracted actor, and the keys and aliases read with them."""

    by_actor: list[list[_ActorProfile]]
    known_keys: set[tuple[int, str]]  # (actor id, key)
    known_aliases: set[tuple[int, str]]  # (actor id, normalised spelling)


def _actor_candidates(keys_by_actor: list[set[str]]) -> _Candidates:
    """Return the candidate actors for each extracted actor's lookup keys, in four queries.

    A full-name key hit is taken as the candidates; otherwise the surname and skeleton
    keys give them (bounded, most recent first). So full names are looked up first, and
    the other keys only of the actors no full name found: most actors of an article were
    seen before, and their surnames' namesakes were most of the rows read. Candidates are
    read as plain values, not model instances: most are only scored, and an article may
    have hundreds.
    """
    full_keys_by_actor = [
        {key for key in keys if key.startswith("full:") and " " in key} for keys in keys_by_actor
    ]
    actors_by_key: dict[str, list[int]] = {}
    known_keys = set()

    def look_up(keys: set[str], keys_of: set[int] = frozenset()) -> None:
        for recent, key, actor_id in _actor_key_rows(keys, keys_of):
            if recent:
                actors_by_key.setdefault(key, []).append(actor_id)
            known_keys.add((actor_id, key))

    full_keys = set().union(*full_keys_by_actor)
    look_up(full_keys)
    unfound = [
        keys
        for keys, own_full_keys in zip(keys_by_actor, full_keys_by_actor, strict=True)
        if not any(key in actors_by_key for key in own_full_keys)
    ]
    # With the other keys, every key of the actors full names found, so that the keys
    # of an actor matched again are known to be there and not sent again.
    look_up(
        set().union(*unfound) - full_keys,
        keys_of={actor_id for key in full_keys for actor_id in actors_by_key.get(key, ())},
    )
    wanted: list[list[int]] = []
    for keys, own_full_keys in zip(keys_by_actor, full_keys_by_actor, strict=True):
        # A full name found as such is enough; a bare surname must see every namesake.
        full = [a for key in own_full_keys for a in actors_by_key.get(key, ())]
        ids = full or [a for key in keys for a in actors_by_key.get(key, ())]
        wanted.append(sorted(set(ids), reverse=True)[:SURNAME_CANDIDATES_LIMIT])
    candidate_ids = {a for ids in wanted for a in ids}
    aliases: dict[int, list[str]] = {}
    known_aliases = set()
    if not candidate_ids:
        return _Candidates([[] for _ in wanted], known_keys, known_aliases)
    where, params = where_in(column(ActorAlias, "actor_id"), candidate_ids)
    alias_columns = ", ".join(column(ActorAlias, c) for c in ("actor_id", "name", "normalized"))
    for actor_id, name, normalized in fetched(
        f"SELECT {alias_columns} FROM {table(ActorAlias)} WHERE {where}", params
    ):
        aliases.setdefault(actor_id, []).append(name)
        known_aliases.add((actor_id, normalized))
    where, params = where_in(column(Actor, "id"), candidate_ids)
    actor_columns = ", ".join(
        column(Actor, c) for c in ("id", "name", "kind", "role", "country_code")
    )
    profiles = {
        pk: _ActorProfile(
            name=name,
            aliases=tuple(aliases.get(pk, ())),
            kind=kind,
            role=role,
            country_code=country_code,
            place_keys=frozenset(),
            pk=pk,
        )
        for pk, name, kind, role, country_code in fetched(
            f"SELECT {actor_columns} FROM {table(Actor)} WHERE {where}", params
        )
    }
    return _Candidates(
        by_actor=[[profiles[a] for a in ids if a in profiles] for ids in wanted],
        known_keys=known_keys,
        known_aliases=known_aliases,
    )


def _actor_key_rows(keys: set[str], keys_of: set[int]) -> list[tuple[int, str, int]]:
    """Return (recent, key, actor id) rows: the newest actors of ``keys``, all keys of ``keys_of``.

    ``recent`` is 1 for the ``SURNAME_CANDIDATES_LIMIT`` newest actors of each of
    ``keys``, each read from the newest end of the (key, actor) index in a ``LIMIT``
    branch of its own: a window over all of a key's rows read every namesake ever
    stored, more with every article. Written as SQL: the ORM took longer to build this
    query than the database took to answer it, once an article.
    """
    key_column, actor_column = column(ActorKey, "key"), column(ActorKey, "actor_id")
    branches = [  # (SQL, parameters)
        (
            f"SELECT * FROM (SELECT 1, {key_column}, {actor_column} FROM {table(ActorKey)} "
            f"WHERE {key_column} = %s ORDER BY {actor_column} DESC LIMIT %s) AS recent_{index}",
            [key, SURNAME_CANDIDATES_LIMIT],
        )
        for index, key in enumerate(sorted(keys))
    ]
    if keys_of:
        where, params = where_in(actor_column, keys_of)
        branches.append(
            (
                f"SELECT 0, {key_column}, {actor_column} FROM {table(ActorKey)} WHERE {where}",
                params,
            )
        )
    return union_fetched(branches)


# Mentions of a candidate actor looked at for the places it was seen in, most recent first.
SHARED_PLACES_MENTIONS_LIMIT = 50


def _places_shared_with(actor_ids: set[int], place_ids: set[int]) -> dict[int, set[int]]:
    """Return which of ``place_ids`` each actor's recent articles mention, in two queries.

    Only the overlap counts for matching, so only the new actor's places are looked up,
    in the articles of the actor's most recent mentions: where a person was seen lately
    tells more than a country every article names. Both queries walk the (actor,
    article) index from its newest end, so they read the same number of rows however
    many articles mention the actor or the place.
    """
    shared: dict[int, set[int]] = {}
    if not actor_ids or not place_ids:
        return shared
    # The article of an actor's oldest mention still counted, for actors with more.
    oldest_counted = (
        ActorMention.objects.filter(actor_id=OuterRef("pk"))
        .order_by("-article_id")
        .values("article_id")[SHARED_PLACES_MENTIONS_LIMIT - 1 : SHARED_PLACES_MENTIONS_LIMIT]
    )
    since = dict(
        Actor.objects.filter(pk__in=actor_ids)
        .annotate(since=Subquery(oldest_counted))
        .filter(since__isnull=False)
        .values_list("pk", "since")
    )
    for actor_id, place_id in _places_of_recent_articles(
        actor_ids - since.keys(), since, place_ids
    ):
        shared.setdefault(actor_id, set()).add(place_id)
    return shared


def _places_of_recent_articles(
    actor_ids: set[int], since: dict[int, int], place_ids: set[int]
) -> list[tuple[int, int]]:
    """Return the distinct (actor, place of ``place_ids``) of articles mentioning the actors.

    ``actor_ids``' every article counts; ``since`` gives other actors' first article that
    counts. Written as SQL: as the database grows, more actors have a ``since``, and the
    ORM spent longer building one condition each than the database spent answering.
    """
    actor_column = column(ActorMention, "actor_id")
    article_column = column(ActorMention, "article_id")
    conditions, params = [], []
    if actor_ids:
        conditions.append(f"{actor_column} IN ({', '.join(['%s'] * len(actor_ids))})")
        params += sorted(actor_ids)
    for actor_id, article_id in sorted(since.items()):
        conditions.append(f"({actor_column} = %s AND {article_column} >= %s)")
        params += [actor_id, article_id]
    if not conditions:
        return []
    place_column = column(PlaceMention, "place_id")
    sql = (
        f"SELECT DISTINCT {actor_column}, {place_column} "
        f"FROM {table(ActorMention)} INNER JOIN {table(PlaceMention)} "
        f"ON {column(PlaceMention, 'article_id')} = {article_column} "
        f"WHERE {place_column} IN ({', '.join(['%s'] * len(place_ids))}) "
        f"AND ({' OR '.join(conditions)})"
    )
    return fetched(sql, [*sorted(place_ids), *params])


# What resolving reads and may change of an actor matched: ``_actor_fill_in``'s fields.
_MATCHED_ACTOR_FIELDS = (
    "name",
    "role",
    "country_code",
    "review_status",
    "curated_fields",
    "merged_into",
)


def _actors_with_merges(actor_ids: set[int]) -> dict[int, Actor]:
    """Return the actors of ``actor_ids`` by id, each with the actors it was merged into.

    Only the fields resolving reads and fills in are loaded (any other loads when used):
    an actor's timestamps, converted for every actor matched, were a tenth of the read.
    """
    actors: dict[int, Actor] = {}
    wanted = set(actor_ids)
    while wanted:
        where, params = where_in(column(Actor, "id"), wanted)
        actors.update(
            (actor.pk, actor)
            for actor in instances_fetched(Actor, where, params, only=_MATCHED_ACTOR_FIELDS)
        )
        wanted = {a.merged_into_id for a in actors.values() if a.merged_into_id} - actors.keys()
    for actor in actors.values():
        if actor.merged_into_id in actors:
            actor.merged_into = actors[actor.merged_into_id]
    return {pk: actor for pk, actor in actors.items() if pk in actor_ids}


def actors_resolve(
    *,
    extracted_actors: list[ExtractedActor],
    place_ids: list[frozenset[int]],
    created: Counter | None = None,
) -> list[Actor | None]:
    """Return the Actor each extracted actor is, matching spellings across articles.

    Candidates come from the indexed name keys; the best candidate is taken when its
    match score reaches ``ACTOR_MATCH_THRESHOLD`` (or, when it is the only candidate,
    ``names.SOLE_CANDIDATE_THRESHOLD``). None for an actor an editor rejected.
    """
    spellings = [{e.name, *e.aliases} for e in extracted_actors]
    keys = [set().union(*(names.name_keys(s) for s in group)) for group in spellings]
    candidates = _actor_candidates(keys)
    profiles = [
        _ActorProfile(
            name=extracted.name,
            aliases=tuple(sorted(own_spellings)),
            kind=extracted.kind,
            role=extracted.role,
            country_code=extracted.country_code,
            place_keys=own_places,
        )
        for extracted, own_places, own_spellings in zip(
            extracted_actors, place_ids, spellings, strict=True
        )
    ]
    scored = [
        [(candidate, *names.actor_match_scores(profile, candidate)) for candidate in group]
        for profile, group in zip(profiles, candidates.by_actor, strict=True)
    ]
    thresholds = [
        names.SOLE_CANDIDATE_THRESHOLD if len(group) == 1 else ACTOR_MATCH_THRESHOLD
        for group in candidates.by_actor
    ]
    shared_places = _places_shared_with(
        _place_sensitive(scored, thresholds, place_ids), set().union(*place_ids, set())
    )
    best_ids: list[int | None] = []
    for group, threshold, own_places in zip(scored, thresholds, place_ids, strict=True):
        best, best_score = None, 0.0
        for candidate, apart, together in group:
            score = together if own_places & shared_places.get(candidate.pk, set()) else apart
            if score > best_score:
                best, best_score = candidate, score
        # A bare surname cannot tell namesakes apart; it is trusted only when one actor fits.
        best_ids.append(best.pk if best is not None and best_score >= threshold else None)
    matched = _actors_with_merges({pk for pk in best_ids if pk is not None})

    resolved: list[Actor | None] = []
    to_create: list[Actor] = []
    to_update: dict[int, Actor] = {}
    updated_fields: set[str] = set()
    for extracted, best_id in zip(extracted_actors, best_ids, strict=True):
        if best_id is None or best_id not in matched:
            actor = Actor(
                name=extracted.name[:300],
                kind=extracted.kind,
                role=extracted.role[:300],
                country_code=extracted.country_code[:2],
                confidence=extracted.confidence,
            )
            to_create.append(actor)
            resolved.append(actor)
            continue
        actor = follow_merges(matched[best_id])
        actor = to_update.get(actor.pk, actor)
        if actor.review_status == ReviewStatus.REJECTED:
            resolved.append(None)
            continue
        changed = _actor_fill_in(actor, extracted)
        if changed:
            to_update[actor.pk] = actor
            updated_fields |= changed
        resolved.append(actor)
    instances_created(Actor, to_create)
    instances_updated(Actor, to_update, updated_fields)
    if created is not None:
        created["actors"] += len(to_create)

    alias_spellings: dict[int, set[str]] = {}
    keys_wanted: dict[int, set[str]] = {}
    for actor, own_spellings, own_keys in zip(resolved, spellings, keys, strict=True):
        if actor is not None:
            alias_spellings.setdefault(actor.pk, {actor.name}).update(own_spellings)
            keys_wanted.setdefault(actor.pk, set()).update(k[:300] for k in own_keys if k)
    # What was read with the candidates is known to be there; anything else is left to
    # the unique constraints.
    aliases_add(ActorAlias, "actor", alias_spellings, known=candidates.known_aliases)
    rows_insert(
        ActorKey,
        ("actor", "key"),
        [
            (actor_id, key)
            for actor_id, actor_keys in keys_wanted.items()
            for key in sorted(actor_keys)
            if (actor_id, key) not in candidates.known_keys
        ],
    )
    return resolved


def _place_sensitive(scored, thresholds, place_ids) -> set[int]:
    """Return the candidate actors whose shared places could change a match.

    Shared places can only raise a score. A group's match is the same whatever the
    places when its best candidate by name alone passes the threshold and no other can
    catch up with it; otherwise only the candidates whose score with places would reach
    both the threshold and the best score without them are looked up.
    """
    sensitive = set()
    for group, threshold, own_places in zip(scored, thresholds, place_ids, strict=True):
        if not own_places or not group:
            continue
        best_apart = max(apart for _, apart, _ in group)
        leader = next(i for i, (_, apart, _) in enumerate(group) if apart == best_apart)
        if best_apart >= threshold and all(
            together < best_apart for i, (_, _, together) in enumerate(group) if i != leader
        ):
            continue
        floor = max(threshold, best_apart)
        sensitive.update(
            candidate.pk
            for candidate, apart, together in group
            if together > apart and together >= floor
        )
    return sensitive


def _actor_fill_in(actor: Actor, extracted: ExtractedActor) -> set[str]:
    """Fill an awaiting-review actor's blanks from a new report; return the changed fields.

    An approved actor stays exactly as the editor approved it.
    """
    if actor.review_status != ReviewStatus.PENDING:
        return set()
    changed = set()
    curated = set(actor.curated_fields)
    if not actor.role and extracted.role and "role" not in curated:
        actor.role = extracted.role[:300]
        changed.add("role")
    if not actor.country_code and extracted.country_code and "country_code" not in curated:
        actor.country_code = extracted.country_code[:2]
        changed.add("country_code")
    # A fuller name seen later ("Pavlo X" after "X") becomes the canonical name.
    if "name" not in curated and len(extracted.name.split()) > len(actor.name.split()):
        actor.name = extracted.name[:300]
        changed.add("name")
    return changed


def actors_record(article, extracted_actors, place_ids, sentences, created) -> dict[str, int]:
    """Store the article's actors and their mentions; return actor ids by extraction key."""
    extracted_actors = list(extracted_actors)
    actors = actors_resolve(
        extracted_actors=extracted_actors,
        place_ids=[
            frozenset(place_ids[k] for k in extracted.place_keys if k in place_ids)
            for extracted in extracted_actors
        ],
        created=created,
    )
    actor_ids: dict[str, int] = {}
    mentions = []
    for extracted, actor in zip(extracted_actors, actors, strict=True):
        if actor is None:
            continue
        actor_ids[extracted.key] = actor.pk
        mentions += mention_rows(article.pk, actor.pk, extracted, sentences, via=True)
    rows_insert(ActorMention, ACTOR_MENTION_FIELDS, mentions)
    created["actor mentions"] += len(mentions)
    return actor_ids
