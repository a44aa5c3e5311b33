"""Every database write: recording extractions, resolving records across articles, reviews.

Keyword-only, typed and atomic. Records an editor has touched (approved, rejected,
merged or with curated fields) are never overwritten by an import.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import itertools
import threading
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.constants import OnConflict
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from events.extraction import clustering, names, statements
from events.extraction.types import (
    ArticleExtraction,
    ExtractedActor,
    ExtractedEvent,
    GazetteerEntry,
    Sentence,
)
from events.models import (
    Actor,
    ActorAlias,
    ActorKey,
    ActorMention,
    ActorRole,
    Article,
    DatePrecision,
    Deletion,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    ReviewStatus,
    Statement,
)
from events.sources import SourceFile

__all__ = [
    "ACTOR_MATCH_THRESHOLD",
    "STATEMENT_MATCH_THRESHOLD",
    "ArticleImportOutcome",
    "StoreCache",
    "actor_merge",
    "actors_resolve",
    "article_clear_extracted",
    "article_record",
    "curated_record_save",
    "event_merge",
    "event_split",
    "history_snapshot",
    "place_merge",
    "places_resolve",
    "quote_merge",
    "review_status_set",
    "store_lock",
]

ACTOR_MATCH_THRESHOLD = names.MATCH_THRESHOLD
STATEMENT_MATCH_THRESHOLD = 0.6
# The change reason of history rows written by an import (editors' rows name the editor).
IMPORT_REASON = "Import"


@dataclasses.dataclass
class ArticleImportOutcome:
    article: Article
    created: Counter = dataclasses.field(default_factory=Counter)
    reextracted: bool = False
    already_stored: bool = False  # the same text and extractor version were there already


# ---------------------------------------------------------------- articles

# Any 64-bit number no other application on the database uses for an advisory lock.
STORE_LOCK_KEY = 0x65_76_65_6E_74_64_65_73  # "eventdes"


def store_lock() -> None:
    """Hold the store lock until the current transaction ends (PostgreSQL).

    Resolving a record reads ("is this actor or event known?") and then writes; two
    import workers doing that at once for one new actor would both create it. Storing is
    a small share of an import (the model's parse is the rest and stays parallel), so
    stores take turns (``article_record`` takes it first, and holds it until the
    transaction ends: a batch's, in ``importing.store_chunk``). SQLite allows one writer
    at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])


# The tables candidate lookups read: their query plans follow their statistics.
_LOOKUP_MODELS = (
    Article,
    Actor,
    ActorAlias,
    ActorKey,
    ActorMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Event,
    Event.places.through,
    EventActor,
    EventMention,
    Statement,
    Quote,
)


def statistics_refresh() -> None:
    """Bring the planner's statistics of the lookup tables up to date (PostgreSQL).

    An import grows these tables many times over within minutes, faster than
    autovacuum analyses them (if it runs at all): with statistics from when a table
    was small, the planner scans a whole table where an index would read a few rows.
    """
    if connection.vendor != "postgresql":
        return  # SQLite's planner assumes indexes are selective without statistics
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _LOOKUP_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


@transaction.atomic
def article_record(
    *,
    source: SourceFile,
    extraction: ArticleExtraction,
    gazetteer,
    cache: StoreCache | None = None,
) -> ArticleImportOutcome:
    """Store one article and everything extracted from it, resolving records across articles.

    An article already stored with the same text is re-extracted in place (its
    uncurated records replaced); editors' decisions stay as they are. The number of
    queries does not grow with the article's mentions: each step reads its candidates
    in one query and writes its rows in bulk. A ``cache`` may serve many articles.
    """
    cache = cache or StoreCache.read()
    store_lock()
    cleaned = extraction.cleaned
    article = next(
        iter(
            _instances(Article, f"{_column(Article, 'content_hash')} = %s", [source.content_hash])
        ),
        None,
    )
    if article is not None and article.extractor_version == extraction.extractor_version:
        # Stored by another import since this one read the file: nothing to do.
        return ArticleImportOutcome(article=article, already_stored=True)
    created: Counter = Counter()
    reextracted = article is not None
    fields = {
        "title": cleaned.title[:500],
        "body": cleaned.body,
        "raw_text": source.text,
        "outlet": cleaned.outlet[:200],
        "byline": cleaned.byline[:300],
        "captions": list(cleaned.captions),
        "published_on": extraction.published_on,
        "date_source": extraction.date_source,
        "date_evidence": extraction.date_evidence[:500],
        "source_file": source.name[:500],
        "source_encoding": source.encoding,
        "language": extraction.language,
        "extractor_version": extraction.extractor_version,
    }
    if article is None:
        article = Article(content_hash=source.content_hash, **fields)
        # The hash was just looked up; the constraint still guards a concurrent writer.
        article.full_clean(validate_unique=False, validate_constraints=False)
        _created(Article, [article])
        created["articles"] += 1
    else:
        article_clear_extracted(article=article)
        for name, value in fields.items():
            if name not in article.curated_fields:
                setattr(article, name, value)
        article.save()

    sentences = {s.index: s for s in extraction.sentences}
    with inserts_deferred():
        place_ids = _places_record(article, extraction.places, sentences, gazetteer, cache, created)
        actor_ids = _actors_record(article, extraction.actors, place_ids, sentences, created)
        _quotes_record(article, extraction.quotes, actor_ids, sentences, created, reextracted)
        _events_record(
            article,
            extraction.events,
            place_ids,
            actor_ids,
            cache,
            created,
            reextracted,
        )
    return ArticleImportOutcome(article=article, created=created, reextracted=reextracted)


@dataclasses.dataclass
class StoreCache:
    """What storing reads once for a chunk of articles rather than once an article.

    Only what editors practically never change while an import runs (the event types,
    the place each place lies in), and only for the chunk's few seconds.
    """

    event_type_ids: dict[str, int]  # by code
    place_parents: dict[int, int | None] = dataclasses.field(default_factory=dict)

    @classmethod
    def read(cls) -> StoreCache:
        return cls(event_type_ids=dict(EventType.objects.values_list("code", "pk")))

    def rolled_back(self) -> None:
        """Forget the places learnt: a rolled-back article's new places are gone, and
        SQLite gives their ids to the next ones."""
        self.place_parents.clear()


