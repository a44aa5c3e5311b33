"""Find quotations and attribute them to speakers (STUB: replaced by the quotes step)."""

from __future__ import annotations

from events.extraction.types import ExtractedQuote

__all__ = ["find_quotes"]


def find_quotes(doc, *, sentences, actors, temporal, published_on) -> list[ExtractedQuote]:
    return []
