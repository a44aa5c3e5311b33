"""Read-only viewsets: queryset from selectors, serializer, filter set."""

from __future__ import annotations

from rest_framework import viewsets

from events import selectors
from events.api import filters, serializers


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.article_list()
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter
    ordering_fields = ["published_on", "title", "id"]


class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.actor_list()
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    ordering_fields = ["name", "id"]


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.place_list()
    serializer_class = serializers.PlaceSerializer
    filterset_class = filters.PlaceFilter
    ordering_fields = ["name", "id"]


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.quote_list()
    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter
    ordering_fields = ["said_on", "id"]


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.event_list()
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["start_date", "title", "id", "confidence"]
