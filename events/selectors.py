"""Every non-trivial read: querysets that already fetch what their callers show."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import islice

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.db.models.expressions import RawSQL

from events.models import (
    Actor,
    ActorAlias,
    Article,
    Deletion,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
    PlaceAlias,
    Quote,
    ReviewStatus,
)

__all__ = [
    "ARTICLE_SUMMARY_FIELDS",
    "REVIEWED_MODELS",
    "UNSHOWN_REVIEW_FIELDS",
    "actor_list",
    "article_list",
    "deletion_list",
    "event_export_chunks",
    "event_export_list",
    "event_list",
    "event_type_codes",
    "place_list",
    "place_subtree_ids",
    "quote_export_list",
    "quote_list",
    "visible",
]

# What an article nested in another record shows: enough to cite it, never its body.
ARTICLE_SUMMARY_FIELDS = (
    "id",
    "title",
    "outlet",
    "byline",
    "published_on",
    "date_source",
    "source_file",
    "language",
)


# The records an editor reviews; the others (articles, the deletion log…) are all public.
REVIEWED_MODELS = (Actor, Place, Quote, Event)
# Columns of a reviewed record that no read serializer shows: the curation bookkeeping.
UNSHOWN_REVIEW_FIELDS = ("curated_fields", "reviewed_by", "reviewed_at", "merged_into")


def visible(queryset: QuerySet, *, with_pending: bool) -> QuerySet:
    """Return ``queryset``, or only its approved records when pending ones are hidden.

    The one rule every list, nested record and export follows: the API decides
    ``with_pending`` per request (``events.api.permissions.sees_pending``).
    """
    if with_pending or not hasattr(queryset.model, "review_status"):
        return queryset
    approved = queryset.filter(review_status=ReviewStatus.APPROVED)
    if queryset.model is Place:
        # A place names its parent: a pending parent goes unnamed (``PlaceSerializer``).
        approved = approved.annotate(
            visible_parent_id=Case(
                When(parent__review_status=ReviewStatus.APPROVED, then=F("parent_id")),
                default=None,
            )
        )
    return approved


def _speaker_prefetch(actors: QuerySet[Actor], *, with_pending: bool) -> Prefetch:
    # A forward foreign key prefetched through a filtered queryset reads as None where
    # the filter drops the related record: a hidden speaker is no speaker.
    return Prefetch("speaker", queryset=visible(actors, with_pending=with_pending))


def article_list(*, with_pending: bool = True) -> QuerySet[Article]:
    return Article.objects.all()


def actor_list(*, with_pending: bool = True) -> QuerySet[Actor]:
    """Return live actors (merged-away ones excluded) with their aliases."""
    actors = Actor.objects.filter(merged_into__isnull=True).prefetch_related(
        Prefetch("aliases", queryset=ActorAlias.objects.order_by("name"))
    )
    return visible(actors, with_pending=with_pending)


def place_list(*, with_pending: bool = True) -> QuerySet[Place]:
    places = Place.objects.filter(merged_into__isnull=True).prefetch_related(
        Prefetch("aliases", queryset=PlaceAlias.objects.order_by("name"))
    )
    return visible(places, with_pending=with_pending)


def place_subtree_ids(place_id: int) -> RawSQL:
    """Return a subquery of ``place_id`` and every place inside it, at any depth.

    One recursive query walks the ``parent`` chain down, however deep the gazetteer
    nests; ``UNION`` (not ``UNION ALL``) stops it on a cycle an import may have made.
    """
    table = Place._meta.db_table
    return RawSQL(
        f"WITH RECURSIVE subtree(id) AS ("
        f" SELECT id FROM {table} WHERE id = %s"
        f" UNION SELECT child.id FROM {table} child JOIN subtree ON child.parent_id = subtree.id"
        f") SELECT id FROM subtree",
        (place_id,),
    )


def quote_list(*, expand: Collection[str] = (), with_pending: bool = True) -> QuerySet[Quote]:
    """Return quotes with speaker and article; ``expand`` fetches what nesting them shows."""
    queryset = visible(Quote.objects.select_related("article"), with_pending=with_pending)
    if "article" not in expand:
        # The list shows only the article's id; its body can be megabytes.
        queryset = queryset.defer(
            "article__body", "article__raw_text", "article__captions", "article__date_evidence"
        )
    aliases = ActorAlias.objects.order_by("name")
    if with_pending:
        queryset = queryset.select_related("speaker")
        if "speaker" in expand:
            queryset = queryset.prefetch_related(Prefetch("speaker__aliases", queryset=aliases))
        return queryset
    speakers = Actor.objects.all()
    if "speaker" in expand:
        speakers = speakers.prefetch_related(Prefetch("aliases", queryset=aliases))
    return queryset.prefetch_related(_speaker_prefetch(speakers, with_pending=False))


def quote_export_list(*, with_pending: bool = True) -> QuerySet[Quote]:
    """Return quotes with what a CSV row shows, article bodies left in the database."""
    fields = (
        *(f"article__{name}" for name in ("id", "title", "outlet", "published_on")),
        *(field.name for field in Quote._meta.concrete_fields),
    )
    if with_pending:
        return Quote.objects.select_related("speaker", "article").only(
            *fields, "speaker__id", "speaker__name"
        )
    speakers = Actor.objects.only("id", "name", "review_status")
    return (
        visible(Quote.objects.select_related("article"), with_pending=False)
        .only(*fields)
        .prefetch_related(_speaker_prefetch(speakers, with_pending=False))
    )


def _participants(*, with_pending: bool) -> QuerySet[EventActor]:
    participants = EventActor.objects.select_related("actor")
    if with_pending:
        return participants
    return participants.filter(actor__review_status=ReviewStatus.APPROVED)


def event_list(*, expand: Collection[str] = (), with_pending: bool = True) -> QuerySet[Event]:
    """Return live events with their type, places, participants and reporting articles.

    ``expand`` names the relations served as nested objects rather than ids; each
    adds one prefetch query, whatever the page size. Counts are taken from the prefetched
    rows rather than annotated: an aggregate would make the database group every
    matching event (and the page count query too) before the first page could leave.
    """
    places = visible(Place.objects.all(), with_pending=with_pending)
    participants = _participants(with_pending=with_pending)
    articles = Article.objects.only("id", "outlet")
    # Nested records are built with the columns the page shows and no more: a model
    # instance costs a little per column, and an unexpanded relation shows only ids
    # (participants their actor's name and role too).
    if "places" in expand:
        places = places.defer(*UNSHOWN_REVIEW_FIELDS).prefetch_related(
            Prefetch("aliases", PlaceAlias.objects.order_by("name"), to_attr="prefetched_aliases")
        )
    else:
        places = places.only("id")
    if "actors" in expand:
        participants = participants.defer(
            *(f"actor__{name}" for name in UNSHOWN_REVIEW_FIELDS)
        ).prefetch_related(
            Prefetch(
                "actor__aliases", ActorAlias.objects.order_by("name"), to_attr="prefetched_aliases"
            )
        )
    else:
        participants = participants.only("event", "actor", "role", "actor__name")
    if "articles" in expand:
        articles = Article.objects.only(*ARTICLE_SUMMARY_FIELDS)
    events = visible(Event.objects.filter(merged_into__isnull=True), with_pending=with_pending)
    return (
        events.select_related("event_type", "event_type__parent")
        .prefetch_related(
            # Lists (to_attr), not managers: Django builds a related manager and a
            # queryset per event to hold a prefetch otherwise. The API reads them through
            # serializers.related.
            Prefetch("places", queryset=places, to_attr="prefetched_places"),
            Prefetch("participants", queryset=participants, to_attr="prefetched_participants"),
            Prefetch("articles", queryset=articles.distinct(), to_attr="prefetched_articles"),
        )
        .order_by("-start_date", "id")
    )


def event_export_list(*, with_pending: bool = True) -> QuerySet[Event]:
    """Return live events in export order; ``event_export_chunks`` reads them as rows."""
    events = visible(Event.objects.filter(merged_into__isnull=True), with_pending=with_pending)
    return events.order_by("-start_date", "id")


EVENT_EXPORT_FIELDS = (
    "id",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "event_type__code",
    "event_type__name",
    "event_type__acled_event_type",
    "event_type__acled_sub_event_type",
    "event_type__cameo_root_code",
    "event_type__parent__code",
    "event_type__parent__name",
    "event_type__parent__acled_event_type",
    "event_type__parent__cameo_root_code",
    "fatalities",
    "injured",
    "displaced",
    "affected",
    "summary",
    "confidence",
    "review_status",
    "updated_at",
)
EXPORT_PLACE_FIELDS = ("name", "kind", "latitude", "longitude", "admin_region", "country_code")


def event_export_chunks(
    events: QuerySet[Event], *, with_pending: bool, chunk_size: int
) -> Iterator[list[dict]]:
    """Yield ``events`` as plain dicts, ``chunk_size`` at a time, with what an export shows.

    Each event dict carries ``places`` (dicts of ``EXPORT_PLACE_FIELDS``, by name),
    ``participants`` (``(role, actor name)``, by name) and ``articles`` (``(id, title,
    outlet)``, by id), read with three queries a chunk. Plain values, no model
    instances: at 100,000 events, building and prefetching instances was most of an
    export's time. The events are read through a server-side cursor where the database
    has one, so memory stays that of one chunk.
    """
    rows = events.values(*EVENT_EXPORT_FIELDS).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        by_id = {}
        for event in chunk:
            event.update(places=[], participants=[], articles=[])
            by_id[event["id"]] = event
        places = visible(Place.objects.all(), with_pending=with_pending)
        for link in (
            Event.places.through.objects.filter(event_id__in=by_id, place__in=places)
            .order_by("place__name", "place_id")
            .values("event_id", *(f"place__{field}" for field in EXPORT_PLACE_FIELDS))
        ):
            by_id[link.pop("event_id")]["places"].append(
                {field: link[f"place__{field}"] for field in EXPORT_PLACE_FIELDS}
            )
        for event_id, role, name in (
            _participants(with_pending=with_pending)
            .filter(event_id__in=by_id)
            .order_by("actor__name", "id")
            .values_list("event_id", "role", "actor__name")
        ):
            by_id[event_id]["participants"].append((role, name))
        for event_id, *article in (
            EventMention.objects.filter(event_id__in=by_id)
            .order_by("article_id")
            .values_list("event_id", "article_id", "article__title", "article__outlet")
            .distinct()
        ):
            by_id[event_id]["articles"].append(tuple(article))
        yield chunk


def event_type_codes() -> list[str]:
    """Return every event type's code, categories and sub-types, in code order."""
    return list(EventType.objects.order_by("code").values_list("code", flat=True))


def deletion_list(*, with_pending: bool = True) -> QuerySet[Deletion]:
    """Return the deletion log; without pending records, only records once approved.

    A reader who never saw pending records needs only the deletions of records that
    were public at some time: those whose history holds an approved version (a merge
    or a deletion writes the record's last version to its history).
    """
    deletions = Deletion.objects.order_by("deleted_at", "id")
    if with_pending:
        return deletions
    names = [model._meta.model_name for model in REVIEWED_MODELS]
    once_approved = Q(~Q(model__in=names))
    for model in REVIEWED_MODELS:
        approved_versions = model.history.model.objects.filter(
            id=OuterRef("object_id"), review_status=ReviewStatus.APPROVED
        )
        once_approved |= Q(model=model._meta.model_name) & Exists(approved_versions)
    return deletions.filter(once_approved)
