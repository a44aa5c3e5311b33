"""Run ``manage.py import_articles`` with every SQL statement counted and timed.

``import_throughput.py`` starts this in a subprocess instead of ``manage.py`` so that one
run gives both the wall time of the real command and its queries per article: the
counter is a ``connection.execute_wrapper`` (a few microseconds per query, far below
a database round trip), and statements are grouped by shape, so a query repeated per
actor or per candidate shows up as one line with a large count.

    python benchmarks/counted_import.py --stats stats.json PATH [PATH ...]

Settings come from the environment as for ``manage.py`` (``DATABASE_URL`` etc.). The
line ``counted_import: ready`` is printed once Django, the NLP model and the gazetteer
are loaded, so the caller can tell start-up from import time, and
``counted_import: done`` when the command has returned, before the digest of what it
stored is computed (49 s at 10,000 articles, which are not the import's).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
_DONE_LINE = "counted_import: done"

_PLACEHOLDER_LIST = re.compile(r"\((?:\s*%s\s*,)+\s*%s\s*\)")
_VALUES_LIST = re.compile(r"VALUES\s*\(…\)(?:\s*,\s*\(…\))+")
_QUOTED_LITERAL = re.compile(r"'[^']*'")


@functools.lru_cache(maxsize=4096)
def sql_shape(sql: str) -> str:
    """Return ``sql`` with its variable-length parts folded, so repeats group together.

    ``IN (%s, %s, %s)`` and multi-row ``VALUES`` lists differ only in length from one
    call to the next; the same query with ten or eleven ids is still the same query.
    Remembered by statement: folding costs about 70 µs, and most statements an import
    sends are sent again word for word (looking one up costs a hash of its text).
    """
    shape = _PLACEHOLDER_LIST.sub("(…)", sql)
    shape = _VALUES_LIST.sub("VALUES (…)", shape)
    return _QUOTED_LITERAL.sub("'…'", " ".join(shape.split()))


def peak_rss_mb() -> float:
    """Return this process's own peak resident memory in MB.

    ``getrusage`` and ``wait4`` are no good for a child started from a big parent: on
    Linux its ``ru_maxrss`` starts at the parent's high-water mark (carried through
    fork and exec). ``VmHWM`` belongs to the process's own memory map.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """Return the largest peak resident memory of this process's finished children (MB).

    Worker processes are forked from this one, so their figure includes the pages they
    share with it (the model, the gazetteer) and is an upper bound of their own use.
    """
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cpu(times: os.times_result, *, children: bool) -> float:
    if children:
        return times.children_user + times.children_system
    return times.user + times.system


def model_timed(nlp, record: Path) -> None:
    """Time the model inside the import: the CPU spent in ``nlp.pipe``, cleaning left out.

    Measured in the process that parses (this one, or the extraction children forked
    from it, which inherit both patches) while the import runs, so it is the model's
    time under the same machine speed as the import's: on a machine whose speed drifts
    by a fifth within minutes, ``(a)``, timed before, may not be. Each parse (a chunk's
    texts) appends its seconds and its number of texts to ``record``, in the order the
    parses end; ``recorded_model_parses`` reads them back.
    """
    from events.extraction import cleaning

    clean_article = cleaning.clean_article
    cleaning_seconds = [0.0]

    def timed_clean_article(raw, **options):
        started = time.process_time()
        try:
            return clean_article(raw, **options)
        finally:
            cleaning_seconds[0] += time.process_time() - started

    pipe = nlp.pipe
    depth = [0]  # spaCy's pipe calls itself (``as_tuples``): time the outer call only

    def timed_pipe(texts, **kwargs):
        if depth[0]:
            yield from pipe(texts, **kwargs)
            return
        depth[0] += 1
        try:
            yield from _timed(pipe(texts, **kwargs))
        finally:
            depth[0] -= 1

    def _timed(docs):
        spent, parsed = 0.0, 0
        while True:
            started, cleaned_before = time.process_time(), cleaning_seconds[0]
            try:
                doc = next(docs)
            except StopIteration:
                break
            finally:
                cleaning = cleaning_seconds[0] - cleaned_before
                spent += time.process_time() - started - cleaning
            parsed += 1
            yield doc
        with record.open("a", encoding="utf-8") as handle:
            handle.write(f"{spent} {parsed}\n")

    cleaning.clean_article = timed_clean_article
    nlp.pipe = timed_pipe


def recorded_model_parses(record: Path) -> list[tuple[float, int]]:
    """Return the (seconds, texts) of each parse ``model_timed`` recorded, in order."""
    try:
        lines = record.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [(float(seconds), int(texts)) for seconds, texts in map(str.split, lines)]


def fingerprint() -> dict:
    """Return row counts and a digest of what was stored, to compare two imports.

    Ids differ between databases; the digest is built from what the records say
    (names, spellings, GeoNames ids, which reports each event and statement holds),
    so two imports that made the same records and the same merges have the same one.
    """
    import hashlib

    from events.models import Actor, Article, Event, Place, Quote, Statement

    hashes = dict(Article.objects.values_list("pk", "content_hash"))
    actor_names = dict(Actor.objects.values_list("pk", "name"))
    parts = []
    for actor in Actor.objects.prefetch_related("aliases").order_by("name", "pk"):
        spellings = sorted(a.normalized for a in actor.aliases.all())
        parts.append(f"actor {actor.name} {actor.kind} {actor.role} {spellings}")
    for place in Place.objects.order_by("geonames_id"):
        parts.append(f"place {place.geonames_id} {place.name}")
    for event in Event.objects.select_related("event_type").prefetch_related(
        "mentions", "places", "participants"
    ):
        reports = sorted(f"{hashes[m.article_id]}:{m.start}" for m in event.mentions.all())
        places = sorted(p.geonames_id or 0 for p in event.places.all())
        actors = sorted(actor_names[p.actor_id] for p in event.participants.all())
        parts.append(
            f"event {event.event_type.code} {event.start_date} {event.fatalities} "
            f"{reports} {places} {actors} {event.merged_into_id is not None}"
        )
    for statement in Statement.objects.prefetch_related("quotes"):
        quotes = sorted(f"{hashes[q.article_id]}:{q.start}" for q in statement.quotes.all())
        parts.append(f"statement {actor_names.get(statement.speaker_id)} {quotes}")
    parts.sort()
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
    counts = {
        model.__name__: model.objects.count()
        for model in (Article, Actor, Place, Event, Quote, Statement)
    }
    return {"counts": counts, "digest": digest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stats", type=Path, required=True, help="write query figures here")
    parser.add_argument("paths", nargs="+", help="files or folders, as for import_articles")
    args, command_args = parser.parse_known_args(argv)

    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.extraction.gazetteer import load_gazetteer
    from events.extraction.nlp import load_nlp

    # Both are cached per process, so the command below reuses them; loading them here
    # keeps start-up out of the import's own time.
    model_record = args.stats.with_suffix(".model")
    model_record.unlink(missing_ok=True)
    model_timed(load_nlp(), model_record)
    load_gazetteer()
    print("counted_import: ready", flush=True)

    counts: Counter = Counter()
    seconds: defaultdict[str, float] = defaultdict(float)

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            shape = sql_shape(sql)
            counts[shape] += 1
            seconds[shape] += time.perf_counter() - started

    started, cpu_before = time.perf_counter(), os.times()
    with connection.execute_wrapper(count):
        call_command("import_articles", *args.paths, *command_args)
    elapsed = time.perf_counter() - started
    cpu_after = os.times()
    # The import ends here: the digest below checks its records, and is not part of it.
    print(_DONE_LINE, flush=True)
    peak = peak_rss_mb()
    args.stats.write_text(
        json.dumps(
            {
                "vendor": connection.vendor,
                "seconds": elapsed,
                "queries": sum(counts.values()),
                "query_seconds": sum(seconds.values()),
                # CPU of this (storing) process and of the extraction children it reaped.
                "cpu_storing_seconds": _cpu(cpu_after, children=False)
                - _cpu(cpu_before, children=False),
                "cpu_extracting_seconds": _cpu(cpu_after, children=True)
                - _cpu(cpu_before, children=True),
                # CPU inside the model's parse, in whichever process parsed.
                "cpu_model_parses": recorded_model_parses(model_record),
                "peak_rss_mb": peak,
                "children_peak_rss_mb": children_peak_rss_mb(),
                "fingerprint": fingerprint(),
                "shapes": [
                    {"sql": shape, "count": n, "seconds": seconds[shape]}
                    for shape, n in counts.most_common()
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
