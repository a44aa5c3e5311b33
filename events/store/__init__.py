"""Writing an import's extractions: one module per record kind, over a bulk row layer.

Layers, bottom to top; each module imports only the ones below it:

    rows        the bulk row layer: inserts, updates and reads as SQL, without instances
    evidence    what every kind shares: StoreCache, mention rows, aliases, merges followed
    places  actors  quotes  events
                one record kind each: its candidate lookup, matching and recording
    record      article_record, the entry point: one article in a fixed number of queries

Editors' writes (reviews, edits, merges, splits, deletions) are in ``events.curation``.
"""

from __future__ import annotations

from events.store.actors import ACTOR_MATCH_THRESHOLD, actors_resolve
from events.store.evidence import StoreCache
from events.store.places import PlaceRow, places_resolve
from events.store.quotes import STATEMENT_MATCH_THRESHOLD
from events.store.record import (
    ArticleImportOutcome,
    article_clear_extracted,
    article_record,
    statistics_refresh,
    store_lock,
)
from events.store.rows import inserts_deferred

__all__ = [
    "ACTOR_MATCH_THRESHOLD",
    "STATEMENT_MATCH_THRESHOLD",
    "ArticleImportOutcome",
    "PlaceRow",
    "StoreCache",
    "actors_resolve",
    "article_clear_extracted",
    "article_record",
    "inserts_deferred",
    "places_resolve",
    "statistics_refresh",
    "store_lock",
]
