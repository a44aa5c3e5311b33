"""Benchmark the REST API under gunicorn: requests/second, latency, and overhead over SQL.

Loads ``--events`` synthetic events (bulk_create; reused on later runs) into the database
``DATABASE_URL`` names, serves the project with gunicorn on a free local port, sends a
bounded number of requests per page from a small thread-pool client and prints, per page,
requests/second, p50/p99 latency, the p50 of the SQL time each request reports for itself
(``Server-Timing``, so under the same load) and p50 over it, then the time the page's SQL
takes re-executed once on an idle connection and p50 over that.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eventdesk_bench \\
        .venv/bin/python benchmarks/api.py --events 20000

A script, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    # It adds thousands of rows: never into the development database by accident.
    raise SystemExit("Set DATABASE_URL to the database to load and benchmark.")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import (  # noqa: E402
    Actor,
    Article,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
)

MARK = "bench/"  # source_file prefix of the synthetic articles; events are titled "Bench …"
BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events to have loaded")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument(
        "--concurrency", default="1,4", help="client threads, one run each (comma-separated)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument(
        "--exports",
        default="1,8",
        help="concurrent CSV/GeoJSON exports of every event to time (comma-separated; '' none)",
    )
    parser.add_argument("--no-lists", action="store_true", help="time the exports only")
    return parser.parse_args()


def load_events(target: int) -> None:
    """Bulk-create synthetic events (with places, actors, reports) up to ``target``."""
    have = Event.objects.filter(title__startswith="Bench ").count()
    missing = target - have
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"{have} bench events present, creating {max(missing, 0)}"
    )
    if missing <= 0:
        return
    started = time.perf_counter()
    rng = random.Random(have)
    countries = _places_of_kind("country", 6, parents=[None])
    regions = _places_of_kind("region", 30, parents=countries)
    cities = _places_of_kind("city", 300, parents=regions)
    actors = list(Actor.objects.filter(name__startswith="Bench actor"))
    if not actors:
        actors = Actor.objects.bulk_create(
            [Actor(name=f"Bench actor {n}", kind="organization") for n in range(500)]
        )
    types = list(EventType.objects.filter(parent__isnull=False))
    first_day = dt.date(2020, 1, 1)
    for offset in range(0, missing, BATCH):
        size = min(BATCH, missing - offset)
        serial = have + offset
        articles = Article.objects.bulk_create(
            [
                Article(
                    title=f"Bench report {serial + n}",
                    body="Shelling was reported in the city overnight. " * 20,
                    raw_text="",
                    outlet=f"Outlet {n % 12}",
                    published_on=first_day + dt.timedelta(days=(serial + n) % 1500),
                    source_file=f"{MARK}{serial + n}.txt",
                    content_hash=f"bench-{serial + n:058d}",
                )
                for n in range(size)
            ]
        )
        events = Event.objects.bulk_create(
            [
                Event(
                    title=f"Bench event {serial + n}",
                    summary="A synthetic event for the API benchmark.",
                    event_type=rng.choice(types),
                    start_date=article.published_on,
                    fatalities=rng.choice([None, 0, 0, 1, 3, 12]),
                    confidence=rng.random(),
                    review_status=rng.choice(["pending", "approved"]),
                )
                for n, article in enumerate(articles)
            ]
        )
        Event.places.through.objects.bulk_create(
            [
                Event.places.through(event_id=event.pk, place_id=place.pk)
                for event in events
                for place in {rng.choice(cities), rng.choice(regions)}
            ]
        )
        EventActor.objects.bulk_create(
            [
                EventActor(event=event, actor=actor, role=role)
                for event in events
                for actor, role in zip(rng.sample(actors, 2), ("initiator", "target"), strict=True)
            ]
        )
        EventMention.objects.bulk_create(
            [
                EventMention(event=event, article=article, start=0, end=8, text="Shelling")
                for event, article in zip(events, articles, strict=True)
            ]
        )
        print(f"  {offset + size}/{missing} events", flush=True)
    print(f"loaded in {time.perf_counter() - started:.1f} s")


def _places_of_kind(kind: str, count: int, *, parents: list) -> list[Place]:
    existing = list(Place.objects.filter(name__startswith=f"Bench {kind}"))
    if existing:
        return existing
    return Place.objects.bulk_create(
        [
            Place(
                name=f"Bench {kind} {n}",
                kind=kind,
                country_code="UA",
                parent=parents[n % len(parents)],
                latitude=None if kind == "country" else 45 + n % 10,
                longitude=None if kind == "country" else 30 + n % 10,
            )
            for n in range(count)
        ]
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "EVENTDESK_ANON_THROTTLE_RATE": "",  # the client is anonymous and fast
        "EVENTDESK_EXPORT_THROTTLE_RATE": "",  # exports have a budget of their own
        # Each response reports its own SQL time: the page beside its SQL, same load.
        "EVENTDESK_SERVER_TIMING": "1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            # As the README serves it: a sync worker streaming an export for longer
            # than --timeout is killed mid-file.
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def timed_get(url: str) -> tuple[float, dict[str, float]]:
    """Return a request's seconds at the client and its ``Server-Timing`` durations (ms)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
        header = response.headers.get("Server-Timing", "")
    seconds = time.perf_counter() - started
    durations = {}
    for metric in filter(None, (part.strip() for part in header.split(","))):
        name, *parameters = metric.split(";")
        for parameter in parameters:
            if parameter.startswith("dur="):
                durations[name] = float(parameter[4:])
    return seconds, durations


