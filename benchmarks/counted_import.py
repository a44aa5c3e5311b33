"""Run ``manage.py import_articles`` with every SQL statement counted and timed.

``import_throughput.py`` starts this in a subprocess instead of ``manage.py`` so that one
run gives both the wall time of the real command and its queries per article: the
counter is a ``connection.execute_wrapper`` (about a microsecond per query, far below
a database round trip), and statements are grouped by shape, so a query repeated per
actor or per candidate shows up as one line with a large count.

    python benchmarks/counted_import.py --stats stats.json PATH [PATH ...]

Settings come from the environment as for ``manage.py`` (``DATABASE_URL`` etc.). The
line ``counted_import: ready`` is printed once Django, the NLP model and the gazetteer
are loaded, so the caller can tell start-up from import time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

_PLACEHOLDER_LIST = re.compile(r"\((?:\s*%s\s*,)+\s*%s\s*\)")
_VALUES_LIST = re.compile(r"VALUES\s*\(…\)(?:\s*,\s*\(…\))+")
_QUOTED_LITERAL = re.compile(r"'[^']*'")


def sql_shape(sql: str) -> str:
    """Return ``sql`` with its variable-length parts folded, so repeats group together.

    ``IN (%s, %s, %s)`` and multi-row ``VALUES`` lists differ only in length from one
    call to the next; the same query with ten or eleven ids is still the same query.
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
    load_nlp()
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

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        call_command("import_articles", *args.paths, *command_args)
    elapsed = time.perf_counter() - started
    args.stats.write_text(
        json.dumps(
            {
                "vendor": connection.vendor,
                "seconds": elapsed,
                "queries": sum(counts.values()),
                "query_seconds": sum(seconds.values()),
                "peak_rss_mb": peak_rss_mb(),
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
