"""Import runs: record every import's progress and problems, cheaply, from any process.

An import (the local command, or each Celery task of a queued run) records through a
``RunRecorder`` given to ``import_paths`` as its ``on_progress``. The recorder writes in
batches (every ``FLUSH_EVERY_FILES`` files or ``FLUSH_EVERY_SECONDS``), with ``F()``
increments, so tasks of one run on several machines add up without losing counts, and a
run of a million files costs thousands of small UPDATEs, not a million.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from events.importing.batch import FileOutcome, FileStatus, ImportReport, import_paths
from events.importing.sources import path_text
from events.models import ImportProblem, ImportRun, ImportRunFile, ImportRunStatus

__all__ = [
    "FLUSH_EVERY_FILES",
    "FLUSH_EVERY_SECONDS",
    "QUEUE",
    "RunRecorder",
    "import_paths_recorded",
    "import_run_batch",
    "import_run_create",
    "import_run_failed",
    "this_process",
]

FLUSH_EVERY_FILES = 50
FLUSH_EVERY_SECONDS = 1.0
QUEUE = "queue"  # ``ImportRun.ran_on`` of a queued run: its tasks name their own process

ProgressCallback = Callable[[FileOutcome, int, int], None]

_COUNTED_AS = {
    FileStatus.IMPORTED: "imported_files",
    FileStatus.REEXTRACTED: "imported_files",
    FileStatus.SKIPPED: "skipped_files",
    FileStatus.FAILED: "failed_files",
}


def this_process() -> str:
    """Return where this code runs, as shown in the admin: ``host pid N``."""
    return f"{socket.gethostname()} pid {os.getpid()}"


def process_alive(ran_on: str) -> bool | None:
    """Return whether the process named ``host pid N`` lives; None if it is not on this host."""
    host, _, pid = ran_on.rpartition(" pid ")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def import_runs_reap() -> int:
    """Mark failed the running local runs whose process is gone (``kill -9``, a crash).

    Such a run would otherwise say "running" for ever. Called as each import starts; a
    queued run's parts are left to the task queue, which runs a dead worker's task again.
    """
    dead = [
        run.pk
        for run in ImportRun.objects.filter(status=ImportRunStatus.RUNNING).exclude(ran_on=QUEUE)
        if process_alive(run.ran_on) is False
    ]
    for run_id in dead:
        import_run_failed(run_id, error="the import's process ended without finishing it")
    return len(dead)


def import_run_create(
    *,
    paths: Iterable[str | Path],
    options: dict,
    ran_on: str,
    status: str = ImportRunStatus.QUEUED,
    total_files: int = 0,
    tasks_total: int = 1,
) -> ImportRun:
    """Create the record of an import about to run here or on the queue."""
    import_runs_reap()
    now = timezone.now()
    finished = status == ImportRunStatus.FINISHED
    return ImportRun.objects.create(
        paths=[path_text(path) for path in paths],
        options=options,
        status=status,
        ran_on=ran_on,
        total_files=total_files,
        tasks_total=tasks_total,
        started_at=now if status != ImportRunStatus.QUEUED else None,
        finished_at=now if finished else None,
    )


class RunRecorder:
    """An ``on_progress`` for ``import_paths`` that records the files' outcomes in a run.

    Counts, created rows and problem files are kept here and written every
    ``flush_every`` files or ``flush_seconds`` (whichever comes first; the first file is
    written at once, so a new run shows progress), then by ``flush()`` at the end.
    ``then`` is called after each file, e.g. to print progress.
    """

    def __init__(
        self,
        run_id: int,
        *,
        then: ProgressCallback | None = None,
        sets_total: bool = False,
        flush_every: int = FLUSH_EVERY_FILES,
        flush_seconds: float = FLUSH_EVERY_SECONDS,
    ) -> None:
        self.run_id = run_id
        self.then = then
        # A local run learns its total from import_paths; a queued run knew it when queued.
        self.sets_total = sets_total
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self.process = this_process()
        self._flushed_at: float | None = None
        self._joined = False  # whether this process is in the run's ``workers`` yet
        self._reset()

    def _reset(self) -> None:
        self._counts: Counter = Counter()
        self._created: Counter = Counter()
        self._problems: list[ImportRunFile] = []
        self._total: int | None = None

    def __call__(self, outcome: FileOutcome, done: int, total: int) -> None:
        self._counts["done_files"] += 1
        self._counts[_COUNTED_AS[outcome.status]] += 1
        self._created.update(+outcome.created)  # + drops the kinds it created none of
        if outcome.status in (FileStatus.SKIPPED, FileStatus.FAILED):
            self._problems.append(
                ImportRunFile(
                    run_id=self.run_id,
                    path=path_text(outcome.path)[:1000],
                    status=ImportProblem(outcome.status),
                    reason=outcome.reason,
                    ran_on=self.process,
                )
            )
        if self.sets_total:
            self._total = total
        now = time.monotonic()
        if (
            self._flushed_at is None
            or self._counts["done_files"] >= self.flush_every
            or now - self._flushed_at >= self.flush_seconds
        ):
            self.flush()
        if self.then is not None:
            self.then(outcome, done, total)

    def flush(self) -> None:
        """Write what was recorded since the last flush."""
        self._flushed_at = time.monotonic()
        if not self._counts:
            return
        updates = {field: F(field) + count for field, count in self._counts.items()}
        if self._total is not None:
            updates["total_files"] = self._total
        with transaction.atomic():
            if self._created or not self._joined:
                # JSON cannot be incremented portably: merge it under the row's lock, so
                # two tasks of the run do not overwrite each other's counts.
                run = (
                    ImportRun.objects.select_for_update()
                    .only("created", "workers")
                    .get(pk=self.run_id)
                )
                created = Counter(run.created)
                created.update(self._created)
                updates["created"] = dict(sorted(created.items()))
                if self.process not in run.workers:
                    updates["workers"] = [*run.workers, self.process]
                self._joined = True
            ImportRun.objects.filter(pk=self.run_id).update(**updates)
            ImportRunFile.objects.bulk_create(self._problems)
        self._reset()


@contextlib.contextmanager
def _recording(
    run_id: int, *, then: ProgressCallback | None, sets_total: bool
) -> Iterator[RunRecorder]:
    """Yield a recorder for one part of a run (all of a local run, or one queued task).

    On the way out, write the last counts and count the part as done (the run is
    finished with its last part), or mark the run failed with the reason.
    """
    recorder = RunRecorder(run_id, then=then, sets_total=sets_total)
    try:
        yield recorder
    except BaseException as exc:
        # Say why the run stopped without hiding the error itself, even if the
        # database is what failed.
        with contextlib.suppress(DatabaseError):
            recorder.flush()
            import_run_failed(run_id, error=_describe(exc))
        raise
    recorder.flush()
    _part_done(run_id)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _part_done(run_id: int) -> None:
    ImportRun.objects.filter(pk=run_id).update(tasks_done=F("tasks_done") + 1)
    # One statement, so that of two tasks ending together, whichever sees the last count
    # finishes the run.
    ImportRun.objects.filter(
        pk=run_id,
        status__in=[ImportRunStatus.QUEUED, ImportRunStatus.RUNNING],
        tasks_done__gte=F("tasks_total"),
    ).update(status=ImportRunStatus.FINISHED, finished_at=timezone.now())


def import_run_failed(run_id: int, *, error: str) -> None:
    """Mark a run failed, keeping the first reason given."""
    ImportRun.objects.filter(pk=run_id).exclude(status=ImportRunStatus.FAILED).update(
        status=ImportRunStatus.FAILED, error=error, finished_at=timezone.now()
    )


def import_paths_recorded(
    paths: Iterable[str | Path],
    *,
    on_progress: ProgressCallback | None = None,
    **options,
) -> ImportReport:
    """Run ``import_paths`` here and record it as a run: a drop-in for ``import_paths``.

    A dry run writes nothing, so it records no run either.
    """
    paths = list(paths)
    if options.get("dry_run"):
        return import_paths(paths, on_progress=on_progress, **options)
    recorded_options = {
        name: list(value) if isinstance(value, tuple) else value for name, value in options.items()
    }
    run = import_run_create(
        paths=paths,
        options=recorded_options,
        ran_on=this_process(),
        status=ImportRunStatus.RUNNING,
    )
    with _recording(run.pk, then=on_progress, sets_total=True) as recorder:
        return import_paths(paths, on_progress=recorder, **options)


def import_run_batch(*, run_id: int, paths: list[str], options: dict) -> ImportReport | None:
    """Import one queued batch of a run and record it; ``None`` if the run was deleted.

    Safe to run twice (a task is acknowledged late, so a dead worker's task runs again):
    files stored the first time are skipped as already imported.
    """
    started = ImportRun.objects.filter(pk=run_id, status=ImportRunStatus.QUEUED).update(
        status=ImportRunStatus.RUNNING, started_at=timezone.now()
    )
    if not started and not ImportRun.objects.filter(pk=run_id).exists():
        return None  # deleted in the admin: its remaining tasks are cancelled
    with _recording(run_id, then=None, sets_total=False) as recorder:
        return import_paths(
            paths,
            max_bytes=options["max_bytes"],
            fallback_encodings=options["fallback_encodings"],
            batch_size=options["batch_size"],
            on_progress=recorder,
        )
