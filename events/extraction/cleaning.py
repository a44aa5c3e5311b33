"""Separate the story from the page furniture around it (STUB: replaced by the cleaning step)."""

from __future__ import annotations

from events.extraction.types import CleanedArticle

__all__ = ["clean_article"]


def clean_article(raw: str) -> CleanedArticle:
    """Return the article with its body separated from captions, credits and teasers."""
    body = raw.strip()
    start = raw.find(body)
    return CleanedArticle(raw=raw, body=body, body_to_raw=tuple(range(start, start + len(body) + 1)))
