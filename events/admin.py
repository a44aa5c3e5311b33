"""Admin screens: every record findable, with its evidence one click away."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from events import services
from events.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Article,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    ReviewStatus,
    Statement,
)


@admin.action(description="Approve selected records")
def approve(modeladmin, request, queryset):
    count = services.review_status_set(
        records=queryset, status=ReviewStatus.APPROVED, user=request.user
    )
    modeladmin.message_user(request, f"Approved {count} records.")


@admin.action(description="Reject selected records")
def reject(modeladmin, request, queryset):
    count = services.review_status_set(
        records=queryset, status=ReviewStatus.REJECTED, user=request.user
    )
    modeladmin.message_user(request, f"Rejected {count} records.")


class CuratedAdmin(admin.ModelAdmin):
    actions = [approve, reject]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]
    list_per_page = 50


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_on",
        "date_source",
        "source_file",
        "imported_at",
    ]
    list_filter = ["date_source", "outlet", "language", "extractor_version"]
    search_fields = ["title", "source_file", "body"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "content_hash",
        "raw_text",
        "imported_at",
        "extractor_version",
        "source_encoding",
    ]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name", "normalized"]
    readonly_fields = ["normalized"]


class ActorMentionInline(admin.TabularInline):
    model = ActorMention
    extra = 0
    fields = ["article", "text", "via", "start", "end", "confidence"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


@admin.register(Actor)
class ActorAdmin(CuratedAdmin):
    list_display = [
        "name",
        "kind",
        "role",
        "country_code",
        "mention_count",
        "confidence",
        "review_status",
    ]
    list_filter = ["review_status", "kind", "country_code"]
    search_fields = ["name", "aliases__name", "role"]
    inlines = [ActorAliasInline, ActorMentionInline]
    autocomplete_fields = ["merged_into"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, actor):
        return actor.mention_total


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 0
    fields = ["name", "normalized"]
    readonly_fields = ["normalized"]


@admin.register(Place)
class PlaceAdmin(CuratedAdmin):
    list_display = [
        "name",
        "kind",
        "country_code",
        "admin_region",
        "latitude",
        "longitude",
        "review_status",
    ]
    list_filter = ["review_status", "kind", "country_code"]
    search_fields = ["name", "aliases__name", "admin_region"]
    list_select_related = ["parent"]
    inlines = [PlaceAliasInline]
    autocomplete_fields = ["parent", "merged_into"]


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    list_display = [
        "short_text",
        "speaker",
        "speaker_name",
        "article",
        "is_marked",
        "said_on",
        "review_status",
    ]
    list_filter = ["review_status", "is_marked"]
    search_fields = ["text", "speaker_name", "speaker__name"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker", "article", "statement"]

    @admin.display(description="Quote")
    def short_text(self, quote):
        return quote.text[:80]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "created_at"]
    search_fields = ["text", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "acled_event_type", "acled_sub_event_type"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]


class EventMentionInline(admin.TabularInline):
    model = EventMention
    extra = 0
    fields = [
        "article",
        "text",
        "reported_date",
        "reported_fatalities",
        "reported_injured",
        "confidence",
    ]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = [
        "title",
        "event_type",
        "start_date",
        "date_precision",
        "fatalities",
        "confidence",
        "review_status",
    ]
    list_filter = ["review_status", "event_type", "date_precision"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start_date"
    list_select_related = ["event_type"]
    autocomplete_fields = ["places", "merged_into"]
    inlines = [EventActorInline, EventMentionInline]


@admin.register(ActorMention)
class ActorMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "actor", "article", "via", "confidence"]
    list_select_related = ["actor", "article"]
    search_fields = ["text", "actor__name"]
    autocomplete_fields = ["actor", "article"]


@admin.register(PlaceMention)
class PlaceMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "place", "article", "confidence"]
    list_select_related = ["place", "article"]
    search_fields = ["text", "place__name"]
    autocomplete_fields = ["place", "article"]
