"""Watching a folder: dropped files import once complete, once each, across restarts and stops.

Each test scripts the folder: ``Polls`` makes one change before each poll of the watch and
then stops it, and the watch sleeps 0 seconds, so no test waits on a clock.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from django.conf import settings

from events.importing import (
    FileStatus,
    ImportReport,
    WatchSummary,
    content_hash,
    import_paths,
    stop_requested_by_signals,
    watch_folder,
)
from events.models import Article

pytestmark = pytest.mark.django_db


def nothing() -> None:
    """Change nothing before this poll."""


class Polls:
    """A ``should_stop`` that makes one scripted change before each poll, then stops the watch."""

    def __init__(self, *changes):
        self.changes = list(changes)

    def __call__(self) -> bool:
        if not self.changes:
            return True
        self.changes.pop(0)()
        return False


def watch(folder: Path, *changes, **options) -> tuple[list[ImportReport], WatchSummary]:
    """Watch ``folder`` through the scripted ``changes``; return each batch's report."""
    reports: list[ImportReport] = []
    summary = watch_folder(
        folder, interval=0, should_stop=Polls(*changes), on_batch=reports.append, **options
    )
    return reports, summary


def batches(reports: list[ImportReport]) -> list[dict[str, str]]:
    """Return each batch as {file name: status}."""
    return [{outcome.path.name: outcome.status for outcome in report.files} for report in reports]


def imported_names() -> list[str]:
    return sorted(Article.objects.values_list("source_file", flat=True))


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def texts(seeds_dir) -> list[str]:
    """Return the seed articles' texts: real articles, each a different story."""
    return [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]


def drop(path: Path, text: str):
    """Return a change that writes ``text`` to ``path`` in one go."""
    return lambda: path.write_text(text, encoding="utf-8")


def test_a_file_dropped_while_watching_is_imported(inbox, texts):
    reports, summary = watch(inbox, nothing, drop(inbox / "new.txt", texts[0]), nothing, nothing)

    assert imported_names() == ["new.txt"]
    assert batches(reports) == [{"new.txt": FileStatus.IMPORTED}]
    assert summary.line() == "1 batches, 1 files: 1 imported, 0 skipped, 0 failed."
    assert summary.created["articles"] == 1


def test_a_file_still_being_written_waits_until_it_stops_changing(inbox, texts):
    path = inbox / "growing.txt"
    text = texts[0]
    third = len(text) // 3

    def append(part: str):
        def write() -> None:
            with path.open("a", encoding="utf-8") as file:
                file.write(part)

        return write

    def assert_nothing_imported() -> None:
        assert not Article.objects.exists()

    watch(
        inbox,
        append(text[:third]),
        append(text[third : 2 * third]),  # grew since the last poll: not complete
        append(text[2 * third :]),
        assert_nothing_imported,  # unchanged over this poll: imported now
        nothing,
    )

    assert Article.objects.get().content_hash == content_hash(text)


def test_in_progress_names_and_dotfiles_wait_for_their_rename(inbox, texts):
    part = inbox / "story.txt.part"
    hidden_folder = inbox / ".scraper"
    hidden_folder.mkdir()

    def rename_when_done() -> None:
        assert not Article.objects.exists()
        part.rename(inbox / "story.txt")

    reports, _ = watch(
        inbox,
        drop(part, texts[0]),
        drop(inbox / "draft.txt.tmp", texts[1]),
        drop(inbox / "download.txt.crdownload", texts[2]),
        drop(inbox / ".hidden.txt", texts[3]),
        drop(hidden_folder / "cache.txt", texts[4]),
        nothing,
        rename_when_done,
        nothing,
        nothing,
    )

    assert imported_names() == ["story.txt"]
    assert batches(reports) == [{"story.txt": FileStatus.IMPORTED}]


def test_a_restart_imports_nothing_twice_and_catches_up(inbox, texts):
    watch(inbox, drop(inbox / "a.txt", texts[0]), drop(inbox / "b.txt", texts[1]), nothing, nothing)
    assert imported_names() == ["a.txt", "b.txt"]

    (inbox / "c.txt").write_text(texts[2], encoding="utf-8")  # dropped while no watch ran
    reports, summary = watch(inbox, nothing, nothing, nothing, nothing)

    assert imported_names() == ["a.txt", "b.txt", "c.txt"]
    assert batches(reports) == [
        {"a.txt": FileStatus.SKIPPED, "b.txt": FileStatus.SKIPPED, "c.txt": FileStatus.IMPORTED}
    ]
    assert (summary.imported, summary.statuses[FileStatus.SKIPPED]) == (1, 2)


def test_a_bad_file_is_reported_once_and_retried_only_once_changed(inbox, texts):
    empty = inbox / "empty.txt"

    def drop_files() -> None:
        empty.write_bytes(b"")
        (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00IHDR\x00")
        (inbox / "good.txt").write_text(texts[0], encoding="utf-8")

    reports, _ = watch(
        inbox, drop_files, nothing, nothing, nothing, nothing, drop(empty, texts[1]), nothing
    )

    failures = [
        (outcome.path.name, outcome.reason)
        for report in reports
        for outcome in report.files
        if outcome.status == FileStatus.FAILED
    ]
    assert failures == [
        ("empty.txt", "file is empty"),
        ("image.txt", "binary file (contains NUL bytes), not text"),
    ]
    assert batches(reports)[0]["good.txt"] == FileStatus.IMPORTED
    assert batches(reports)[1:] == [{"empty.txt": FileStatus.IMPORTED}]  # once it was rewritten
    assert imported_names() == ["empty.txt", "good.txt"]


def test_a_backlog_is_imported_in_capped_batches(inbox, texts):
    for name, text in zip(("a.txt", "b.txt", "c.txt"), texts, strict=False):
        (inbox / name).write_text(text, encoding="utf-8")

    reports, _ = watch(inbox, nothing, nothing, nothing, max_files_per_batch=2)

    assert [sorted(batch) for batch in batches(reports)] == [["a.txt", "b.txt"], ["c.txt"]]
    assert imported_names() == ["a.txt", "b.txt", "c.txt"]


def test_a_folder_that_goes_away_is_waited_for(inbox, texts, tmp_path):
    away = tmp_path / "unmounted"

    def come_back_with_a_file() -> None:
        away.rename(inbox)
        (inbox / "back.txt").write_text(texts[0], encoding="utf-8")

    watch(inbox, lambda: inbox.rename(away), nothing, come_back_with_a_file, nothing, nothing)

    assert imported_names() == ["back.txt"]


def test_a_signal_lets_the_current_batch_finish_then_stops_the_watch(inbox, texts):
    for name, text in (("a.txt", texts[0]), ("b.txt", texts[1])):
        (inbox / name).write_text(text, encoding="utf-8")
    handler_before = signal.getsignal(signal.SIGTERM)

    def import_while_signalled(paths):
        os.kill(os.getpid(), signal.SIGTERM)  # as `docker stop` would, just as the batch starts
        return import_paths(paths, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    # The late file would be imported two polls on, if the watch went on.
    polls = Polls(nothing, drop(inbox / "late.txt", texts[2]), nothing, nothing)
    with stop_requested_by_signals() as stop_requested:
        summary = watch_folder(
            inbox,
            import_files=import_while_signalled,
            interval=0,
            should_stop=lambda: stop_requested() or polls(),
        )

    assert imported_names() == ["a.txt", "b.txt"]
    assert summary.batches == 1
    assert signal.getsignal(signal.SIGTERM) == handler_before
