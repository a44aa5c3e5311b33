"""Import article files (or folders of them) into the database."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.importing import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_INTERVAL,
    FileOutcome,
    FileStatus,
    QueueUnavailable,
    import_paths_recorded,
    import_run_enqueue,
    path_text,
    stop_requested_by_signals,
    watch_folder,
)


class Command(BaseCommand):
    help = (
        "Parse article files (or folders of them) into articles, actors, places, quotes and "
        "events. Formats: plain text (.txt); JSON Lines (.jsonl, .ndjson), JSON (.json: an "
        "object or a list of them) and CSV with a header (.csv, .tsv), with the fields text "
        "(or html), title, url, published, outlet (or source), author and language, under "
        "the names news-please, trafilatura, newspaper4k, Media Cloud and GDELT write; HTML "
        "pages (.html, .htm); RSS/Atom feeds whose entries carry full text (.rss, .atom, "
        ".xml). Given metadata wins over inference. Other files, bad records (by line or "
        "row) and articles not in English are reported and skipped; re-running creates "
        "nothing new, and a changed text under a known URL updates its article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Article files or folders of them (none with --watch)."
        )
        parser.add_argument(
            "--watch",
            metavar="FOLDER",
            help="Keep running: import files as they are dropped into FOLDER, until "
            "SIGINT/SIGTERM. Writers should write under a .part name, then rename.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=DEFAULT_INTERVAL,
            help="With --watch: seconds between looks at the folder (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created without writing anything.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.EVENTDESK_MAX_FILE_BYTES,
            help="Refuse files larger than this many bytes (default: %(default)s).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Extract in this many processes while this one stores (default: 1; 0 "
            "extracts here, taking turns with storing). The records are the same whatever "
            "the number; use up to one per core.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="Files extracted together; undated articles are dated from their batch "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Send the files to the Celery workers (CELERY_BROKER_URL) in tasks of "
            "--batch-size files, print the import run's id and return.",
        )
        parser.add_argument(
            "--encoding",
            action="append",
            dest="encodings",
            help="Encoding to try when a file is not UTF-8 (repeatable; default: cp1252).",
        )

    def handle(self, *args, **options):
        missing = [p for p in options["paths"] if not Path(p).exists()]
        if options["workers"] < 0 or options["batch_size"] < 1:
            raise CommandError("--workers must be at least 0 and --batch-size at least 1")
        if options["watch"] is not None:
            return self._watch(options)
        if not options["paths"]:
            raise CommandError("give at least one PATH, or --watch FOLDER")
        if missing:
            raise CommandError("no such file or folder: " + ", ".join(missing))
        self._interactive = sys.stdout.isatty() and self.stdout._out is sys.stdout
        if options["queue"]:
            return self._queue(options)
        report = import_paths_recorded(
            options["paths"],
            max_bytes=options["max_bytes"],
            fallback_encodings=options["encodings"] or ("cp1252",),
            dry_run=options["dry_run"],
            on_progress=self._progress,
            workers=options["workers"],
            batch_size=options["batch_size"],
        )
        if self._interactive:
            self.stdout.write("")
        self._summary(report)
        if not report.files:
            raise CommandError(
                "no article files found in " + ", ".join(map(path_text, options["paths"]))
            )
        if report.imported == 0 and report.count(FileStatus.SKIPPED) == 0:
            raise CommandError("nothing could be imported")

    def _progress(self, outcome: FileOutcome, done: int, total: int) -> None:
        style = {
            FileStatus.FAILED: self.style.ERROR,
            FileStatus.SKIPPED: self.style.WARNING,
        }.get(outcome.status, self.style.SUCCESS)
        if self._interactive:
            width = 30
            filled = int(width * done / max(total, 1))
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(
                f"\r[{bar}] {done}/{total} {path_text(outcome.path.name)[:40]:<40}", ending=""
            )
            if outcome.status in (FileStatus.FAILED, FileStatus.SKIPPED):
                self.stdout.write("\n" + style(outcome.line()))
        else:
            self.stdout.write(style(f"[{done}/{total}] {outcome.line()}"))

    def _summary(self, report) -> None:
        prefix = "Dry run: would have " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}read {len(report.files)} files: {report.imported} imported, "
            f"{report.count(FileStatus.SKIPPED)} skipped, {report.count(FileStatus.FAILED)} failed."
        )
        created = report.created
        if created:
            rows = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
            self.stdout.write(f"{'Would create' if report.dry_run else 'Created'}: {rows}.")
        else:
            self.stdout.write("Created nothing new.")

    def _watch(self, options) -> None:
        """Import files dropped into the watched folder until a signal; see importing.watch."""
        folder = Path(options["watch"])
        if options["paths"]:
            raise CommandError("--watch takes no PATH: import those in a run of their own")
        if options["dry_run"] or options.get("queue"):
            raise CommandError("--dry-run and --queue cannot be used with --watch")
        if not folder.is_dir():
            raise CommandError(f"--watch needs a folder: {folder}")
        if options["interval"] <= 0:
            raise CommandError("--interval must be more than 0 seconds")
        import_files = functools.partial(
            import_paths_recorded,
            max_bytes=options["max_bytes"],
            fallback_encodings=options["encodings"] or ("cp1252",),
            workers=options["workers"],
            batch_size=options["batch_size"],
        )
        self.stdout.write(
            f"Watching {folder} every {options['interval']:g}s; "
            "Ctrl-C or SIGTERM stops after the current batch."
        )
        self.stdout.flush()
        with stop_requested_by_signals() as stop_requested:
            summary = watch_folder(
                folder,
                import_files=import_files,
                interval=options["interval"],
                should_stop=stop_requested,
                on_batch=self._watched_batch,
                max_files_per_batch=max(options["workers"], 1) * options["batch_size"],
            )
        created = ", ".join(f"{n} {name}" for name, n in sorted(summary.created.items()))
        self.stdout.write(f"Stopped after {summary.line()} Created: {created or 'nothing'}.")

    def _watched_batch(self, report) -> None:
        for outcome in report.files:
            if outcome.status == FileStatus.SKIPPED and outcome.article_id is not None:
                continue  # already in the database (a restart): counted, not listed
            style = {
                FileStatus.FAILED: self.style.ERROR,
                FileStatus.SKIPPED: self.style.WARNING,
            }.get(outcome.status, self.style.SUCCESS)
            self.stdout.write(style(outcome.line()))
        self.stdout.write(
            f"Batch of {len(report.files)} files: {report.imported} imported, "
            f"{report.count(FileStatus.SKIPPED)} skipped, {report.count(FileStatus.FAILED)} failed."
        )
        self.stdout.flush()

    def _queue(self, options) -> None:
        """Queue the files as Celery tasks; the workers record their progress in the run."""
        if not settings.CELERY_BROKER_URL:
            raise CommandError("--queue needs a broker: set CELERY_BROKER_URL")
        if options["dry_run"] or options["workers"] != 1:
            raise CommandError(
                "--dry-run and --workers run here; on a queue, start more workers instead"
            )
        try:
            run = import_run_enqueue(
                paths=options["paths"],
                max_bytes=options["max_bytes"],
                fallback_encodings=options["encodings"] or ("cp1252",),
                batch_size=options["batch_size"],
            )
        except QueueUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if not run.total_files:
            raise CommandError(
                "no article files found in " + ", ".join(map(path_text, options["paths"]))
            )
        self.stdout.write(
            f"Queued import run {run.pk}: {run.total_files} files in {run.tasks_total} tasks."
        )