def article_clear_extracted(*, article: Article) -> None:
    """Remove what the extractor made from an article, keeping what editors decided."""
    ActorMention.objects.filter(article=article).delete()
    PlaceMention.objects.filter(article=article).delete()
    Quote.objects.filter(
        article=article, review_status=ReviewStatus.PENDING, curated_fields=[]
    ).delete()
    touched_events = list(
        EventMention.objects.filter(article=article).values_list("event_id", flat=True)
    )
    EventMention.objects.filter(
        article=article, event__review_status=ReviewStatus.PENDING, event__curated_fields=[]
    ).delete()
    # An uncurated event nobody reports any more goes; a curated one stays with its evidence.
    Event.objects.filter(
        pk__in=touched_events,
        review_status=ReviewStatus.PENDING,
        curated_fields=[],
        mentions__isnull=True,
        merged_from__isnull=True,
    ).delete()


def _rows_insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows given as tuples of ``fields`` values; a row that exists already is skipped.

    For the rows an import writes by the dozen per article (mentions, aliases, keys,
    links), which nothing reads back: building a model instance for each, as
    ``bulk_create`` does, cost more than sending them. Values are of the fields' Python
    types, already cut to length; the tables' unique constraints decide what "exists
    already" means, as ``ignore_conflicts`` does. Inside ``inserts_deferred`` they are
    sent when the block ends.
    """
    db = connections[DEFAULT_DB_ALIAS]  # ``connection`` looks it up at every attribute
    if not rows:
        return
    ops = db.ops
    model_fields = [model._meta.get_field(name) for name in fields]
    dated = [i for i, f in enumerate(model_fields) if f.get_internal_type() == "DateField"]
    if dated:
        rows = [
            tuple(ops.adapt_datefield_value(v) if i in dated else v for i, v in enumerate(row))
            for row in rows
        ]
    statement = "{insert} {table} ({columns}) VALUES {{values}} {suffix}".format(
        insert=ops.insert_statement(on_conflict=OnConflict.IGNORE),
        table=ops.quote_name(model._meta.db_table),
        columns=", ".join(ops.quote_name(f.column) for f in model_fields),
        suffix=ops.on_conflict_suffix_sql(model_fields, OnConflict.IGNORE, None, None),
    )
    row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch_size = max(1, ops.bulk_batch_size(model_fields, rows))
    statements = []
    for offset in range(0, len(rows), batch_size):
        batch = rows[offset : offset + batch_size]
        statements.append(
            (
                statement.format(values=", ".join([row_placeholder] * len(batch))),
                [value for row in batch for value in row],
            )
        )
    if _deferred_inserts.statements is not None:
        _deferred_inserts.statements += statements
    else:
        _statements_run(db, statements)


class _DeferredInserts(threading.local):
    statements: list[tuple[str, list]] | None = None


_deferred_inserts = _DeferredInserts()


@contextlib.contextmanager
def inserts_deferred():
    """Hold the statements ``_rows_insert`` makes until the block ends, then send them.

    Nothing in an article's store reads those rows back, and on PostgreSQL its dozen
    inserts then cost one round trip instead of one each: every round trip wakes the
    storing process, which on one core interrupts the extraction process beside it. A
    block that raises sends nothing; a block inside another is the outer one's.
    """
    if _deferred_inserts.statements is not None:
        yield
        return
    _deferred_inserts.statements = []
    try:
        yield
        statements = _deferred_inserts.statements
    finally:
        _deferred_inserts.statements = None
    _statements_run(connections[DEFAULT_DB_ALIAS], statements)


def _statements_run(db, statements: list[tuple[str, list]]) -> None:
    """Run statements that return nothing, in one round trip where the backend allows it."""
    if not statements:
        return
    with db.cursor() as cursor:
        if db.vendor == "postgresql":  # psycopg2 sends several statements as one query
            cursor.execute(
                "; ".join(sql for sql, _ in statements),
                [value for _, params in statements for value in params],
            )
        else:  # SQLite runs one statement per call, and has no round trips to spare
            for sql, params in statements:
                cursor.execute(sql, params)


_EVIDENCE_FIELDS = ("article", "start", "end", "text", "sentence_start", "sentence_end")
_PLACE_MENTION_FIELDS = (*_EVIDENCE_FIELDS, "confidence", "place")
_ACTOR_MENTION_FIELDS = (*_EVIDENCE_FIELDS, "confidence", "actor", "via")
_EVENT_MENTION_FIELDS = (
    *_EVIDENCE_FIELDS,
    "confidence",
    "event",
    "reported_date",
    "reported_fatalities",
    "reported_injured",
)


def _mention_rows(
    article_id: int, record_id: int, extracted, sentences, *, via: bool = False
) -> list[tuple]:
    """Return the rows of a record's mentions, as ``_PLACE_MENTION_FIELDS`` (or actors')."""
    rows = []
    for mention in extracted.mentions:
        sentence: Sentence | None = sentences.get(mention.sentence_index)
        row = (
            article_id,
            mention.start,
            mention.end,
            mention.text[:1000],
            sentence.start if sentence else mention.start,
            sentence.end if sentence else mention.end,
            mention.confidence,
            record_id,
        )
        rows.append((*row, mention.via[:20]) if via else row)
    return rows


def _aliases_add(
    model, field: str, spellings_by_record: dict[int, set[str]], known=frozenset()
) -> None:
    """Add the spellings each record does not have yet, in one query for all records.

    ``known`` holds (record id, normalised spelling) pairs read already, left out; any
    other spelling the record has is left to the unique constraint: reading the
    record's aliases first would cost a query and decide the same.
    """
    rows, seen = [], set(known)
    for record_id, spellings in spellings_by_record.items():
        for spelling in sorted(spellings):
            normalized = names.normalise_name(spelling)[:300]
            if normalized and (record_id, normalized) not in seen:
                seen.add((record_id, normalized))
                rows.append((spelling[:300], normalized, record_id))
    _rows_insert(model, ("name", "normalized", field), rows)


def _follow_merges(record):
    seen = set()
    while record.merged_into_id and record.pk not in seen:
        seen.add(record.pk)
        record = record.merged_into
    return record


# Values of these types go to these fields as they are: the fields' own conversion
# (``get_db_prep_save``) returns such a value unchanged, at the cost of a few calls.
_VERBATIM_TYPES = {
    "CharField": (str, type(None)),
    "SlugField": (str, type(None)),
    "TextField": (str, type(None)),
    "PositiveIntegerField": (int, type(None)),
    "BigIntegerField": (int, type(None)),
    "BigAutoField": (int, type(None)),
    "AutoField": (int, type(None)),
    "FloatField": (float, type(None)),
    "BooleanField": (bool, type(None)),
}
# PostgreSQL's driver takes dates as they are (``adapt_datefield_value`` returns them);
# SQLite's backend turns them into strings.
_VERBATIM_TYPES_BY_VENDOR = {"postgresql": {"DateField": (dt.date, type(None))}}


_TIMESTAMP = object()  # in ``_insert_plan``'s defaults: the time of the call


def _is_timestamp(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


@functools.cache
def _insert_plan(model, given: tuple[str, ...], vendor: str):
    """Return ``_rows_created``'s statement, row placeholder, the given columns as
    (field, verbatim types) and the other columns' defaults, once a model, given field
    names and backend (``vendor`` keys the cache).

    A default is its value as sent, converted once here; a timestamp's, which is the
    time of each call, is its field instead (``_TIMESTAMP``, converted by the caller).
    """
    ops = connections[DEFAULT_DB_ALIAS].ops
    meta = model._meta
    given_fields = [meta.get_field(name) for name in given]
    given_names = {f.name for f in given_fields}
    others = [f for f in meta.concrete_fields if not f.primary_key and f.name not in given_names]
    statement = "INSERT INTO {table} ({columns}) VALUES {{values}} RETURNING {pk}".format(
        table=ops.quote_name(meta.db_table),
        columns=", ".join(ops.quote_name(f.column) for f in [*given_fields, *others]),
        pk=ops.quote_name(meta.pk.column),
    )
    verbatim_types = {**_VERBATIM_TYPES, **_VERBATIM_TYPES_BY_VENDOR.get(vendor, {})}
    columns = [
        (
            field,
            verbatim_types.get(
                (field.target_field if field.is_relation else field).get_internal_type(), ()
            ),
        )
        for field in given_fields
    ]
    placeholder = "(" + ", ".join(["%s"] * (len(given_fields) + len(others))) + ")"
    db = connections[DEFAULT_DB_ALIAS]
    defaults = [
        (_TIMESTAMP, field)
        if _is_timestamp(field)
        else (field.get_db_prep_save(field.get_default(), db), None)
        for field in others
    ]
    return statement, placeholder, columns, others, defaults


def _rows_created(model, given: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Insert machine-made records given as tuples of ``given`` fields; return their ids.

    An import writes thousands of records an editor may never open; copying each into
    its history table would double the writes. History starts when a record is first
    edited: ``history_snapshot`` then records it as imported, so the editor's change can
    still be compared and reverted.

    What ``bulk_create`` sends, built by hand and without model instances: on an
    import's few dozen inserts an article, building instances and the statement cost
    more than the database took to run it. Every other field takes its default (a
    timestamp, the time of the call), converted once for all the rows.
    """
    db = connections[DEFAULT_DB_ALIAS]  # ``connection`` looks it up at every attribute
    if not rows:
        return []
    statement, row_placeholder, columns, others, prepared = _insert_plan(model, given, db.vendor)
    now = timezone.now()
    defaults = [
        field.get_db_prep_save(now, db) if value is _TIMESTAMP else value
        for value, field in prepared
    ]
    batch_size = max(1, db.ops.bulk_batch_size([*(f for f, _ in columns), *others], rows))
    ids = []
    with db.cursor() as cursor:
        for offset in range(0, len(rows), batch_size):
            batch = rows[offset : offset + batch_size]
            params = []
            for row in batch:
                for value, (field, verbatim) in zip(row, columns, strict=True):
                    params.append(
                        value if type(value) in verbatim else field.get_db_prep_save(value, db)
                    )
                params += defaults
            cursor.execute(
                statement.format(values=", ".join([row_placeholder] * len(batch))), params
            )
            # Rows come back in the order they were sent, as bulk_create also relies on.
            ids += [pk_value for (pk_value,) in cursor.fetchall()]
    return ids


