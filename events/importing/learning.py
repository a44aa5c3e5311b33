"""What the import learns from the corpus as it goes: lines that recur across articles.

``boilerplate_learn`` counts, per outlet, the articles each short line appears in;
``boilerplate_known`` returns the fingerprints of lines seen often enough to be
boilerplate, which cleaning then drops. The thousandth article of an outlet thus comes
out cleaner than the first, and re-extraction uses what was learnt since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from events.extraction.boilerplate import BOILERPLATE_MIN_ARTICLES, article_fingerprints
from events.models import BoilerplateLine
from events.store.rows import table

__all__ = ["boilerplate_known", "boilerplate_learn"]

_COLUMNS = ("outlet", "fingerprint", "text", "articles", "updated_at")
# Lines an upsert: five parameters each, within both backends' limits.
_UPSERT_BATCH = 500


def boilerplate_known(*, min_articles: int = BOILERPLATE_MIN_ARTICLES) -> frozenset[str]:
    """Return the fingerprints of lines seen in ``min_articles`` articles of one outlet."""
    return frozenset(
        BoilerplateLine.objects.filter(articles__gte=min_articles).values_list(
            "fingerprint", flat=True
        )
    )


def boilerplate_learn(*, articles: Iterable[tuple[str, str]]) -> None:
    """Count the short lines of newly imported articles, given as (outlet, raw text).

    An article is counted once, when first imported: re-extracting it counts nothing.
    One upsert a batch of lines adds the chunk's counts to those stored (a new line
    keeps the text it was first seen with): reading the rows, then updating and
    inserting them through the ORM, cost a millisecond of the store's time an article.
    """
    counts: Counter = Counter()
    samples: dict[tuple[str, str], str] = {}
    for outlet, raw in articles:
        outlet = outlet[:200]
        for fingerprint, line in article_fingerprints(raw).items():
            counts[(outlet, fingerprint)] += 1
            samples.setdefault((outlet, fingerprint), line)
    if not counts:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (outlet, fingerprint, samples[outlet, fingerprint][:500], n, now)
        for (outlet, fingerprint), n in counts.items()
    ]
    quote = connection.ops.quote_name
    lines_table, count = table(BoilerplateLine), quote("articles")
    insert = (
        f"INSERT INTO {lines_table} ({', '.join(map(quote, _COLUMNS))}) VALUES "
        + "{}"
        + f" ON CONFLICT ({quote('outlet')}, {quote('fingerprint')})"
        f" DO UPDATE SET {count} = {lines_table}.{count} + EXCLUDED.{count}"
    )
    placeholders = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), _UPSERT_BATCH):
            batch = rows[start : start + _UPSERT_BATCH]
            cursor.execute(
                insert.format(", ".join([placeholders] * len(batch))),
                [value for row in batch for value in row],
            )
