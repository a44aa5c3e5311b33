"""Change-list filters that stay light on tables of hundreds of thousands of rows.

Filters on actors, places and articles take typed input (an id, or words of a name)
instead of listing every related record the way ``RelatedFieldListFilter`` does.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict

from events.models import (
    Actor,
    ActorMention,
    Article,
    EventActor,
    EventMention,
    Place,
    PlaceMention,
    Quote,
)

__all__ = [
    "ActorInputFilter",
    "ArticleInputFilter",
    "ConfidenceBandFilter",
    "EndsByFilter",
    "LiveOrMergedFilter",
    "PlaceInputFilter",
    "StartsFromFilter",
]


class InputFilter(admin.SimpleListFilter):
    """A filter the editor types into; the other active filters are kept in the form."""

    template = "admin/eventdesk/input_filter.html"
    placeholder = ""

    def lookups(self, request, model_admin):
        return ()

    def has_output(self) -> bool:
        return True

    def selection_label(self) -> str:
        """Return what the current value means, shown beside the input."""
        return self.value() or ""

    def choices(self, changelist):
        kept = QueryDict(changelist.get_query_string(remove=[self.parameter_name, "p"])[1:])
        yield {
            "value": self.value() or "",
            "label": self.selection_label() if self.value() else "",
            "hidden_params": [(name, value) for name in kept for value in kept.getlist(name)],
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
            "placeholder": self.placeholder,
        }


class RecordInputFilter(InputFilter):
    """Filter by one related record: its id, or words of its name.

    ``listed_rows`` maps each listed model's name to a function from the related
    records' ids to the listed rows' ids, so one filter serves several change lists.
    """

    related_model = None
    name_lookups: tuple[str, ...] = ()
    listed_rows: dict = {}
    placeholder = "id or words of the name"

    def __init__(self, request, params, model, model_admin):
        self.listed_model_name = model._meta.model_name
        super().__init__(request, params, model, model_admin)

    def _typed(self) -> str:
        return (self.value() or "").strip()

    def matching_ids(self):
        value = self._typed()
        if value.isdigit():
            return [int(value)]
        condition = Q()
        for lookup in self.name_lookups:
            condition |= Q(**{f"{lookup}__icontains": value})
        return self.related_model.objects.filter(condition).values("pk")

    def selection_label(self) -> str:
        value = self._typed()
        if value.isdigit():
            record = self.related_model.objects.filter(pk=int(value)).first()
            return str(record) if record else f"no {self.title} {value}"
        return f"name contains “{value}”"

    def queryset(self, request, queryset):
        if not self._typed():
            return queryset
        rows = self.listed_rows[self.listed_model_name](self.matching_ids())
        # A subquery rather than a join, so the change list needs no DISTINCT.
        return queryset.filter(pk__in=rows)


class ActorInputFilter(RecordInputFilter):
    title = "actor"
    parameter_name = "actor"
    related_model = Actor
    name_lookups = ("name", "aliases__name")
    listed_rows = {
        "event": lambda ids: EventActor.objects.filter(actor__in=ids).values("event_id"),
        "quote": lambda ids: Quote.objects.filter(speaker__in=ids).values("pk"),
    }


class PlaceInputFilter(RecordInputFilter):
    title = "place"
    parameter_name = "place"
    related_model = Place
    name_lookups = ("name", "aliases__name")
    listed_rows = {
        "event": lambda ids: Place.events.through.objects.filter(place__in=ids).values("event_id"),
        "actor": lambda ids: ActorMention.objects.filter(
            article__place_mentions__place__in=ids
        ).values("actor_id"),
    }


class ArticleInputFilter(RecordInputFilter):
    title = "article"
    parameter_name = "article"
    related_model = Article
    name_lookups = ("title", "source_file")
    listed_rows = {
        "event": lambda ids: EventMention.objects.filter(article__in=ids).values("event_id"),
        "actor": lambda ids: ActorMention.objects.filter(article__in=ids).values("actor_id"),
        "place": lambda ids: PlaceMention.objects.filter(article__in=ids).values("place_id"),
        "quote": lambda ids: Quote.objects.filter(article__in=ids).values("pk"),
    }


class DateInputFilter(InputFilter):
    """Filter a date field from or up to a typed ISO date."""

    field_name = "start_date"
    lookup = "gte"
    placeholder = "YYYY-MM-DD"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value().strip())
        except ValueError as exc:
            raise admin.options.IncorrectLookupParameters(
                ValidationError(f"{self.value()} is not a date (YYYY-MM-DD).")
            ) from exc
        return queryset.filter(**{f"{self.field_name}__{self.lookup}": day})


class StartsFromFilter(DateInputFilter):
    title = "start date from"
    parameter_name = "starts_from"
    lookup = "gte"


class EndsByFilter(DateInputFilter):
    title = "start date up to"
    parameter_name = "starts_until"
    lookup = "lte"


class ConfidenceBandFilter(admin.SimpleListFilter):
    """Bands of the extractor's confidence, low first: what most needs a human look."""

    title = "confidence"
    parameter_name = "confidence_band"
    bands = {"low": (0.0, 0.4), "medium": (0.4, 0.7), "high": (0.7, 1.01)}

    def lookups(self, request, model_admin):
        return [
            ("low", "Low (under 0.4)"),
            ("medium", "Medium (0.4–0.7)"),
            ("high", "High (0.7 and over)"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in self.bands:
            return queryset
        low, high = self.bands[self.value()]
        return queryset.filter(confidence__gte=low, confidence__lt=high)


class LiveOrMergedFilter(admin.SimpleListFilter):
    """Hide records merged into others unless asked for: they are kept only for history."""

    title = "merge state"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("yes", "Merged away"), ("any", "All")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        if self.value() == "any":
            return queryset
        return queryset.filter(merged_into__isnull=True)

    def choices(self, changelist):
        choices = super().choices(changelist)
        default = next(choices)  # no value: the default, live records only
        yield {**default, "display": "Live records"}
        yield from choices
