"""Queued imports: a run's files sent to Celery in batches, imported by any worker.

Workers on several machines share one database; each must see the files at the same
absolute paths (shared storage: NFS, a mounted bucket, a synced folder).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from events.importing import runs
from events.importing.sources import iter_source_paths
from events.models import ImportRun, ImportRunStatus

__all__ = ["QueueUnavailable", "import_batch", "import_run_enqueue"]


class QueueUnavailable(Exception):
    """The broker could not be reached; the run is recorded as failed."""


@shared_task(name="events.import_batch", acks_late=True, ignore_result=True)
def import_batch(run_id: int, paths: list[str], options: dict) -> None:
    """Import one batch of files of run ``run_id`` (see ``runs.import_run_batch``)."""
    runs.import_run_batch(run_id=run_id, paths=paths, options=options)


def import_run_enqueue(
    *,
    paths: Iterable[str | Path],
    max_bytes: int,
    fallback_encodings: Iterable[str],
    batch_size: int,
) -> ImportRun:
    """Record a queued run and send its files as tasks of ``batch_size`` files each.

    Paths are sent absolute, in the order a local import takes them. The tasks are sent
    once the run is committed, so that no worker looks for a run it cannot see yet.
    """
    paths = list(paths)
    files = sorted({str(path.resolve()) for path in iter_source_paths(paths)})
    options = {
        "max_bytes": max_bytes,
        "fallback_encodings": list(fallback_encodings),
        "batch_size": batch_size,
    }
    batches = [files[start : start + batch_size] for start in range(0, len(files), batch_size)]
    run = runs.import_run_create(
        paths=[Path(path).resolve() for path in paths],
        options=options,
        ran_on=runs.QUEUE,
        # Nothing to import: the run is over before it starts, as a local one would be.
        status=ImportRunStatus.QUEUED if batches else ImportRunStatus.FINISHED,
        total_files=len(files),
        tasks_total=len(batches),
    )

    def send() -> None:
        try:
            for batch in batches:
                import_batch.apply_async(args=[run.pk, batch, options])
        except OperationalError as exc:
            runs.import_run_failed(run.pk, error=f"could not queue its tasks: {exc}")
            raise QueueUnavailable(f"cannot reach the broker: {exc}") from exc

    transaction.on_commit(send, robust=False)
    return run
