"""The store's entry point: ``article_record`` stores one article and everything extracted.

Also the store lock (one writer resolves at a time), the planner statistics' refresh
and clearing what an extractor made of a re-extracted article.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from django.db import connection, transaction

from events.extraction.types import ArticleExtraction
from events.models import (
    Actor,
    ActorAlias,
    ActorKey,
    ActorMention,
    Article,
    Event,
    EventActor,
    EventMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    ReviewStatus,
    Statement,
)
from events.store.actors import actors_record
from events.store.events import events_record
from events.store.evidence import StoreCache
from events.store.places import places_record
from events.store.quotes import quotes_record
from events.store.rows import column, inserts_deferred, instances_created, instances_fetched

if TYPE_CHECKING:  # the store needs nothing else of the import, and must not import it
    from events.importing.sources import SourceFile

__all__ = [
    "STORE_LOCK_KEY",
    "ArticleImportOutcome",
    "article_clear_extracted",
    "article_record",
    "statistics_refresh",
    "store_lock",
]


@dataclasses.dataclass
class ArticleImportOutcome:
    article: Article
    created: Counter = dataclasses.field(default_factory=Counter)
    reextracted: bool = False
    already_stored: bool = False  # the same text and extractor version were there already


# Any 64-bit number no other application on the database uses for an advisory lock.
STORE_LOCK_KEY = 0x65_76_65_6E_74_64_65_73  # "eventdes"


def store_lock() -> None:
    """Hold the store lock until the current transaction ends (PostgreSQL).

    Resolving a record reads ("is this actor or event known?") and then writes; two
    import workers doing that at once for one new actor would both create it. Storing is
    a small share of an import (the model's parse is the rest and stays parallel), so
    stores take turns (``article_record`` takes it first, and holds it until the
    transaction ends: a batch's, in ``importing.store_chunk``). SQLite allows one writer
    at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])


# The tables candidate lookups read: their query plans follow their statistics.
_LOOKUP_MODELS = (
    Article,
    Actor,
    ActorAlias,
    ActorKey,
    ActorMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Event,
    Event.places.through,
    EventActor,
    EventMention,
    Statement,
    Quote,
)


def statistics_refresh() -> None:
    """Bring the planner's statistics of the lookup tables up to date (PostgreSQL).

    An import grows these tables many times over within minutes, faster than
    autovacuum analyses them (if it runs at all): with statistics from when a table
    was small, the planner scans a whole table where an index would read a few rows.
    """
    if connection.vendor != "postgresql":
        return  # SQLite's planner assumes indexes are selective without statistics
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _LOOKUP_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


@transaction.atomic
def article_record(
    *,
    source: SourceFile,
    extraction: ArticleExtraction,
    gazetteer,
    cache: StoreCache | None = None,
) -> ArticleImportOutcome:
    """Store one article and everything extracted from it, resolving records across articles.

    An article already stored with the same text is re-extracted in place (its
    uncurated records replaced); editors' decisions stay as they are. The number of
    queries does not grow with the article's mentions: each step reads its candidates
    in one query and writes its rows in bulk. A ``cache`` may serve many articles.
    """
    cache = cache or StoreCache.read()
    store_lock()
    cleaned = extraction.cleaned
    article = next(
        iter(
            instances_fetched(
                Article, f"{column(Article, 'content_hash')} = %s", [source.content_hash]
            )
        ),
        None,
    )
    if article is not None and article.extractor_version == extraction.extractor_version:
        # Stored by another import since this one read the file: nothing to do.
        return ArticleImportOutcome(article=article, already_stored=True)
    if article is None and source.url:
        # A changed text under a known URL is the same article, updated.
        article = Article.objects.filter(url=source.url).first()
    created: Counter = Counter()
    reextracted = article is not None
    # Metadata given with the article wins over what cleaning inferred from its text.
    fields = {
        "title": (source.title or cleaned.title)[:500],
        "body": cleaned.body,
        "raw_text": source.text,
        "content_hash": source.content_hash,
        "url": source.url[:2000],
        "outlet": (source.outlet or cleaned.outlet)[:200],
        "byline": (source.author or cleaned.byline)[:300],
        "captions": list(cleaned.captions),
        "published_on": extraction.published_on,
        "date_source": extraction.date_source,
        "date_evidence": extraction.date_evidence[:500],
        "source_file": source.name[:500],
        "source_encoding": source.encoding,
        "language": extraction.language,
        "extractor_version": extraction.extractor_version,
    }
    if article is None:
        article = Article(**fields)
        # The hash was just looked up; the constraint still guards a concurrent writer.
        article.full_clean(validate_unique=False, validate_constraints=False)
        instances_created(Article, [article])
        created["articles"] += 1
    else:
        article_clear_extracted(article=article)
        for name, value in fields.items():
            if name not in article.curated_fields:
                setattr(article, name, value)
        article.save()

    sentences = {s.index: s for s in extraction.sentences}
    with inserts_deferred():
        place_ids = places_record(article, extraction.places, sentences, gazetteer, cache, created)
        actor_ids = actors_record(article, extraction.actors, place_ids, sentences, created)
        quotes_record(article, extraction.quotes, actor_ids, sentences, created, reextracted)
        events_record(
            article,
            extraction.events,
            place_ids,
            actor_ids,
            cache,
            created,
            reextracted,
            actor_countries={a.key: a.country_code for a in extraction.actors if a.country_code},
        )
    return ArticleImportOutcome(article=article, created=created, reextracted=reextracted)


def article_clear_extracted(*, article: Article) -> None:
    """Remove what the extractor made from an article, keeping what editors decided."""
    ActorMention.objects.filter(article=article).delete()
    PlaceMention.objects.filter(article=article).delete()
    Quote.objects.filter(
        article=article, review_status=ReviewStatus.PENDING, curated_fields=[]
    ).delete()
    touched_events = list(
        EventMention.objects.filter(article=article).values_list("event_id", flat=True)
    )
    EventMention.objects.filter(
        article=article, event__review_status=ReviewStatus.PENDING, event__curated_fields=[]
    ).delete()
    # An uncurated event nobody reports any more goes; a curated one stays with its evidence.
    Event.objects.filter(
        pk__in=touched_events,
        review_status=ReviewStatus.PENDING,
        curated_fields=[],
        mentions__isnull=True,
        merged_from__isnull=True,
    ).delete()
