"""An offline world gazetteer built from GeoNames (STUB: replaced by the places step)."""

from __future__ import annotations

import functools

from events.extraction.types import GazetteerEntry

__all__ = ["Gazetteer", "load_gazetteer"]


class Gazetteer:
    def lookup(self, name: str) -> list[GazetteerEntry]:
        return []


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()