def _created(model, records: list) -> list:
    """Insert machine-made model instances as ``_rows_created`` does; give them their ids."""
    if not records:
        return records
    now = timezone.now()
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if _is_timestamp(field):
            for record in records:
                setattr(record, field.attname, now)
        fields.append(field)
    ids = _rows_created(
        model,
        tuple(f.name for f in fields),
        [tuple(getattr(record, f.attname) for f in fields) for record in records],
    )
    alias = connections[DEFAULT_DB_ALIAS].alias
    for record, pk_value in zip(records, ids, strict=True):
        record.pk = pk_value
        record._state.adding = False
        record._state.db = alias
    return records


def _updated(model, records: dict, fields: set[str]) -> None:
    """Save ``fields`` of several records, one statement a batch (``bulk_update``, by hand)."""
    db = connections[DEFAULT_DB_ALIAS]  # ``connection`` looks it up at every attribute
    if not records:
        return
    now = timezone.now()
    for record in records.values():
        record.updated_at = now  # bulk updates skip auto_now
    ops = db.ops
    pk_column = ops.quote_name(model._meta.pk.column)
    cast = db.features.requires_casted_case_in_updates
    fields = [model._meta.get_field(name) for name in sorted({*fields, "updated_at"})]
    items = list(records.items())
    # As bulk_update batches: each record sends its id twice and a value per field.
    batch_size = max(1, ops.bulk_batch_size(["pk", "pk", *fields], items))
    with db.cursor() as cursor:
        for offset in range(0, len(items), batch_size):
            batch = items[offset : offset + batch_size]
            assignments, params = [], []
            for field in fields:
                then = f"CAST(%s AS {field.cast_db_type(db)})" if cast else "%s"
                assignments.append(
                    f"{ops.quote_name(field.column)} = CASE {pk_column} "
                    + " ".join([f"WHEN %s THEN {then}"] * len(batch))
                    + " END"
                )
                for pk_value, record in batch:
                    value = getattr(record, field.attname)
                    params += [pk_value, field.get_db_prep_save(value, db)]
            cursor.execute(
                f"UPDATE {ops.quote_name(model._meta.db_table)} SET {', '.join(assignments)} "
                f"WHERE {pk_column} IN ({', '.join(['%s'] * len(batch))})",
                [*params, *(pk_value for pk_value, _ in batch)],
            )


