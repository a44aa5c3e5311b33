"""The import batch: records resolved across articles and spellings, dates corroborated."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from events import store
from events.extraction.gazetteer import load_gazetteer
from events.importing import batch, extract_chunk, import_paths, read_source
from events.models import Actor, Article, Event, Place, Quote, Statement
from tests.conftest import memoised_extract_chunk

pytestmark = pytest.mark.django_db

DATED = (
    " date 2023-05-10 Regional governor Serhiy Kovalenko said on Tuesday that Russian shelling "
    "hit the city of Zhytomyr overnight, killing three people.\n\n"
    '"We will rebuild every house," Kovalenko told reporters in Zhytomyr.\n'
)
UNDATED_SAME_STORY = (
    "Sergei Kovalenko, the governor of the Zhytomyr region, said on May 9 that three people "
    "were killed when shells hit Zhytomyr.\n\n"
    '"We will rebuild every single house," Kovalenko said in a televised address.\n'
)
NAMESAKE = (
    " date 2023-06-01 The violinist Anna Kovalenko performed in Lviv on Sunday, drawing a crowd "
    "of hundreds to the city's opera house.\n\n"
    '"Music keeps us going," Kovalenko said after the concert.\n'
)


@pytest.fixture
def imported(article_file):
    paths = [
        article_file("dated.txt", DATED),
        article_file("undated.txt", UNDATED_SAME_STORY),
        article_file("namesake.txt", NAMESAKE),
    ]
    return import_paths(paths, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)


def actor_with_alias(spelling: str) -> Actor:
    return Actor.objects.get(aliases__name=spelling)


def test_transliterated_spellings_are_one_actor(imported):
    governor = actor_with_alias("Serhiy Kovalenko")
    assert actor_with_alias("Sergei Kovalenko") == governor
    assert governor.mentions.values("article").distinct().count() == 2


def test_people_sharing_only_a_surname_stay_apart(imported):
    assert actor_with_alias("Anna Kovalenko") != actor_with_alias("Serhiy Kovalenko")


def test_a_date_without_a_year_is_corroborated_by_the_batch(imported):
    article = Article.objects.get(source_file="undated.txt")
    assert str(article.published_on) == "2023-05-09"
    assert article.date_source == "corroborated"
    assert "2023-05-10" in article.date_evidence


def test_reports_of_one_happening_become_one_event(imported):
    shelling = Event.objects.get(event_type__code="shelling")
    assert shelling.mentions.values("article").distinct().count() == 2
    assert shelling.fatalities == 3


def test_reports_of_one_statement_share_it(imported):
    first, second = Quote.objects.filter(text__startswith="We will rebuild").order_by("id")
    assert first.statement_id == second.statement_id
    assert first.speaker_id == second.speaker_id == actor_with_alias("Serhiy Kovalenko").pk


# ---------------------------------------------------------------- chunks, order, workers


def stored_records() -> dict:
    """Return what the database holds, in terms that do not depend on row ids."""
    hashes = dict(Article.objects.values_list("pk", "content_hash"))
    return {
        "actors": sorted(
            (actor.name, tuple(sorted(a.normalized for a in actor.aliases.all())))
            for actor in Actor.objects.prefetch_related("aliases")
        ),
        "events": sorted(
            (
                event.event_type.code,
                str(event.start_date),
                tuple(sorted((hashes[m.article_id], m.start) for m in event.mentions.all())),
            )
            for event in Event.objects.select_related("event_type").prefetch_related("mentions")
        ),
        "statements": sorted(
            tuple(sorted((hashes[q.article_id], q.start) for q in statement.quotes.all()))
            for statement in Statement.objects.prefetch_related("quotes")
        ),
    }


def reset_database() -> None:
    for model in (Event, Quote, Statement, Article, Actor, Place):
        model.objects.all().delete()


def test_files_in_small_chunks_all_import_and_bad_ones_are_named(seeds_dir):
    (seeds_dir / "empty.txt").write_text("", encoding="utf-8")
    report = import_paths([seeds_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES, batch_size=2)
    assert report.imported == 5
    assert [f.path.name for f in report.files if f.status == "failed"] == ["empty.txt"]
    assert Article.objects.count() == 5


def test_a_chunk_of_files_reads_the_event_types_once_not_once_a_file(seeds_dir):
    with CaptureQueriesContext(connection) as queries:
        report = import_paths([seeds_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    assert report.imported == 5
    assert len([q for q in queries if 'FROM "events_eventtype"' in q["sql"]]) == 1


def test_a_dry_run_leaves_nothing_it_learnt_in_the_chunks_cache(article_file):
    text = " date 2021-09-02 Mayor Ilse Vandermeer said a flood hit Ghent, Belgium.\n"
    path = article_file("flood.txt", text)
    source = read_source(path, max_bytes=100_000)
    (item,) = memoised_extract_chunk([source.text])
    pending = batch._Pending(source, batch.FileOutcome(path, batch.FileStatus.IMPORTED))
    cache = store.StoreCache.read()

    batch._store(pending, item, gazetteer=load_gazetteer(), cache=cache, dry_run=True)

    assert pending.outcome.created["places"] > 0
    assert not Place.objects.exists()
    # Its places were rolled back; SQLite would give their ids to the next ones.
    assert cache.place_parents == {}


def test_the_order_files_are_given_in_does_not_change_the_records(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))
    import_paths(files, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)
    in_order = stored_records()
    reset_database()
    import_paths(list(reversed(files)), max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)
    assert stored_records() == in_order


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_processes_store_exactly_what_one_process_stores(seeds_dir, monkeypatch):
    # The real extraction, run in forked worker processes (not the tests' memoised one).
    monkeypatch.setattr("events.importing.batch.extract_chunk", extract_chunk)
    options = {"max_bytes": settings.EVENTDESK_MAX_FILE_BYTES, "batch_size": 2}
    import_paths([seeds_dir], workers=0, **options)
    one_process = stored_records()
    for workers in (1, 2):
        reset_database()
        report = import_paths([seeds_dir], workers=workers, **options)
        assert report.imported == 5
        assert stored_records() == one_process, f"{workers} workers"


def _extract_recording_pid(texts, **options):
    with open(os.environ["EXTRACTED_IN"], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    return memoised_extract_chunk(texts, **options)


def _extracting_pids(seeds_dir, monkeypatch, tmp_path, **options) -> set[int]:
    record = tmp_path / "pids.txt"
    monkeypatch.setenv("EXTRACTED_IN", str(record))
    monkeypatch.setattr("events.importing.batch.extract_chunk", _extract_recording_pid)
    report = import_paths([seeds_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES, **options)
    assert report.imported == 5
    return {int(pid) for pid in record.read_text().split()}


@pytest.mark.django_db(transaction=True)
def test_one_worker_extracts_in_a_child_process_while_this_one_stores(
    seeds_dir, monkeypatch, tmp_path
):
    pids = _extracting_pids(seeds_dir, monkeypatch, tmp_path, workers=1, batch_size=2)
    assert len(pids) == 1
    assert os.getpid() not in pids


@pytest.mark.django_db(transaction=True)
def test_one_worker_extracts_a_single_chunk_here_as_no_child_could_overlap_it(
    seeds_dir, monkeypatch, tmp_path
):
    assert _extracting_pids(seeds_dir, monkeypatch, tmp_path, workers=1) == {os.getpid()}


def test_inside_a_transaction_one_worker_extracts_here_as_forking_would_break_it(
    seeds_dir, monkeypatch, tmp_path
):
    pids = _extracting_pids(seeds_dir, monkeypatch, tmp_path, workers=1, batch_size=2)
    assert pids == {os.getpid()}


def test_storing_an_article_takes_the_same_queries_however_many_mentions_it_has(article_file):
    short = (
        " date 2021-09-02 Mayor Ilse Vandermeer said on Wednesday that a flood hit Ghent, "
        "forcing two hundred people from their homes.\n"
    )
    long = (
        " date 2021-09-03 Mayor Ilse Vandermeer said on Thursday that floods hit Ghent, Bruges "
        "and Antwerp, forcing two thousand people from their homes. Police chief Marc Dubois "
        "said rescuers in Leuven and Mechelen saved forty people. Minister Sofie Claes visited "
        "Liege and Namur on Thursday.\n\n"
        '"We have never seen water like this," Dubois told reporters in Bruges.\n\n'
        '"Every town will get help," Claes said in Namur.\n\n'
        "Farmer Jan Peeters said the river Scheldt burst its banks near Kortrijk, and teacher "
        "Els Maes said her school in Hasselt closed.\n"
    )
    counts = []
    for name, text in (("short.txt", short), ("long.txt", long)):
        with CaptureQueriesContext(connection) as queries:
            import_paths([article_file(name, text)], max_bytes=100_000)
        counts.append(len(queries))
    stored = Article.objects.get(source_file="long.txt")
    assert (
        stored.actor_mentions.count()
        > 4 * Article.objects.get(source_file="short.txt").actor_mentions.count()
    )
    # Steps only the long article needs (quotes, candidates to score, updates) add a
    # query or two each; nothing is repeated per mention.
    assert counts[1] - counts[0] <= 12, counts
    assert max(counts) <= 60, counts


def _worker_dies(texts, **options):
    os._exit(1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_that_dies_fails_its_files_by_name_and_nothing_else(
    seeds_dir, monkeypatch
):
    monkeypatch.setattr("events.importing.batch.extract_chunk", _worker_dies)
    report = import_paths(
        [seeds_dir], workers=2, batch_size=2, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES
    )
    assert [f.status for f in report.files] == ["failed"] * 5
    assert all(f.reason.startswith("extraction worker failed") for f in report.files)
    assert Article.objects.count() == 0


def test_an_extraction_that_fails_in_one_process_fails_its_chunk_by_name(seeds_dir, monkeypatch):
    from events.importing import batch

    extract = batch.extract_chunk
    chunks_seen: list[int] = []

    def first_chunk_fails(texts, **options):
        chunks_seen.append(len(texts))
        if len(chunks_seen) == 1:
            raise MemoryError("the machine ran out of memory")
        return extract(texts, **options)

    monkeypatch.setattr(batch, "extract_chunk", first_chunk_fails)
    report = import_paths([seeds_dir], batch_size=2, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 2
    assert all("MemoryError: the machine ran out of memory" in f.reason for f in failed)
    assert report.imported == 3


def test_planner_statistics_are_refreshed_as_the_import_doubles_what_it_stored(
    seeds_dir, monkeypatch
):
    from events import store
    from events.importing import batch

    refreshed_after: list[int] = []
    monkeypatch.setattr(batch, "STATISTICS_FIRST_REFRESH", 2)
    monkeypatch.setattr(
        store, "statistics_refresh", lambda: refreshed_after.append(Article.objects.count())
    )
    import_paths([seeds_dir], batch_size=1, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    assert refreshed_after == [2, 4]


def test_a_file_that_fails_in_its_chunk_rolls_back_alone_and_the_rest_commits(
    seeds_dir, monkeypatch
):
    failing = sorted(seeds_dir.glob("*.txt"))[1]
    events_record = store.record.events_record

    def fail_for_one_file(article, *args, **kwargs):
        if article.source_file.endswith(failing.name):
            raise ValueError("no room for its events")
        return events_record(article, *args, **kwargs)

    monkeypatch.setattr(store.record, "events_record", fail_for_one_file)

    report = import_paths([seeds_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    assert report.imported == 4
    (failed,) = [f for f in report.files if f.status == "failed"]
    assert failed.path == failing
    assert "no room for its events" in failed.reason
    # What it stored before failing (its article, places, actors, quotes) went with it.
    assert not Article.objects.filter(source_file__endswith=failing.name).exists()
    assert Article.objects.count() == 4
    assert Quote.objects.exclude(article__in=Article.objects.all()).count() == 0


def test_a_chunk_whose_commit_fails_is_stored_again_a_file_at_a_time(seeds_dir, monkeypatch):
    real_atomic = batch.transaction.atomic
    failed_commits = []

    @contextlib.contextmanager
    def commit_failing_once(*args, **kwargs):
        with real_atomic(*args, **kwargs):
            yield
            if not failed_commits:
                failed_commits.append(True)
                batch.transaction.set_rollback(True)
        if len(failed_commits) == 1:
            failed_commits.append(True)
            raise DatabaseError("disk I/O error")

    monkeypatch.setattr(batch.transaction, "atomic", commit_failing_once)

    report = import_paths([seeds_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    assert len(failed_commits) == 2  # the chunk's commit failed, and nothing of it was kept...
    assert report.imported == 5  # ...so each file was stored again, on its own
    assert sorted(f.status for f in report.files) == ["imported"] * 5
    assert all(f.created["articles"] == 1 for f in report.files)
    assert Article.objects.count() == 5


# ---------------------------------------------------------------- formats with metadata

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture
def formats_dir(tmp_path) -> Path:
    target = tmp_path / "formats"
    shutil.copytree(ARTICLES, target)
    return target


def outcome_of(report, name: str):
    (outcome,) = [f for f in report.files if f.path.name == name]
    return outcome


def test_every_format_imports_with_its_metadata_and_bad_records_are_named(formats_dir):
    report = import_paths([formats_dir], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)

    quay = Article.objects.get(url="https://portelsa-news.example/quay")
    assert quay.title == "Port Elsa closes its northern quay"
    assert quay.published_on == dt.date(2024, 4, 2)
    assert quay.date_source == "metadata"
    assert (quay.outlet, quay.byline) == ("portelsa-news.example", "Kai Berg, Sofia Lunn")
    assert quay.source_file == "export.jsonl, line 1"
    assert Article.objects.get(url="https://orrin-post.example/library").byline == "Lea Mork"
    assert Article.objects.get(url="https://dunmere-daily.example/tram").published_on == dt.date(
        2024, 6, 12
    )
    assert Article.objects.get(url="https://brannock.example/trees").outlet == "Brannock Weekly"
    page = Article.objects.get(title="Ferry service resumes")
    assert "<" not in page.body
    assert page.published_on == dt.date(2024, 7, 21)
    assert Article.objects.filter(url="https://vell-courier.example/harvest-2").exists()

    bad_line = outcome_of(report, "export.jsonl, line 2")
    assert (bad_line.status, bad_line.reason[:12]) == ("failed", "invalid JSON")
    assert outcome_of(report, "export.jsonl, line 3").status == "failed"
    german = outcome_of(report, "export.jsonl, line 5")
    assert german.status == "skipped"
    assert german.reason.startswith("language (de)")
    assert "headline, link, seendate" in outcome_of(report, "notext.csv").reason
    assert outcome_of(report, "empty.html").reason == "no story text"
    assert outcome_of(report, "notes.pdf").status == "skipped"
    assert "not an article format (.pdf)" in outcome_of(report, "notes.pdf").reason
    assert outcome_of(report, "feed.rss, entry 2").status == "skipped"
    assert outcome_of(report, "table.csv, row 3").reason == "no article text in this row"


def test_the_same_url_is_one_article_and_a_changed_text_updates_it(article_file):
    limit = settings.EVENTDESK_MAX_FILE_BYTES
    story = (
        "The harbour authority of Port Elsa closed the northern quay on Tuesday after divers "
        "found a crack in its sea wall, the authority's chief engineer Mara Lind said."
    )
    record = {"url": "https://portelsa-news.example/quay", "text": story, "title": "Quay shut"}
    import_paths([article_file("a.jsonl", json.dumps(record) + "\n")], max_bytes=limit)
    article = Article.objects.get()
    article.title = "Quay closed after crack found"  # an editor's decision
    article.curated_fields = ["title"]
    article.save()

    again = import_paths([article_file("b.jsonl", json.dumps(record) + "\n")], max_bytes=limit)
    assert again.files[0].status == "skipped"
    changed = {**record, "text": story + " Repairs are expected to take a month."}
    updated = import_paths([article_file("c.jsonl", json.dumps(changed) + "\n")], max_bytes=limit)
    assert updated.files[0].status == "re-extracted"
    article = Article.objects.get()
    assert "take a month" in article.body
    assert article.title == "Quay closed after crack found"


def test_a_text_with_no_story_left_after_cleaning_is_skipped_as_such(article_file):
    furniture = "Advertisement\n\nSign up for our newsletter\n\nCLICK HERE TO GET THE APP\n"
    report = import_paths(
        [article_file("promo.txt", furniture)], max_bytes=settings.EVENTDESK_MAX_FILE_BYTES
    )
    assert (report.files[0].status, report.files[0].reason) == ("skipped", "no story text")
    assert not Article.objects.exists()


def test_an_unrelated_undated_article_takes_no_date_from_the_batch(article_file):
    unrelated = (
        "The botanical garden of Selwick has opened a glasshouse for desert plants, its "
        "curator Ilse Varga said on Thursday.\n\n"
        '"Visitors can walk among cacti from three continents," Varga said.\n'
    )
    import_paths(
        [article_file("dated.txt", DATED), article_file("garden.txt", unrelated)],
        max_bytes=settings.EVENTDESK_MAX_FILE_BYTES,
    )
    garden = Article.objects.get(source_file="garden.txt")
    assert garden.published_on is None
    assert garden.date_source == "unknown"


def _running(pid: int) -> bool:
    """Return whether the process lives (a zombie, dead but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in {"Z", "X"}
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads Linux's /proc")
def test_an_extraction_worker_ends_when_the_import_process_is_killed():
    script = (
        "import os, time, django\n"
        "django.setup()\n"
        "from events.importing.batch import _exit_with_parent\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    _exit_with_parent(os.getppid())\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print(pid, flush=True)\n"
        "os._exit(0)  # gone without a word, as under kill -9\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    worker = int(done.stdout.split()[-1])
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(worker)


_HARBOUR_DATED = (
    " date 2025-04-10 \n\nDockers in Port Elsin strike over pay\n\n"
    "Dockers at the port of Port Elsin walked out on Thursday in a dispute over pay, "
    "leaving forty container ships waiting offshore, the Harbour Workers Union said.\n\n"
    "The union's leader, Marta Ossen, said the walkout would last until the port "
    "authority improved its offer.\n"
)
_HARBOUR_UNDATED = (
    "Container ships queue off Port Elsin as dockers' walkout goes on\n\n"
    "Forty container ships waited off Port Elsin as dockers kept up their walkout over "
    "pay, the Harbour Workers Union said, and its leader Marta Ossen rejected the port "
    "authority's latest offer.\n\n"
    "Shipping lines said they would divert cargo to other ports.\n"
)


def _digest_of(day: dt.date):
    from events.extraction.digest import DigestRow, NewsDigest

    summary = (
        "Dockers at Port Elsin keep up their walkout over pay as forty container ships "
        "queue offshore; union leader Marta Ossen rejects the port authority's offer."
    )
    filler = [
        DigestRow(dt.date(2025, 1, n), f"Farmers in region {n} protest over grain prices.", "x")
        for n in range(1, 29)
    ]
    return NewsDigest([DigestRow(day, summary, "https://example.org"), *filler])


@pytest.mark.parametrize(
    ("digest_day", "expected", "source"),
    [
        # the digest's happening is older than the same-story article: that article's
        # date is the better one
        (dt.date(2025, 4, 8), dt.date(2025, 4, 10), "corroborated"),
        # the lead reports a later happening than the other article's day: its own day
        (dt.date(2025, 4, 13), dt.date(2025, 4, 13), "reported"),
    ],
)
def test_a_digest_date_yields_only_to_a_later_same_story_article(
    monkeypatch, digest_day, expected, source
):
    from events.extraction import digest

    monkeypatch.setattr(digest, "load_digest", lambda: _digest_of(digest_day))

    dated, undated = extract_chunk([_HARBOUR_DATED, _HARBOUR_UNDATED])

    assert dated.extraction.published_on == dt.date(2025, 4, 10)
    assert (undated.extraction.published_on, undated.extraction.date_source) == (expected, source)
