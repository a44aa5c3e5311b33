"""Measure import throughput against the bare NLP model, on one generated corpus.

The spaCy model is the floor: no import can be faster than parsing the text once.
Every other figure is put against it, so a regression shows up as a ratio that grows
whatever machine the benchmark runs on:

(a) model     ``nlp.pipe`` over the cleaned bodies at the pipeline's batch size
              (cleaning timed apart);
(b) pipeline  ``extract_articles`` over the raw texts (``nlp.pipe`` batches), sharing
              the model and the gazetteer, no database;
(c) import    ``manage.py import_articles DIR`` in a subprocess per database (fresh
              PostgreSQL and SQLite databases), with wall time, peak RSS, queries per
              article and the storing rate of the first and last articles;
(d) workers   the PostgreSQL import again with ``--workers 2`` (fresh database), right
              after (c)'s: its speed-up over it and whether it stored exactly the same
              records;
(a') drift     the model again on the first 1,000 articles, at the end: how much faster
              or slower the machine ran than when (a) was timed.

(a) to (c) run on one core (the first this process may use): in (c) the import's
extraction process and its storing process share it. A local PostgreSQL server is
another service: during (c) it is kept on the other cores when this process may move
it. (d) runs on every core, the server where the system puts it.

    python benchmarks/import_throughput.py --articles 1000

The last four lines are machine-readable: ``pipeline_vs_model``,
``import_vs_model_postgres``, ``import_vs_model_sqlite`` (throughput ratios: the
model's time over the stage's, 1.0 would be "as fast as the bare model", the target is
0.70 or more) and ``peak_rss_mb`` (the largest import process's peak). Before them,
``workers_speedup`` and ``workers_identical``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

PROJECT_DIR = corpus.PROJECT_DIR
PYTHON = sys.executable
_PROGRESS_PREFIX = "["
_READY_LINE = "counted_import: ready"
_DONE_LINE = "counted_import: done"


@dataclasses.dataclass
class ImportRun:
    """What one ``import_articles`` subprocess did and how long each part took."""

    backend: str
    articles: int
    migrate_seconds: float
    startup_seconds: float  # Django, model and gazetteer loaded
    wall_seconds: float  # from the subprocess's start, start-up included, to the command's end
    stored_at: list[float]  # seconds since start at each "[i/N]" progress line
    peak_rss_mb: float
    stats: dict
    summary: list[str]

    @property
    def import_seconds(self) -> float:
        """Return the time from start-up to the last stored article."""
        return (self.stored_at[-1] if self.stored_at else self.wall_seconds) - self.startup_seconds

    def rates_by_window(self, window: int) -> list[float]:
        """Return articles/s over each run of ``window`` articles stored, in order.

        The import streams chunks (extract, then store), so each run's rate is the whole
        import's rate at that point; a last rate well below the first means the import
        slows as the database grows. First and last alone cannot tell a trend from the
        machine's noise; the runs in between can. The last run ends at the last article,
        overlapping the one before.
        """
        stamps = self.stored_at
        return [
            window / max(stamps[end] - stamps[end - window], 1e-9)
            for end in _window_ends(len(stamps), window)
        ]

    @property
    def model_inside_seconds(self) -> float:
        """Return the CPU the import's parses spent in ``nlp.pipe``."""
        return sum(seconds for seconds, _ in self.stats.get("cpu_model_parses", ()))

    def model_rates_by_window(self, window: int) -> list[float]:
        """Return the model's articles/s inside the import over the runs of ``rates_by_window``.

        The same articles, parsed minutes apart on a machine whose speed may have moved
        by a fifth meanwhile: an import rate over this rate is the import's speed against
        the model's on the same articles at the same time, which the machine's drift does
        not move. With one extraction process parses end in the articles' order; with
        more, about in it.
        """
        parses = list(self.stats.get("cpu_model_parses", ()))
        return [
            _parse_rate(_parses_from(parses, end - window + 1), window)
            for end in _window_ends(len(self.stored_at), window)
        ]


def _window_ends(count: int, window: int) -> list[int]:
    """Return the index of each run's last article: every ``window``-th, and the last."""
    if window < 1:
        return []
    ends = list(range(window, count, window))
    if ends and ends[-1] != count - 1:
        ends.append(count - 1)
    return ends


