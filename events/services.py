"""Every database write: recording extractions, resolving records across articles, reviews.

Keyword-only, typed and atomic. Records an editor has touched (approved, rejected,
merged or with curated fields) are never overwritten by an import.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from events.extraction import clustering, names, statements
from events.extraction.types import (
    ArticleExtraction,
    ExtractedActor,
    ExtractedEvent,
    ExtractedQuote,
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
    "actor_merge",
    "actor_resolve",
    "article_clear_extracted",
    "article_record",
    "curated_record_save",
    "event_merge",
    "event_record",
    "event_split",
    "place_merge",
    "place_resolve",
    "quote_merge",
    "quote_record",
    "review_status_set",
    "store_lock",
]

ACTOR_MATCH_THRESHOLD = names.MATCH_THRESHOLD
STATEMENT_MATCH_THRESHOLD = 0.6


@dataclasses.dataclass
class ArticleImportOutcome:
    article: Article
    created: Counter = dataclasses.field(default_factory=Counter)
    reextracted: bool = False


# ---------------------------------------------------------------- articles

# Any 64-bit number no other application on the database uses for an advisory lock.
STORE_LOCK_KEY = 0x65_76_65_6E_74_64_65_73  # "eventdes"


def store_lock() -> None:
    """Hold the import's store lock until the current transaction ends (PostgreSQL).

    Resolving a record reads ("is this actor or event known?") and then writes; two
    import workers doing that at once for one new actor would both create it. Storing is
    a small share of an import (the model's parse is the rest and stays parallel), so
    stores take turns. SQLite allows one writer at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])


@transaction.atomic
def article_record(
    *, source: SourceFile, extraction: ArticleExtraction, gazetteer
) -> ArticleImportOutcome:
    """Store one article and everything extracted from it, resolving records across articles.

    An article already stored with the same text is re-extracted in place (its
    uncurated records replaced); editors' decisions stay as they are.
    """
    cleaned = extraction.cleaned
    article = Article.objects.filter(content_hash=source.content_hash).first()
    outcome_created: Counter = Counter()
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
        article.full_clean()
        article.save()
        outcome_created["articles"] += 1
    else:
        article_clear_extracted(article=article)
        for name, value in fields.items():
            if name not in article.curated_fields:
                setattr(article, name, value)
        article.save()

    sentences = {s.index: s for s in extraction.sentences}
    place_ids: dict[str, int] = {}
    for extracted in extraction.places:
        place = place_resolve(entry=extracted.entry, gazetteer=gazetteer, created=outcome_created)
        if place is None:
            continue
        place_ids[extracted.key] = place.pk
        _add_aliases(PlaceAlias, "place", place, extracted.aliases)
        outcome_created["place mentions"] += _record_mentions(
            PlaceMention, "place", place, article, extracted, sentences
        )

    actor_ids: dict[str, int] = {}
    for extracted in extraction.actors:
        actor = actor_resolve(
            extracted=extracted,
            place_ids=frozenset(place_ids.get(k) for k in extracted.place_keys) - {None},
            created=outcome_created,
        )
        if actor is None:
            continue
        actor_ids[extracted.key] = actor.pk
        outcome_created["actor mentions"] += _record_mentions(
            ActorMention, "actor", actor, article, extracted, sentences
        )

    for extracted in extraction.quotes:
        if quote_record(
            article=article,
            extracted=extracted,
            speaker_id=actor_ids.get(extracted.speaker_key or ""),
            sentence=sentences.get(extracted.sentence_index),
        ):
            outcome_created["quotes"] += 1

    for extracted in extraction.events:
        event, created = event_record(
            article=article,
            extracted=extracted,
            place_ids=[place_ids[k] for k in extracted.place_keys if k in place_ids],
            actor_roles=[(actor_ids[k], r) for k, r in extracted.actor_roles if k in actor_ids],
        )
        if created:
            outcome_created["events"] += 1
        if event is not None:
            outcome_created["event mentions"] += 1
    return ArticleImportOutcome(article=article, created=outcome_created, reextracted=reextracted)


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


def _record_mentions(model, field: str, record, article, extracted, sentences) -> int:
    rows = []
    for mention in extracted.mentions:
        sentence: Sentence | None = sentences.get(mention.sentence_index)
        row = model(
            article=article,
            start=mention.start,
            end=mention.end,
            text=mention.text[:1000],
            sentence_start=sentence.start if sentence else mention.start,
            sentence_end=sentence.end if sentence else mention.end,
            confidence=mention.confidence,
            **{field: record},
        )
        if model is ActorMention:
            row.via = mention.via[:20]
        rows.append(row)
    model.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _add_aliases(model, field: str, record, spellings: Iterable[str]) -> None:
    existing = set(model.objects.filter(**{field: record}).values_list("normalized", flat=True))
    rows = []
    for spelling in {record.name, *spellings}:
        normalized = names.normalise_name(spelling)[:300]
        if normalized and normalized not in existing:
            existing.add(normalized)
            rows.append(model(name=spelling[:300], normalized=normalized, **{field: record}))
    model.objects.bulk_create(rows, ignore_conflicts=True)


