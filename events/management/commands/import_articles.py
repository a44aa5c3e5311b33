"""Import article text files (or folders of them) into the database."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.importing import DEFAULT_BATCH_SIZE, FileOutcome, FileStatus, import_paths


class Command(BaseCommand):
    help = (
        "Parse article .txt files (or folders of them) into articles, actors, places, quotes "
        "and events. Bad files are reported by name and skipped; re-running creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders of .txt files.")
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
            help="Extract in this many processes (default: 1). The records are the same "
            "whatever the number; use up to one per core.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="Files extracted together; undated articles are dated from their batch "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--encoding",
            action="append",
            dest="encodings",
            help="Encoding to try when a file is not UTF-8 (repeatable; default: cp1252).",
        )

    def handle(self, *args, **options):
        missing = [p for p in options["paths"] if not Path(p).exists()]
        if options["workers"] < 1 or options["batch_size"] < 1:
            raise CommandError("--workers and --batch-size must be at least 1")
        if missing:
            raise CommandError("no such file or folder: " + ", ".join(missing))
        self._interactive = sys.stdout.isatty() and self.stdout._out is sys.stdout
        report = import_paths(
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
            raise CommandError("no article files found in " + ", ".join(options["paths"]))
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
            self.stdout.write(f"\r[{bar}] {done}/{total} {outcome.path.name[:40]:<40}", ending="")
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
        for outcome in report.files:
            if outcome.status in (FileStatus.SKIPPED, FileStatus.FAILED):
                self.stdout.write(f"  {outcome.status}: {outcome.path.name}: {outcome.reason}")
        created = report.created
        if created:
            rows = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
            self.stdout.write(f"{'Would create' if report.dry_run else 'Created'}: {rows}.")
        else:
            self.stdout.write("Created nothing new.")