def idle_sql_time(path: str, repeats: int = 5) -> tuple[int, float]:
    """Return the page's query count and the median time of re-running its SQL directly.

    Run after the requests, alone: the SQL's time without the load the requests met.
    """
    with CaptureQueriesContext(connection) as captured:
        response = Client(HTTP_HOST="127.0.0.1").get(path)
    assert response.status_code == 200, (path, response.status_code)
    statements = [query["sql"] for query in captured.captured_queries]
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        timings.append(time.perf_counter() - started)
    return len(statements), statistics.median(timings)


def measure(base: str, path: str, *, requests: int, concurrency: int, server_pid: int) -> dict:
    url = base + path
    for _ in range(3):  # warm caches and connections
        timed_get(url)
    cpu_before = server_cpu_seconds(server_pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(timed_get, [url] * requests))
    elapsed = time.perf_counter() - started
    cpu_per_request = (server_cpu_seconds(server_pid) - cpu_before) / requests
    latencies = sorted(seconds for seconds, _durations in results)
    if any("db" not in durations for _seconds, durations in results):
        raise RuntimeError(f"{url}: no Server-Timing header (EVENTDESK_SERVER_TIMING off?)")
    in_request_sql = statistics.median(durations["db"] for _seconds, durations in results)
    in_django = statistics.median(durations["app"] for _seconds, durations in results)
    queries, idle_seconds = idle_sql_time(path)
    p50 = statistics.median(latencies) * 1000
    idle_sql = idle_seconds * 1000
    return {
        "rps": requests / elapsed,
        "cpu": cpu_per_request * 1000,
        "p50": p50,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "app": in_django,
        "queries": queries,
        "sql": in_request_sql,
        "ratio": p50 / in_request_sql if in_request_sql else float("nan"),
        "idle_sql": idle_sql,
        "idle_ratio": p50 / idle_sql if idle_sql else float("nan"),
    }