def _follow_merges(record):
    seen = set()
    while record.merged_into_id and record.pk not in seen:
        seen.add(record.pk)
        record = record.merged_into
    return record


# ---------------------------------------------------------------- places


def place_resolve(
    *, entry: GazetteerEntry, gazetteer, created: Counter | None = None
) -> Place | None:
    """Return the Place for a gazetteer entry, creating it (and its parents) when new.

    A place an editor rejected stays rejected: its mentions are not recorded.
    """
    place = (
        Place.objects.filter(geonames_id=entry.geonames_id).select_related("merged_into").first()
    )
    if place is None:
        parent = None
        if entry.parent_geonames_id and entry.parent_geonames_id != entry.geonames_id:
            parent_entry = gazetteer.get(entry.parent_geonames_id)
            if parent_entry is not None:
                parent = place_resolve(entry=parent_entry, gazetteer=gazetteer, created=created)
        place = Place(
            name=entry.name[:300],
            kind=entry.kind,
            country_code=entry.country_code[:2],
            admin_region=entry.admin_region[:200],
            latitude=entry.latitude,
            longitude=entry.longitude,
            geonames_id=entry.geonames_id,
            parent=parent,
            confidence=0.8,
        )
        try:
            with transaction.atomic():
                place.save()
        except IntegrityError:  # another worker created it first
            place = Place.objects.get(geonames_id=entry.geonames_id)
        else:
            if created is not None:
                created["places"] += 1
            _add_aliases(PlaceAlias, "place", place, ())
    place = _follow_merges(place)
    if place.review_status == ReviewStatus.REJECTED:
        return None
    return place


# ---------------------------------------------------------------- actors


@dataclasses.dataclass(frozen=True)
class _ActorProfile:
    name: str
    aliases: tuple[str, ...]
    kind: str
    role: str
    country_code: str
    place_keys: frozenset


def _profile_of(actor: Actor, place_ids: frozenset = frozenset()) -> _ActorProfile:
    return _ActorProfile(
        name=actor.name,
        aliases=tuple(a.name for a in actor.aliases.all()),
        kind=actor.kind,
        role=actor.role,
        country_code=actor.country_code,
        place_keys=place_ids,
    )


def _places_near_actors(actor_ids: list[int]) -> dict[int, set[int]]:
    """Return the places mentioned in the articles of each actor, in one query."""
    places: dict[int, set[int]] = {}
    pairs = (
        PlaceMention.objects.filter(article__actor_mentions__actor__in=actor_ids)
        .values_list("article__actor_mentions__actor", "place_id")
        .distinct()
    )
    for actor_id, place_id in pairs:
        places.setdefault(actor_id, set()).add(place_id)
    return places