def history_snapshot(records: Iterable) -> None:
    """Record records that have no history yet as they stand in the database.

    Called before a record's first edit (``signals.snapshot_before_first_edit`` and
    ``review_status_set``), so its history begins with the imported version.
    """
    records = [r for r in records if r.pk is not None]
    if not records:
        return
    model = type(records[0])
    with_history = set(
        model.history.filter(id__in=[r.pk for r in records]).values_list("id", flat=True)
    )
    missing = [r.pk for r in records if r.pk not in with_history]
    if not missing:
        return
    stored = list(model.objects.filter(pk__in=missing))
    model.history.bulk_history_create(
        stored,
        default_change_reason=IMPORT_REASON,
        default_date=max((r.updated_at for r in stored), default=None),
    )


# ---------------------------------------------------------------- places


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
            _values(Place, PlaceRow._fields, where, params, order_by=_default_order(Place)),
        )
    )


def _places_merged_into(places: Iterable[PlaceRow]) -> dict[int, PlaceRow]:
    """Return, by id, the places ``places`` were merged into, and those they were, etc."""
    targets: dict[int, PlaceRow] = {}
    wanted = {p.merged_into_id for p in places if p.merged_into_id}
    while wanted:
        rows = _place_rows(*_in(_column(Place, "id"), wanted))
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
        for place in _place_rows(*_in(_column(Place, "geonames_id"), wanted))
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
        ids = _rows_created(Place, _NEW_PLACE_FIELDS, new_places)
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


def _places_record(
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
        mentions += _mention_rows(article.pk, place.pk, extracted, sentences)
    _aliases_add(PlaceAlias, "place", spellings)
    _rows_insert(PlaceMention, _PLACE_MENTION_FIELDS, mentions)
    created["place mentions"] += len(mentions)
    cache.place_parents.update((p.pk, p.parent_id) for p in by_geonames.values() if p is not None)
    return place_ids


# ---------------------------------------------------------------- actors


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
    where, params = _in(_column(ActorAlias, "actor_id"), candidate_ids)
    alias_columns = ", ".join(_column(ActorAlias, c) for c in ("actor_id", "name", "normalized"))
    for actor_id, name, normalized in _fetched(
        f"SELECT {alias_columns} FROM {_table(ActorAlias)} WHERE {where}", params
    ):
        aliases.setdefault(actor_id, []).append(name)
        known_aliases.add((actor_id, normalized))
    where, params = _in(_column(Actor, "id"), candidate_ids)
    actor_columns = ", ".join(
        _column(Actor, c) for c in ("id", "name", "kind", "role", "country_code")
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
        for pk, name, kind, role, country_code in _fetched(
            f"SELECT {actor_columns} FROM {_table(Actor)} WHERE {where}", params
        )
    }
    return _Candidates(
        by_actor=[[profiles[a] for a in ids if a in profiles] for ids in wanted],
        known_keys=known_keys,
        known_aliases=known_aliases,
    )


# Branches of one compound read (actor keys, statements): SQLite allows 500.
_BRANCHES_PER_QUERY = 400


def _actor_key_rows(keys: set[str], keys_of: set[int]) -> list[tuple[int, str, int]]:
    """Return (recent, key, actor id) rows: the newest actors of ``keys``, all keys of ``keys_of``.

    ``recent`` is 1 for the ``SURNAME_CANDIDATES_LIMIT`` newest actors of each of
    ``keys``, each read from the newest end of the (key, actor) index in a ``LIMIT``
    branch of its own: a window over all of a key's rows read every namesake ever
    stored, more with every article. Written as SQL: the ORM took longer to build this
    query than the database took to answer it, once an article.
    """
    key_column, actor_column = _column(ActorKey, "key"), _column(ActorKey, "actor_id")
    branches = [  # (SQL, parameters)
        (
            f"SELECT * FROM (SELECT 1, {key_column}, {actor_column} FROM {_table(ActorKey)} "
            f"WHERE {key_column} = %s ORDER BY {actor_column} DESC LIMIT %s) AS recent_{index}",
            [key, SURNAME_CANDIDATES_LIMIT],
        )
        for index, key in enumerate(sorted(keys))
    ]
    if keys_of:
        where, params = _in(actor_column, keys_of)
        branches.append(
            (
                f"SELECT 0, {key_column}, {actor_column} FROM {_table(ActorKey)} WHERE {where}",
                params,
            )
        )
    return _union_fetched(branches)


def _union_fetched(branches: list[tuple[str, list]]) -> list[tuple]:
    """Return the rows of ``branches`` (SQL, parameters), read as few UNION ALLs."""
    rows: list[tuple] = []
    for offset in range(0, len(branches), _BRANCHES_PER_QUERY):
        batch = branches[offset : offset + _BRANCHES_PER_QUERY]
        rows += _fetched(
            " UNION ALL ".join(sql for sql, _ in batch), [p for _, params in batch for p in params]
        )
    return rows


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


@functools.cache
def _table(model) -> str:
    """Return ``model``'s table quoted, for the statements written as SQL.

    Cached, as are columns: the backend (PostgreSQL or SQLite) is one per process and
    quotes names alike, and the store names hundreds of columns an article.
    """
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)


@functools.cache
def _column(model, name: str) -> str:
    """Return ``model``'s column ``name``, quoted and qualified by its table."""
    return f"{_table(model)}.{connections[DEFAULT_DB_ALIAS].ops.quote_name(name)}"


def _in(column: str, values: Iterable) -> tuple[str, list]:
    """Return ``column IN (...)`` for a non-empty ``values`` and its parameters."""
    params = sorted(values)
    return f"{column} IN ({', '.join(['%s'] * len(params))})", params


def _default_order(model) -> str:
    """Return ``model``'s ``Meta.ordering`` as SQL, for reads that must keep it."""
    return ", ".join(
        f"{_column(model, model._meta.get_field(name.lstrip('-')).column)} "
        f"{'DESC' if name.startswith('-') else 'ASC'}"
        for name in model._meta.ordering
    )


