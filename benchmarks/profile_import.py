"""Profile ``import_paths`` in-process with cProfile and print where the time goes.

The throughput benchmark says *how* slow the import is; this says *why*. The extract
and store phases are profiled apart (``extract_chunk`` and ``article_record``), against
a fresh database: a temporary SQLite file by default, or a
PostgreSQL database created and dropped with ``--postgres``.

    python benchmarks/profile_import.py --articles 100 [--postgres] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus
from counted_import import sql_shape

PROJECT_DIR = corpus.PROJECT_DIR


def print_stats(profile: cProfile.Profile, title: str, top: int) -> None:
    """Print the ``top`` functions of ``profile`` by cumulative time, then by own time."""
    for order, named in (("cumulative", "cumulative time"), ("tottime", "own time")):
        buffer = io.StringIO()
        pstats.Stats(profile, stream=buffer).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n===== {title}: by {named}")
        print(buffer.getvalue().split("\n", 4)[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="corpus size (default: 100)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--top", type=int, default=30, help="functions to list per table")
    parser.add_argument(
        "--postgres",
        metavar="SERVER_URL",
        nargs="?",
        const="postgres://postgres@127.0.0.1:5432",
        help="profile against a fresh PostgreSQL database on this server instead of SQLite",
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="eventdesk_profile_"))
    admin = None
    database_name = f"eventdesk_profile_{os.getpid()}"
    try:
        if args.postgres:
            import psycopg2

            admin = psycopg2.connect(args.postgres.rstrip("/") + "/postgres")
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{database_name}"')
            database_url = f"{args.postgres.rstrip('/')}/{database_name}"
        else:
            database_url = f"sqlite:///{workdir / 'profile.sqlite3'}"
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
        corpus.ensure_project_on_path()
        paths = corpus.write_corpus(workdir / "articles", articles=args.articles, seed=args.seed)

        import django

        django.setup()
        from collections import Counter

        from django.db import connection

        from events.extraction.gazetteer import load_gazetteer
        from events.extraction.nlp import load_nlp
        from events.importing import batch

        load_nlp()
        load_gazetteer()

        # Profile the two phases apart by wrapping the extractor and the recorder.
        extract_profile, store_profile = cProfile.Profile(), cProfile.Profile()
        real_extract, real_record = batch.extract_chunk, batch.store.article_record

        def profiled_extract(*args, **kwargs):
            return extract_profile.runcall(real_extract, *args, **kwargs)

        def profiled_record(*args, **kwargs):
            return store_profile.runcall(real_record, *args, **kwargs)

        queries: Counter = Counter()

        def count(execute, sql, params, many, context):
            queries[sql_shape(sql)] += 1
            return execute(sql, params, many, context)

        batch.store.article_record = profiled_record
        batch.extract_chunk = profiled_extract
        started = time.perf_counter()
        try:
            with connection.execute_wrapper(count):
                # In this process (no extraction process), so both phases are profiled.
                report = batch.import_paths(paths, max_bytes=10_000_000, workers=0)
        finally:
            batch.store.article_record = real_record
            batch.extract_chunk = real_extract
        elapsed = time.perf_counter() - started
        connection.close()
        print(
            f"{connection.vendor}: {report.imported} of {len(paths)} articles in {elapsed:.1f} s "
            f"(profiler overhead included); {sum(queries.values())} queries "
            f"({sum(queries.values()) / max(report.imported, 1):.1f} per article)"
        )
        print_stats(extract_profile, "extract phase", args.top)
        print_stats(store_profile, "store phase (store.article_record)", args.top)
        print("===== statements by count (count, per article, shape)")
        for shape, n in queries.most_common(args.top):
            print(f"{n:>7} {n / max(report.imported, 1):>6.1f}  {shape[:200]}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if admin is not None:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
            admin.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