def actor_resolve(
    *, extracted: ExtractedActor, place_ids: frozenset = frozenset(), created: Counter | None = None
) -> Actor | None:
    """Return the Actor an extracted actor is, matching spellings across articles.

    Candidates come from the indexed name keys; the best candidate is taken when its
    match score reaches ``ACTOR_MATCH_THRESHOLD``. Returns None for a rejected actor.
    """
    spellings = {extracted.name, *extracted.aliases}
    keys = set()
    for spelling in spellings:
        keys |= names.name_keys(spelling)
    new_profile = _ActorProfile(
        name=extracted.name,
        aliases=tuple(spellings),
        kind=extracted.kind,
        role=extracted.role,
        country_code=extracted.country_code,
        place_keys=place_ids,
    )
    candidates = (
        Actor.objects.filter(keys__key__in=keys)
        .distinct()
        .select_related("merged_into")
        .prefetch_related("aliases")
    )
    best, best_score = None, 0.0
    candidates = list(candidates)
    places_near = _places_near_actors([candidate.pk for candidate in candidates])
    for candidate in candidates:
        candidate_places = frozenset(places_near.get(candidate.pk, ()))
        score = names.actor_match_score(new_profile, _profile_of(candidate, candidate_places))
        if score > best_score:
            best, best_score = candidate, score
    # A bare surname cannot tell namesakes apart; it is trusted only when one actor fits.
    threshold = names.SOLE_CANDIDATE_THRESHOLD if len(candidates) == 1 else ACTOR_MATCH_THRESHOLD
    if best is not None and best_score >= threshold:
        actor = _follow_merges(best)
        if actor.review_status == ReviewStatus.REJECTED:
            return None
        updates = []
        # Blanks are filled in only while the actor awaits review: an approved actor
        # stays exactly as the editor approved it.
        fillable = actor.review_status == ReviewStatus.PENDING
        if fillable and not actor.role and extracted.role and "role" not in actor.curated_fields:
            actor.role = extracted.role[:300]
            updates.append("role")
        if (
            fillable
            and not actor.country_code
            and extracted.country_code
            and "country_code" not in actor.curated_fields
        ):
            actor.country_code = extracted.country_code[:2]
            updates.append("country_code")
        # A fuller name seen later ("Pavlo X" after "X") becomes the canonical name.
        if (
            "name" not in actor.curated_fields
            and actor.review_status == ReviewStatus.PENDING
            and len(extracted.name.split()) > len(actor.name.split())
        ):
            actor.name = extracted.name[:300]
            updates.append("name")
        if updates:
            actor.save(update_fields=[*updates, "updated_at"])
    else:
        actor = Actor(
            name=extracted.name[:300],
            kind=extracted.kind,
            role=extracted.role[:300],
            country_code=extracted.country_code[:2],
            confidence=extracted.confidence,
        )
        actor.full_clean()
        actor.save()
        if created is not None:
            created["actors"] += 1
    _add_aliases(ActorAlias, "actor", actor, spellings)
    existing_keys = set(actor.keys.values_list("key", flat=True))
    ActorKey.objects.bulk_create(
        [ActorKey(actor=actor, key=k[:300]) for k in keys - existing_keys if k],
        ignore_conflicts=True,
    )
    return actor


# ---------------------------------------------------------------- quotes


def quote_record(
    *,
    article: Article,
    extracted: ExtractedQuote,
    speaker_id: int | None,
    sentence: Sentence | None,
) -> Quote | None:
    """Store a quote (unless an editor's version of it is kept) and link its statement."""
    if Quote.objects.filter(article=article, start=extracted.start, end=extracted.end).exists():
        return None
    statement = _statement_for(extracted.text, speaker_id, exclude_article=article)
    quote = Quote(
        text=extracted.text,
        speaker_id=speaker_id,
        speaker_name=extracted.speaker_name[:300],
        article=article,
        start=extracted.start,
        end=extracted.end,
        sentence_start=sentence.start if sentence else extracted.start,
        sentence_end=sentence.end if sentence else extracted.end,
        is_marked=extracted.is_marked,
        said_on=extracted.said_on,
        said_on_precision=extracted.said_on_precision or "",
        statement=statement,
        confidence=extracted.confidence,
    )
    quote.save()
    return quote


def _statement_for(text: str, speaker_id: int | None, *, exclude_article: Article) -> Statement:
    if speaker_id is not None:
        for candidate in Statement.objects.filter(speaker_id=speaker_id).exclude(
            quotes__article=exclude_article
        )[:200]:
            if statements.statement_similarity(text, candidate.text) >= STATEMENT_MATCH_THRESHOLD:
                return candidate
    return Statement.objects.create(text=text, speaker_id=speaker_id)


# ---------------------------------------------------------------- events


def _event_profile(
    *,
    event_type: str,
    start_date,
    precision,
    place_ids,
    actor_ids,
    fatalities,
    injured,
    numbers,
    text,
) -> clustering.EventProfile:
    return clustering.EventProfile(
        event_type=event_type,
        start_date=start_date,
        date_precision=precision,
        place_ids=frozenset(place_ids),
        actor_ids=frozenset(actor_ids),
        fatalities=fatalities,
        injured=injured,
        numbers=frozenset(numbers),
        text=text,
    )