def server_pids(master_pid: int) -> list[int]:
    """Return gunicorn's master and its workers."""
    pids = [master_pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:
                pids.append(int(entry.name))
    return pids


def server_cpu_seconds(master_pid: int) -> float:
    """Return the CPU time (user and system) gunicorn's master and workers have used.

    Per request, it is the server's own work, whatever the wait for a core on a busy
    machine: the figure to compare two versions of the code by.
    """
    ticks = 0
    for pid in server_pids(master_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def server_rss_mb(master_pid: int) -> float:
    """Return the resident memory of gunicorn's master and workers together, in MB."""
    total_kb = 0
    for pid in server_pids(master_pid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def streamed_rows(url: str) -> tuple[int, float]:
    """Download an export to the end; return its lines and the seconds it took."""
    started = time.perf_counter()
    lines = 0
    with urllib.request.urlopen(url, timeout=600) as response:
        while block := response.read(1 << 16):
            lines += block.count(b"\n")
    return lines, time.perf_counter() - started


def measure_exports(base: str, server: subprocess.Popen, concurrency: int, export: str) -> dict:
    """Run ``concurrency`` full exports at once; return rows/s and the server's peak RSS."""
    url = f"{base}/api/events/?format={export}"
    before = server_rss_mb(server.pid)
    peak = before
    with ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        futures = [pool.submit(streamed_rows, url) for _ in range(concurrency)]
        while not all(future.done() for future in futures):
            peak = max(peak, server_rss_mb(server.pid))
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        results = [future.result() for future in futures]
    # CSV: a line a row plus the header; GeoJSON: a line a feature (the last one ends "]}").
    rows = sum(lines for lines, _seconds in results) - (concurrency if export == "csv" else 0)
    return {
        "rows_each": rows // concurrency,
        "seconds_each": statistics.median(seconds for _lines, seconds in results),
        "rows_per_s": rows / elapsed,
        "rss_before": before,
        "rss_peak": peak,
    }


def main() -> None:
    options = parse_args()
    call_command("migrate", verbosity=0)
    if not EventType.objects.exists():
        call_command("loaddata", "event_types", verbosity=0)
    load_events(options.events)
    if connection.vendor == "postgresql":
        # Fresh bulk loads leave the planner without statistics, and it picks seq scans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    country = Place.objects.filter(name__startswith="Bench country").order_by("pk").first()
    some_event = Event.objects.filter(title__startswith="Bench ").order_by("pk").first()
    size = options.page_size
    pages = {
        "events list": f"/api/events/?page_size={size}",
        "events list, expanded": f"/api/events/?page_size={size}&expand=actors,places",
        "events filtered": (
            f"/api/events/?page_size={size}&event_type=assault&place={country.pk}"
            "&start_date__gte=2021-01-01&has_fatalities=true"
        ),
        "event detail": f"/api/events/{some_event.pk}/",
    }
    port = options.port or free_port()
    server = start_server(port, options.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        for concurrency in [] if options.no_lists else options.concurrency.split(","):
            print(
                f"\n{options.requests} requests per page, {concurrency} client threads, "
                f"gunicorn {options.workers} workers, {Event.objects.count()} events\n"
            )
            # SQL: the p50 of the SQL time each request reported (same requests, same load);
            # idle SQL: the page's statements re-run once, alone, after the requests.
            # CPU: the server processes' CPU time per request.
            print(
                f"{'page':22} {'req/s':>6} {'CPU ms':>6} {'p50 ms':>7} {'p99 ms':>7} "
                f"{'app ms':>7} {'queries':>7} {'SQL ms':>7} {'p50/SQL':>7} {'idle SQL':>8} "
                f"{'p50/idle':>8}"
            )
            for name, path in pages.items():
                figures = measure(
                    base,
                    path,
                    requests=options.requests,
                    concurrency=int(concurrency),
                    server_pid=server.pid,
                )
                print(
                    f"{name:22} {figures['rps']:6.1f} {figures['cpu']:6.1f} {figures['p50']:7.1f} "
                    f"{figures['p99']:7.1f} {figures['app']:7.1f} {figures['queries']:7d} "
                    f"{figures['sql']:7.1f} {figures['ratio']:7.1f} "
                    f"{figures['idle_sql']:8.1f} {figures['idle_ratio']:8.1f}"
                )
        concurrencies = [int(n) for n in options.exports.split(",") if n.strip()]
        if concurrencies:
            print(
                f"\nexports of every event (gunicorn {options.workers} sync workers; RSS is the "
                "master and workers together)\n"
            )
            print(
                f"{'export':8} {'clients':>7} {'rows each':>10} {'s each':>7} {'rows/s':>8} "
                f"{'RSS before MB':>14} {'RSS peak MB':>12}"
            )
        for concurrency in concurrencies:
            for export in ("csv", "geojson"):
                figures = measure_exports(base, server, concurrency, export)
                print(
                    f"{export:8} {concurrency:7d} {figures['rows_each']:10d} "
                    f"{figures['seconds_each']:7.1f} {figures['rows_per_s']:8.0f} "
                    f"{figures['rss_before']:14.0f} {figures['rss_peak']:12.0f}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
