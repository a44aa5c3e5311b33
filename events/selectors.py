"""Every non-trivial read: querysets that already fetch what their callers show."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from events.models import (
    Actor,
    ActorAlias,
    Article,
    Deletion,
    Event,
    EventActor,
    EventType,
    Place,
    PlaceAlias,
    Quote,
)

__all__ = [
    "ARTICLE_SUMMARY_FIELDS",
    "actor_list",
    "article_list",
    "deletion_list",
    "event_export_list",
    "event_list",
    "event_type_codes",
    "place_list",
    "place_subtree_ids",
    "quote_export_list",
    "quote_list",
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


def article_list() -> QuerySet[Article]:
    return Article.objects.all()


def actor_list() -> QuerySet[Actor]:
    """Return live actors (merged-away ones excluded) with their aliases."""
    return Actor.objects.filter(merged_into__isnull=True).prefetch_related(
        Prefetch("aliases", queryset=ActorAlias.objects.order_by("name"))
    )


def place_list() -> QuerySet[Place]:
    return Place.objects.filter(merged_into__isnull=True).prefetch_related(
        Prefetch("aliases", queryset=PlaceAlias.objects.order_by("name"))
    )


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


def quote_list(*, expand: Collection[str] = ()) -> QuerySet[Quote]:
    """Return quotes with speaker and article; ``expand`` fetches what nesting them shows."""
    queryset = Quote.objects.select_related("speaker", "article")
    if "article" not in expand:
        # The list shows only the article's id; its body can be megabytes.
        queryset = queryset.defer(
            "article__body", "article__raw_text", "article__captions", "article__date_evidence"
        )
    if "speaker" in expand:
        queryset = queryset.prefetch_related(
            Prefetch("speaker__aliases", queryset=ActorAlias.objects.order_by("name"))
        )
    return queryset


def quote_export_list() -> QuerySet[Quote]:
    """Return quotes with what a CSV row shows, article bodies left in the database."""
    return Quote.objects.select_related("speaker", "article").only(
        *(f"article__{name}" for name in ("id", "title", "outlet", "published_on")),
        "speaker__id",
        "speaker__name",
        *(field.name for field in Quote._meta.concrete_fields),
    )


def event_list(*, expand: Collection[str] = ()) -> QuerySet[Event]:
    """Return live events with their type, places, participants and reporting articles.

    ``expand`` names the relations served as nested objects rather than ids; each
    adds one prefetch query, whatever the page size. Counts are taken from the prefetched
    rows rather than annotated: an aggregate would make the database group every
    matching event (and the page count query too) before the first page could leave.
    """
    places = Place.objects.all()
    participants = EventActor.objects.select_related("actor")
    articles = Article.objects.only("id", "outlet")
    if "places" in expand:
        places = places.prefetch_related(
            Prefetch("aliases", queryset=PlaceAlias.objects.order_by("name"))
        )
    if "actors" in expand:
        participants = participants.prefetch_related(
            Prefetch("actor__aliases", queryset=ActorAlias.objects.order_by("name"))
        )
    if "articles" in expand:
        articles = Article.objects.only(*ARTICLE_SUMMARY_FIELDS)
    return (
        Event.objects.filter(merged_into__isnull=True)
        .select_related("event_type", "event_type__parent")
        .prefetch_related(
            Prefetch("places", queryset=places),
            Prefetch("participants", queryset=participants),
            Prefetch("articles", queryset=articles.distinct()),
        )
        .order_by("-start_date", "id")
    )


def event_export_list() -> QuerySet[Event]:
    """Return live events with what an export row shows (article titles, not their bodies)."""
    return (
        Event.objects.filter(merged_into__isnull=True)
        .select_related("event_type", "event_type__parent")
        .prefetch_related(
            "places",
            Prefetch("participants", queryset=EventActor.objects.select_related("actor")),
            Prefetch(
                "articles",
                queryset=Article.objects.only("id", "title", "outlet").distinct(),
            ),
        )
        .order_by("-start_date", "id")
    )


def event_type_codes() -> list[str]:
    """Return every event type's code, categories and sub-types, in code order."""
    return list(EventType.objects.order_by("code").values_list("code", flat=True))


def deletion_list() -> QuerySet[Deletion]:
    return Deletion.objects.order_by("deleted_at", "id")
