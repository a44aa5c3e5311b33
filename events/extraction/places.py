"""Find and resolve place names (STUB: replaced by the places step)."""

from __future__ import annotations

from events.extraction.types import ExtractedPlace

__all__ = ["find_places"]


def find_places(doc, *, gazetteer, sentences) -> list[ExtractedPlace]:
    return []
