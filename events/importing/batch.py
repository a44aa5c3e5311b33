"""Import article files: read, extract, corroborate dates, record — streamed in chunks.

Files are taken in a fixed order (sorted paths) and in chunks of ``batch_size``, so
memory does not grow with the number of files. Each chunk is extracted as a whole
(``nlp.pipe`` batches; undated articles are dated from the chunk's other articles),
in ``workers`` child processes while this one stores the chunks before it (with
``workers=0``, here, taking turns), and stored here, in order, one transaction a chunk
and a savepoint a file: a file that fails is reported by name and the rest still
imports, and the records are the same whatever the number of workers. Re-running
creates nothing new.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from django.db import DatabaseError, connections, transaction

from events import store
from events.extraction import EXTRACTOR_VERSION, analyse_article, parse_articles, stories
from events.extraction.boilerplate import recurring_fingerprints
from events.extraction.gazetteer import load_gazetteer
from events.extraction.language import ENGLISH, language_of
from events.extraction.nlp import load_nlp
from events.extraction.types import ArticleExtraction, DateSource
from events.importing import learning
from events.importing.sources import (
    DEFAULT_FALLBACK_ENCODINGS,
    SourceError,
    SourceFile,
    iter_source_paths,
    path_text,
    read_sources,
)
from events.models import Article

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "ChunkItem",
    "FileOutcome",
    "FileStatus",
    "ImportReport",
    "extract_chunk",
    "import_paths",
    "store_chunk",
]

# Why a file whose every line is page furniture or boilerplate is skipped.
NO_STORY_TEXT = "no story text"
# Why an article in another language is skipped.
NOT_ENGLISH = "language"
# Files extracted and corroborated together. Fixed, not derived from the number of
# workers, so that a run gives the same records with one worker or eight.
DEFAULT_BATCH_SIZE = 100
# Allocations between two collections of the youngest generation in an extraction worker.
WORKER_GC_THRESHOLD = 10_000
# Articles stored before the tables' statistics are first refreshed; then at twice as
# many, four times as many...
STATISTICS_FIRST_REFRESH = 100


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
        return f"{self.status:>12}  {path_text(self.path)}{detail}"


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
class ChunkItem:
    """What extraction made of one file of a chunk: an extraction, or why there is none."""

    extraction: ArticleExtraction | None
    problem: str = ""  # why extraction failed, or a note on a partial success


@dataclasses.dataclass
class _Pending:
    source: SourceFile
    outcome: FileOutcome


def import_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int,
    fallback_encodings: Iterable[str] = DEFAULT_FALLBACK_ENCODINGS,
    dry_run: bool = False,
    on_progress: Callable[[FileOutcome, int, int], None] | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ImportReport:
    """Import every article file under ``paths`` and report what happened to each."""
    report = ImportReport(dry_run=dry_run)
    all_paths = sorted(set(iter_source_paths(paths)), key=str)
    total = len(all_paths)

    def finish(outcome: FileOutcome) -> None:
        report.files.append(outcome)
        if on_progress is not None:
            # A file of many articles (JSON Lines, CSV, a feed) counts each of them.
            on_progress(outcome, len(report.files), max(total, len(report.files)))

    chunks = _read_chunks(
        all_paths,
        batch_size=batch_size,
        max_bytes=max_bytes,
        fallback_encodings=fallback_encodings,
        finish=finish,
    )
    gazetteer = None
    stored, next_statistics = 0, STATISTICS_FIRST_REFRESH
    processes = _extraction_processes(workers, files=total, batch_size=batch_size)
    for chunk, items in _extracted(chunks, workers=processes):
        gazetteer = gazetteer or load_gazetteer()
        cache = store.StoreCache.read()  # once a chunk, not once a file
        for outcome in store_chunk(chunk, items, gazetteer=gazetteer, cache=cache, dry_run=dry_run):
            finish(outcome)
        if not dry_run:
            learning.boilerplate_learn(articles=_new_articles(chunk, items))
        stored += len(chunk)
        if stored >= next_statistics and not dry_run:
            store.statistics_refresh()
            next_statistics *= 2  # a handful of refreshes, however long the import
    return report


def _new_articles(chunk: list[_Pending], items: list[ChunkItem]) -> list[tuple[str, str]]:
    """Return (outlet, raw text) of the chunk's articles stored for the first time."""
    return [
        (pending.source.outlet or item.extraction.cleaned.outlet, pending.source.text)
        for pending, item in zip(chunk, items, strict=True)
        if item.extraction is not None and pending.outcome.status == FileStatus.IMPORTED
    ]


