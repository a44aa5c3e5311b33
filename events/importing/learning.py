"""What the import learns from the corpus as it goes: lines that recur across articles.

``boilerplate_learn`` counts, per outlet, the articles each short line appears in;
``boilerplate_known`` returns the fingerprints of lines seen often enough to be
boilerplate, which cleaning then drops. The thousandth article of an outlet thus comes
out cleaner than the first, and re-extraction uses what was learnt since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from events.extraction.boilerplate import BOILERPLATE_MIN_ARTICLES, article_fingerprints
from events.models import BoilerplateLine

__all__ = ["boilerplate_known", "boilerplate_learn"]


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
    with transaction.atomic():
        outlets = {outlet for outlet, _ in counts}
        fingerprints = {fingerprint for _, fingerprint in counts}
        existing = {
            (row.outlet, row.fingerprint): row
            for row in BoilerplateLine.objects.select_for_update().filter(
                outlet__in=outlets, fingerprint__in=fingerprints
            )
        }
        changed, new = [], []
        for key, n in counts.items():
            row = existing.get(key)
            if row is None:
                outlet, fingerprint = key
                new.append(
                    BoilerplateLine(
                        outlet=outlet, fingerprint=fingerprint, text=samples[key][:500], articles=n
                    )
                )
            else:
                row.articles += n
                changed.append(row)
        BoilerplateLine.objects.bulk_update(changed, ["articles"], batch_size=500)
        BoilerplateLine.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
