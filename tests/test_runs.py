"""Import runs: every local import is recorded, its progress written in batches."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from events import store
from events.importing import import_paths, import_paths_recorded, import_run_create
from events.importing.runs import RunRecorder, import_runs_reap, this_process
from events.models import Article, ImportRun, ImportRunStatus

pytestmark = pytest.mark.django_db

MAX_BYTES = 2 * 1024 * 1024


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_articles", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_local_import_records_a_finished_run_with_its_problem_files(seeds_dir):
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "zz-copy.txt").write_bytes(next(seeds_dir.glob("000_*.txt")).read_bytes())

    run_import(seeds_dir)

    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.FINISHED
    assert (run.total_files, run.done_files, run.percent_done) == (7, 7, 100)
    assert (run.imported_files, run.skipped_files, run.failed_files) == (5, 1, 1)
    assert run.created["articles"] == 5
    assert run.created["actors"] > 0
    assert 0 not in run.created.values()  # only what was created is listed
    assert run.paths == [str(seeds_dir)]
    assert run.options["batch_size"] == 100
    assert run.ran_on.startswith(socket.gethostname() + " pid ")
    assert run.workers == [run.ran_on]
    assert run.started_at <= run.finished_at
    problems = {(p.path.rsplit("/", 1)[-1], p.status) for p in run.problems.all()}
    assert problems == {("empty.txt", "failed"), ("zz-copy.txt", "skipped")}
    assert "duplicate of" in run.problems.get(status="skipped").reason


def test_a_rerun_is_a_run_of_its_own_that_skips_every_file(seeds_dir):
    run_import(seeds_dir)
    run_import(seeds_dir)

    first, second = ImportRun.objects.order_by("id")
    assert first.imported_files == 5
    assert (second.imported_files, second.skipped_files, second.created) == (0, 5, {})
    assert second.status == ImportRunStatus.FINISHED
    assert all("already imported" in p.reason for p in second.problems.all())


def test_a_dry_run_records_no_run(seeds_dir):
    run_import(seeds_dir, "--dry-run")
    assert not ImportRun.objects.exists()


def test_an_interrupted_import_is_recorded_as_failed_with_what_it_did(seeds_dir, monkeypatch):
    article_record, stored = store.article_record, []

    def interrupt_at_the_third_file(**kwargs):
        if len(stored) == 2:
            raise KeyboardInterrupt
        stored.append(article_record(**kwargs))
        return stored[-1]

    monkeypatch.setattr(store, "article_record", interrupt_at_the_third_file)

    with pytest.raises(KeyboardInterrupt):
        # The first chunk of two files is stored; the second is rolled back as a whole.
        import_paths_recorded([seeds_dir], max_bytes=MAX_BYTES, batch_size=2)

    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.FAILED
    assert run.error == "KeyboardInterrupt"
    assert (run.done_files, run.total_files, run.percent_done) == (2, 5, 40)
    assert run.finished_at is not None
    assert Article.objects.count() == 2


def test_progress_is_written_every_few_files_not_after_each(seeds_dir):
    run = import_run_create(
        paths=[seeds_dir], options={}, ran_on="here", status=ImportRunStatus.RUNNING
    )
    seen_in_database = []

    def look(outcome, done, total):
        seen_in_database.append(ImportRun.objects.get(pk=run.pk).done_files)

    recorder = RunRecorder(run.pk, then=look, sets_total=True, flush_every=2, flush_seconds=3600)
    import_paths([seeds_dir], max_bytes=MAX_BYTES, on_progress=recorder)

    # The first file at once (the run shows it started), then every second file.
    assert seen_in_database == [1, 1, 3, 3, 5]
    run.refresh_from_db()
    assert (run.total_files, run.imported_files, run.created["articles"]) == (5, 5, 5)


def test_a_run_whose_process_died_is_marked_failed_when_the_next_import_starts():
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                              capture_output=True, text=True)  # fmt: skip
    dead = import_run_create(
        paths=["a/"],
        options={},
        ran_on=f"{socket.gethostname()} pid {finished.stdout.strip()}",
        status=ImportRunStatus.RUNNING,
    )
    elsewhere = import_run_create(  # the next import to start looks
        paths=["c/"], options={}, ran_on="another-host pid 1", status=ImportRunStatus.RUNNING
    )
    alive = import_run_create(
        paths=["b/"], options={}, ran_on=this_process(), status=ImportRunStatus.RUNNING
    )

    dead.refresh_from_db()
    assert dead.status == ImportRunStatus.FAILED
    assert "ended without finishing" in dead.error
    assert import_runs_reap() == 0
    assert ImportRun.objects.get(pk=alive.pk).status == ImportRunStatus.RUNNING
    assert ImportRun.objects.get(pk=elsewhere.pk).status == ImportRunStatus.RUNNING


def test_odd_files_are_reported_by_name_and_the_rest_imports(seeds_dir):
    (seeds_dir / os.fsdecode(b"r\xe9sum\xe9.txt")).write_bytes(b"\x00\x01\x02binary")
    (seeds_dir / "dangling.txt").symlink_to(seeds_dir / "gone.txt")

    output = run_import(seeds_dir)

    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.FINISHED
    assert run.imported_files == 5
    problems = dict(run.problems.values_list("path", "reason"))
    assert any(path.endswith("r\\xe9sum\\xe9.txt") for path in problems)
    assert any("broken symbolic link" in reason for reason in problems.values())
    assert "r\\xe9sum\\xe9.txt" in output
    assert output.count("dangling.txt") == 1  # once, not again in the summary
