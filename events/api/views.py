"""Viewsets: queryset from selectors, serializer, filter set; writes through curation."""

from __future__ import annotations

from django.core.exceptions import ValidationError as ModelValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from events import curation, selectors
from events.api import exports, filters, permissions, serializers

EXPORT_RENDERERS = (exports.CSVRenderer, exports.GeoJSONRenderer)


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail with ``?expand=``, exports and the public-read policy.

    Subclasses name a ``selector`` (called with the validated expansions), the relations
    they can ``expansions``, and ``exports``: format → streaming response function.
    """

    lookup_value_regex = "[0-9]+"  # anything else is no record's id: a 404, in JSON
    selector = None
    expansions: frozenset[str] = frozenset()
    exports: dict = {}
    list_description = (
        "Paginated (`page`, `page_size` up to 500). `updated_since` returns what changed "
        "since a sync; `/api/deletions/?since=` lists what went."
    )
    list_examples: list[OpenApiExample] = []

    def get_renderers(self):
        offered = [JSONRenderer(), BrowsableAPIRenderer()]
        # No action is a method the route lacks: negotiate as a list would, then say 405.
        if self.action in ("list", None):
            offered += [
                renderer() for renderer in EXPORT_RENDERERS if renderer.format in self.exports
            ]
        return offered

    @property
    def expand(self) -> frozenset[str]:
        """Return the relations ``?expand=`` asks to nest; 400 for names this list lacks."""
        requested = self.request.query_params.get("expand", "") if self.request else ""
        names = frozenset(name.strip() for name in requested.split(",") if name.strip())
        unknown = names - self.expansions
        if unknown:
            allowed = ", ".join(sorted(self.expansions)) or "nothing here"
            raise ValidationError(
                {"expand": [f"Cannot expand {', '.join(sorted(unknown))}; choose from {allowed}."]}
            )
        return names

    @property
    def export_format(self) -> str | None:
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer.format if isinstance(renderer, EXPORT_RENDERERS) else None

    @property
    def with_pending(self) -> bool:
        """Return whether this request may see records no editor has approved yet."""
        return permissions.sees_pending(self.request.user, self.queryset.model)

    def get_queryset(self):
        if self.request is None:  # schema generation
            return self.queryset
        if self.export_format:
            return self.export_selector(with_pending=self.with_pending)
        return type(self).selector(expand=self.expand, with_pending=self.with_pending)

    def export_selector(self, *, with_pending: bool):
        raise NotImplementedError

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None:
            context["expand"] = self.expand
        return context

    def list(self, request, *args, **kwargs):
        if self.export_format:
            # Exports stream every matching record: filters apply, pagination does not.
            queryset = self.filter_queryset(self.get_queryset())
            return self.exports[self.export_format](queryset, with_pending=self.with_pending)
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        # An error met while exporting is explained in JSON, not in a half-made CSV.
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), EXPORT_RENDERERS
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class EditableRecordViewSet(mixins.DestroyModelMixin, RecordViewSet):
    """Adds PATCH, DELETE and ``POST …/merge/`` (``permissions``); writes go through curation."""

    update_serializer_class = None
    merge_service = None

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        form = self.update_serializer_class(record, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        try:
            curation.record_update(record=record, changes=form.validated_data, user=request.user)
        except ModelValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)

    def perform_destroy(self, instance):
        curation.record_delete(record=instance, user=self.request.user)

    @action(detail=True, methods=["post"])
    def merge(self, request, *args, **kwargs):
        """Merge this record into another (``{"into": id}``); the other one is kept."""
        record = self.get_object()
        form = serializers.MergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        target = self.get_queryset().filter(pk=form.validated_data["into"]).first()
        if target is None:  # a reference to nothing: 404, as for the record itself
            raise NotFound("No such record to merge into.")
        try:
            type(self).merge_service(target=target, others=[record], user=request.user)
        except (ValueError, ModelValidationError) as error:
            raise ValidationError({"into": [str(error)]}) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=target.pk)).data)


def _list_parameters(viewset: type[RecordViewSet]) -> list[OpenApiParameter]:
    parameters = []
    if viewset.expansions:
        parameters.append(
            OpenApiParameter(
                "expand",
                str,
                many=True,
                explode=False,
                enum=sorted(viewset.expansions),
                description="Relations to serve as nested objects instead of ids "
                "(comma-separated). The query count does not grow with the page size.",
                examples=[OpenApiExample("nest places and actors", value=["places", "actors"])],
            )
        )
    if viewset.exports:
        parameters.append(
            OpenApiParameter(
                "format",
                str,
                enum=["json", *sorted(viewset.exports)],
                description="json (paginated, default) or a streamed export of every "
                "matching record, unpaginated: " + ", ".join(sorted(viewset.exports)),
            )
        )
    return parameters


def _list_responses(viewset: type[RecordViewSet], serializer) -> dict:
    responses = {(200, "application/json"): serializer(many=True)}
    if "csv" in viewset.exports:
        responses[(200, "text/csv")] = OpenApiResponse(
            OpenApiTypes.STR, description="One row per record, with a header line."
        )
    if "geojson" in viewset.exports:
        responses[(200, "application/geo+json")] = OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="A FeatureCollection: a Feature per event at its most precise place.",
        )
    return responses


def documented(viewset: type[RecordViewSet]) -> type[RecordViewSet]:
    """Describe a viewset's list parameters, export formats and editor operations."""
    read = viewset.serializer_class
    operations = {
        "list": extend_schema(
            parameters=_list_parameters(viewset),
            responses=_list_responses(viewset, read),
            description=viewset.list_description,
            examples=viewset.list_examples,
        ),
        "retrieve": extend_schema(
            parameters=[p for p in _list_parameters(viewset) if p.name == "expand"]
        ),
    }
    if issubclass(viewset, EditableRecordViewSet):
        operations["partial_update"] = extend_schema(
            request=viewset.update_serializer_class,
            responses=read,
            description="Needs the change permission (the editors group), and review to set "
            "`review_status`. Edited fields are kept from re-imports (curated_fields).",
            examples=[
                OpenApiExample("approve", value={"review_status": "approved"}, request_only=True)
            ],
        )
        operations["merge"] = extend_schema(
            request=serializers.MergeSerializer,
            responses=read,
            description="Needs the change and merge permissions (the editors group). Merge this "
            "record into `into`; returns the one kept. "
            "The merged record is logged in /api/deletions/.",
            examples=[OpenApiExample("merge into 42", value={"into": 42}, request_only=True)],
        )
        operations["destroy"] = extend_schema(
            description="Needs the delete permission, which editors lack (they reject or merge). "
            "The deletion is logged in /api/deletions/."
        )
    return extend_schema_view(**operations)(viewset)


