"""Detect happenings sentence by sentence (STUB: replaced by the events step)."""

from __future__ import annotations

from events.extraction.types import ExtractedEvent

__all__ = ["detect_events"]


def detect_events(doc, *, sentences, actors, places, temporal, published_on) -> list[ExtractedEvent]:
    return []
