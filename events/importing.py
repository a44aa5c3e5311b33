"""Import a batch of article files: read, extract, corroborate dates, record.

One transaction per file, so a file that fails is reported by name and the rest of the
batch still imports. Re-running on the same files creates nothing new.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction

from events import services
from events.extraction import EXTRACTOR_VERSION, extract_article
from events.extraction.gazetteer import load_gazetteer
from events.extraction.names import fold_name
from events.extraction.types import ArticleExtraction, DateSource
from events.models import Article
from events.sources import (
    DEFAULT_FALLBACK_ENCODINGS,
    SourceError,
    SourceFile,
    iter_source_paths,
    read_source,
)

__all__ = ["FileOutcome", "ImportReport", "import_paths"]


class FileStatus:
    IMPORTED = "imported"
    REEXTRACTED = "re-extracted"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclasses.dataclass
class FileOutcome:
    path: Path
    status: str
    reason: str = ""
    article_id: int | None = None
    created: Counter = dataclasses.field(default_factory=Counter)

    def line(self) -> str:
        """Return the one-line message shown for this file."""
        detail = f": {self.reason}" if self.reason else ""
        return f"{self.status:>12}  {self.path}{detail}"


@dataclasses.dataclass
class ImportReport:
    files: list[FileOutcome] = dataclasses.field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def created(self) -> Counter:
        total: Counter = Counter()
        for outcome in self.files:
            total.update(outcome.created)
        return total

    @property
    def imported(self) -> int:
        return self.count(FileStatus.IMPORTED) + self.count(FileStatus.REEXTRACTED)


@dataclasses.dataclass
class _Pending:
    source: SourceFile
    outcome: FileOutcome
    extraction: ArticleExtraction | None = None


def import_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int,
    fallback_encodings: Iterable[str] = DEFAULT_FALLBACK_ENCODINGS,
    dry_run: bool = False,
    extractor: Callable[..., ArticleExtraction] | None = None,
    on_progress: Callable[[FileOutcome, int, int], None] | None = None,
) -> ImportReport:
    """Import every article file under ``paths`` and report what happened to each."""
    extractor = extractor or extract_article
    report = ImportReport(dry_run=dry_run)
    all_paths = list(iter_source_paths(paths))
    total = len(all_paths)
    pending: list[_Pending] = []
    seen_hashes: dict[str, Path] = {}
    done = 0

    def finish(outcome: FileOutcome) -> None:
        nonlocal done
        done += 1
        report.files.append(outcome)
        if on_progress is not None:
            on_progress(outcome, done, total)

    for path in all_paths:
        try:
            source = read_source(path, max_bytes=max_bytes, fallback_encodings=fallback_encodings)
        except SourceError as exc:
            finish(FileOutcome(path, FileStatus.FAILED, exc.message))
            continue
        except OSError as exc:
            finish(FileOutcome(path, FileStatus.FAILED, f"cannot read: {exc.strerror or exc}"))
            continue
        if source.content_hash in seen_hashes:
            finish(
                FileOutcome(
                    path, FileStatus.SKIPPED, f"duplicate of {seen_hashes[source.content_hash]}"
                )
            )
            continue
        seen_hashes[source.content_hash] = path
        existing = (
            Article.objects.filter(content_hash=source.content_hash)
            .values("pk", "source_file", "extractor_version")
            .first()
        )
        if existing and existing["extractor_version"] == EXTRACTOR_VERSION:
            finish(
                FileOutcome(
                    path,
                    FileStatus.SKIPPED,
                    f"already imported as article {existing['pk']} ({existing['source_file']})",
                    article_id=existing["pk"],
                )
            )
            continue
        note = f"decoded as {source.encoding}" if source.encoding != "utf-8" else ""
        status = FileStatus.REEXTRACTED if existing else FileStatus.IMPORTED
        pending.append(_Pending(source, FileOutcome(path, status, note)))

    gazetteer = load_gazetteer() if pending else None
    for item in pending:
        try:
            item.extraction = extractor(item.source.text, gazetteer=gazetteer)
        except Exception as exc:  # one bad file must not stop the batch
            item.outcome.status = FileStatus.FAILED
            item.outcome.reason = f"extraction failed: {type(exc).__name__}: {exc}"
    _corroborate_dates(pending, extractor=extractor, gazetteer=gazetteer)

    for item in pending:
        if item.extraction is None:
            finish(item.outcome)
            continue
        try:
            with transaction.atomic():
                outcome = services.article_record(
                    source=item.source, extraction=item.extraction, gazetteer=gazetteer
                )
                if dry_run:
                    transaction.set_rollback(True)
        except Exception as exc:  # reported by name; the rest of the batch goes on
            item.outcome.status = FileStatus.FAILED
            item.outcome.reason = f"could not be stored: {type(exc).__name__}: {exc}"
        else:
            item.outcome.created = outcome.created
            item.outcome.article_id = None if dry_run else outcome.article.pk
        finish(item.outcome)
    return report


def _corroborate_dates(pending: list[_Pending], *, extractor, gazetteer) -> None:
    """Date articles whose text gives no year from the batch articles most like them.

    The reference is the date of the dated article sharing the most actors; the
    extraction is then run again with it, so its own phrases pick the year.
    """
    dated = [p for p in pending if p.extraction and p.extraction.published_on]
    undated = [
        p
        for p in pending
        if p.extraction
        and p.extraction.published_on is None
        and p.extraction.date_source == DateSource.UNKNOWN
    ]
    if not dated or not undated:
        return
    actor_keys = {id(p): _actor_keys(p.extraction) for p in dated + undated}
    for item in undated:
        best: tuple[int, dt.date] | None = None
        for other in dated:
            shared = len(actor_keys[id(item)] & actor_keys[id(other)])
            if shared and (best is None or shared > best[0]):
                best = (shared, other.extraction.published_on)
        if best is None:
            continue
        try:
            item.extraction = extractor(
                item.source.text, reference_date=best[1], gazetteer=gazetteer
            )
        except Exception as exc:  # keep the first extraction; say why the date is missing
            item.outcome.reason = f"date corroboration failed: {exc}"


def _actor_keys(extraction: ArticleExtraction) -> set[str]:
    return {fold_name(actor.name) for actor in extraction.actors}
