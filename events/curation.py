"""Editors' writes: reviews, curated edits, merges, splits, updates and deletions, with history.

Called by the admin and the API. Every field an editor changes is listed in the record's
``curated_fields``, and reviewed or merged records keep their decisions: a re-import
never overwrites them. A record's history starts with its imported version
(``history_snapshot``) just before its first edit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from events.models import (
    Actor,
    ActorAlias,
    ActorKey,
    ActorMention,
    Deletion,
    Event,
    EventActor,
    EventMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    Statement,
)
from events.store.events import EVENT_FIGURES
from events.store.evidence import aliases_add
from events.store.record import store_lock

__all__ = [
    "IMPORT_REASON",
    "actor_merge",
    "curated_record_save",
    "event_merge",
    "event_split",
    "history_snapshot",
    "place_merge",
    "quote_merge",
    "record_delete",
    "record_update",
    "review_status_set",
]


# The change reason of history rows written by an import (editors' rows name the editor).
IMPORT_REASON = "Import"


def serialised_with_imports(write):
    """Run ``write`` atomically, taking turns with imports and other merges (PostgreSQL).

    A merge, split or deletion moves the evidence that points at a record. An import
    batch that has not committed yet holds evidence the merge cannot see; committed after
    the merge, it would point at the merged-away record. Holding the store's lock, the
    same one every import batch holds until it commits, the write waits for the batch, and
    a batch that starts later waits for the write (and then follows ``merged_into``).
    """

    @functools.wraps(write)
    def serialised(*args, **kwargs):
        if "others" in kwargs:
            kwargs["others"] = list(kwargs["others"])
        with transaction.atomic():
            store_lock()
            for record in _records_of(kwargs):
                record.refresh_from_db(fields=["merged_into"])
            return write(*args, **kwargs)

    return serialised


def _records_of(arguments: dict) -> list:
    """Return the records a merge or split names, to re-read what changed while it waited."""
    records = [arguments[name] for name in ("target", "event") if name in arguments]
    records += list(arguments.get("others") or ())
    return [record for record in records if hasattr(record, "merged_into_id")]


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


@serialised_with_imports
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
        aliases_add(ActorAlias, "actor", {target.pk: {target.name, other.name}})
        _fill_blanks(target, other, ("role", "country_code", "external_id"))
        _retire(other, target=target, user=user, model_name="actor")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"actor {o.pk}" for o in others)
    )
    return target


@serialised_with_imports
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
        aliases_add(PlaceAlias, "place", {target.pk: {target.name, other.name}})
        _fill_blanks(target, other, ("admin_region", "latitude", "longitude", "country_code"))
        _retire(other, target=target, user=user, model_name="place")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"place {o.pk}" for o in others)
    )
    return target


@serialised_with_imports
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
        for field in EVENT_FIGURES:
            mine, theirs = getattr(target, field), getattr(other, field)
            if mine is not None and theirs is not None and mine != theirs:
                note = f"{field}: {mine} here, {theirs} in merged event {other.pk}"
                if note not in target.conflicts:
                    target.conflicts.append(note)
        _fill_blanks(target, other, (*EVENT_FIGURES, "summary"))
        _retire(other, target=target, user=user, model_name="event")
    _curate(target, "mentions")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"event {o.pk}" for o in others)
    )
    return target


@serialised_with_imports
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


@serialised_with_imports
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


@serialised_with_imports
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