@documented
class ArticleViewSet(RecordViewSet):
    queryset = selectors.article_list()
    selector = staticmethod(lambda *, expand, with_pending: selectors.article_list())
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter
    ordering_fields = ["published_on", "title", "id", "updated_at"]


@documented
class ActorViewSet(EditableRecordViewSet):
    queryset = selectors.actor_list()
    selector = staticmethod(
        lambda *, expand, with_pending: selectors.actor_list(with_pending=with_pending)
    )
    serializer_class = serializers.ActorSerializer
    update_serializer_class = serializers.ActorUpdateSerializer
    merge_service = staticmethod(curation.actor_merge)
    filterset_class = filters.ActorFilter
    ordering_fields = ["name", "id", "updated_at"]


@documented
class PlaceViewSet(EditableRecordViewSet):
    queryset = selectors.place_list()
    selector = staticmethod(
        lambda *, expand, with_pending: selectors.place_list(with_pending=with_pending)
    )
    serializer_class = serializers.PlaceSerializer
    update_serializer_class = serializers.PlaceUpdateSerializer
    merge_service = staticmethod(curation.place_merge)
    filterset_class = filters.PlaceFilter
    ordering_fields = ["name", "id", "updated_at"]


@documented
class QuoteViewSet(EditableRecordViewSet):
    queryset = selectors.quote_list()
    selector = staticmethod(selectors.quote_list)
    export_selector = staticmethod(selectors.quote_export_list)
    expansions = serializers.QUOTE_EXPANSIONS
    exports = {"csv": exports.quote_csv_response}
    serializer_class = serializers.QuoteSerializer
    update_serializer_class = serializers.QuoteUpdateSerializer
    merge_service = staticmethod(curation.quote_merge)
    filterset_class = filters.QuoteFilter
    ordering_fields = ["said_on", "id", "updated_at"]


