"""Serializers: the read field names tools already rely on, nested expansions, editors' writes."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from operator import attrgetter

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from events.api.schema import ExpandableRelation
from events.models import Actor, Article, Deletion, Event, EventType, Place, Quote
from events.selectors import ARTICLE_SUMMARY_FIELDS

EVENT_EXPANSIONS = frozenset({"places", "actors", "articles"})
QUOTE_EXPANSIONS = frozenset({"speaker", "article"})


def related(instance, name: str) -> list:
    """Return ``instance.<name>.all()``, read straight from the prefetch cache when there.

    ``instance.places.all()`` builds a related manager and a queryset before it finds the
    prefetched rows; on an expanded page of 50 events that was hundreds of managers.
    """
    listed = getattr(instance, f"prefetched_{name}", None)  # Prefetch(to_attr=…)
    if listed is not None:
        return listed
    cached = getattr(instance, "_prefetched_objects_cache", {}).get(name)
    if cached is not None:
        return cached
    return list(getattr(instance, name).all())


def _utc_datetime(field: serializers.DateTimeField) -> Callable:
    # DRF's DateTimeField.to_representation, for the common case (ISO 8601 in the
    # current time zone) without looking that zone up for every value.
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if not (isinstance(output_format, str) and output_format.lower() == ISO_8601):
        return field.to_representation
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return field.to_representation

    def render(value):
        if value.tzinfo is None:
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return render


def _plain(field: serializers.Field) -> Callable | None:
    """Return how ``field`` turns a model value into JSON when that is trivial, else None."""
    kind = type(field)
    if kind in (serializers.CharField, serializers.ChoiceField):
        return str
    if kind is serializers.IntegerField:
        return int
    if kind is serializers.BigIntegerField:  # ids: numbers, unless a setting makes them text
        if getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING):
            return str
        return int
    if kind is serializers.FloatField:
        return float
    if kind is serializers.BooleanField:
        return bool
    if kind is serializers.JSONField and not field.binary:
        return lambda value: value
    if kind is serializers.DateField:
        output_format = getattr(field, "format", api_settings.DATE_FORMAT)
        if isinstance(output_format, str) and output_format.lower() == ISO_8601:
            return lambda value: value.isoformat()
    if kind is serializers.DateTimeField:
        return _utc_datetime(field)
    return None


def _chained(source_attrs: list[str], convert: Callable, field_name: str) -> Callable:
    """Return ``bind(serializer)`` for a plain field read through related records.

    ``event_type.name``: each step a plain attribute read. Where a step is None, DRF's
    own path decides (it omits the field, or serves its default or null).
    """
    *path, last = source_attrs
    read_related = attrgetter(".".join(path))

    def bind(serializer):
        def chained(instance):
            record = read_related(instance)
            if record is None:
                return serializer._drf_value(serializer.fields[field_name], instance)
            value = getattr(record, last)
            return None if value is None else convert(value)

        return chained

    return bind


# A compiled serializer class: (field name, bind) pairs, ``bind(serializer)`` returning the
# field's getter for that serializer. Keyed by class and time zone (datetimes are rendered
# in the current one); forgotten when a setting changes (DRF's formats are settings).
_PLANS: dict[tuple[type, str], list[tuple[str, Callable]]] = {}


@receiver(setting_changed)
def _forget_plans(**kwargs) -> None:
    _PLANS.clear()


class LeanReadSerializer(serializers.ModelSerializer):
    """A model serializer whose reads skip DRF's per-field machinery where it does nothing.

    ``to_representation`` of a ``ModelSerializer`` walks every field through
    ``get_attribute``, ``PKOnlyObject`` checks and ``to_representation`` for each record;
    on a page of 500 events with their places and actors that machinery cost more than
    the page's SQL. Here each field is compiled into a getter: a plain attribute read
    and conversion for simple fields (through a chain of foreign keys too), the method for
    ``SerializerMethodField``, DRF's own path for anything else, so the JSON is the same
    (``tests/api/test_read_api.py`` compares both paths). The compilation is done once per
    class, not per request: building a ``ModelSerializer``'s fields introspects the model
    each time, for the list and each nested serializer. So a subclass's fields must not
    depend on its context.
    """

    @cached_property
    def _getters(self) -> list[tuple[str, Callable]]:
        key = (type(self), timezone.get_current_timezone_name())
        plan = _PLANS.get(key)
        if plan is None:
            plan = [(field.field_name, self._compile(field)) for field in self._readable_fields]
            _PLANS[key] = plan
        return [(name, bind(self)) for name, bind in plan]

    @staticmethod
    def _compile(field: serializers.Field) -> Callable:
        """Return ``bind(serializer)``: the getter of ``field`` for one serializer."""
        name = field.field_name
        if isinstance(field, serializers.SerializerMethodField):
            method_name = field.method_name
            return lambda serializer: getattr(serializer, method_name)
        if isinstance(field, AliasNamesField):
            source = field.source_attrs[0]

            def aliases(instance):
                return [alias.name for alias in related(instance, source)]

            return lambda serializer: aliases
        convert = _plain(field)
        if isinstance(field, serializers.SlugRelatedField) and field.read_only:
            convert = attrgetter(field.slug_field)
        if convert is not None and len(field.source_attrs) == 1:
            read = attrgetter(field.source_attrs[0])

            def plain(instance, read=read, convert=convert):
                value = read(instance)
                return None if value is None else convert(value)

            return lambda serializer: plain
        if convert is not None:
            return _chained(field.source_attrs, convert, name)
        if isinstance(field, serializers.PrimaryKeyRelatedField) and len(field.source_attrs) == 1:
            read_id = attrgetter(f"{field.source_attrs[0]}_id")
            return lambda serializer: read_id
        return lambda serializer: partial(serializer._drf_value, serializer.fields[name])

    @staticmethod
    def _drf_value(field: serializers.Field, instance):
        attribute = field.get_attribute(instance)
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else field.to_representation(attribute)

    def to_representation(self, instance) -> dict:
        data = {}
        for name, getter in self._getters:
            try:
                data[name] = getter(instance)
            except SkipField:
                continue
        return data

    def drf_representation(self, instance) -> dict:
        """Return DRF's own rendering of ``instance``: what the lean path must equal."""
        return dict(super().to_representation(instance))