def _fetched(sql: str, params: list) -> list[tuple]:
    """Return the rows of a read written as SQL."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def _selection(model, names: tuple[str, ...], vendor: str) -> tuple[str, list]:
    """Return the columns and converters of a read of ``names`` fields.

    ``names`` are field names or attribute names, "pk" for the primary key. Once a model,
    fields and backend (``vendor`` is there to key the cache).
    """
    meta = model._meta
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in names]
    converters = []  # (index, functions, column) of the columns that have any
    for index, field in enumerate(fields):
        column = field.get_col(meta.db_table)
        functions = connection.ops.get_db_converters(column)
        functions += column.get_db_converters(connection)
        if functions:
            converters.append((index, functions, column))
    columns = ", ".join(_column(model, field.column) for field in fields)
    return columns, converters


def _values(model, names: tuple[str, ...], where: str, params: list, *, order_by="") -> list:
    """Return the ``names`` fields of the rows of ``model`` matching ``where``.

    Each value passes through the converters the ORM applies (dates and JSON on
    SQLite, for instance). For the import's reads of a few rows: the ORM took longer to
    build each such query than the database took to answer it.
    """
    db = connections[DEFAULT_DB_ALIAS]  # ``connection`` looks it up at every attribute
    columns, converters = _selection(model, names, db.vendor)
    sql = f"SELECT {columns} FROM {_table(model)} WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return _converted(_fetched(sql, params), converters)


def _converted(rows: list[tuple], converters: list) -> list:
    """Return ``rows`` with each value of a ``_selection``'s converters converted."""
    if not converters:
        return rows
    db = connections[DEFAULT_DB_ALIAS]
    converted = []
    for row in rows:
        values = list(row)
        for index, functions, column in converters:
            for convert in functions:
                values[index] = convert(values[index], column, db)
        converted.append(values)
    return converted


def _instances(model, where: str, params: list, *, only: tuple[str, ...] = (), order_by=""):
    """Return the instances of ``model`` matching ``where``, as the ORM would make them.

    ``only`` defers the other fields as ``QuerySet.only`` does.
    """
    names = _loaded(model, only)
    alias = connections[DEFAULT_DB_ALIAS].alias
    return [
        model.from_db(alias, names, values)
        for values in _values(model, names, where, params, order_by=order_by)
    ]


@functools.cache
def _loaded(model, only: tuple[str, ...]) -> tuple[str, ...]:
    """Return the attribute names of the fields ``_instances`` reads, in the model's order."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if not only or field.primary_key or {field.name, field.attname} & set(only)
    )


def _places_of_recent_articles(
    actor_ids: set[int], since: dict[int, int], place_ids: set[int]
) -> list[tuple[int, int]]:
    """Return the distinct (actor, place of ``place_ids``) of articles mentioning the actors.

    ``actor_ids``' every article counts; ``since`` gives other actors' first article that
    counts. Written as SQL: as the database grows, more actors have a ``since``, and the
    ORM spent longer building one condition each than the database spent answering.
    """
    actor_column = _column(ActorMention, "actor_id")
    article_column = _column(ActorMention, "article_id")
    conditions, params = [], []
    if actor_ids:
        conditions.append(f"{actor_column} IN ({', '.join(['%s'] * len(actor_ids))})")
        params += sorted(actor_ids)
    for actor_id, article_id in sorted(since.items()):
        conditions.append(f"({actor_column} = %s AND {article_column} >= %s)")
        params += [actor_id, article_id]
    if not conditions:
        return []
    place_column = _column(PlaceMention, "place_id")
    sql = (
        f"SELECT DISTINCT {actor_column}, {place_column} "
        f"FROM {_table(ActorMention)} INNER JOIN {_table(PlaceMention)} "
        f"ON {_column(PlaceMention, 'article_id')} = {article_column} "
        f"WHERE {place_column} IN ({', '.join(['%s'] * len(place_ids))}) "
        f"AND ({' OR '.join(conditions)})"
    )
    return _fetched(sql, [*sorted(place_ids), *params])


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
        where, params = _in(_column(Actor, "id"), wanted)
        actors.update(
            (actor.pk, actor)
            for actor in _instances(Actor, where, params, only=_MATCHED_ACTOR_FIELDS)
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
        actor = _follow_merges(matched[best_id])
        actor = to_update.get(actor.pk, actor)
        if actor.review_status == ReviewStatus.REJECTED:
            resolved.append(None)
            continue
        changed = _actor_fill_in(actor, extracted)
        if changed:
            to_update[actor.pk] = actor
            updated_fields |= changed
        resolved.append(actor)
    _created(Actor, to_create)
    _updated(Actor, to_update, updated_fields)
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
    _aliases_add(ActorAlias, "actor", alias_spellings, known=candidates.known_aliases)
    _rows_insert(
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


def _actors_record(article, extracted_actors, place_ids, sentences, created) -> dict[str, int]:
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
        mentions += _mention_rows(article.pk, actor.pk, extracted, sentences, via=True)
    _rows_insert(ActorMention, _ACTOR_MENTION_FIELDS, mentions)
    created["actor mentions"] += len(mentions)
    return actor_ids


# ---------------------------------------------------------------- quotes

# Statements of one speaker compared with a new quote, most recent first.
STATEMENT_CANDIDATES_LIMIT = 200


def _recent_statements(
    speaker_ids: set[int], *, exclude_article: Article | None
) -> dict[int, list[tuple[int, str]]]:
    """Return each speaker's most recent statements, newest first.

    As (id, text): up to ``STATEMENT_CANDIDATES_LIMIT`` a speaker, most only compared,
    none quoted by ``exclude_article`` (an article re-extracted; a new one quotes none).
    Each speaker's are read from the newest end of the (speaker, id) index in a ``LIMIT``
    branch of its own, as actor keys are: a window over all of a speaker's statements
    read every one ever stored, more with every article.
    """
    if not speaker_ids:
        return {}
    speaker, statement = _column(Statement, "speaker_id"), _column(Statement, "id")
    not_quoted_here, excluded = "", []
    if exclude_article is not None:
        not_quoted_here = (
            f"AND NOT EXISTS (SELECT 1 FROM {_table(Quote)} "
            f"WHERE {_column(Quote, 'article_id')} = %s "
            f"AND {_column(Quote, 'statement_id')} = {statement}) "
        )
        excluded = [exclude_article.pk]
    branches = [  # (SQL, parameters)
        (
            f"SELECT * FROM (SELECT {speaker}, {statement}, {_column(Statement, 'text')} "
            f"FROM {_table(Statement)} WHERE {speaker} = %s {not_quoted_here}"
            f"ORDER BY {statement} DESC LIMIT %s) AS recent_{index}",
            [speaker_id, *excluded, STATEMENT_CANDIDATES_LIMIT],
        )
        for index, speaker_id in enumerate(sorted(speaker_ids))
    ]
    by_speaker: dict[int, list[tuple[int, str]]] = {}
    for speaker_id, statement_id, text in _union_fetched(branches):
        by_speaker.setdefault(speaker_id, []).append((statement_id, text))
    for candidates in by_speaker.values():  # a UNION ALL promises no order
        candidates.sort(reverse=True)
    return by_speaker


_QUOTE_FIELDS = (
    "text",
    "speaker",
    "speaker_name",
    "article",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "is_marked",
    "said_on",
    "said_on_precision",
    "statement",
    "confidence",
)


def _quotes_record(article, extracted_quotes, actor_ids, sentences, created, reextracted) -> None:
    """Store the article's quotes, each linked to the statement it reports."""
    kept_spans = (
        set(Quote.objects.filter(article=article).values_list("start", "end"))
        if reextracted
        else set()
    )
    new_quotes = [q for q in extracted_quotes if (q.start, q.end) not in kept_spans]
    speakers = [actor_ids.get(q.speaker_key or "") for q in new_quotes]
    candidates = _recent_statements(
        set(speakers) - {None}, exclude_article=article if reextracted else None
    )
    # A known statement's id, or the index of a new statement in ``new_statements``
    linked: list[tuple[bool, int]] = []
    new_statements: list[tuple[str, int | None]] = []  # (text, speaker id)
    for extracted, speaker_id in zip(new_quotes, speakers, strict=True):
        statement = None
        for candidate_id, text in candidates.get(speaker_id, ()) if speaker_id is not None else ():
            if statements.same_statement(extracted.text, text, STATEMENT_MATCH_THRESHOLD):
                statement = (True, candidate_id)
                break
        if statement is None:
            statement = (False, len(new_statements))
            new_statements.append((extracted.text, speaker_id))
        linked.append(statement)
    new_statement_ids = _rows_created(Statement, ("text", "speaker"), new_statements)
    quotes = []
    for extracted, speaker_id, (known, statement) in zip(new_quotes, speakers, linked, strict=True):
        sentence = sentences.get(extracted.sentence_index)
        quotes.append(
            (
                extracted.text,
                speaker_id,
                extracted.speaker_name[:300],
                article.pk,
                extracted.start,
                extracted.end,
                sentence.start if sentence else extracted.start,
                sentence.end if sentence else extracted.end,
                extracted.is_marked,
                extracted.said_on,
                extracted.said_on_precision or "",
                statement if known else new_statement_ids[statement],
                extracted.confidence,
            )
        )
    _rows_created(Quote, _QUOTE_FIELDS, quotes)
    created["quotes"] += len(quotes)


