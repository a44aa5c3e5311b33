"""Storing places: gazetteer entries resolved to Place records, containers first, and mentions.

``places_resolve`` finds or creates the places of gazetteer entries (with the places
containing them); ``places_record`` stores an article's places and mentions for
``record.article_record`` and gives the chunk's cache each place's parent, which event
matching reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from events.extraction.types import GazetteerEntry
from events.models import Place, PlaceAlias, PlaceMention, ReviewStatus
from events.store.evidence import PLACE_MENTION_FIELDS, StoreCache, aliases_add, mention_rows
from events.store.rows import (
    column,
    default_order,
    rows_created,
    rows_insert,
    values_fetched,
    where_in,
)

__all__ = ["PlaceRow", "places_record", "places_resolve"]


class PlaceRow(NamedTuple):
    """What storing an article needs of a place: plain values, not a model instance."""

    pk: int
    geonames_id: int | None
    name: str
    parent_id: int | None
    merged_into_id: int | None
    review_status: str


def _place_rows(where: str, params: list) -> list[PlaceRow]:
    return list(
        map(
            PlaceRow._make,
            values_fetched(Place, PlaceRow._fields, where, params, order_by=default_order(Place)),
        )
    )


def _places_merged_into(places: Iterable[PlaceRow]) -> dict[int, PlaceRow]:
    """Return, by id, the places ``places`` were merged into, and those they were, etc."""
    targets: dict[int, PlaceRow] = {}
    wanted = {p.merged_into_id for p in places if p.merged_into_id}
    while wanted:
        rows = _place_rows(*where_in(column(Place, "id"), wanted))
        targets.update((row.pk, row) for row in rows)
        wanted = {r.merged_into_id for r in rows if r.merged_into_id} - targets.keys()
    return targets


def places_resolve(
    *, entries: Iterable[GazetteerEntry], gazetteer, created: Counter | None = None
) -> dict[int, PlaceRow | None]:
    """Return the place of each gazetteer entry by GeoNames id, creating new ones.

    A new place comes with the places containing it (its region, its country), so
    that "in the region" and "in the town" can be told to overlap. A place merged into
    another maps to that one; a place an editor rejected maps to None: its mentions are
    not recorded.
    """
    wanted: dict[int, GazetteerEntry] = {}
    for entry in entries:
        while entry is not None and entry.geonames_id not in wanted:
            wanted[entry.geonames_id] = entry
            parent_id = entry.parent_geonames_id
            entry = (
                gazetteer.get(parent_id) if parent_id and parent_id != entry.geonames_id else None
            )
    if not wanted:
        return {}
    found = {
        place.geonames_id: place
        for place in _place_rows(*where_in(column(Place, "geonames_id"), wanted))
    }
    missing = [geonames_id for geonames_id in wanted if geonames_id not in found]

    def depth(geonames_id: int) -> int:
        steps, entry = 0, wanted[geonames_id]
        while entry.parent_geonames_id in wanted and entry.parent_geonames_id != entry.geonames_id:
            steps, entry = steps + 1, wanted[entry.parent_geonames_id]
        return steps

    # Containers first, so each level's parents have ids when it is inserted.
    for level in sorted({depth(geonames_id) for geonames_id in missing}):
        new_places = []
        for geonames_id in missing:
            if depth(geonames_id) != level:
                continue
            entry = wanted[geonames_id]
            parent = found.get(entry.parent_geonames_id)
            new_places.append(
                (
                    entry.name[:300],
                    entry.kind,
                    entry.country_code[:2],
                    entry.admin_region[:200],
                    entry.latitude,
                    entry.longitude,
                    entry.geonames_id,
                    parent.pk if parent else None,
                    0.8,
                )
            )
        ids = rows_created(Place, _NEW_PLACE_FIELDS, new_places)
        for row, pk in zip(new_places, ids, strict=True):
            name, *_, geonames_id, parent_id, _ = row
            found[geonames_id] = PlaceRow(
                pk, geonames_id, name, parent_id, None, ReviewStatus.PENDING
            )
        if created is not None:
            created["places"] += len(new_places)
    merged_into = _places_merged_into(found.values())
    resolved: dict[int, PlaceRow | None] = {}
    for geonames_id, place in found.items():
        seen = set()
        while place.merged_into_id in merged_into and place.pk not in seen:
            seen.add(place.pk)
            place = merged_into[place.merged_into_id]
        resolved[geonames_id] = None if place.review_status == ReviewStatus.REJECTED else place
    return resolved


# What a new place is made of: the rest takes its default.
_NEW_PLACE_FIELDS = (
    "name",
    "kind",
    "country_code",
    "admin_region",
    "latitude",
    "longitude",
    "geonames_id",
    "parent",
    "confidence",
)


def places_record(
    article, extracted_places, sentences, gazetteer, cache: StoreCache, created
) -> dict[str, int]:
    """Store the article's places and their mentions; return the place ids by extraction key.

    The parent of every place resolved (with the places containing them), which event
    matching needs, goes to ``cache``.
    """
    by_geonames = places_resolve(
        entries=[extracted.entry for extracted in extracted_places],
        gazetteer=gazetteer,
        created=created,
    )
    place_ids: dict[str, int] = {}
    # Every place's own name is one of its aliases (a new one has no alias yet).
    spellings: dict[int, set[str]] = {p.pk: {p.name} for p in by_geonames.values() if p}
    mentions = []
    for extracted in extracted_places:
        place = by_geonames.get(extracted.entry.geonames_id)
        if place is None:
            continue
        place_ids[extracted.key] = place.pk
        spellings.setdefault(place.pk, set()).update(extracted.aliases)
        mentions += mention_rows(article.pk, place.pk, extracted, sentences)
    aliases_add(PlaceAlias, "place", spellings)
    rows_insert(PlaceMention, PLACE_MENTION_FIELDS, mentions)
    created["place mentions"] += len(mentions)
    cache.place_parents.update((p.pk, p.parent_id) for p in by_geonames.values() if p is not None)
    return place_ids
