"""Publication dates and temporal phrases (STUB: replaced by the dates step)."""

from __future__ import annotations

import datetime as dt

from events.extraction.types import (
    CleanedArticle,
    DateSource,
    PublicationDate,
    TemporalExpression,
)

__all__ = ["find_temporal_expressions", "infer_publication_date"]


def infer_publication_date(
    cleaned: CleanedArticle, *, reference_date: dt.date | None = None
) -> PublicationDate:
    """Return the article's publication date with its source and evidence."""
    if cleaned.dateline:
        return PublicationDate(cleaned.dateline, DateSource.DATELINE, "date line")
    return PublicationDate(None, DateSource.UNKNOWN)


def find_temporal_expressions(
    text: str, *, anchor: dt.date | None, offset: int = 0
) -> list[TemporalExpression]:
    """Return every temporal phrase in ``text`` resolved against ``anchor``."""
    return []