# ---------------------------------------------------------------- events


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
            where, params = _in(_column(Place, "id"), missing)
            cached.update(
                _fetched(
                    f"SELECT {_column(Place, 'id')}, {_column(Place, 'parent_id')} "
                    f"FROM {_table(Place)} WHERE {where}",
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
    where, params = _in(_column(Event, "id"), shortlisted)
    candidates = {
        event.pk: _EventCandidate(event, places_of[event.pk])
        for event in map(
            _EventRow._make,
            _values(Event, _EventRow._fields, where, params, order_by=_default_order(Event)),
        )
    }
    where, params = _in(_column(EventActor, "event_id"), candidates)
    event_actor_columns = f"{_column(EventActor, 'event_id')}, {_column(EventActor, 'actor_id')}"
    for event_id, actor_id in _fetched(
        f"SELECT {event_actor_columns} FROM {_table(EventActor)} WHERE {where}", params
    ):
        candidates[event_id].actor_ids.add(actor_id)
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
                f"{_column(Event, 'event_type_id')} IN ({', '.join(['%s'] * len(types))}) "
                f"AND {_column(Event, 'start_date')} BETWEEN %s AND %s"
            )
            params.extend(types)
            params.extend(connection.ops.adapt_datefield_value(d) for d in (start, end))
            if precision:
                window += f" AND {_column(Event, 'date_precision')} = %s"
                params.append(precision)
            selected.append(f"({window})")
        return " OR ".join(selected)

    if not branches and not placed_branches:
        return {}, []
    where = (
        f"{_column(Event, 'merged_into_id')} IS NULL AND ({windows([*branches, *placed_branches])})"
    )
    if placed_branches:
        condition, condition_params = places_condition
        where += f" AND ({windows(branches)} OR {condition})" if branches else f" AND ({condition})"
        params += condition_params
    db = connections[DEFAULT_DB_ALIAS]
    columns, converters = _selection(Event, _EVENT_OUTLINE, db.vendor)
    sql = f"SELECT {columns} FROM {_table(Event)} WHERE {where}"
    if exclude_article is not None:
        sql += (
            f" AND NOT EXISTS (SELECT 1 FROM {_table(EventMention)} "
            f"WHERE {_column(EventMention, 'event_id')} = {_column(Event, 'id')} "
            f"AND {_column(EventMention, 'article_id')} = %s)"
        )
        params.append(exclude_article.pk)
    outlines = {
        event_id: outline for event_id, *outline in _converted(_fetched(sql, params), converters)
    }
    if not outlines:
        return {}, []
    # Places apart, by event id: joined to the windows' events, they were read by hashing
    # every event's places whenever the planner expected many events in the windows.
    where, params = _in(_column(event_places, "event_id"), outlines)
    rows = _fetched(
        f"SELECT {_column(event_places, 'event_id')}, {_column(event_places, 'place_id')}, "
        f"{_column(Place, 'parent_id')} FROM {_table(event_places)} INNER JOIN {_table(Place)} "
        f"ON {_column(Place, 'id')} = {_column(event_places, 'place_id')} WHERE {where}",
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
    link, place = _table(Event.places.through), _table(Place)
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
        f"(SELECT 1 FROM {link} outside WHERE outside.{event_id} = {_column(Event, 'id')} "
        f"AND outside.{place_id} NOT IN ({', '.join(['%s'] * len(within))}) LIMIT 1) IS NULL "
        f"OR (SELECT 1 FROM {link} here {joins} WHERE here.{event_id} = "
        f"{_column(Event, 'id')} AND ({lies_under}) LIMIT 1) IS NOT NULL"
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
    return [(m.start, m.end, _follow_merges(m.event)) for m in mentions]


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


def _events_record(article, extracted_events, place_ids, actor_ids, cache, created, reextracted):
    """Attach each of the article's reports to the Event it describes, creating new ones.

    Candidates are fetched once for all reports; ``clustering.event_match_score``
    decides among each report's likeliest. A report that matches a rejected event is
    kept with it, so the event stays gone; an approved event takes the report but keeps
    its fields as approved.
    """
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
        where, params = _in(_column(Event, "id"), merges)
        for event in _instances(Event, where, params, only=_MERGED_EVENT_FIELDS):
            if _report_merge(event, *merges[event.pk]):
                merged[event.pk] = event
    new_event_ids = _rows_created(Event, _NEW_EVENT_FIELDS, new_events)
    _updated(Event, merged, set(_MERGED_REPORT_FIELDS))
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
    _rows_insert(Event.places.through, ("event", "place"), event_places)
    _rows_insert(
        EventActor,
        ("event", "actor", "role"),
        [
            (event_id, actor_id, role or ActorRole.OTHER)
            for event_id, actor_id, role in event_actors
        ],
    )
    _rows_insert(
        EventMention,
        _EVENT_MENTION_FIELDS,
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


_EVENT_FIGURES = ("fatalities", "injured", "displaced", "affected")
_MERGED_REPORT_FIELDS = ("conflicts", *_EVENT_FIGURES, "confidence")


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
    for field in _EVENT_FIGURES:
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
    return True


# ---------------------------------------------------------------- reviews and edits

# Fields whose change is an editor's decision in itself rather than a curated value.
_DECISION_FIELDS = frozenset({"review_status", "reviewed_by", "reviewed_at", "curated_fields"})


def review_status_set(*, records, status: str, user=None) -> int:
    """Set the review status of records (a queryset of one curated model); return how many.

    Each record gets a history entry naming the reviewer, so a review can be traced and
    reverted from the record's history page.
    """
    reviewer = user if user is not None and user.is_authenticated else None
    now = timezone.now()
    records = list(records)
    history_snapshot(records)
    changed = []
    for record in records:
        record.review_status = status
        record.reviewed_by = reviewer
        record.reviewed_at = now
        record.updated_at = now  # bulk updates skip auto_now
        changed.append(record)
    if changed:
        bulk_update_with_history(
            changed,
            type(changed[0]),
            ["review_status", "reviewed_by", "reviewed_at", "updated_at"],
            default_user=reviewer,
            default_change_reason=f"Review: {status}",
        )
    return len(changed)


def curated_record_save(*, record, changed_fields: Iterable[str], user=None) -> None:
    """Save an editor's edit, listing the edited fields so re-imports leave them alone.

    A changed review status also records who reviewed and when.
    """
    changed = set(changed_fields)
    curated = set(record.curated_fields) | (changed - _DECISION_FIELDS)
    record.curated_fields = sorted(curated)
    if "review_status" in changed and hasattr(record, "reviewed_by"):
        record.reviewed_by = user if user is not None and user.is_authenticated else None
        record.reviewed_at = timezone.now()
    _save_with_history(record, user=user)


def _save_with_history(record, *, user=None, reason: str | None = None) -> None:
    if user is not None and user.is_authenticated:
        record._history_user = user
    if reason:
        record._change_reason = reason
    record.save()


def _curate(record, *fields: str) -> None:
    record.curated_fields = sorted(set(record.curated_fields) | set(fields))


# ---------------------------------------------------------------- merges and splits


def _move_rows(model, *, field: str, source, target, unique_with: tuple[str, ...]) -> None:
    """Repoint ``model.field`` from source to target; drop rows the target already has.

    A row whose unique fields (besides ``field``) match one of the target's is the same
    evidence twice, so dropping it loses nothing.
    """
    duplicates = model.objects.filter(
        Exists(
            model.objects.filter(
                **{field: target}, **{name: OuterRef(name) for name in unique_with}
            )
        ),
        **{field: source},
    )
    duplicates.delete()
    model.objects.filter(**{field: source}).update(**{field: target})


def _check_merge(target, others: list) -> None:
    if target.merged_into_id is not None:
        raise ValueError(f"{target} was itself merged away; merge into {target.merged_into}.")
    if any(other.pk == target.pk for other in others):
        raise ValueError("A record cannot be merged into itself.")
    if not others:
        raise ValueError("Choose at least one record to merge into the one kept.")


def _retire(record, *, target, user, model_name: str) -> None:
    """Mark a merged record as merged (kept, hidden) and log it for the API's sync."""
    record.merged_into = target
    _save_with_history(record, user=user, reason=f"Merged into {model_name} {target.pk}")
    type(record).objects.filter(merged_into=record).update(merged_into=target)
    Deletion.objects.create(
        model=model_name,
        object_id=record.pk,
        merged_into_id=target.pk,
        reason="merged",
        deleted_by=user if user is not None and user.is_authenticated else None,
    )


def _fill_blanks(target, other, fields: Iterable[str]) -> None:
    for field in fields:
        if getattr(target, field) in ("", None) and getattr(other, field) not in ("", None):
            setattr(target, field, getattr(other, field))


@transaction.atomic
def actor_merge(*, target: Actor, others: Iterable[Actor], user=None) -> Actor:
    """Merge actors into ``target``: evidence, quotes, aliases, keys and roles move over.

    The others are kept with ``merged_into`` set (hidden from lists, followed by imports)
    and their names become aliases of the target.
    """
    others = list(others)
    _check_merge(target, others)
    for other in others:
        _move_rows(
            ActorMention,
            field="actor",
            source=other,
            target=target,
            unique_with=("article", "start", "end"),
        )
        _move_rows(
            ActorAlias, field="actor", source=other, target=target, unique_with=("normalized",)
        )
        _move_rows(ActorKey, field="actor", source=other, target=target, unique_with=("key",))
        _move_rows(
            EventActor, field="actor", source=other, target=target, unique_with=("event", "role")
        )
        Quote.objects.filter(speaker=other).update(speaker=target)
        Statement.objects.filter(speaker=other).update(speaker=target)
        _aliases_add(ActorAlias, "actor", {target.pk: {target.name, other.name}})
        _fill_blanks(target, other, ("role", "country_code", "external_id"))
        _retire(other, target=target, user=user, model_name="actor")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"actor {o.pk}" for o in others)
    )
    return target


@transaction.atomic
def place_merge(*, target: Place, others: Iterable[Place], user=None) -> Place:
    """Merge places into ``target``: evidence, aliases, events and child places move over."""
    others = list(others)
    _check_merge(target, others)
    event_places = Event.places.through
    for other in others:
        _move_rows(
            PlaceMention,
            field="place",
            source=other,
            target=target,
            unique_with=("article", "start", "end"),
        )
        _move_rows(
            PlaceAlias, field="place", source=other, target=target, unique_with=("normalized",)
        )
        _move_rows(event_places, field="place", source=other, target=target, unique_with=("event",))
        Place.objects.filter(parent=other).exclude(pk=target.pk).update(parent=target)
        _aliases_add(PlaceAlias, "place", {target.pk: {target.name, other.name}})
        _fill_blanks(target, other, ("admin_region", "latitude", "longitude", "country_code"))
        _retire(other, target=target, user=user, model_name="place")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"place {o.pk}" for o in others)
    )
    return target


