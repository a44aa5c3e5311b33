"""What every record kind's store shares: the chunk's cache, mention rows, aliases, merges.

Offers the other store modules ``StoreCache`` (read once a chunk of articles), the
mention field lists with ``mention_rows`` (an extracted record's mentions as rows for
``rows.rows_insert``), ``aliases_add`` (also called by ``events.curation``'s merges) and
``follow_merges``.
"""

from __future__ import annotations

import dataclasses

from events.extraction import names
from events.extraction.types import Sentence
from events.models import EventType
from events.store.rows import rows_insert

__all__ = [
    "ACTOR_MENTION_FIELDS",
    "EVENT_MENTION_FIELDS",
    "PLACE_MENTION_FIELDS",
    "StoreCache",
    "aliases_add",
    "follow_merges",
    "mention_rows",
]


@dataclasses.dataclass
class StoreCache:
    """What storing reads once for a chunk of articles rather than once an article.

    Only what editors practically never change while an import runs (the event types,
    the place each place lies in), and only for the chunk's few seconds.
    """

    event_type_ids: dict[str, int]  # by code
    place_parents: dict[int, int | None] = dataclasses.field(default_factory=dict)

    @classmethod
    def read(cls) -> StoreCache:
        return cls(event_type_ids=dict(EventType.objects.values_list("code", "pk")))

    def rolled_back(self) -> None:
        """Forget the places learnt: a rolled-back article's new places are gone, and
        SQLite gives their ids to the next ones."""
        self.place_parents.clear()


_EVIDENCE_FIELDS = ("article", "start", "end", "text", "sentence_start", "sentence_end")


PLACE_MENTION_FIELDS = (*_EVIDENCE_FIELDS, "confidence", "place")


ACTOR_MENTION_FIELDS = (*_EVIDENCE_FIELDS, "confidence", "actor", "via")


EVENT_MENTION_FIELDS = (
    *_EVIDENCE_FIELDS,
    "confidence",
    "event",
    "reported_date",
    "reported_fatalities",
    "reported_injured",
)


def mention_rows(
    article_id: int, record_id: int, extracted, sentences, *, via: bool = False
) -> list[tuple]:
    """Return the rows of a record's mentions, as ``PLACE_MENTION_FIELDS`` (or actors')."""
    rows = []
    for mention in extracted.mentions:
        sentence: Sentence | None = sentences.get(mention.sentence_index)
        row = (
            article_id,
            mention.start,
            mention.end,
            mention.text[:1000],
            sentence.start if sentence else mention.start,
            sentence.end if sentence else mention.end,
            mention.confidence,
            record_id,
        )
        rows.append((*row, mention.via[:20]) if via else row)
    return rows


def aliases_add(
    model, field: str, spellings_by_record: dict[int, set[str]], known=frozenset()
) -> None:
    """Add the spellings each record does not have yet, in one query for all records.

    ``known`` holds (record id, normalised spelling) pairs read already, left out; any
    other spelling the record has is left to the unique constraint: reading the
    record's aliases first would cost a query and decide the same.
    """
    rows, seen = [], set(known)
    for record_id, spellings in spellings_by_record.items():
        for spelling in sorted(spellings):
            normalized = names.normalise_name(spelling)[:300]
            if normalized and (record_id, normalized) not in seen:
                seen.add((record_id, normalized))
                rows.append((spelling[:300], normalized, record_id))
    rows_insert(model, ("name", "normalized", field), rows)


def follow_merges(record):
    seen = set()
    while record.merged_into_id and record.pk not in seen:
        seen.add(record.pk)
        record = record.merged_into
    return record
