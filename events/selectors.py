"""Every non-trivial read: querysets that already fetch what their callers show."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from events.models import Actor, ActorAlias, Article, Event, EventActor, Place, PlaceAlias, Quote

__all__ = ["actor_list", "article_list", "event_list", "place_list", "quote_list"]


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


def quote_list() -> QuerySet[Quote]:
    return Quote.objects.select_related("speaker", "article")


def event_list() -> QuerySet[Event]:
    """Return live events with their type, places, participants and reporting articles."""
    return (
        Event.objects.filter(merged_into__isnull=True)
        .select_related("event_type", "event_type__parent")
        .prefetch_related(
            "places",
            Prefetch("participants", queryset=EventActor.objects.select_related("actor")),
            Prefetch("articles", queryset=Article.objects.only("id", "outlet").distinct()),
        )
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("-start_date", "id")
    )
