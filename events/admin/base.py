"""The curated-record admin: review and merge actions, history, cheap counting.

History uses django-simple-history rather than django-reversion: it keeps one history
table per model (queryable like any model, so the API and tests can read it), its admin
shows and reverts a record's versions out of the box, it records the acting user from
the request, and it tracks many-to-many fields (an event's places), which reversion
serialises into opaque blobs.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_permission_codename
from django.core.paginator import Paginator
from django.db import connections
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from events import curation
from events.admin.evidence import evidence_list
from events.models import ReviewStatus

__all__ = ["CuratedAdmin", "EstimatedCountPaginator"]


class EstimatedCountPaginator(Paginator):
    """Count exactly on small results, and let PostgreSQL estimate huge ones.

    ``COUNT(*)`` over hundreds of thousands of rows costs more than the page itself.
    Unfiltered, the table's ``pg_class.reltuples`` is read; filtered, the planner's row
    estimate (``EXPLAIN``). Below ``exact_below`` rows the real count is cheap and used.
    """

    exact_below = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return super().count
        estimate = self._estimate(queryset, connection)
        return super().count if estimate < self.exact_below else estimate

    @staticmethod
    def _estimate(queryset, connection) -> int:
        with connection.cursor() as cursor:
            if not queryset.query.where:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
                return int(row[0]) if row else -1  # -1: never analysed, so count
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            return int(plan[0]["Plan"]["Plan Rows"])


def _set_status(modeladmin, request, queryset, status: str, verb: str) -> None:
    count = curation.review_status_set(records=queryset, status=status, user=request.user)
    noun = (
        modeladmin.model._meta.verbose_name
        if count == 1
        else modeladmin.model._meta.verbose_name_plural
    )
    modeladmin.message_user(request, f"{verb} {count} {noun}.", messages.SUCCESS)


@admin.action(description="Approve selected %(verbose_name_plural)s", permissions=["review"])
def approve_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.APPROVED, "Approved")


@admin.action(description="Reject selected %(verbose_name_plural)s", permissions=["review"])
def reject_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.REJECTED, "Rejected")


@admin.action(description="Merge selected %(verbose_name_plural)s into…", permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    """Ask which record to keep, then merge the others into it (``modeladmin.merge_service``)."""
    records = list(queryset)
    if len(records) < 2:
        modeladmin.message_user(request, "Select at least two records to merge.", messages.WARNING)
        return None
    target_id = request.POST.get("merge_target")
    if request.POST.get("post") == "yes" and target_id:
        target = next((r for r in records if str(r.pk) == target_id), None)
        if target is None:
            modeladmin.message_user(request, "Choose one of the selected records.", messages.ERROR)
            return None
        others = [r for r in records if r.pk != target.pk]
        try:
            modeladmin.merge_service(target=target, others=others, user=request.user)
        except ValueError as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return None
        modeladmin.message_user(request, f"Merged {len(others)} into “{target}”.", messages.SUCCESS)
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {opts.verbose_name_plural}",
        "subtitle": "Choose the one to keep",
        "opts": opts,
        "records": records,
        "merge_note": modeladmin.merge_note,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/eventdesk/merge_confirmation.html", context)


class CuratedAdmin(SimpleHistoryAdmin):
    """Base of the screens for records an editor reviews (actors, places, quotes, events).

    Thin: actions and saves call ``events.curation``; every change lands in the
    record's history with the editor's name.
    """

    actions = [approve_selected, reject_selected, merge_selected]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = ["reviewed_by", "reviewed_at", "curated_fields", "created_at", "updated_at"]
    review_fieldset = (
        "Review",
        {"fields": ["review_status", "confidence", "reviewed_by", "reviewed_at", "curated_fields"]},
    )
    merge_service = None
    merge_note = (
        "Mentions, aliases and links move to the record kept; the others stay, marked as merged."
    )
    # Inlines whose change counts as curating a relation of the record.
    inline_curated_as: dict[type, str] = {}
    evidence_shown = 50

    @admin.display(description="Confidence", ordering="confidence")
    def confidence_shown(self, obj) -> str:
        return f"{obj.confidence:.2f}"

    # The API asks the same permissions (``events.api.permissions``): keep them alike.
    def has_review_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('review', opts)}")

    def has_merge_permission(self, request) -> bool:
        """Return whether the user may merge and split: ``merge`` and ``change`` both."""
        opts = self.opts
        return self.has_change_permission(request) and request.user.has_perm(
            f"{opts.app_label}.{get_permission_codename('merge', opts)}"
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_review_permission(request):
            # Setting the status is reviewing: without ``review`` it is shown, not edited.
            readonly.append("review_status")
        return readonly

    def save_model(self, request, obj, form, change):
        curation.curated_record_save(
            record=obj, changed_fields=form.changed_data, user=request.user
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        touched = {
            self.inline_curated_as[formset.model]
            for formset in formsets
            if formset.model in self.inline_curated_as and formset.has_changed()
        }
        if touched - set(form.instance.curated_fields):
            curation.curated_record_save(
                record=form.instance, changed_fields=touched, user=request.user
            )

    def get_search_results(self, request, queryset, search_term):
        """Offer only live records in autocompletes: a merged record is not to be linked."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/") and hasattr(self.model, "merged_into"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, may_have_duplicates

    def evidence_rows(self, obj):
        """Return the mentions of ``obj`` (a queryset), for the evidence panel."""
        raise NotImplementedError

    def evidence_more_url(self, obj) -> str:
        """Return the URL of the full list of mentions, linked when not all are shown."""
        return ""

    @admin.display(description="Sentences that mention it")
    def evidence(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        mentions = self.evidence_rows(obj)
        total = mentions.count()
        shown = mentions.select_related("article").order_by(
            "-article__published_on", "article_id", "start"
        )[: self.evidence_shown]
        return evidence_list(shown, total=total, more_url=self.evidence_more_url(obj))
