"""Filter sets for the API lists."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q

from events.extraction.names import normalise_name
from events.models import Actor, Article, Event, Place, Quote


class ArticleFilter(django_filters.FilterSet):
    published_on__gte = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_on__lte = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Article
        fields = ["outlet", "date_source", "source_file"]


class AliasNameFilter(django_filters.CharFilter):
    """Match a record by its name or any alias, the way editors spell it."""

    def filter(self, qs, value):
        if not value:
            return qs
        alias_model = qs.model.aliases.rel.related_model
        has_alias = alias_model.objects.filter(
            **{qs.model._meta.model_name: OuterRef("pk")}, normalized=normalise_name(value)
        )
        return qs.filter(Q(Exists(has_alias)) | Q(name__iexact=value))


class ActorFilter(django_filters.FilterSet):
    name = AliasNameFilter()

    class Meta:
        model = Actor
        fields = ["kind", "country_code", "review_status"]


class PlaceFilter(django_filters.FilterSet):
    name = AliasNameFilter()

    class Meta:
        model = Place
        fields = ["kind", "country_code", "review_status"]


class QuoteFilter(django_filters.FilterSet):
    class Meta:
        model = Quote
        fields = ["speaker", "article", "statement", "is_marked", "review_status"]


class EventFilter(django_filters.FilterSet):
    start_date__gte = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    start_date__lte = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    event_type = django_filters.CharFilter(field_name="event_type__code")
    place = django_filters.NumberFilter(field_name="places", distinct=True)
    actor = django_filters.NumberFilter(field_name="actors", distinct=True)
    article = django_filters.NumberFilter(field_name="articles", distinct=True)
    min_confidence = django_filters.NumberFilter(field_name="confidence", lookup_expr="gte")

    class Meta:
        model = Event
        fields = ["review_status", "date_precision"]
