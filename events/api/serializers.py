"""Serializers: the read field names tools already rely on, nested expansions, editors' writes."""

from __future__ import annotations

from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.schema import ExpandableRelation
from events.models import Actor, Article, Deletion, Event, EventType, Place, Quote
from events.selectors import ARTICLE_SUMMARY_FIELDS

EVENT_EXPANSIONS = frozenset({"places", "actors", "articles"})
QUOTE_EXPANSIONS = frozenset({"speaker", "article"})


class ArticleSerializer(serializers.ModelSerializer):
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


class ArticleSummarySerializer(serializers.ModelSerializer):
    """An article nested in an event or quote: enough to cite it, not its body."""

    class Meta:
        model = Article
        fields = list(ARTICLE_SUMMARY_FIELDS)


class AliasNamesField(serializers.ListField):
    child = serializers.CharField()

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class ActorSerializer(serializers.ModelSerializer):
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


class PlaceSerializer(serializers.ModelSerializer):
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


class ExpandingSerializer(serializers.ModelSerializer):
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
    participants = ParticipantSerializer(many=True, read_only=True)
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
        places = event.places.all()
        if "places" in self.expand:
            return [self._place_serializer.to_representation(place) for place in places]
        return [place.pk for place in places]

    @extend_schema_field(ExpandableRelation(ActorSerializer, many=True))
    def get_actors(self, event: Event) -> list[int] | list[dict]:
        actors = {p.actor_id: p.actor for p in event.participants.all()}
        if "actors" in self.expand:
            return [self._actor_serializer.to_representation(actors[pk]) for pk in sorted(actors)]
        return sorted(actors)

    @extend_schema_field(ExpandableRelation(ArticleSummarySerializer, many=True))
    def get_articles(self, event: Event) -> list[int] | list[dict]:
        articles = {article.pk: article for article in event.articles.all()}
        if "articles" in self.expand:
            return [
                self._article_serializer.to_representation(articles[pk]) for pk in sorted(articles)
            ]
        return sorted(articles)

    def get_article_count(self, event: Event) -> int:
        return len(event.articles.all())

    def get_outlet_count(self, event: Event) -> int:
        return len({a.outlet for a in event.articles.all() if a.outlet})


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
