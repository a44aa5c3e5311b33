"""The NLP pipeline: raw article text in, frozen dataclasses out. Imports nothing from Django."""

from __future__ import annotations

from events.extraction.pipeline import (
    EXTRACTOR_VERSION,
    analyse_article,
    extract_article,
    extract_articles,
    parse_articles,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "analyse_article",
    "extract_article",
    "extract_articles",
    "parse_articles",
]