@transaction.atomic
def event_merge(*, target: Event, others: Iterable[Event], user=None) -> Event:
    """Merge events into ``target``: reports, participants and places move over.

    Figures the target lacks are taken from the others; figures that differ are noted
    in ``conflicts``. The target's reports are then curated, so a re-import keeps them.
    """
    others = list(others)
    _check_merge(target, others)
    for other in others:
        _move_rows(
            EventMention,
            field="event",
            source=other,
            target=target,
            unique_with=("article", "start", "end"),
        )
        _move_rows(
            EventActor, field="event", source=other, target=target, unique_with=("actor", "role")
        )
        target.places.add(*other.places.all())
        for field in _EVENT_FIGURES:
            mine, theirs = getattr(target, field), getattr(other, field)
            if mine is not None and theirs is not None and mine != theirs:
                note = f"{field}: {mine} here, {theirs} in merged event {other.pk}"
                if note not in target.conflicts:
                    target.conflicts.append(note)
        _fill_blanks(target, other, (*_EVENT_FIGURES, "summary"))
        _retire(other, target=target, user=user, model_name="event")
    _curate(target, "mentions")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"event {o.pk}" for o in others)
    )
    return target


@transaction.atomic
def event_split(*, event: Event, mention_ids: Iterable[int], user=None) -> Event:
    """Move some of an event's reports to a new event and return it.

    The new event starts as a pending copy of the old one's type, dates, places and
    participants, with figures from the reports it takes; both events' reports are
    curated so that a re-import does not cluster them back together.
    """
    mention_ids = set(mention_ids)
    moving = list(EventMention.objects.filter(event=event, pk__in=mention_ids))
    if not moving or len(moving) != len(mention_ids):
        raise ValueError("Choose reports of this event to move.")
    if not EventMention.objects.filter(event=event).exclude(pk__in=mention_ids).exists():
        raise ValueError("Leave at least one report with the event; move the others.")
    reported = [m.reported_fatalities for m in moving if m.reported_fatalities is not None]
    injured = [m.reported_injured for m in moving if m.reported_injured is not None]
    dates = [m.reported_date for m in moving if m.reported_date is not None]
    new_event = Event(
        title=event.title,
        summary=moving[0].text,
        event_type=event.event_type,
        start_date=min(dates) if dates else event.start_date,
        end_date=None,
        date_precision=event.date_precision,
        fatalities=min(reported) if reported else None,
        injured=min(injured) if injured else None,
        confidence=max(m.confidence for m in moving),
        curated_fields=["mentions"],
    )
    new_event.full_clean()
    _save_with_history(new_event, user=user, reason=f"Split from event {event.pk}")
    new_event.places.set(event.places.all())
    EventActor.objects.bulk_create(
        [
            EventActor(event=new_event, actor_id=p.actor_id, role=p.role)
            for p in event.participants.all()
        ]
    )
    EventMention.objects.filter(pk__in=mention_ids).update(event=new_event)
    _curate(event, "mentions")
    _save_with_history(event, user=user, reason=f"Split into event {new_event.pk}")
    return new_event


