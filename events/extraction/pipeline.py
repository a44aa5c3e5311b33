"""Run the extraction steps over one article, in order, and return what they found."""

from __future__ import annotations

import datetime as dt

from events.extraction import cleaning, dates, entities, event_detection, places, quotes
from events.extraction.gazetteer import Gazetteer, load_gazetteer
from events.extraction.nlp import load_nlp
from events.extraction.types import ArticleExtraction, Sentence

__all__ = ["EXTRACTOR_VERSION", "extract_article"]

# Bump when a change to any step would change what it extracts: the import then
# re-extracts articles made by an older version (never touching curated records).
EXTRACTOR_VERSION = "0.1.0"


def extract_article(
    raw_text: str,
    *,
    reference_date: dt.date | None = None,
    nlp=None,
    gazetteer: Gazetteer | None = None,
) -> ArticleExtraction:
    """Return everything the pipeline finds in one article's raw text.

    ``reference_date`` is a date known from other articles imported with this one;
    it supplies the year when the article's own text gives only a month and day.
    """
    nlp = nlp or load_nlp()
    gazetteer = gazetteer or load_gazetteer()
    cleaned = cleaning.clean_article(raw_text)
    publication = dates.infer_publication_date(cleaned, reference_date=reference_date)
    doc = nlp(cleaned.body)
    sentences = tuple(
        Sentence(index=i, start=sent.start_char, end=sent.end_char, text=sent.text)
        for i, sent in enumerate(doc.sents)
    )
    temporal = tuple(
        dates.find_temporal_expressions(cleaned.body, anchor=publication.value or reference_date)
    )
    found_places = tuple(places.find_places(doc, gazetteer=gazetteer, sentences=sentences))
    found_actors = tuple(
        entities.find_actors(doc, sentences=sentences, places=found_places, gazetteer=gazetteer)
    )
    found_quotes = tuple(
        quotes.find_quotes(
            doc,
            sentences=sentences,
            actors=found_actors,
            temporal=temporal,
            published_on=publication.value,
        )
    )
    found_events = tuple(
        event_detection.detect_events(
            doc,
            sentences=sentences,
            actors=found_actors,
            places=found_places,
            temporal=temporal,
            published_on=publication.value,
        )
    )
    return ArticleExtraction(
        cleaned=cleaned,
        published_on=publication.value,
        date_source=publication.source,
        date_evidence=publication.evidence,
        language="en",
        sentences=sentences,
        actors=found_actors,
        places=found_places,
        quotes=found_quotes,
        events=found_events,
        extractor_version=EXTRACTOR_VERSION,
        temporal=temporal,
    )
