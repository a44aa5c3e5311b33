"""Read serializers: the field names tools already rely on, plus what editors need."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Actor, Article, Event, Place, Quote


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
            "language",
            "captions",
            "body",
            "extractor_version",
            "imported_at",
            "created_at",
            "updated_at",
        ]


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


class SpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class QuoteSerializer(serializers.ModelSerializer):
    speaker = SpeakerSerializer(read_only=True, allow_null=True)

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


class ParticipantSerializer(serializers.Serializer):
    actor = serializers.IntegerField(source="actor_id")
    name = serializers.CharField(source="actor.name")
    role = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    event_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    event_type_name = serializers.CharField(source="event_type.name", read_only=True)
    acled_event_type = serializers.CharField(source="event_type.acled_event_type", read_only=True)
    acled_sub_event_type = serializers.CharField(
        source="event_type.acled_sub_event_type", read_only=True
    )
    places = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actors = serializers.SerializerMethodField()
    participants = ParticipantSerializer(many=True, read_only=True)
    articles = serializers.SerializerMethodField()
    article_count = serializers.IntegerField(read_only=True)
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
            "conflicts",
            "confidence",
            "review_status",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actors(self, event: Event) -> list[int]:
        return sorted({p.actor_id for p in event.participants.all()})

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_articles(self, event: Event) -> list[int]:
        return sorted({a.pk for a in event.articles.all()})

    def get_outlet_count(self, event: Event) -> int:
        return len({a.outlet for a in event.articles.all() if a.outlet})
