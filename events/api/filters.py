"""Filter sets for the API lists, and the ordering filter that refuses unknown fields."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from events import selectors
from events.extraction.names import name_keys, normalise_name
from events.models import (
    Actor,
    ActorKey,
    Article,
    Deletion,
    Event,
    EventActor,
    EventMention,
    Place,
    Quote,
    ReviewStatus,
)

__all__ = [
    "ActorFilter",
    "AliasNameFilter",
    "ArticleFilter",
    "DeletionFilter",
    "EventFilter",
    "PlaceFilter",
    "QuoteFilter",
    "StrictOrderingFilter",
]


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, converted to UTC: databases refuse offsets beyond ±15 hours."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise FormValidationError("This moment is out of range.", code="invalid") from None


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or 1/0); anything else is an error, not "no filter"."""

    _VALUES = {"true": True, "1": True, "false": False, "0": False}
    # The raw text must reach to_python: the select widgets turn unknown text into None.
    widget = forms.TextInput

    def to_python(self, value):
        if value is None:  # not given; given empty is an error
            return None
        try:
            return self._VALUES[str(value).strip().lower()]
        except KeyError:
            raise FormValidationError("Use true or false.", code="invalid") from None


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.Filter):
    """A record id: a positive whole number (NumberFilter would take "1.5" or "1e99")."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class StrictOrderingFilter(OrderingFilter):
    """Order by the view's ``ordering_fields``; answer any other field with 400.

    DRF silently drops unknown fields, so a client misspelling ``-start_date`` would
    get a differently ordered list and never know.
    """

    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get(self.ordering_param)
        if requested is not None:
            fields = [term.strip() for term in requested.split(",") if term.strip()]
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {})}
            unknown = [term for term in fields if term.lstrip("-") not in allowed]
            if unknown or not fields:
                raise ValidationError(
                    {
                        "ordering": [
                            f"Cannot order by {', '.join(unknown) or requested!r}; "
                            f"choose from {', '.join(sorted(allowed))} (prefix - to reverse)."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        fields = sorted(name for name, _label in self.get_valid_fields(None, view, {}))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Fields to order by, comma-separated; - before one reverses it.",
                "style": "form",
                "explode": False,
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "enum": [*fields, *(f"-{f}" for f in fields)]},
                },
            }
        ]


class FullTextSearchFilter(django_filters.CharFilter):
    """Match words in the given text fields: PostgreSQL full-text search, else ``icontains``.

    PostgreSQL stems English ("evacuated" finds "evacuate") and reads web-search syntax
    (``"exact phrase"``, ``-excluded``); SQLite, for development, matches the substring.
    """

    def __init__(self, *, search_fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", f"Words in {', '.join(search_fields)}")
        super().__init__(**kwargs)
        self.search_fields = search_fields

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return qs
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            # A subquery keeps the vector out of the outer query's SELECT and GROUP BY.
            matching = (
                qs.model.objects.alias(
                    search_document=SearchVector(*self.search_fields, config="english")
                )
                .filter(
                    search_document=SearchQuery(value, config="english", search_type="websearch")
                )
                .values("pk")
            )
            return qs.filter(pk__in=matching)
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return qs.filter(condition)


class StrictFilterSet(django_filters.FilterSet):
    """A filter set that answers 400 for values its filters cannot take.

    A value that is not one of a choice filter's choices answers 400 naming the valid ones.
    """

    # A related record by id: an id no record has matches nothing (as any other filter
    # value would), rather than answering 400 as a form's choice field does.
    FILTER_DEFAULTS = {
        **django_filters.filterset.FILTER_FOR_DBFIELD_DEFAULTS,
        models.ForeignKey: {"filter_class": IdFilter},
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    def get_form_class(self):
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            if isinstance(field, forms.ChoiceField):
                valid = ", ".join(str(value) for value, _ in field.choices if value != "")
                field.error_messages["invalid_choice"] = (
                    f"%(value)s is not a valid choice; use one of: {valid}."
                )
        return form_class

    def is_valid(self) -> bool:
        # Empty is no value for a choice, a date, an id or a boolean: ``?kind=`` answers
        # 400 instead of silently listing everything. Free text may be empty.
        valid = super().is_valid()
        for name, value in self.data.items():
            given = self.filters.get(name)
            free_text = isinstance(given, django_filters.CharFilter) and not isinstance(
                given, django_filters.ChoiceFilter
            )
            if given is not None and not free_text and value == "":
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
        return valid


class SyncFilterSet(StrictFilterSet):
    """Filters every list shares: changes since a moment, for incremental copies."""

    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Only records changed at or after this ISO 8601 time, e.g. 2024-05-01T00:00:00Z",
    )


class ArticleFilter(SyncFilterSet):
    published_on__gte = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_on__lte = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")
    search = FullTextSearchFilter(search_fields=("title", "body"))

    class Meta:
        model = Article
        fields = ["outlet", "date_source", "source_file"]


class AliasNameFilter(django_filters.CharFilter):
    """Match a record by its name or any alias, the way editors spell it.

    Actors are matched by transliteration-blind keys too (``names.name_keys``), so
    ``Hrytsenko`` finds "Olena Gritsenko"; a single word matches surnames, several words
    the whole name.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        alias_model = qs.model.aliases.rel.related_model
        has_alias = alias_model.objects.filter(
            **{qs.model._meta.model_name: OuterRef("pk")}, normalized=normalise_name(value)
        )
        condition = Q(Exists(has_alias)) | Q(name__iexact=value)
        if qs.model is Actor:
            keys = self._lookup_keys(value)
            if keys:
                condition |= Q(Exists(ActorKey.objects.filter(actor=OuterRef("pk"), key__in=keys)))
        return qs.filter(condition)

    @staticmethod
    def _lookup_keys(value: str) -> list[str]:
        keys = name_keys(value)
        wanted = ("full:", "sur:") if len(value.split()) == 1 else ("full:",)
        return sorted(key for key in keys if key.startswith(wanted))