@transaction.atomic
def quote_merge(*, target: Quote, others: Iterable[Quote], user=None) -> Statement:
    """Make quotes reports of one statement (the target's) and return that statement.

    Quotes are evidence from different articles, so all of them stay; the statements
    left without quotes go, logged as merged. The quotes are curated so that a
    re-import does not split them up again.
    """
    others = list(others)
    if any(other.pk == target.pk for other in others) or not others:
        raise ValueError("Choose other quotes than the one kept.")
    statement = target.statement
    if statement is None:
        statement = Statement.objects.create(text=target.text, speaker_id=target.speaker_id)
    for quote in [target, *others]:
        previous = quote.statement_id
        quote.statement = statement
        _curate(quote, "statement")
        _save_with_history(quote, user=user, reason=f"Merged into statement {statement.pk}")
        if (
            previous
            and previous != statement.pk
            and not Quote.objects.filter(statement_id=previous).exists()
        ):
            Statement.objects.filter(pk=previous).delete()
            Deletion.objects.create(
                model="statement",
                object_id=previous,
                merged_into_id=statement.pk,
                reason="merged",
                deleted_by=user if user is not None and user.is_authenticated else None,
            )
    return statement


# ---------------------------------------------------------------- edits and deletions (API)

__all__ += ["record_delete", "record_update"]


@transaction.atomic
def record_update(*, record, changes: dict, user=None):
    """Apply an editor's ``changes`` to a curated record, validate it and save it.

    Every field named in ``changes`` is listed in ``curated_fields`` (through
    ``curated_record_save``, as the admin does), so a re-import never overwrites it, and
    the history entry names the editor. Raises ``ValidationError`` and saves nothing
    when the result breaks a model rule (an event ending before it starts, …).
    """
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    curated_record_save(record=record, changed_fields=changes, user=user)
    return record


@transaction.atomic
def record_delete(*, record, user=None) -> None:
    """Delete a record and log it in ``Deletion`` with its editor, for downstream copies."""
    Deletion.objects.create(
        model=record._meta.model_name,
        object_id=record.pk,
        reason="deleted",
        deleted_by=user if user is not None and user.is_authenticated else None,
    )
    if user is not None and user.is_authenticated:
        record._history_user = user
    record.delete()
