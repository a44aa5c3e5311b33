"""Measure the store alone: its CPU per article as the database grows.

In the import, extraction and the store share one core, so every millisecond of the
store's CPU is a millisecond the model does not get; but next to the model's time the
store's share drowns in the full benchmark's noise. This script extracts a corpus once
(cached on disk by corpus size, seed and ``EXTRACTOR_VERSION``, so two checkouts
that differ only in the store share it; delete ``CACHE_DIR`` after changing extraction
without bumping the version), then stores it in this process, as ``import_paths``
does (``store_chunk``: chunks, one ``StoreCache`` and one transaction each, statistics
refreshed at the same points), into a fresh database. For each window of articles it
prints the store's CPU per article (``time.thread_time``: this process only), its wall
time, its queries per article and, on a local PostgreSQL, the CPU its server process
spent on them; at the end, the digest of what was stored. Two checkouts can so be
compared in one session, in minutes rather than the full benchmark's hour and a half.

    python benchmarks/store_cpu.py --articles 3000 [--window 500] [--postgres [URL]] \
        [--profile-first N] [--profile-last N]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus
from import_throughput import postgres_database
from profile_import import print_stats

PROJECT_DIR = corpus.PROJECT_DIR
CACHE_DIR = Path(tempfile.gettempdir()) / "eventdesk_store_cpu"


def _chunks(paths: list[Path]):
    """Return the corpus's chunks as the import reads them (every file is new)."""
    from events.importing import batch

    return batch._read_chunks(
        paths,
        batch_size=batch.DEFAULT_BATCH_SIZE,
        max_bytes=10_000_000,
        fallback_encodings=(),
        finish=lambda outcome: None,
    )


def _extractions(paths: list[Path], cache_file: Path) -> dict[str, object]:
    """Return each file's ``ChunkItem`` by content hash, extracting only on a cache miss."""
    if cache_file.exists():
        return pickle.loads(cache_file.read_bytes())
    from events.importing import batch

    chunks = _chunks(paths)
    items = {}
    started = time.perf_counter()
    for chunk, extracted in batch._extracted(chunks, workers=os.cpu_count() or 1):
        for pending, item in zip(chunk, extracted, strict=True):
            items[pending.source.content_hash] = item
    print(f"extracted {len(items)} articles in {time.perf_counter() - started:.0f} s (cached)")
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    return items


