"""The admin screens, one per model: every record findable, its evidence beside it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events import curation
from events.admin.base import CuratedAdmin, EstimatedCountPaginator
from events.admin.evidence import Span, admin_url, legend, marked_body, marked_sentence
from events.admin.filters import (
    ActorInputFilter,
    ArticleInputFilter,
    ConfidenceBandFilter,
    EndsByFilter,
    LiveOrMergedFilter,
    PlaceInputFilter,
    StartsFromFilter,
)
from events.admin.maps import event_map_view
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
    Statement,
)


def _row_count(model, field: str):
    """Return a per-row count as a correlated subquery.

    Unlike ``annotate(Count(...))`` it needs no GROUP BY over the whole table: the
    database counts only for the rows on the page.
    """
    return Subquery(
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total"),
        output_field=IntegerField(),
    )


def _changelist_url(model, **params) -> str:
    opts = model._meta
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"


# ---------------------------------------------------------------- articles


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "outlet", "published_on", "date_source", "source_file"]
    list_filter = ["date_source", "language", "extractor_version"]
    search_fields = ["title", "source_file", "outlet"]
    date_hierarchy = "published_on"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    fieldsets = [
        (None, {"fields": ["title", "outlet", "byline", "published_on", "date_source"]}),
        ("Text", {"fields": ["text_panels"]}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": [
                    "date_evidence",
                    "captions",
                    "source_file",
                    "url",
                    "source_encoding",
                    "language",
                    "content_hash",
                    "extractor_version",
                    "imported_at",
                    "curated_fields",
                ],
            },
        ),
    ]
    readonly_fields = [
        "text_panels",
        "content_hash",
        "imported_at",
        "extractor_version",
        "source_encoding",
        "curated_fields",
    ]

    def save_model(self, request, obj, form, change):
        curation.curated_record_save(
            record=obj, changed_fields=form.changed_data, user=request.user
        )

    @admin.display(description="Clean body (marked) and raw text as imported")
    def text_panels(self, article):
        if article is None or article.pk is None:
            return "—"
        return format_html(
            '<p style="margin:0 0 .5em">{}</p>'
            '<div style="display:flex;gap:1.5em;align-items:flex-start">'
            '<div style="flex:1;white-space:pre-wrap;line-height:1.6">{}</div>'
            '<pre style="flex:1;white-space:pre-wrap;font-size:.85em;'
            'color:var(--body-quiet-color);margin:0">{}</pre></div>',
            legend(),
            marked_body(article.body, self._spans(article)),
            article.raw_text,
        )

    @staticmethod
    def _spans(article) -> list[Span]:
        spans = []
        for mention in article.event_mentions.select_related("event"):
            spans.append(
                Span(
                    mention.start,
                    mention.end,
                    "event",
                    admin_url(mention.event),
                    f"Event: {mention.event}",
                )
            )
        for quote in article.quotes.all():
            spans.append(Span(quote.start, quote.end, "quote", admin_url(quote), "Quote"))
        for mention in article.actor_mentions.select_related("actor"):
            spans.append(
                Span(
                    mention.start,
                    mention.end,
                    "actor",
                    admin_url(mention.actor),
                    f"Actor: {mention.actor}",
                )
            )
        for mention in article.place_mentions.select_related("place"):
            spans.append(
                Span(
                    mention.start,
                    mention.end,
                    "place",
                    admin_url(mention.place),
                    f"Place: {mention.place}",
                )
            )
        return spans


# ---------------------------------------------------------------- actors


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name", "normalized"]
    readonly_fields = ["normalized"]


@admin.register(Actor)
class ActorAdmin(CuratedAdmin):
    list_display = [
        "name",
        "kind",
        "role",
        "country_code",
        "mention_count",
        "confidence_shown",
        "review_status",
    ]
    list_filter = [
        "review_status",
        "kind",
        ConfidenceBandFilter,
        ArticleInputFilter,
        PlaceInputFilter,
        LiveOrMergedFilter,
    ]
    search_fields = ["name", "aliases__name", "role"]
    inlines = [ActorAliasInline]
    autocomplete_fields = ["merged_into"]
    readonly_fields = [*CuratedAdmin.readonly_fields, "evidence"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "role", "country_code", "external_id", "merged_into"]}),
        CuratedAdmin.review_fieldset,
        ("Evidence", {"fields": ["evidence"]}),
    ]
    merge_service = staticmethod(curation.actor_merge)
    inline_curated_as = {ActorAlias: "aliases"}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(mention_total=_row_count(ActorMention, "actor"))
        )

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, actor):
        return actor.mention_total

    def evidence_rows(self, actor):
        return ActorMention.objects.filter(actor=actor)

    def evidence_more_url(self, actor):
        return _changelist_url(ActorMention, actor__id__exact=actor.pk)


# ---------------------------------------------------------------- places


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
        "parent",
        "mention_count",
        "confidence_shown",
        "review_status",
    ]
    list_filter = [
        "review_status",
        "kind",
        ConfidenceBandFilter,
        ArticleInputFilter,
        LiveOrMergedFilter,
    ]
    search_fields = ["name", "aliases__name", "admin_region"]
    list_select_related = ["parent"]
    inlines = [PlaceAliasInline]
    autocomplete_fields = ["parent", "merged_into"]
    readonly_fields = [*CuratedAdmin.readonly_fields, "evidence"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "kind",
                    "country_code",
                    "admin_region",
                    "parent",
                    ("latitude", "longitude"),
                    "geonames_id",
                    "merged_into",
                ]
            },
        ),
        CuratedAdmin.review_fieldset,
        ("Evidence", {"fields": ["evidence"]}),
    ]
    merge_service = staticmethod(curation.place_merge)
    inline_curated_as = {PlaceAlias: "aliases"}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(mention_total=_row_count(PlaceMention, "place"))
        )

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, place):
        return place.mention_total

    def evidence_rows(self, place):
        return PlaceMention.objects.filter(place=place)

    def evidence_more_url(self, place):
        return _changelist_url(PlaceMention, place__id__exact=place.pk)


# ---------------------------------------------------------------- quotes and statements


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    list_display = [
        "short_text",
        "speaker",
        "speaker_name",
        "article",
        "said_on",
        "confidence_shown",
        "review_status",
    ]
    list_filter = [
        "review_status",
        "is_marked",
        ConfidenceBandFilter,
        ActorInputFilter,
        ArticleInputFilter,
    ]
    search_fields = ["text", "speaker_name", "speaker__name"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker", "article", "statement"]
    readonly_fields = [*CuratedAdmin.readonly_fields, "evidence"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "speaker",
                    "speaker_name",
                    "article",
                    ("start", "end"),
                    "is_marked",
                    ("said_on", "said_on_precision"),
                    "statement",
                ]
            },
        ),
        CuratedAdmin.review_fieldset,
        ("Evidence", {"fields": ["evidence"]}),
    ]
    merge_service = staticmethod(curation.quote_merge)
    merge_note = (
        "The quotes become reports of one statement (the chosen quote's); every quote stays."
    )

    @admin.display(description="Quote")
    def short_text(self, quote):
        return quote.text[:80]

    def evidence_rows(self, quote):
        return Quote.objects.filter(pk=quote.pk)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "created_at"]
    search_fields = ["text", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]
    show_full_result_count = False


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "acled_event_type", "acled_sub_event_type"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]


# ---------------------------------------------------------------- events


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class EventMentionInline(admin.TabularInline):
    model = EventMention
    extra = 0
    fields = ["article", "reported_date", "reported_fatalities", "reported_injured", "confidence"]
    readonly_fields = ["article"]
    can_delete = True
    verbose_name = "report"
    verbose_name_plural = "reports (one per article sentence)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    def has_add_permission(self, request, obj=None):
        return False  # reports come from articles; split or merge to move them


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = [
        "title",
        "event_type",
        "start_date",
        "report_count",
        "fatalities",
        "confidence_shown",
        "review_status",
        "has_conflicts",
    ]
    list_filter = [
        "review_status",
        "event_type",
        StartsFromFilter,
        EndsByFilter,
        PlaceInputFilter,
        ActorInputFilter,
        ArticleInputFilter,
        ConfidenceBandFilter,
        LiveOrMergedFilter,
    ]
    search_fields = ["title", "summary"]
    date_hierarchy = "start_date"
    list_select_related = ["event_type"]
    autocomplete_fields = ["places", "merged_into"]
    inlines = [EventActorInline, EventMentionInline]
    readonly_fields = [*CuratedAdmin.readonly_fields, "evidence", "conflicts_listed"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "event_type"]}),
        ("When", {"fields": [("start_date", "end_date"), "date_precision"]}),
        ("Where and who", {"fields": ["places"]}),
        ("Figures", {"fields": [("fatalities", "injured", "displaced"), "conflicts_listed"]}),
        CuratedAdmin.review_fieldset,
        ("Evidence", {"fields": ["evidence", "merged_into"]}),
    ]
    merge_service = staticmethod(curation.event_merge)
    merge_note = (
        "Reports, participants and places move to the event kept; differing figures are "
        "noted as conflicts; the others stay, marked as merged."
    )
    inline_curated_as = {EventActor: "actors", EventMention: "mentions"}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(report_total=_row_count(EventMention, "event"))
        )

    @admin.display(description="Reports", ordering="report_total")
    def report_count(self, event):
        return event.report_total

    @admin.display(description="Conflicts", boolean=True)
    def has_conflicts(self, event):
        return bool(event.conflicts)

    @admin.display(description="Where the reports disagree")
    def conflicts_listed(self, event):
        if not event.conflicts:
            return "None: the reports agree."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((c,) for c in event.conflicts))
        )

    def evidence_rows(self, event):
        return EventMention.objects.filter(event=event)

    def evidence_more_url(self, event):
        return ""  # an event has a handful of reports: all are shown

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Conflicting figures are a warning on top of the page, where it cannot be missed.
        if obj is not None and obj.conflicts and request.method == "GET":
            messages.warning(
                request,
                f"The reports of this event disagree: {'; '.join(map(str, obj.conflicts))}",
            )
        context["can_split"] = obj is not None and self.has_merge_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        split = path(
            "<path:object_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="events_event_split",
        )
        event_map = path("map/", self.admin_site.admin_view(self.map_view), name="events_event_map")
        return [split, event_map, *super().get_urls()]

    def map_view(self, request):
        """The filtered events on a map and per day (``events.admin.maps``)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return event_map_view(self, request)

    def split_view(self, request, object_id):
        """Move the chosen reports of an event to a new event (``curation.event_split``)."""
        event = get_object_or_404(Event, pk=object_id)
        if not (self.has_merge_permission(request) and self.has_change_permission(request, event)):
            raise PermissionDenied
        mentions = list(
            EventMention.objects.filter(event=event)
            .select_related("article")
            .order_by("article__published_on", "article_id", "start")
        )
        if request.method == "POST":
            chosen = [int(pk) for pk in request.POST.getlist("mention") if pk.isdigit()]
            try:
                new_event = curation.event_split(event=event, mention_ids=chosen, user=request.user)
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Moved {len(chosen)} report(s) to the new event “{new_event}”.",
                    messages.SUCCESS,
                )
                return redirect(admin_url(new_event))
        rows = [
            (
                mention,
                marked_sentence(
                    mention.article.body,
                    sentence=(mention.sentence_start, mention.sentence_end),
                    words=(mention.start, mention.end),
                ),
            )
            for mention in mentions
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Split “{event}”",
            "subtitle": "Choose the reports that describe another event",
            "opts": self.opts,
            "original": event,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/eventdesk/event_split.html", context)


# ---------------------------------------------------------------- evidence rows


@admin.register(ActorMention)
class ActorMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "actor", "article", "via", "confidence"]
    list_select_related = ["actor", "article"]
    list_filter = ["via"]
    search_fields = ["text", "actor__name"]
    autocomplete_fields = ["actor", "article"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator


@admin.register(PlaceMention)
class PlaceMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "place", "article", "confidence"]
    list_select_related = ["place", "article"]
    search_fields = ["text", "place__name"]
    autocomplete_fields = ["place", "article"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