def _with_parents(place_ids: Iterable[int]) -> set[int]:
    ids = set(place_ids)
    frontier = set(ids)
    for _ in range(3):
        parents = set(
            Place.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        frontier = parents - ids
        if not frontier:
            break
        ids |= frontier
    return ids


def event_record(
    *,
    article: Article,
    extracted: ExtractedEvent,
    place_ids: list[int],
    actor_roles: list[tuple[int, str]],
) -> tuple[Event | None, bool]:
    """Attach one article's report to the Event it describes, creating the Event if new.

    Candidates are fetched by date window; ``clustering.event_match_score`` decides.
    A report that matches a rejected event is kept with it, so the event stays gone.
    """
    try:
        event_type = EventType.objects.get(code=extracted.event_type)
    except EventType.DoesNotExist:
        return None, False
    kept = _kept_report_event(article=article, start=extracted.start, end=extracted.end)
    if kept is not None:
        return kept, False
    sentence_text = article.body[extracted.start : extracted.end]
    profile = _event_profile(
        event_type=extracted.event_type,
        start_date=extracted.start_date,
        precision=extracted.date_precision,
        place_ids=_with_parents(place_ids),
        actor_ids={a for a, _ in actor_roles},
        fatalities=extracted.fatalities,
        injured=extracted.injured,
        numbers=extracted.numbers,
        text=extracted.summary or sentence_text,
    )
    best, best_score = None, 0.0
    if extracted.start_date is not None:
        date_from, date_to = clustering.candidate_window(profile)
        candidates = (
            Event.objects.filter(start_date__range=(date_from, date_to), merged_into__isnull=True)
            .select_related("event_type")
            .prefetch_related("places", "participants")
        )
        # One article reports one happening once: its own events are not candidates.
        for candidate in candidates.exclude(mentions__article=article):
            score = clustering.event_match_score(profile, _profile_of_event(candidate))
            if score > best_score:
                best, best_score = candidate, score
    created = False
    if best is not None and best_score >= clustering.MERGE_THRESHOLD:
        event = best
        _merge_report_into(event, extracted, profile, place_ids, actor_roles)
    else:
        event = Event(
            title=extracted.title[:300],
            summary=extracted.summary,
            event_type=event_type,
            start_date=extracted.start_date,
            end_date=extracted.end_date,
            date_precision=extracted.date_precision or "day",
            fatalities=extracted.fatalities,
            injured=extracted.injured,
            displaced=extracted.displaced,
            confidence=extracted.confidence,
        )
        event.full_clean()
        event.save()
        event.places.add(*place_ids)
        EventActor.objects.bulk_create(
            [
                EventActor(event=event, actor_id=a, role=r or ActorRole.OTHER)
                for a, r in actor_roles
            ],
            ignore_conflicts=True,
        )
        created = True
    EventMention.objects.get_or_create(
        article=article,
        event=event,
        start=extracted.start,
        end=extracted.end,
        defaults={
            "text": sentence_text[:1000],
            "sentence_start": extracted.start,
            "sentence_end": extracted.end,
            "confidence": extracted.confidence,
            "reported_date": extracted.start_date,
            "reported_fatalities": extracted.fatalities,
            "reported_injured": extracted.injured,
        },
    )
    return event, created


def _kept_report_event(*, article: Article, start: int, end: int) -> Event | None:
    """Return the event that already holds this report, when an editor's decision kept it.

    ``article_clear_extracted`` keeps the reports of approved, rejected, curated and merged
    events; clustering the same sentence again would make a duplicate of an event the
    editor already decided on (or bring back a rejected one), so the report stays put.
    Reports of uncurated events were cleared, so only protected events are looked at.
    """
    mention = (
        EventMention.objects.filter(article=article, start__lt=end, end__gt=start)
        .exclude(event__review_status=ReviewStatus.PENDING, event__curated_fields=[])
        .select_related("event__merged_into")
        .first()
    )
    return None if mention is None else _follow_merges(mention.event)


def _profile_of_event(event: Event) -> clustering.EventProfile:
    return _event_profile(
        event_type=event.event_type.code,
        start_date=event.start_date,
        precision=event.date_precision,
        place_ids=_with_parents(p.pk for p in event.places.all()),
        actor_ids={p.actor_id for p in event.participants.all()},
        fatalities=event.fatalities,
        injured=event.injured,
        numbers=(),
        text=event.summary or event.title,
    )


def _merge_report_into(event: Event, extracted, profile, place_ids, actor_roles) -> None:
    if event.review_status != ReviewStatus.PENDING:
        return  # an editor approved or rejected it as it is
    existing = _profile_of_event(event)
    for conflict in clustering.event_conflicts(existing, profile):
        if conflict not in event.conflicts:
            event.conflicts.append(conflict)
    curated = set(event.curated_fields)
    # ACLED practice: when reports disagree, keep the lowest figure.
    for field in ("fatalities", "injured", "displaced"):
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
    event.save()
    if "places" not in curated:
        event.places.add(*place_ids)
    if "actors" not in curated:
        EventActor.objects.bulk_create(
            [
                EventActor(event=event, actor_id=a, role=r or ActorRole.OTHER)
                for a, r in actor_roles
            ],
            ignore_conflicts=True,
        )


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
        _add_aliases(ActorAlias, "actor", target, [other.name])
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
        _add_aliases(PlaceAlias, "place", target, [other.name])
        _fill_blanks(target, other, ("admin_region", "latitude", "longitude", "country_code"))
        _retire(other, target=target, user=user, model_name="place")
    _save_with_history(
        target, user=user, reason="Merged " + ", ".join(f"place {o.pk}" for o in others)
    )
    return target


_EVENT_FIGURES = ("fatalities", "injured", "displaced")


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