def _parses_from(parses, skipped: int) -> list[tuple[float, int]]:
    """Return ``parses`` without their first ``skipped`` texts (a batch cut pro rata)."""
    kept = []
    for seconds, texts in parses:
        if skipped >= texts:
            skipped -= texts
            continue
        kept.append((seconds * (texts - skipped) / max(texts, 1), texts - skipped))
        skipped = 0
    return kept


def _parse_rate(parses, window: int) -> float:
    """Return the articles/s of ``parses`` (seconds, texts) over their first ``window`` texts."""
    seconds, texts = 0.0, 0
    for parse_seconds, parse_texts in parses:
        taken = min(parse_texts, window - texts)
        seconds += parse_seconds * taken / max(parse_texts, 1)
        texts += taken
        if texts == window:
            return window / max(seconds, 1e-9)
    return float("nan")


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    # DEBUG keeps a log of every query; production imports run without it.
    env["DEBUG"] = "0"
    env.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_import(
    backend: str,
    database_url: str,
    corpus_dir: Path,
    articles: int,
    extra_args: tuple[str, ...] = (),
    cpus: set[int] | None = None,
) -> ImportRun:
    """Migrate a fresh database, then import ``corpus_dir`` into it in a subprocess.

    ``cpus``: the cores the import may run on (default: this process's).
    """
    env = _environment(database_url)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    migrate_seconds = time.perf_counter() - started

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        stats_path = Path(handle.name)
    command = [
        PYTHON,
        "-u",
        str(Path(__file__).with_name("counted_import.py")),
        "--stats",
        str(stats_path),
        str(corpus_dir),
        *extra_args,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    startup_seconds = 0.0
    done_seconds = None
    stored_at: list[float] = []
    summary: list[str] = []
    for line in process.stdout:
        now = time.perf_counter() - started
        if line.startswith(_PROGRESS_PREFIX):
            stored_at.append(now)
        elif line.startswith(_READY_LINE):
            startup_seconds = now
        elif line.startswith(_DONE_LINE):
            done_seconds = now  # then the digest of the records, which is not the import
        else:
            summary.append(line.rstrip())
    process.wait()
    wall_seconds = done_seconds or time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{backend} import failed ({process.returncode}): {summary[-5:]}")
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    stats_path.unlink()
    return ImportRun(
        backend=backend,
        articles=articles,
        migrate_seconds=migrate_seconds,
        startup_seconds=startup_seconds,
        wall_seconds=wall_seconds,
        stored_at=stored_at,
        # Measured by the child itself: wait4/RUSAGE_CHILDREN would report at least this
        # (large) process's own peak, which Linux carries into a child's ru_maxrss.
        peak_rss_mb=max(stats["peak_rss_mb"], stats.get("children_peak_rss_mb", 0)),
        stats=stats,
        summary=summary,
    )


@contextlib.contextmanager
def postgres_database(server_url: str, name: str):
    """Create an empty PostgreSQL database, yield its URL, and drop it afterwards."""
    import psycopg2

    admin = psycopg2.connect(server_url.rstrip("/") + "/postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            for stale in _stale_databases(cursor, name):
                print(f"  dropping {stale}: left by a benchmark that is no longer running")
                cursor.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield f"{server_url.rstrip('/')}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextlib.contextmanager
def server_off_cores(database_url: str, cores: set[int]):
    """Keep a local PostgreSQL server off ``cores`` during the block, then restore it.

    The targets are for an import on one core, and the server is another service
    (often on another machine). Left where the system puts it, a backend is woken on
    the core of the process that queried it, so the server's own work was charged to
    the import's core. The postmaster and its current children are moved (new backends
    inherit the postmaster's cores). A server on another machine, or one this process
    may not move, is left alone; the block's value says which happened.
    """
    moved: dict[int, set[int]] = {}
    others = set(range(os.cpu_count() or 1)) - cores
    postmaster = _postmaster_pid(database_url) if others else None
    placement = "shares the import's core (not a local server, or a single core)"
    if postmaster is not None:
        try:
            for pid in (postmaster, *_children(postmaster)):
                with contextlib.suppress(ProcessLookupError):  # a backend that just ended
                    previous = os.sched_getaffinity(pid)
                    os.sched_setaffinity(pid, others)
                    moved[pid] = previous
            placement = f"kept off the import's core (on cores {sorted(others)})"
        except PermissionError as exc:
            placement = f"shares the import's core (could not move it: {exc})"
    try:
        yield placement
    finally:
        if moved:  # backends started meanwhile took the postmaster's cores: give theirs back
            for pid in {*moved, *_children(postmaster)}:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.sched_setaffinity(pid, moved.get(pid, moved[postmaster]))


def _postmaster_pid(database_url: str) -> int | None:
    """Return the local PostgreSQL server's main process, or None if it is not visible."""
    import psycopg2

    connection = psycopg2.connect(database_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (backend,) = cursor.fetchone()
        return _parent_pid(backend)  # while the backend is still there
    finally:
        connection.close()


def _parent_pid(pid: int) -> int | None:
    """Return the parent of local process ``pid``, or None if it is not visible here."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent_pid(int(entry.name)) == pid:
            children.append(int(entry.name))
    return children


def _print_drift(nlp, bodies: list[str], seconds_at_start: float) -> None:
    """Time the model again on the first articles and say how far the machine drifted.

    The ratios put the imports against the model timed before them, an hour or more
    earlier on a long run; on a shared machine the speed of one core can change by a
    fifth in that time. A ratio is only as good as this figure is small.
    """
    from events.extraction.pipeline import PIPE_BATCH_SIZE

    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=PIPE_BATCH_SIZE):
        pass
    seconds_now = time.perf_counter() - started
    change = seconds_at_start / seconds_now - 1
    print(f"\n(a') model again on the first {len(bodies)} articles, after the imports")
    print(
        f"  articles/second:         {_rate(len(bodies), seconds_now)} "
        f"(at the start: {_rate(len(bodies), seconds_at_start)}; machine drift {change:+.0%})"
    )


def _stale_databases(cursor, name: str) -> list[str]:
    """Return the databases named like ``name`` (``<prefix>_<pid>``) whose process is gone.

    A benchmark killed before its ``finally`` leaves its database behind, a copy of up to
    10,000 imported articles; the next run on the server clears them.
    """
    if not Path("/proc/self").exists():  # no way to tell a live process here: keep them
        return []
    prefix = name.rsplit("_", 1)[0] + "_"
    cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
    stale = []
    for (database,) in cursor.fetchall():
        pid = database[len(prefix) :]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            stale.append(database)
    return stale


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.1f}/s" if seconds > 0 else "n/a"


def _print_run(run: ImportRun, words: int, model_seconds: float, window: int) -> None:
    stats = run.stats
    queries = stats["queries"]
    print(f"\n{run.backend} ({run.stats['vendor']})")
    print(f"  migrate (not counted):   {run.migrate_seconds:.1f} s")
    print(f"  wall time:               {run.wall_seconds:.1f} s")
    print(f"    start-up:              {run.startup_seconds:.1f} s (Django, model, gazetteer)")
    print(f"    import:                {run.import_seconds:.1f} s (read, extract, store)")
    print(f"  articles/second:         {_rate(run.articles, run.wall_seconds)} overall")
    print(f"  words/second:            {_rate(words, run.wall_seconds)}")
    by_window = run.rates_by_window(window)
    model_by_window = run.model_rates_by_window(window)
    if by_window:
        first, last = by_window[0], by_window[-1]
        print(f"  first {window} articles:  {first:,.1f}/s;  last {window}: {last:,.1f}/s")
    shares = [rate / model for rate, model in zip(by_window, model_by_window, strict=True)]
    if any(map(math.isnan, shares)):  # no parse times (an import without extraction stats)
        shares = []
    if shares:
        print(
            f"    against the model's own rate on them: first {shares[0]:.2f}, "
            f"last {shares[-1]:.2f} (the model: {model_by_window[0]:,.1f}/s, "
            f"{model_by_window[-1]:,.1f}/s)"
        )
    if len(by_window) > 2:
        print(f"  each {window}:  " + " ".join(f"{rate:.1f}" for rate in by_window))
        if shares:
            print("    against the model:    " + " ".join(f"{share:.2f}" for share in shares))
    print(f"  peak RSS:                {run.peak_rss_mb:.0f} MB")
    print(
        f"  queries:                 {queries:,} ({queries / run.articles:.1f} per article), "
        f"{stats['query_seconds']:.1f} s inside the database driver"
    )
    if "cpu_storing_seconds" in stats:
        storing, extracting = stats["cpu_storing_seconds"], stats["cpu_extracting_seconds"]
        importing = run.wall_seconds - run.startup_seconds
        print(
            f"  CPU:                     storing {storing:.1f} s, extracting {extracting:.1f} s "
            f"(the import's {importing:.1f} s: {(storing + extracting) / importing:.0%} busy)"
        )
    if inside := run.model_inside_seconds:
        print(
            f"  model inside the import: {inside:.1f} s of CPU in nlp.pipe, "
            f"{inside / run.wall_seconds:.2f} of the wall time; "
            f"(a) took {model_seconds / inside:.2f} times as long"
        )
    print("  costliest statements (count, per article, seconds):")
    for shape in sorted(stats["shapes"], key=lambda shape: -shape["seconds"])[:8]:
        sql = shape["sql"]
        print(
            f"    {shape['count']:>8,} {shape['count'] / run.articles:>7.1f} "
            f"{shape['seconds']:>7.2f}s  {sql[:110]}{'…' if len(sql) > 110 else ''}"
        )
    print(f"  throughput vs model:     {model_seconds / run.wall_seconds:.2f}")
    print(f"  stored:                  {run.stats['fingerprint']}")
    for line in run.summary[-3:]:
        print(f"  | {line[:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--articles", type=int, default=10_000, help="corpus size (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server (no database name); a database eventdesk_bench_<pid> is "
        "created on it and dropped afterwards (default: %(default)s)",
    )
    parser.add_argument(
        "--no-pipeline", action="store_true", help="skip (b), the extraction without a database"
    )
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL import")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite import")
    parser.add_argument(
        "--no-workers", action="store_true", help="skip the --workers 2 PostgreSQL import"
    )
    parser.add_argument("--keep-corpus", type=Path, help="also copy the corpus to this folder")
    corpus.add_articles_per_day_argument(parser)
    args = parser.parse_args(argv)
    corpus.ensure_project_on_path()
    # (a), (b) and (c) run on one core, as the targets are stated; the database server,
    # another process, is not pinned. (d) gets every core.
    all_cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(all_cores)})

    from events.extraction import extract_articles
    from events.extraction.cleaning import clean_article
    from events.extraction.gazetteer import load_gazetteer
    from events.extraction.nlp import load_nlp
    from events.extraction.pipeline import PIPE_BATCH_SIZE

    workdir = Path(tempfile.mkdtemp(prefix="eventdesk_bench_"))
    corpus_dir = workdir / "articles"
    try:
        started = time.perf_counter()
        paths = corpus.write_corpus(
            corpus_dir,
            articles=args.articles,
            seed=args.seed,
            articles_per_day=args.articles_per_day,
        )
        corpus_seconds = time.perf_counter() - started
        if args.keep_corpus:
            shutil.copytree(corpus_dir, args.keep_corpus, dirs_exist_ok=True)
        raws = [path.read_text(encoding="utf-8") for path in paths]
        articles = len(raws)
        words = sum(len(raw.split()) for raw in raws)
        size = sum(len(raw.encode("utf-8")) for raw in raws)
        order = (
            f"{args.articles_per_day} a day in order"
            if args.articles_per_day
            else "days drawn over twelve years"
        )
        print(
            f"corpus: {articles} articles, {words:,} words, {size / 1e6:.1f} MB, "
            f"seed {args.seed}, {order}"
        )
        print(f"  generated in {corpus_seconds:.1f} s")

        nlp, gazetteer = load_nlp(), load_gazetteer()
        started = time.perf_counter()
        bodies = [clean_article(raw).body for raw in raws]
        clean_seconds = time.perf_counter() - started
        started = time.perf_counter()
        # At the pipeline's batch size: spaCy's default (256) runs about a quarter slower
        # on a 2-core machine and would make every ratio below look better than it is.
        sample = min(1000, articles)  # timed again at the end, to show the machine's drift
        sample_seconds = 0.0
        for parsed, _ in enumerate(nlp.pipe(bodies, batch_size=PIPE_BATCH_SIZE), start=1):
            if parsed == sample:
                sample_seconds = time.perf_counter() - started
        model_seconds = time.perf_counter() - started
        print(
            f"\n(a) model: nlp.pipe over cleaned bodies, batches of {PIPE_BATCH_SIZE} "
            f"({nlp.meta['name']} {nlp.meta['version']})"
        )
        print(f"  time:                    {model_seconds:.1f} s (cleaning {clean_seconds:.1f} s)")
        print(f"  articles/second:         {_rate(articles, model_seconds)}")
        print(f"  words/second:            {_rate(words, model_seconds)}")

        pipeline_seconds = None
        if not args.no_pipeline:
            started = time.perf_counter()
            for _ in extract_articles(raws, nlp=nlp, gazetteer=gazetteer):
                pass
            pipeline_seconds = time.perf_counter() - started
            print("\n(b) pipeline: extract_articles (nlp.pipe batches), no database")
            print(f"  time:                    {pipeline_seconds:.1f} s")
            print(f"  articles/second:         {_rate(articles, pipeline_seconds)}")
            print(f"  words/second:            {_rate(words, pipeline_seconds)}")
            print(f"  throughput vs model:     {model_seconds / pipeline_seconds:.2f}")
        own_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  this process's peak RSS: {own_rss_mb:.0f} MB (model, texts, nlp.pipe batch)")

        window = min(1000, articles // 3)
        runs: dict[str, ImportRun] = {}
        print("\n(c) import_articles")
        if not args.no_postgres:
            with (
                postgres_database(args.postgres_url, f"eventdesk_bench_{os.getpid()}") as url,
                server_off_cores(url, os.sched_getaffinity(0)) as server_placement,
            ):
                runs["postgres"] = run_import("postgres", url, corpus_dir, articles)
            print(f"postgres server: {server_placement}")
            _print_run(runs["postgres"], words, model_seconds, window)
        # Right after the one-worker import, which it is compared with: on a machine
        # whose speed drifts within the hour, an import in between moved the ratio.
        if not args.no_postgres and not args.no_workers:
            print("\n(d) import_articles --workers 2")
            with postgres_database(args.postgres_url, f"eventdesk_bench_w_{os.getpid()}") as url:
                runs["workers"] = run_import(
                    "postgres, 2 workers",
                    url,
                    corpus_dir,
                    articles,
                    ("--workers", "2"),
                    cpus=all_cores,
                )
            _print_run(runs["workers"], words, model_seconds, window)
        if not args.no_sqlite:
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            runs["sqlite"] = run_import("sqlite", url, corpus_dir, articles)
            _print_run(runs["sqlite"], words, model_seconds, window)
        if runs:
            _print_drift(nlp, bodies[:sample], sample_seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    def ratio(backend: str) -> str:
        run = runs.get(backend)
        return f"{model_seconds / run.wall_seconds:.2f}" if run else "n/a"

    peak = max((run.peak_rss_mb for run in runs.values()), default=own_rss_mb)
    print()
    single, parallel = runs.get("postgres"), runs.get("workers")
    if single and parallel:
        print(f"workers_speedup: {single.wall_seconds / parallel.wall_seconds:.2f}")
        same = single.stats["fingerprint"] == parallel.stats["fingerprint"]
        print(f"workers_identical: {'yes' if same else 'no'}")
    pipeline = f"{model_seconds / pipeline_seconds:.2f}" if pipeline_seconds else "n/a"
    print(f"pipeline_vs_model: {pipeline}")
    print(f"import_vs_model_postgres: {ratio('postgres')}")
    print(f"import_vs_model_sqlite: {ratio('sqlite')}")
    print(f"peak_rss_mb: {peak:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