class ArticleSerializer(LeanReadSerializer):
    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "outlet",
            "byline",
            "published_on",
            "date_source",
            "date_evidence",
            "source_file",
            "url",
            "language",
            "captions",
            "body",
            "extractor_version",
            "imported_at",
            "created_at",
            "updated_at",
        ]


class ArticleSummarySerializer(LeanReadSerializer):
    """An article nested in an event or quote: enough to cite it, not its body."""

    class Meta:
        model = Article
        fields = list(ARTICLE_SUMMARY_FIELDS)


class AliasNamesField(serializers.ListField):
    child = serializers.CharField()

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class ActorSerializer(LeanReadSerializer):
    aliases = AliasNamesField(read_only=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "kind",
            "role",
            "country_code",
            "external_id",
            "aliases",
            "confidence",
            "review_status",
            "created_at",
            "updated_at",
        ]


class PlaceSerializer(LeanReadSerializer):
    aliases = AliasNamesField(read_only=True)

    class Meta:
        model = Place
        fields = [
            "id",
            "name",
            "kind",
            "country_code",
            "admin_region",
            "latitude",
            "longitude",
            "geonames_id",
            "parent",
            "aliases",
            "confidence",
            "review_status",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, place: Place) -> dict:
        data = super().to_representation(place)
        if hasattr(place, "visible_parent_id"):  # pending records hidden (selectors.visible)
            data["parent"] = place.visible_parent_id
        return data


class SpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ExpandingSerializer(LeanReadSerializer):
    """A serializer that nests related records when the request's ``?expand=`` names them.

    The view validates the names and puts them in the context as ``expand``; the
    queryset (``selectors``) has already fetched what the nested records show.
    """

    @cached_property
    def expand(self) -> frozenset[str]:
        return frozenset(self.context.get("expand", ()))


class QuoteSerializer(ExpandingSerializer):
    speaker = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "speaker",
            "speaker_name",
            "article",
            "is_marked",
            "said_on",
            "said_on_precision",
            "statement",
            "start",
            "end",
            "confidence",
            "review_status",
            "created_at",
            "updated_at",
        ]

    @cached_property
    def _speaker_serializer(self) -> serializers.Serializer:
        if "speaker" in self.expand:
            return ActorSerializer(context=self.context)
        return SpeakerSerializer(context=self.context)

    @extend_schema_field(
        ExpandableRelation(ActorSerializer, reference=SpeakerSerializer, nullable=True)
    )
    def get_speaker(self, quote: Quote) -> dict | None:
        if quote.speaker is None:
            return None
        return self._speaker_serializer.to_representation(quote.speaker)

    @cached_property
    def _article_serializer(self) -> ArticleSummarySerializer:
        return ArticleSummarySerializer(context=self.context)

    @extend_schema_field(ExpandableRelation(ArticleSummarySerializer))
    def get_article(self, quote: Quote) -> int | dict:
        if "article" in self.expand:
            return self._article_serializer.to_representation(quote.article)
        return quote.article_id