def _server_process() -> int | None:
    """Return the process id of this connection's PostgreSQL backend, if it runs here."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return pid if Path(f"/proc/{pid}/stat").exists() else None


def _process_cpu(pid: int | None) -> float:
    """Return the CPU seconds process ``pid`` has used (user and system), 0 for none.

    The server's share of the store: the statements' planning and execution, the
    indexes' and constraints' upkeep, which the store's own CPU does not show.
    """
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _store_all(paths, items, *, window: int, profile_last: int, profile_first: int) -> None:
    from counted_import import fingerprint
    from django.db import connection

    from events import store
    from events.extraction.gazetteer import load_gazetteer
    from events.importing import batch

    gazetteer = load_gazetteer()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    chunks = _chunks(paths)
    profile = cProfile.Profile(timer=time.thread_time)
    first_profile = cProfile.Profile(timer=time.thread_time)
    total = len(items)
    stored, next_statistics = 0, batch.STATISTICS_FIRST_REFRESH
    cpu = wall = 0.0
    window_queries = in_window = 0
    server = _server_process()
    server_before = _process_cpu(server)
    print(
        f"{'articles':>12} {'CPU ms/art':>11} {'wall ms/art':>12} {'queries/art':>12}"
        + (f" {'server ms/art':>14}" if server else "")
    )
    with connection.execute_wrapper(count):
        for chunk in chunks:
            cache = store.StoreCache.read()
            profiling = stored + len(chunk) > total - profile_last
            profiling_first = stored < profile_first
            before_cpu, before_wall, before_queries = (
                time.thread_time(),
                time.perf_counter(),
                queries,
            )
            if profiling:
                profile.enable()
            elif profiling_first:
                first_profile.enable()
            batch.store_chunk(
                chunk,
                [items[pending.source.content_hash] for pending in chunk],
                gazetteer=gazetteer,
                cache=cache,
                dry_run=False,
            )
            if profiling:
                profile.disable()
            elif profiling_first:
                first_profile.disable()
            cpu += time.thread_time() - before_cpu
            wall += time.perf_counter() - before_wall
            window_queries += queries - before_queries
            stored += len(chunk)
            in_window += len(chunk)
            if in_window >= window or stored == total:
                server_cpu = ""
                if server:
                    server_now = _process_cpu(server)
                    server_cpu = f" {(server_now - server_before) / in_window * 1000:>14.1f}"
                    server_before = server_now
                print(
                    f"{stored - in_window + 1:>5}–{stored:<6} {cpu / in_window * 1000:>11.1f} "
                    f"{wall / in_window * 1000:>12.1f} {window_queries / in_window:>12.1f}"
                    + server_cpu,
                    flush=True,
                )
                cpu = wall = 0.0
                window_queries = in_window = 0
            if stored >= next_statistics:
                store.statistics_refresh()
                next_statistics *= 2
    started = time.perf_counter()
    what_was_stored = fingerprint()
    print(f"stored: {what_was_stored} (made in {time.perf_counter() - started:.1f} s)")
    if profile_first:
        print_stats(
            first_profile, f"CPU profile of the first {profile_first} articles (thread time)", 40
        )
    if profile_last:
        print_stats(profile, f"CPU profile of the last {profile_last} articles (thread time)", 40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="corpus size (default: 3000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--window", type=int, default=500, help="articles per printed line")
    parser.add_argument(
        "--postgres",
        metavar="SERVER_URL",
        nargs="?",
        const="postgres://postgres@127.0.0.1:5432",
        help="store into a fresh PostgreSQL database on this server instead of SQLite",
    )
    parser.add_argument(
        "--profile-last", type=int, default=0, metavar="N", help="profile the last N articles"
    )
    parser.add_argument(
        "--profile-first", type=int, default=0, metavar="N", help="profile the first N articles"
    )
    corpus.add_articles_per_day_argument(parser)
    args = parser.parse_args(argv)

    corpus.ensure_project_on_path()
    from events.extraction import EXTRACTOR_VERSION

    corpus_key = f"{args.articles}-{args.seed}-{args.articles_per_day}"
    key = f"{corpus_key}-{EXTRACTOR_VERSION}"
    corpus_dir = CACHE_DIR / f"corpus-{corpus_key}"
    if not corpus_dir.exists():
        corpus.write_corpus(
            corpus_dir,
            articles=args.articles,
            seed=args.seed,
            articles_per_day=args.articles_per_day,
        )
    paths = sorted(corpus_dir.iterdir(), key=str)

    workdir = Path(tempfile.mkdtemp(prefix="eventdesk_store_cpu_"))
    try:
        with (
            postgres_database(args.postgres, f"eventdesk_store_cpu_{os.getpid()}")
            if args.postgres
            else contextlib.nullcontext(f"sqlite:///{workdir / 'store.sqlite3'}")
        ) as database_url:
            # Settings are read at django.setup(); the benchmark must never touch db.sqlite3.
            os.environ["DATABASE_URL"] = database_url
            os.environ["DEBUG"] = "0"
            os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput"],
                cwd=PROJECT_DIR,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            import django

            django.setup()
            items = _extractions(paths, CACHE_DIR / f"items-{key}.pickle")
            from django.db import connection

            print(f"{connection.vendor}: storing {len(items)} articles, extraction {key}")
            _store_all(
                paths,
                items,
                window=args.window,
                profile_last=args.profile_last,
                profile_first=args.profile_first,
            )
            connection.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
