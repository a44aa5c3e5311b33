"""Import runs in the admin: what every import did and is doing, read-only.

Runs are written by imports only (``events.importing.runs``), so nobody may add or change one.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from events.admin.base import EstimatedCountPaginator
from events.admin.evidence import admin_url
from events.models import ImportRun, ImportRunFile

__all__ = ["ImportRunAdmin", "ImportRunFileAdmin", "duration_text"]


def duration_text(duration: dt.timedelta) -> str:
    """Return a duration as people read it: "45 s", "12 min 05 s", "3 h 20 min"."""
    seconds = max(0, int(duration.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


class ReadOnlyAdmin(admin.ModelAdmin):
    """A screen for rows that only imports write: viewable, never added or changed."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "progress",
        "file_counts",
        "started_at",
        "finished_at",
        "duration",
        "ran_on",
    ]
    list_filter = ["status"]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    fieldsets = [
        (None, {"fields": ["status", "progress", "error", "paths", "options"]}),
        (
            "Counts",
            {"fields": ["imported_files", "skipped_files", "failed_files", "created"]},
        ),
        (
            "Where and when",
            {
                "fields": [
                    "ran_on",
                    "workers",
                    ("tasks_done", "tasks_total"),
                    "created_at",
                    "started_at",
                    "finished_at",
                    "duration",
                ]
            },
        ),
        ("Skipped and failed files", {"fields": ["problem_list"]}),
    ]
    readonly_fields = ["progress", "duration", "problem_list"]
    problems_shown = 50

    @admin.display(description="Progress")
    def progress(self, run: ImportRun):
        return format_html(
            '<progress max="100" value="{}" style="width:5em"></progress> {}%'
            ' <span style="color:var(--body-quiet-color)">{} / {} files</span>',
            run.percent_done,
            run.percent_done,
            run.done_files,
            run.total_files,
        )

    @admin.display(description="Files")
    def file_counts(self, run: ImportRun) -> str:
        return (
            f"{run.imported_files} imported, {run.skipped_files} skipped, {run.failed_files} failed"
        )

    @admin.display(description="Duration")
    def duration(self, run: ImportRun) -> str:
        if run.started_at is None:
            return "—"
        return duration_text((run.finished_at or timezone.now()) - run.started_at)

    @admin.display(description="Files not imported")
    def problem_list(self, run: ImportRun):
        """Show the first problem files; a large run links to the whole, filtered list."""
        total = run.skipped_files + run.failed_files
        if not total:
            return "None."
        shown = run.problems.order_by("id")[: self.problems_shown]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((problem.status, problem.path, problem.reason, problem.ran_on) for problem in shown),
        )
        more = ""
        if total > self.problems_shown:
            more = format_html(
                '<p><a href="{}?run__id__exact={}">All {} files not imported</a></p>',
                reverse("admin:events_importrunfile_changelist"),
                run.pk,
                total,
            )
        return format_html(
            "<table><thead><tr><th>Status</th><th>File</th><th>Why</th><th>Where</th></tr>"
            "</thead><tbody>{}</tbody></table>{}",
            rows,
            more,
        )


@admin.register(ImportRunFile)
class ImportRunFileAdmin(ReadOnlyAdmin):
    list_display = ["path", "status", "reason", "run_link", "ran_on"]
    list_filter = ["status"]
    search_fields = ["path"]
    list_per_page = 100
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a run's record is whole: delete the run instead

    @admin.display(description="Run", ordering="run_id")
    def run_link(self, problem: ImportRunFile):
        # The run's id is on the row: no join needed to link to it.
        return format_html(
            '<a href="{}">Import run {}</a>',
            admin_url(ImportRun(pk=problem.run_id)),
            problem.run_id,
        )