class ParticipantSerializer(serializers.Serializer):
    actor = serializers.IntegerField(source="actor_id")
    name = serializers.CharField(source="actor.name")
    role = serializers.CharField()


class EventSerializer(ExpandingSerializer):
    event_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    event_type_name = serializers.CharField(source="event_type.name", read_only=True)
    acled_event_type = serializers.CharField(source="event_type.acled_event_type", read_only=True)
    acled_sub_event_type = serializers.CharField(
        source="event_type.acled_sub_event_type", read_only=True
    )
    event_family = serializers.SerializerMethodField()
    cameo_root_code = serializers.CharField(source="event_type.cameo_root_code", read_only=True)
    places = serializers.SerializerMethodField()
    actors = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    articles = serializers.SerializerMethodField()
    article_count = serializers.SerializerMethodField()
    outlet_count = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "summary",
            "event_type",
            "event_type_name",
            "acled_event_type",
            "acled_sub_event_type",
            "event_family",
            "cameo_root_code",
            "start_date",
            "end_date",
            "date_precision",
            "places",
            "actors",
            "participants",
            "articles",
            "article_count",
            "outlet_count",
            "fatalities",
            "injured",
            "displaced",
            "affected",
            "conflicts",
            "confidence",
            "review_status",
            "created_at",
            "updated_at",
        ]

    @cached_property
    def _place_serializer(self) -> PlaceSerializer:
        return PlaceSerializer(context=self.context)

    @cached_property
    def _actor_serializer(self) -> ActorSerializer:
        return ActorSerializer(context=self.context)

    @cached_property
    def _article_serializer(self) -> ArticleSummarySerializer:
        return ArticleSummarySerializer(context=self.context)

    @extend_schema_field(serializers.CharField())
    def get_event_family(self, event: Event) -> str:
        """Return the PLOVER-style family code (the taxonomy's upper level)."""
        event_type = event.event_type
        return (event_type.parent or event_type).code

    @extend_schema_field(ExpandableRelation(PlaceSerializer, many=True))
    def get_places(self, event: Event) -> list[int] | list[dict]:
        places = related(event, "places")
        if "places" in self.expand:
            return [self._place_serializer.to_representation(place) for place in places]
        return [place.pk for place in places]

    @extend_schema_field(ExpandableRelation(ActorSerializer, many=True))
    def get_actors(self, event: Event) -> list[int] | list[dict]:
        actors = {p.actor_id: p.actor for p in related(event, "participants")}
        if "actors" in self.expand:
            return [self._actor_serializer.to_representation(actors[pk]) for pk in sorted(actors)]
        return sorted(actors)

    @extend_schema_field(ExpandableRelation(ArticleSummarySerializer, many=True))
    def get_articles(self, event: Event) -> list[int] | list[dict]:
        articles = {article.pk: article for article in related(event, "articles")}
        if "articles" in self.expand:
            return [
                self._article_serializer.to_representation(articles[pk]) for pk in sorted(articles)
            ]
        return sorted(articles)

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, event: Event) -> list[dict]:
        return [
            {"actor": p.actor_id, "name": p.actor.name, "role": p.role}
            for p in related(event, "participants")
        ]

    def get_article_count(self, event: Event) -> int:
        return len(related(event, "articles"))

    def get_outlet_count(self, event: Event) -> int:
        return len({a.outlet for a in related(event, "articles") if a.outlet})


class DeletionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deletion
        fields = ["id", "model", "object_id", "merged_into_id", "reason", "deleted_at"]


# ---------------------------------------------------------------- editors' writes


class ActorUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "country_code", "external_id", "review_status"]


class PlaceUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "country_code",
            "admin_region",
            "latitude",
            "longitude",
            "parent",
            "review_status",
        ]


class QuoteUpdateSerializer(serializers.ModelSerializer):
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.filter(merged_into__isnull=True), allow_null=True, required=False
    )

    class Meta:
        model = Quote
        fields = [
            "text",
            "speaker",
            "speaker_name",
            "said_on",
            "said_on_precision",
            "review_status",
        ]


class EventUpdateSerializer(serializers.ModelSerializer):
    event_type = serializers.SlugRelatedField(
        slug_field="code", queryset=EventType.objects.all(), required=False
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "event_type",
            "start_date",
            "end_date",
            "date_precision",
            "fatalities",
            "injured",
            "displaced",
            "review_status",
        ]


class MergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(
        min_value=1, help_text="Id of the record that survives and takes over this one."
    )