class RecordFilterSet(SyncFilterSet):
    country = django_filters.CharFilter(
        field_name="country_code", lookup_expr="iexact", label="ISO 3166-1 alpha-2 code"
    )
    name = AliasNameFilter(label="Name or any alias, spelling- and transliteration-blind")
    name__icontains = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    search = FullTextSearchFilter(search_fields=("name",))


class ActorFilter(RecordFilterSet):
    class Meta:
        model = Actor
        fields = ["kind", "country_code", "review_status"]


class PlaceFilter(RecordFilterSet):
    within = IdFilter(
        method="filter_within", label="Only places inside this place (any depth), itself included"
    )

    class Meta:
        model = Place
        fields = ["kind", "country_code", "review_status", "parent"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.place_subtree_ids(int(value)))


class QuoteFilter(SyncFilterSet):
    said_on__gte = django_filters.DateFilter(field_name="said_on", lookup_expr="gte")
    said_on__lte = django_filters.DateFilter(field_name="said_on", lookup_expr="lte")
    search = FullTextSearchFilter(search_fields=("text",))

    class Meta:
        model = Quote
        fields = ["speaker", "article", "statement", "is_marked", "review_status"]
        filter_overrides = {models.BooleanField: {"filter_class": StrictBooleanFilter}}


class EventFilter(SyncFilterSet):
    start_date__gte = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    start_date__lte = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    event_type = django_filters.CharFilter(
        method="filter_event_type",
        label="Event type code; a category's code also matches its sub-types",
    )
    place = IdFilter(method="filter_place", label="Place id; events anywhere inside it match too")
    actor = IdFilter(method="filter_actor", label="Actor id (any role)")
    actor_role = django_filters.ChoiceFilter(
        field_name="participants__role",
        choices=EventActor._meta.get_field("role").choices,
        distinct=True,
        label="Only events with a participant in this role",
    )
    article = IdFilter(method="filter_article", label="Reporting article id")
    min_confidence = django_filters.NumberFilter(field_name="confidence", lookup_expr="gte")
    has_fatalities = StrictBooleanFilter(
        method="filter_has_fatalities", label="true: at least one death reported"
    )
    review_status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    search = FullTextSearchFilter(search_fields=("title", "summary"))

    class Meta:
        model = Event
        fields = ["review_status", "date_precision"]

    def filter_event_type(self, queryset, name, value):
        codes = selectors.event_type_codes()
        if value not in codes:
            valid = ", ".join(codes)
            raise ValidationError(
                {"event_type": [f"{value} is not an event type code; use one of: {valid}."]}
            )
        return queryset.filter(Q(event_type__code=value) | Q(event_type__parent__code=value))

    def filter_place(self, queryset, name, value):
        located = Event.places.through.objects.filter(
            event_id=OuterRef("pk"), place_id__in=selectors.place_subtree_ids(int(value))
        )
        return queryset.filter(Exists(located))

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            Exists(EventActor.objects.filter(event_id=OuterRef("pk"), actor_id=value))
        )

    def filter_article(self, queryset, name, value):
        return queryset.filter(
            Exists(EventMention.objects.filter(event_id=OuterRef("pk"), article_id=value))
        )

    def filter_has_fatalities(self, queryset, name, value):
        if value:
            return queryset.filter(fatalities__gt=0)
        return queryset.filter(Q(fatalities__isnull=True) | Q(fatalities=0))


class DeletionFilter(StrictFilterSet):
    since = MomentFilter(
        field_name="deleted_at",
        lookup_expr="gte",
        label="Only deletions at or after this ISO 8601 time",
    )

    class Meta:
        model = Deletion
        fields = ["model", "reason"]
