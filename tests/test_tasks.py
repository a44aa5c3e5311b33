"""Queued imports: batches as Celery tasks, a run finished by its last task, real workers."""

from __future__ import annotations

import re
import shutil

import pytest

from config.celery import app as celery_app
from events.importing import import_batch, import_run_enqueue
from events.models import Actor, Article, ImportRun, ImportRunStatus, Place
from tests.processes import (
    REDIS_URL,
    celery_worker,
    manage,
    queue_env,
    reachable,
    requires_postgresql,
    stop,
    wait_until,
)

MAX_BYTES = 2 * 1024 * 1024


@pytest.fixture
def tasks_run_here():
    """Run sent tasks at once in this process (Celery's eager mode): no broker needed."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def enqueue(paths, *, batch_size: int) -> ImportRun:
    return import_run_enqueue(
        paths=paths, max_bytes=MAX_BYTES, fallback_encodings=["cp1252"], batch_size=batch_size
    )


@pytest.mark.django_db
def test_a_run_is_split_into_tasks_and_finished_by_the_last(
    seeds_dir, tasks_run_here, django_capture_on_commit_callbacks
):
    (seeds_dir / "empty.txt").write_bytes(b"")
    with django_capture_on_commit_callbacks(execute=True):
        run = enqueue([seeds_dir], batch_size=2)

    run.refresh_from_db()
    assert run.ran_on == "queue"
    assert run.status == ImportRunStatus.FINISHED
    assert (run.total_files, run.done_files, run.tasks_total, run.tasks_done) == (6, 6, 3, 3)
    assert (run.imported_files, run.failed_files, run.created["articles"]) == (5, 1, 5)
    assert run.problems.get().path == str((seeds_dir / "empty.txt").resolve())
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_a_task_run_twice_imports_nothing_the_second_time(seeds_dir):
    files = sorted(str(path) for path in seeds_dir.iterdir())
    run = ImportRun.objects.create(ran_on="queue", total_files=10, tasks_total=2)
    options = {"max_bytes": MAX_BYTES, "fallback_encodings": ["cp1252"], "batch_size": 5}

    import_batch.apply(args=[run.pk, files, options])
    records = (Article.objects.count(), Actor.objects.count(), Place.objects.count())
    import_batch.apply(args=[run.pk, files, options])  # redelivered after a lost worker

    assert (Article.objects.count(), Actor.objects.count(), Place.objects.count()) == records
    run.refresh_from_db()
    assert (run.imported_files, run.skipped_files, run.created["articles"]) == (5, 5, 5)
    assert run.status == ImportRunStatus.FINISHED


@pytest.mark.django_db
def test_deleting_a_queued_run_cancels_its_remaining_tasks(seeds_dir):
    run = ImportRun.objects.create(ran_on="queue", total_files=5)
    options = {"max_bytes": MAX_BYTES, "fallback_encodings": ["cp1252"], "batch_size": 5}
    run.delete()
    import_batch.apply(args=[run.pk, [str(seeds_dir)], options])
    assert not Article.objects.exists()


# ---------------------------------------------------------------- a real worker


@pytest.mark.slow
@requires_postgresql
@pytest.mark.skipif(not reachable(REDIS_URL), reason=f"no Redis broker at {REDIS_URL}")
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_imports_a_queued_run(tmp_path, seeds_dir, article_file, story):
    # A second folder overlapping the first, and a file the worker cannot read.
    more = tmp_path / "more"
    shutil.copytree(seeds_dir, more)
    shutil.copy(article_file("own.txt", story.replace("Monday", "Tuesday")), more)
    (more / "empty.txt").write_bytes(b"")
    env = queue_env()
    log = tmp_path / "worker.log"
    worker = celery_worker(env=env, log=log)
    try:
        queued = manage(
            "import_articles", "--queue", "--batch-size", "3", str(seeds_dir), str(more), env=env
        )
        output, _ = queued.communicate(timeout=120)
        assert queued.returncode == 0, output
        run_id = int(re.search(r"Queued import run (\d+): 12 files in 4 tasks", output)[1])

        def over() -> bool:
            return ImportRun.objects.get(pk=run_id).status in ("finished", "failed")

        assert wait_until(over, timeout=300), log.read_text()[-3000:]
    finally:
        stop(worker)

    run = ImportRun.objects.get(pk=run_id)
    assert run.status == ImportRunStatus.FINISHED, run.error
    assert (run.done_files, run.tasks_done) == (12, 4)
    assert (run.imported_files, run.skipped_files, run.failed_files) == (6, 5, 1)
    assert [" pid " in worker for worker in run.workers] == [True]  # one worker process
    assert Article.objects.count() == 6
    assert run.created["articles"] == 6
    assert Actor.objects.filter(name="Anna Kowalczyk").count() == 1