def _extraction_processes(workers: int, *, files: int, batch_size: int) -> int:
    """Return how many child processes extract: ``workers``, or 0 for this process.

    One child pays even on one core: the store waits on the database for part of each
    article, and the child parses then. No child is started for a single chunk (there is
    nothing to overlap or share) nor inside a transaction, which forking would break (the
    children must not share this process's connections, so they are closed first).
    """
    if files <= batch_size or transaction.get_connection().in_atomic_block:
        return 0
    return workers


def _read_chunks(
    all_paths: list[Path],
    *,
    batch_size: int,
    max_bytes: int,
    fallback_encodings: Iterable[str],
    finish: Callable[[FileOutcome], None],
) -> Iterator[list[_Pending]]:
    """Yield chunks of readable, new articles; report unreadable and known ones at once.

    A file may hold many articles (JSON Lines, CSV, a feed): chunks count articles.
    """
    seen: dict[str, Path] = {}  # content hash or URL -> the article first read with it
    sources: list[SourceFile] = []
    for path in all_paths:
        for source in _sources_of(path, max_bytes, fallback_encodings, finish):
            duplicate_of = seen.get(source.content_hash) or seen.get(source.url or "\0")
            if duplicate_of is not None:
                finish(
                    FileOutcome(source.label, FileStatus.SKIPPED, f"duplicate of {duplicate_of}")
                )
                continue
            seen[source.content_hash] = source.label
            if source.url:
                seen[source.url] = source.label
            sources.append(source)
            if len(sources) >= batch_size:
                if chunk := _new_of(sources, finish):
                    yield chunk
                sources = []
    if sources and (chunk := _new_of(sources, finish)):
        yield chunk


def _sources_of(
    path: Path, max_bytes: int, fallback_encodings: Iterable[str], finish
) -> Iterator[SourceFile]:
    """Yield a file's articles; report the file, or each of its bad records, by name."""
    try:
        for entry in read_sources(path, max_bytes=max_bytes, fallback_encodings=fallback_encodings):
            if isinstance(entry, SourceFile):
                yield entry
                continue
            label, error = entry
            status = FileStatus.SKIPPED if error.code == "no-story" else FileStatus.FAILED
            finish(FileOutcome(label, status, error.message))
    except SourceError as exc:
        status = (
            FileStatus.SKIPPED if exc.code in {"unsupported", "no-story"} else FileStatus.FAILED
        )
        finish(FileOutcome(path, status, exc.message))
    except OSError as exc:
        finish(FileOutcome(path, FileStatus.FAILED, f"cannot read: {exc.strerror or exc}"))


def _new_of(sources: list[SourceFile], finish) -> list[_Pending]:
    """Return the sources to extract; report those stored already by this extractor.

    An article is known by its text or, when it has one, its URL: a changed text under
    a known URL is extracted again into the same article.
    """
    stored = {
        row["content_hash"]: row
        for row in Article.objects.filter(
            content_hash__in=[s.content_hash for s in sources]
        ).values("pk", "content_hash", "source_file", "extractor_version")
    }
    urls = [s.url for s in sources if s.url]
    by_url = (
        set(Article.objects.filter(url__in=urls).values_list("url", flat=True)) if urls else set()
    )
    chunk: list[_Pending] = []
    for source in sources:
        existing = stored.get(source.content_hash)
        if existing and existing["extractor_version"] == EXTRACTOR_VERSION:
            finish(_already_imported(source.label, existing["pk"], existing["source_file"]))
            continue
        note = f"decoded as {source.encoding}" if source.encoding != "utf-8" else ""
        known = existing or source.url in by_url
        status = FileStatus.REEXTRACTED if known else FileStatus.IMPORTED
        chunk.append(_Pending(source, FileOutcome(source.label, status, note)))
    return chunk


