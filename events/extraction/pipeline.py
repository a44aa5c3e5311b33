"""Run the extraction steps over articles, in order, and return what they found.

Two stages: ``parse_articles`` cleans texts and runs the spaCy model over them in
batches (``nlp.pipe``, the bulk of the time); ``analyse_article`` reads one parsed
article. They are apart so that an article can be analysed again with a date learnt
from other articles without being parsed twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from events.extraction import actors, cleaning, dates, places, quotes
from events.extraction import events as event_detection
from events.extraction.gazetteer import Gazetteer, load_gazetteer
from events.extraction.nlp import doc_text_set, load_nlp, views_kept
from events.extraction.types import (
    ArticleExtraction,
    CleanedArticle,
    DateSource,
    PublicationDate,
    Sentence,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "PIPE_BATCH_SIZE",
    "ParsedArticle",
    "analyse_article",
    "extract_article",
    "extract_articles",
    "parse_articles",
]

# Bump when a change to any step would change what it extracts: the import then
# re-extracts articles made by an older version (never touching curated records).
EXTRACTOR_VERSION = "0.3.0"

# Documents spaCy parses together; larger batches gain little and hold more memory.
PIPE_BATCH_SIZE = 32


@dataclasses.dataclass
class ParsedArticle:
    """One article cleaned and parsed, or the reason it could not be."""

    cleaned: CleanedArticle | None
    doc: object | None  # a spaCy Doc
    error: Exception | None = None


def parse_articles(
    raw_texts: Iterable[str],
    *,
    nlp=None,
    batch_size: int = PIPE_BATCH_SIZE,
    boilerplate: frozenset[str] = frozenset(),
) -> Iterator[ParsedArticle]:
    """Yield each text cleaned and parsed, in order, batching the model's work.

    A text whose cleaning fails yields a ``ParsedArticle`` with the error instead of
    stopping the stream. ``boilerplate`` is passed on to ``cleaning.clean_article``.
    """
    nlp = nlp or load_nlp()

    def cleaned_stream():
        for raw in raw_texts:
            try:
                cleaned = cleaning.clean_article(raw, boilerplate=boilerplate)
            except Exception as exc:  # one odd text must not stop the others
                yield "", (None, exc)
            else:
                yield cleaned.body, (cleaned, None)

    for doc, (cleaned, error) in nlp.pipe(cleaned_stream(), as_tuples=True, batch_size=batch_size):
        if error is not None:
            yield ParsedArticle(cleaned=None, doc=None, error=error)
        else:
            doc_text_set(doc, cleaned.body)  # spares joining the tokens again
            yield ParsedArticle(cleaned=cleaned, doc=doc)


def analyse_article(
    parsed: ParsedArticle,
    *,
    reference_date: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    undated: ArticleExtraction | None = None,
    given_date: dt.date | None = None,
    language: str = "en",
) -> ArticleExtraction:
    """Return everything found in one parsed article.

    ``given_date`` is the publication date given with the article (a scraper's
    metadata): it wins over anything inferred (source METADATA).

    ``reference_date`` is a date known from other articles imported with this one;
    it supplies the year when the article's own text gives only a month and day.
    ``undated`` is this article's extraction without that date: its sentences, places
    and actors do not depend on dates and are kept rather than found again.
    """
    if parsed.error is not None:
        raise parsed.error
    with views_kept(parsed.doc):
        return _analysed(
            parsed, reference_date, gazetteer or load_gazetteer(), undated, given_date, language
        )


def _analysed(
    parsed, reference_date, gazetteer, undated, given_date, language
) -> ArticleExtraction:
    cleaned, doc = parsed.cleaned, parsed.doc
    if given_date is not None:
        publication = PublicationDate(given_date, DateSource.METADATA, "given with the article")
    else:
        publication = dates.infer_publication_date(cleaned, reference_date=reference_date)
    # An estimated date is a range's middle: "on Tuesday" counted from it would be a guess.
    anchor = publication.value if publication.source != DateSource.ESTIMATED else None
    temporal = tuple(dates.find_temporal_expressions(cleaned.body, anchor=anchor or reference_date))
    if undated is not None:
        sentences, found_places, found_actors = undated.sentences, undated.places, undated.actors
    else:
        body = cleaned.body  # a span's text is the body between its ends, not re-joined
        sentences = tuple(
            Sentence(
                index=i, start=s.start_char, end=s.end_char, text=body[s.start_char : s.end_char]
            )
            for i, s in enumerate(doc.sents)
        )
        found_places = tuple(places.find_places(doc, gazetteer=gazetteer, sentences=sentences))
        found_actors = tuple(
            actors.find_actors(doc, sentences=sentences, places=found_places, gazetteer=gazetteer)
        )
    found_quotes = tuple(
        quotes.find_quotes(
            doc,
            sentences=sentences,
            actors=found_actors,
            temporal=temporal,
            published_on=anchor,
        )
    )
    found_events = tuple(
        event_detection.detect_events(
            doc,
            sentences=sentences,
            actors=found_actors,
            places=found_places,
            temporal=temporal,
            published_on=anchor,
        )
    )
    return ArticleExtraction(
        cleaned=cleaned,
        published_on=publication.value,
        date_source=publication.source,
        date_evidence=publication.evidence,
        language=language,
        sentences=sentences,
        actors=found_actors,
        places=found_places,
        quotes=found_quotes,
        events=found_events,
        extractor_version=EXTRACTOR_VERSION,
        temporal=temporal,
    )


def extract_articles(
    raw_texts: Iterable[str],
    *,
    nlp=None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = PIPE_BATCH_SIZE,
) -> Iterator[ArticleExtraction]:
    """Yield the extraction of each text, in order, parsing them in batches."""
    gazetteer = gazetteer or load_gazetteer()
    for parsed in parse_articles(raw_texts, nlp=nlp, batch_size=batch_size):
        yield analyse_article(parsed, gazetteer=gazetteer)


def extract_article(
    raw_text: str,
    *,
    reference_date: dt.date | None = None,
    nlp=None,
    gazetteer: Gazetteer | None = None,
) -> ArticleExtraction:
    """Return everything the pipeline finds in one article's raw text."""
    (parsed,) = parse_articles([raw_text], nlp=nlp)
    return analyse_article(parsed, reference_date=reference_date, gazetteer=gazetteer)
