"""Watch a folder and import article files as a scraper drops them into it.

The folder is polled, not watched through inotify: polling works the same on local
disks, network filesystems (NFS, SMB) and bind mounts, where inotify sees no events.

A file is imported once it is *complete*: its size and modification time have not
changed over one poll. That is a guess, so scrapers should write each file under a name
the watcher ignores (a dotfile, or ending in ``.part``, ``.tmp`` or ``.crdownload``) and
rename it to its ``.txt`` name when done: a rename is atomic, the file appears whole.

There is no state file. The database is the record of what has been imported (articles
are unique by content hash, and ``import_paths`` skips known texts with one query per
chunk), so after a restart the watcher reads the folder again and imports only what is
new; a state file could only disagree with the database (a restored backup, a second
watcher, another import). Within one run, a file is handed to the import once per
version (path, size and modification time): a file that failed is reported once and not
retried until it changes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings

from events.importing.batch import FileStatus, ImportReport, import_paths
from events.importing.sources import iter_source_paths

__all__ = [
    "DEFAULT_INTERVAL",
    "IN_PROGRESS_SUFFIXES",
    "FileStamp",
    "WatchSummary",
    "scan_folder",
    "stop_requested_by_signals",
    "watch_folder",
]

DEFAULT_INTERVAL = 2.0
# Names that downloaders and careful writers use while a file is still being written.
IN_PROGRESS_SUFFIXES = {".part", ".tmp", ".crdownload"}
# How often a sleeping watcher looks at ``should_stop``: a signal is seen this fast.
_STOP_CHECK_SECONDS = 0.1


@dataclasses.dataclass(frozen=True)
class FileStamp:
    """A version of a file, as far as the watcher can tell without reading it."""

    size: int
    modified_ns: int


@dataclasses.dataclass
class WatchSummary:
    """What a watch did, in counts across its batches: not per file, a watch may run for months."""

    batches: int = 0
    statuses: Counter = dataclasses.field(default_factory=Counter)
    created: Counter = dataclasses.field(default_factory=Counter)

    def add(self, report: ImportReport) -> None:
        self.batches += 1
        self.statuses.update(outcome.status for outcome in report.files)
        self.created.update(report.created)

    @property
    def imported(self) -> int:
        return self.statuses[FileStatus.IMPORTED] + self.statuses[FileStatus.REEXTRACTED]

    def line(self) -> str:
        """Return the closing one-line summary."""
        return (
            f"{self.batches} batches, {self.statuses.total()} files: {self.imported} imported, "
            f"{self.statuses[FileStatus.SKIPPED]} skipped, "
            f"{self.statuses[FileStatus.FAILED]} failed."
        )


def scan_folder(folder: Path) -> dict[Path, FileStamp] | None:
    """Return the article files under ``folder`` with their stamps, or None if it is unreadable.

    Dotfiles, files in dot-folders and in-progress names are left out. A folder that
    cannot be read (a network share gone away) gives None, so the caller can wait for it.
    """
    if not folder.is_dir():
        return None
    stamps: dict[Path, FileStamp] = {}
    try:
        paths = list(iter_source_paths([folder]))
    except OSError:  # a subfolder vanished or the share dropped mid-walk: look again later
        return None
    for path in paths:
        relative_parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative_parts):
            continue
        if path.suffix.lower() in IN_PROGRESS_SUFFIXES:
            continue
        try:
            stat = path.stat()
        except OSError:  # removed or renamed since it was listed
            continue
        stamps[path] = FileStamp(stat.st_size, stat.st_mtime_ns)
    return stamps


def watch_folder(
    folder: str | Path,
    *,
    import_files: Callable[[list[Path]], ImportReport] | None = None,
    interval: float = DEFAULT_INTERVAL,
    should_stop: Callable[[], bool],
    on_batch: Callable[[ImportReport], None] | None = None,
    max_files_per_batch: int | None = None,
) -> WatchSummary:
    """Import new, complete files under ``folder`` until ``should_stop()``; return a summary.

    Each poll imports the files that are complete and not yet handled in this run as one
    batch, through ``import_files`` (default: ``import_paths`` with the configured size
    limit), then sleeps ``interval`` seconds. ``should_stop`` is asked before every poll
    and while sleeping, never during a batch, so a stop always comes after a whole batch.
    ``max_files_per_batch`` caps a batch (a restart on a big backlog), so stopping waits
    for at most one capped batch; the rest follows at once, without sleeping. An error
    from the import itself (the database gone) is raised, not retried: a supervisor
    restarts the watch, which then skips what was stored.
    """
    folder = Path(folder)
    if import_files is None:
        import_files = functools.partial(import_paths, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)
    summary = WatchSummary()
    previous: dict[Path, FileStamp] = {}  # the last poll's scan: a file unchanged since is complete
    handled: dict[Path, FileStamp] = {}  # files handed to the import in this run, as they were
    while not should_stop():
        current = scan_folder(folder)
        if current is None:
            _sleep(interval, should_stop)
            continue
        # Forget files that changed or went away: a new version is a new file.
        handled = {path: stamp for path, stamp in handled.items() if current.get(path) == stamp}
        ready = sorted(
            path
            for path, stamp in current.items()
            if path not in handled and previous.get(path) == stamp
        )
        previous = current
        backlog = max_files_per_batch is not None and len(ready) > max_files_per_batch
        if backlog:
            ready = ready[:max_files_per_batch]
        if ready:
            report = import_files(ready)
            handled.update((path, current[path]) for path in ready)
            summary.add(report)
            if on_batch is not None:
                on_batch(report)
        if not backlog:
            _sleep(interval, should_stop)
    return summary


def _sleep(seconds: float, should_stop: Callable[[], bool]) -> None:
    """Sleep ``seconds`` in short steps, waking early once ``should_stop()`` is true."""
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0 and not should_stop():
        time.sleep(min(remaining, _STOP_CHECK_SECONDS))


@contextlib.contextmanager
def stop_requested_by_signals(
    signals: Iterable[signal.Signals] = (signal.SIGINT, signal.SIGTERM),
) -> Iterator[Callable[[], bool]]:
    """Yield a ``should_stop`` that turns true at the first SIGINT or SIGTERM.

    The first signal only asks the watch to stop after its current batch (Ctrl-C, or
    ``docker stop``/systemd sending SIGTERM). The usual handlers are put back at once, so
    a second signal stops the process the usual way, mid-batch; the file being stored
    then is rolled back and a restart imports it. Call from the main thread.
    """
    received: list[int] = []
    previous_handlers: dict[int, object] = {}

    def request_stop(signum, frame) -> None:
        received.append(signum)
        for signum_, handler in previous_handlers.items():
            signal.signal(signum_, handler)

    for signum in signals:
        previous_handlers[signum] = signal.signal(signum, request_stop)
    try:
        yield lambda: bool(received)
    finally:
        for signum, handler in previous_handlers.items():
            signal.signal(signum, handler)
