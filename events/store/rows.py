"""The bulk row layer: the store's inserts, updates and reads as SQL, without model instances.

Why it exists. Storing an article takes a fixed number of queries, however many mentions
it has (27.8 an article on SQLite, 20.7 on PostgreSQL at 1,000 articles in
``benchmarks/README.md``), and most of them write or read rows nothing else looks at:
mentions, aliases, name keys, links, candidates' ids. Through the ORM each such query
cost more Python than the database took to answer it: building the query (a
``build_filter`` per condition), a model instance per row, signals, the compiler. This
module sends the same statements, built by hand and cached once per model, fields and
backend.

What it guarantees (the same rows as the ORM would write, same digest on both backends):

- ``rows_created`` / ``instances_created`` send what ``bulk_create`` sends: every field
  not given takes its model default (converted once a call; a timestamp, the time of the
  call), each value goes through its field's ``get_db_prep_save`` unless it is of a type
  the field sends as it is (``_VERBATIM_TYPES``); batches stay within the backend's
  parameter limit; ids come back in the order sent (``RETURNING``). No signals, no
  ``full_clean``, no history rows: callers pass values already cut to length, and a
  record's history starts before its first edit (``events.curation.history_snapshot``).
- ``rows_insert`` is ``bulk_create(ignore_conflicts=True)`` for rows nothing reads back:
  a row the table's unique constraints already hold is skipped. Inside
  ``inserts_deferred`` its statements wait until the block ends and go to PostgreSQL as
  one query (SQLite runs them one by one); a block that raises sends nothing.
- ``instances_updated`` is ``bulk_update`` (one ``CASE`` statement a batch) and sets
  ``updated_at``, which bulk updates skip.
- ``values_fetched`` / ``instances_fetched`` apply the converters the ORM applies (dates
  and JSON on SQLite); ``instances_fetched(only=…)`` defers the other fields as
  ``QuerySet.only`` does, and ``default_order`` keeps a model's ``Meta.ordering``.
- ``table`` / ``column`` quote names once a process; ``where_in``, ``fetched`` and
  ``union_fetched`` (``LIMIT`` branches as ``UNION ALL``s of at most 400: SQLite allows
  500) build and run the reads written as SQL in the record kinds' modules.

What it saves, measured on the import benchmarks (``benchmarks/README.md``, git log):
the per-article ORM reads written as SQL took 21% off the store's CPU (``db4fd23``); with
the candidate queries as SQL and a chunk's cache, 44–49 ms of store CPU an article went to
30–37 ms on 200 articles into a 3,000-article PostgreSQL database, 29.2 to 27.3 queries
an article (``bc8611f``, ``3a5b885``); ``inserts_deferred`` took PostgreSQL from 27.7 to
20.7 queries an article (``841b95c``); rows instead of model instances (``49d4377``),
where a profile of the last 1,000 of 10,000 articles had counted 48,442
``Model.__init__``, with one commit a batch and a faster statement bound, took the
store's CPU from 12.2–13.9 to 10.1–11.6 ms an article on SQLite (``850abad`` →
``0f2ad36``). The plain ORM would send as
many statements for each of these (``bulk_create``, ``bulk_update``, ``values_list``):
what this layer saves is Python time, and on PostgreSQL ``inserts_deferred``'s round
trips. Writes made once a re-extraction or once an editor's action use the ORM
(``record.article_clear_extracted``, ``events.curation``): there it costs the same.

How to add a model. Nothing to register: the caches key on the model and field names.

- New records whose ids are needed: ``rows_created(Model, FIELDS, rows)``, ``FIELDS`` a
  tuple of field names (a foreign key by its field name, its value the id) and each row
  a tuple in that order, of the fields' Python types. A field left out takes its
  default; a new type of field goes through ``get_db_prep_save`` unless added to
  ``_VERBATIM_TYPES`` (only if that returns such values unchanged).
- Rows nothing reads back: ``rows_insert(Model, FIELDS, rows)``; give the table a unique
  constraint if sending a row twice must keep one.
- Reads: ``values_fetched(Model, names, where, params)`` or ``instances_fetched``, with
  ``where`` built from ``column(Model, "field")`` and ``where_in``.
- Add the model to ``record._LOOKUP_MODELS`` if candidate lookups read it (PostgreSQL's
  statistics), and check the queries an article stay fixed: ``tests/test_importing.py``
  counts them for a short and a long article; ``benchmarks/counted_import.py`` prints
  them by statement shape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import threading
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.constants import OnConflict
from django.utils import timezone

__all__ = [
    "column",
    "converted",
    "default_order",
    "fetched",
    "inserts_deferred",
    "instances_created",
    "instances_fetched",
    "instances_updated",
    "rows_created",
    "rows_insert",
    "selection",
    "table",
    "union_fetched",
    "values_fetched",
    "where_in",
]


def rows_insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
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
    """Hold the statements ``rows_insert`` makes until the block ends, then send them.

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
    """Return ``rows_created``'s statement, row placeholder, the given columns as
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


def rows_created(model, given: tuple[str, ...], rows: list[tuple]) -> list[int]:
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


def instances_created(model, records: list) -> list:
    """Insert machine-made model instances as ``rows_created`` does; give them their ids."""
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
    ids = rows_created(
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


def instances_updated(model, records: dict, fields: set[str]) -> None:
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


# Branches of one compound read (actor keys, statements): SQLite allows 500.
_BRANCHES_PER_QUERY = 400


def union_fetched(branches: list[tuple[str, list]]) -> list[tuple]:
    """Return the rows of ``branches`` (SQL, parameters), read as few UNION ALLs."""
    rows: list[tuple] = []
    for offset in range(0, len(branches), _BRANCHES_PER_QUERY):
        batch = branches[offset : offset + _BRANCHES_PER_QUERY]
        rows += fetched(
            " UNION ALL ".join(sql for sql, _ in batch), [p for _, params in batch for p in params]
        )
    return rows


@functools.cache
def table(model) -> str:
    """Return ``model``'s table quoted, for the statements written as SQL.

    Cached, as are columns: the backend (PostgreSQL or SQLite) is one per process and
    quotes names alike, and the store names hundreds of columns an article.
    """
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)


@functools.cache
def column(model, name: str) -> str:
    """Return ``model``'s column ``name``, quoted and qualified by its table."""
    return f"{table(model)}.{connections[DEFAULT_DB_ALIAS].ops.quote_name(name)}"