def _already_imported(path: Path, article_id: int, source_file: str) -> FileOutcome:
    return FileOutcome(
        path,
        FileStatus.SKIPPED,
        f"already imported as article {article_id} ({source_file})",
        article_id=article_id,
    )


def _worker_started(parent_pid: int) -> None:
    """Set up an extraction worker: it ends with the import, and collects garbage seldom."""
    _exit_with_parent(parent_pid)
    # A parse makes hundreds of thousands of short-lived objects, and at the default
    # threshold (700) the collector ran 270 times a hundred articles, over 1% of the
    # worker's time; a doc's own cycles are broken by ``views_kept``, so little waits.
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, older, oldest)


def _exit_with_parent(parent_pid: int) -> None:
    """Watch, in a worker, for the import's process to go (``kill -9``) and end with it.

    A killed parent closes no pipe the worker waits on (the worker holds copies of both
    ends), so without this the worker would wait, and hold its memory, for ever.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _extracted(
    chunks: Iterator[list[_Pending]], *, workers: int
) -> Iterator[tuple[list[_Pending], list[ChunkItem]]]:
    """Yield each chunk with its extraction, in the chunks' order.

    Extraction runs in ``workers`` child processes, up to ``workers + 1`` chunks ahead of
    this process, which stores the oldest one: memory stays bounded and order is kept.
    Processes, not a thread: a parsing thread would hold the GIL while the store waits
    to read each query's answer (see ``benchmarks/README.md``). With no workers,
    extraction and storing take turns in this process.
    """
    if workers < 1:
        for chunk in chunks:
            try:
                known = learning.boilerplate_known()
                items = extract_chunk(
                    [p.source.text for p in chunk], boilerplate=known, given=_given(chunk)
                )
            except Exception as exc:  # the chunk's files fail by name; the others go on
                items = _failed_items(f"extraction failed: {type(exc).__name__}: {exc}", chunk)
            yield chunk, items
        return
    # Children are forked: load the model and gazetteer once, here, and share them.
    load_nlp()
    load_gazetteer()
    # Their millions of objects live as long as the process: out of the collector's
    # sight, full collections stop walking them (and stop copying the children's pages).
    # Once a process, after a collection: a frozen garbage cycle is never freed, and a
    # watching or task-queue process imports again and again.
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()
    connections.close_all()  # a forked child must not share this process's connections
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_started,
        initargs=(os.getpid(),),
    ) as pool:
        in_flight: deque = deque()
        for chunk in chunks:
            texts = [p.source.text for p in chunk]
            known = learning.boilerplate_known()  # what the chunks stored so far taught
            connections.close_all()  # a child forked for this chunk must not share it
            try:
                future = pool.submit(_extract_chunk_in_worker, texts, known, _given(chunk))
            except BrokenProcessPool as exc:  # a worker died: the rest fail by name too
                future = Future()
                future.set_exception(exc)
            in_flight.append((chunk, future))
            if len(in_flight) > workers:
                chunk, future = in_flight.popleft()
                yield chunk, _worker_result(future, chunk)
        while in_flight:
            chunk, future = in_flight.popleft()
            yield chunk, _worker_result(future, chunk)


def _failed_items(problem: str, chunk: list[_Pending]) -> list[ChunkItem]:
    return [ChunkItem(None, problem) for _ in chunk]


def _worker_result(future, chunk: list[_Pending]) -> list[ChunkItem]:
    """Return a worker's extraction of a chunk, or the chunk's files failed with the reason.

    A worker that dies (killed for memory, say) fails its chunk's files by name; the
    import goes on with the others.
    """
    try:
        return future.result()
    except Exception as exc:
        return _failed_items(f"extraction worker failed: {type(exc).__name__}: {exc}", chunk)


def _given(chunk: list[_Pending]) -> list[tuple[dt.date | None, str]]:
    """Return the publication date and language given with each article of a chunk."""
    return [(p.source.published, p.source.language) for p in chunk]


def _extract_chunk_in_worker(
    texts: list[str], boilerplate: frozenset[str], given: list
) -> list[ChunkItem]:
    """Run ``extract_chunk`` as this module names it now (tests swap it for a memoised one)."""
    return extract_chunk(texts, boilerplate=boilerplate, given=given)


def extract_chunk(
    texts: list[str],
    *,
    nlp=None,
    gazetteer=None,
    boilerplate: frozenset[str] = frozenset(),
    given: list[tuple[dt.date | None, str]] | None = None,
) -> list[ChunkItem]:
    """Extract a chunk of article texts, dating undated ones from the chunk's others.

    Pure (no database), so it runs the same in a worker process. An article whose text
    gives no date or no year takes the date of a dated article shown to report the same
    story, and is analysed again with that date (its parse is reused, not redone).
    Lines in ``boilerplate`` (fingerprints learnt from stored articles) and lines the
    chunk's own articles repeat are cleaned away as boilerplate. ``given`` holds each
    text's (publication date, language) from its source's metadata, if any: a given
    date wins, and an article not in English is not extracted (the model reads English).
    """
    gazetteer = gazetteer or load_gazetteer()
    given = given or [(None, "")] * len(texts)
    boilerplate = boilerplate | recurring_fingerprints(texts)
    languages = [
        language_of(text, given=lang) for text, (_, lang) in zip(texts, given, strict=True)
    ]
    english = [index for index, language in enumerate(languages) if language == ENGLISH]
    items: list[ChunkItem] = [
        ChunkItem(None, f"{NOT_ENGLISH} ({language}): not extracted, the pipeline reads English")
        for language in languages
    ]
    undated: dict[int, object] = {}  # index -> its parse, kept for a second analysis
    parses = parse_articles([texts[i] for i in english], nlp=nlp, boilerplate=boilerplate)
    for index, parsed in zip(english, parses, strict=True):
        if parsed.error is None and not parsed.cleaned.body.strip():
            items[index] = ChunkItem(None, NO_STORY_TEXT)
            continue
        try:
            extraction = analyse_article(
                parsed, gazetteer=gazetteer, given_date=given[index][0], language=ENGLISH
            )
        except Exception as exc:  # one bad file must not stop the chunk
            items[index] = ChunkItem(None, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        items[index] = ChunkItem(extraction)
        if extraction.date_source in _OPEN_DATES:
            undated[index] = parsed
    if undated:
        _corroborate_dates(items, undated, gazetteer=gazetteer)
    return items


# Dates a same-story article of the chunk may still settle: none, an estimate from world
# knowledge, or the day of a known happening the lead reports (a same-story article
# published later than that day dates this one better).
_OPEN_DATES = (DateSource.UNKNOWN, DateSource.ESTIMATED, DateSource.REPORTED)


def _corroborate_dates(items: list[ChunkItem], undated: dict[int, object], *, gazetteer) -> None:
    """Date undated articles from a dated article of the chunk that reports the same story.

    Sharing actors is not enough (every report of a war names the same leaders): the two
    texts must share the story's distinctive words (``stories.best_same_story``). A date
    borrowed from an unrelated article is a guess, and a wrong date is worse than none.
    """
    texts = [_story_text(item.extraction) for item in items]
    vectors = stories.story_vectors(texts)
    dated = [
        (index, vectors[index], item.extraction.published_on)
        for index, item in enumerate(items)
        if item.extraction
        and item.extraction.published_on
        and item.extraction.date_source not in (DateSource.CORROBORATED, *_OPEN_DATES)
    ]
    if not dated:
        return
    leads = stories.lead_similarities(
        {index: texts[index] for index in undated}, {index: texts[index] for index, _, _ in dated}
    )
    for index, parsed in undated.items():
        match = stories.best_same_story(vectors[index], dated, lead_scores=leads[index])
        if match is None:
            continue
        reference = items[match[0]].extraction.published_on
        own = items[index].extraction
        if own.date_source == DateSource.REPORTED and reference < own.published_on:
            # The lead reports a happening of a later day than the other article's: that
            # article told an earlier part of the story, and this one is no older than
            # the happening it reports.
            continue
        try:
            corroborated = analyse_article(
                parsed, reference_date=reference, gazetteer=gazetteer, undated=own
            )
        except Exception as exc:  # keep the first extraction; say why the date is missing
            items[index].problem = f"date corroboration failed: {exc}"
            continue
        if corroborated.published_on is not None or own.published_on is None:
            items[index].extraction = corroborated


def _story_text(extraction: ArticleExtraction | None) -> str:
    if extraction is None:
        return ""
    return f"{extraction.cleaned.title}\n{extraction.cleaned.body}"


def store_chunk(
    chunk: list[_Pending], items: list[ChunkItem], *, gazetteer, cache, dry_run: bool
) -> list[FileOutcome]:
    """Store a chunk's files in one transaction, each in a savepoint; return their outcomes.

    A file that fails rolls back to its savepoint alone and is reported by name. One
    commit a chunk rather than one a file: on SQLite, committing wrote the pages of every
    index an article touches, a tenth of the store's CPU, and the chunk's articles
    share most of those pages. Should the commit itself fail, nothing of the chunk was
    kept, and its files are stored again one transaction each.
    """

    def store_each() -> list[FileOutcome]:
        for pending, item in zip(chunk, items, strict=True):
            _store(pending, item, gazetteer=gazetteer, cache=cache, dry_run=dry_run)
        return [pending.outcome for pending in chunk]

    if dry_run or len(chunk) == 1:
        return store_each()
    fresh = [dataclasses.replace(p.outcome, created=Counter()) for p in chunk]
    try:
        with transaction.atomic():
            return store_each()
    except DatabaseError:
        cache.rolled_back()
        for pending, outcome in zip(chunk, fresh, strict=True):
            pending.outcome = outcome
        return store_each()


def _store(pending: _Pending, item: ChunkItem, *, gazetteer, cache=None, dry_run: bool) -> None:
    """Store one file's extraction in its own transaction (or savepoint) and fill in its
    outcome."""
    outcome = pending.outcome
    if item.extraction is None:
        failed = item.problem != NO_STORY_TEXT and not item.problem.startswith(NOT_ENGLISH)
        outcome.status = FileStatus.FAILED if failed else FileStatus.SKIPPED
        outcome.reason = item.problem
        return
    if item.problem:
        outcome.reason = "; ".join(filter(None, (outcome.reason, item.problem)))
    source = pending.source
    try:
        # article_record is one transaction; a dry run wraps it in one that is rolled back.
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            recorded = store.article_record(
                source=source,
                extraction=item.extraction,
                gazetteer=gazetteer,
                cache=cache,
            )
            if dry_run:
                transaction.set_rollback(True)
                if cache is not None:
                    cache.rolled_back()
    except Exception as exc:  # reported by name; the rest of the batch goes on
        if cache is not None:
            cache.rolled_back()
        outcome.status = FileStatus.FAILED
        outcome.reason = f"could not be stored: {type(exc).__name__}: {exc}"
    else:
        if recorded.already_stored:  # by another import since this one read the file
            article = recorded.article
            skipped = _already_imported(source.path, article.pk, article.source_file)
            outcome.status, outcome.reason = skipped.status, skipped.reason
            outcome.article_id = skipped.article_id
            return
        outcome.created = recorded.created
        outcome.article_id = None if dry_run else recorded.article.pk
