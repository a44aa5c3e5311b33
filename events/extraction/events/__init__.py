"""Find the happenings one article reports: triggers, roles, factuality, dates, figures."""

from __future__ import annotations

from events.extraction.events.detection import (
    EVENT_TYPES,
    Trigger,
    detect_events,
    find_triggers,
    parse_quantity,
)

__all__ = [
    "EVENT_TYPES",
    "Trigger",
    "detect_events",
    "find_triggers",
    "parse_quantity",
]