def where_in(column: str, values: Iterable) -> tuple[str, list]:
    """Return ``column IN (...)`` for a non-empty ``values`` and its parameters."""
    params = sorted(values)
    return f"{column} IN ({', '.join(['%s'] * len(params))})", params


def default_order(model) -> str:
    """Return ``model``'s ``Meta.ordering`` as SQL, for reads that must keep it."""
    return ", ".join(
        f"{column(model, model._meta.get_field(name.lstrip('-')).column)} "
        f"{'DESC' if name.startswith('-') else 'ASC'}"
        for name in model._meta.ordering
    )


def fetched(sql: str, params: list) -> list[tuple]:
    """Return the rows of a read written as SQL."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def selection(model, names: tuple[str, ...], vendor: str) -> tuple[str, list]:
    """Return the columns and converters of a read of ``names`` fields.

    ``names`` are field names or attribute names, "pk" for the primary key. Once a model,
    fields and backend (``vendor`` is there to key the cache).
    """
    meta = model._meta
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in names]
    converters = []  # (index, functions, expression) of the columns that have any
    for index, field in enumerate(fields):
        expression = field.get_col(meta.db_table)
        functions = connection.ops.get_db_converters(expression)
        functions += expression.get_db_converters(connection)
        if functions:
            converters.append((index, functions, expression))
    columns = ", ".join(column(model, field.column) for field in fields)
    return columns, converters


def values_fetched(model, names: tuple[str, ...], where: str, params: list, *, order_by="") -> list:
    """Return the ``names`` fields of the rows of ``model`` matching ``where``.

    Each value passes through the converters the ORM applies (dates and JSON on
    SQLite, for instance). For the import's reads of a few rows: the ORM took longer to
    build each such query than the database took to answer it.
    """
    db = connections[DEFAULT_DB_ALIAS]  # ``connection`` looks it up at every attribute
    columns, converters = selection(model, names, db.vendor)
    sql = f"SELECT {columns} FROM {table(model)} WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return converted(fetched(sql, params), converters)


def converted(rows: list[tuple], converters: list) -> list:
    """Return ``rows`` with each value of a ``selection``'s converters converted."""
    if not converters:
        return rows
    db = connections[DEFAULT_DB_ALIAS]
    converted_rows = []
    for row in rows:
        values = list(row)
        for index, functions, expression in converters:
            for convert in functions:
                values[index] = convert(values[index], expression, db)
        converted_rows.append(values)
    return converted_rows


def instances_fetched(model, where: str, params: list, *, only: tuple[str, ...] = (), order_by=""):
    """Return the instances of ``model`` matching ``where``, as the ORM would make them.

    ``only`` defers the other fields as ``QuerySet.only`` does.
    """
    names = _loaded(model, only)
    alias = connections[DEFAULT_DB_ALIAS].alias
    return [
        model.from_db(alias, names, values)
        for values in values_fetched(model, names, where, params, order_by=order_by)
    ]


@functools.cache
def _loaded(model, only: tuple[str, ...]) -> tuple[str, ...]:
    """Return the attribute names of the fields ``instances_fetched`` reads, in model order."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if not only or field.primary_key or {field.name, field.attname} & set(only)
    )
