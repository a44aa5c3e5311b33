"""Importing article files: safe reading, the batch, runs, the Celery task and the folder watcher.

The package's rooms, each with one job:

- ``sources``: read a file safely (encodings, binary files, size); every refusal named.
- ``batch``: read, extract (in worker processes) and store files in chunks.
- ``runs``: record an import as an ``ImportRun`` with its progress and problems.
- ``tasks``: queued imports, a run's files sent to Celery in batches.
- ``watch``: import the files dropped into a folder until stopped.

What callers use is re-exported here; tests that replace a function do so in its module
(``events.importing.batch.extract_chunk``), where the code that calls it looks it up.
"""

from __future__ import annotations

from events.importing.batch import (
    DEFAULT_BATCH_SIZE,
    ChunkItem,
    FileOutcome,
    FileStatus,
    ImportReport,
    extract_chunk,
    import_paths,
    store_chunk,
)
from events.importing.runs import RunRecorder, import_paths_recorded, import_run_create
from events.importing.sources import (
    DEFAULT_FALLBACK_ENCODINGS,
    SourceError,
    SourceFile,
    content_hash,
    iter_source_paths,
    path_text,
    read_source,
)
from events.importing.tasks import QueueUnavailable, import_batch, import_run_enqueue
from events.importing.watch import (
    DEFAULT_INTERVAL,
    WatchSummary,
    stop_requested_by_signals,
    watch_folder,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_FALLBACK_ENCODINGS",
    "DEFAULT_INTERVAL",
    "ChunkItem",
    "FileOutcome",
    "FileStatus",
    "ImportReport",
    "QueueUnavailable",
    "RunRecorder",
    "SourceError",
    "SourceFile",
    "WatchSummary",
    "content_hash",
    "extract_chunk",
    "import_batch",
    "import_paths",
    "import_paths_recorded",
    "import_run_create",
    "import_run_enqueue",
    "iter_source_paths",
    "path_text",
    "read_source",
    "stop_requested_by_signals",
    "store_chunk",
    "watch_folder",
]