@documented
class EventViewSet(EditableRecordViewSet):
    queryset = selectors.event_list()
    selector = staticmethod(selectors.event_list)
    export_selector = staticmethod(selectors.event_export_list)
    list_description = (
        RecordViewSet.list_description
        + " Filters combine: e.g. `event_type=assault&place=<country id>"
        "&start_date__gte=2024-01-01&has_fatalities=true` is every violent event with deaths "
        "anywhere in a country since 2024. `format=csv` (ACLED-style columns) and "
        "`format=geojson` stream every matching event, unpaginated."
    )
    list_examples = [
        OpenApiExample(
            "an event, ids not expanded",
            response_only=True,
            value={
                "id": 7,
                "title": "Shelling of Kharkiv",
                "summary": "Shells hit a market.",
                "event_type": "shelling",
                "event_type_name": "Shelling",
                "acled_event_type": "Explosions/Remote violence",
                "acled_sub_event_type": "Shelling/artillery/missile attack",
                "event_family": "assault",
                "cameo_root_code": "19",
                "start_date": "2024-05-10",
                "end_date": None,
                "date_precision": "day",
                "places": [3, 12],
                "actors": [5, 9],
                "participants": [
                    {"actor": 5, "name": "Russian armed forces", "role": "initiator"},
                    {"actor": 9, "name": "Kharkiv residents", "role": "target"},
                ],
                "articles": [41],
                "article_count": 1,
                "outlet_count": 1,
                "fatalities": 4,
                "injured": 9,
                "displaced": None,
                "conflicts": [],
                "confidence": 0.82,
                "review_status": "approved",
                "created_at": "2024-05-11T08:00:00Z",
                "updated_at": "2024-05-12T09:30:00Z",
            },
        )
    ]
    expansions = serializers.EVENT_EXPANSIONS
    exports = {"csv": exports.event_csv_response, "geojson": exports.event_geojson_response}
    serializer_class = serializers.EventSerializer
    update_serializer_class = serializers.EventUpdateSerializer
    merge_service = staticmethod(curation.event_merge)
    filterset_class = filters.EventFilter
    ordering_fields = ["start_date", "title", "id", "confidence", "updated_at"]


class DeletionViewSet(viewsets.ReadOnlyModelViewSet):
    """Records merged away or deleted: apply these to keep a downstream copy exact."""

    lookup_value_regex = "[0-9]+"
    queryset = selectors.deletion_list()
    serializer_class = serializers.DeletionSerializer
    filterset_class = filters.DeletionFilter
    ordering_fields = ["deleted_at", "id"]

    def get_queryset(self):
        if self.request is None:  # schema generation
            return self.queryset
        # The log names records of every kind: a reader who may not see pending records
        # of one kind gets only the deletions of records that were public.
        with_pending = all(
            permissions.sees_pending(self.request.user, model)
            for model in selectors.REVIEWED_MODELS
        )
        return selectors.deletion_list(with_pending=with_pending)


@csrf_exempt  # a 404 whatever the method: no form was ever served for this address
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Answer an API address no route matches (``/api/events/1.5/``) with a JSON 404."""
    return JsonResponse({"detail": "Not found."}, status=404)


__all__ = [
    "ActorViewSet",
    "ArticleViewSet",
    "DeletionViewSet",
    "EventViewSet",
    "PlaceViewSet",
    "QuoteViewSet",
    "api_not_found",
]
