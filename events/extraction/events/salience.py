"""Rank an article's happenings: its one to three main ones first, the rest after, capped.

The main happenings of a news story are told in its headline and lede; later sentences
add reactions and background. Each record's confidence says how sure and how central it
is, so that an editor can sort the review queue and approve the sure ones fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from events.extraction.events.factuality import is_background_date
from events.extraction.events.lexicon import (
    COMMUNICATION_TYPES,
    TYPE_WEIGHT,
    VIOLENT_TYPES,
    family,
)
from events.extraction.types import ExtractedEvent

__all__ = ["MAIN_EVENTS", "MAX_EVENTS", "rank_events"]

MAIN_EVENTS = 3  # the article's main happenings, at most
MAX_EVENTS = 12  # records kept from one article, at most
MAX_LANDMARKS = 2  # dated history recalled by one article, at most
# Position of the evidence sentence -> how much it adds: the headline and lede first.
_POSITION_BONUS = (0.3, 0.22, 0.15, 0.1, 0.06, 0.03)
_MAIN_FLOOR = 0.75
_MINOR_CEILING = 0.55
# Below this a record is more likely noise than news, and no editor would miss it.
_KEEP_AT_LEAST = 0.45
_LEDE_SENTENCES = 5  # the opening sentences, where a story names who said what
# How specific a report of words is: a speech says more than "said".
_SPECIFICITY = {"speech": 3, "press_conference": 3, "interview": 3, "statement": 0}


def _score(event: ExtractedEvent) -> float:
    position = event.sentence_index
    bonus = _POSITION_BONUS[position] if position < len(_POSITION_BONUS) else 0.0
    weight = TYPE_WEIGHT.get(event.event_type, 0.5)
    named = any(role == "initiator" for _, role in event.actor_roles)
    return weight + bonus + event.confidence * 0.5 + (0.05 if named else 0.0)


def _one_report_of_words_per_speaker(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Keep one record of a speaker's words per day: the most specific, then the first."""
    kept: dict[tuple, ExtractedEvent] = {}
    others = []
    for event in events:
        if event.event_type not in COMMUNICATION_TYPES:
            others.append(event)
            continue
        speakers = tuple(sorted(key for key, role in event.actor_roles if role == "initiator"))
        if not speakers and event.sentence_index > _LEDE_SENTENCES:
            continue  # words of a speaker the actors step did not resolve, after the lede
        key = (speakers, event.start_date)
        best = kept.get(key)
        rank = (_SPECIFICITY.get(event.event_type, 1), -event.sentence_index)
        if best is None or rank > (_SPECIFICITY.get(best.event_type, 1), -best.sentence_index):
            kept[key] = event
    return others + list(kept.values())


def _one_per_sentence_and_type(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Keep one record of a type per sentence: "shelling of X ... the attack on X".

    A disaster's or an attack's sentence tells its harm too ("the quake hit X, as
    buildings collapsed", "the blast brought down the roof"): the collapse or fire it
    caused is that happening, not an accident of its own; and the violence one sentence
    tells is one attack ("militants killed 12 in an attack on a village").
    """
    harmful = {
        e.sentence_index
        for e in events
        if family(e.event_type) == "disaster" or e.event_type in VIOLENT_TYPES
    }
    events = [
        e
        for e in events
        if not (family(e.event_type) == "accident" and e.sentence_index in harmful)
    ]
    best: dict[tuple, ExtractedEvent] = {}
    for event in events:
        kind = "violence" if event.event_type in VIOLENT_TYPES else event.event_type
        key = (event.sentence_index, kind)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return list(best.values())


def rank_events(
    events: Sequence[ExtractedEvent], published_on: dt.date | None = None
) -> list[ExtractedEvent]:
    """Return the article's events, main ones with high confidence, capped in number."""
    # A record that names neither a party nor a place tells an editor nothing to check.
    tied = [e for e in events if e.actor_roles or e.place_keys]
    candidates = _one_per_sentence_and_type(_one_report_of_words_per_speaker(tied))
    # A landmark recalled with its own date ("annexed in 2014") keeps its own place at
    # the bottom of the queue: one per article, outside the cap.
    landmarks = [
        e for e in candidates if is_background_date(e.start_date, e.date_precision, published_on)
    ]
    news = [e for e in candidates if e not in landmarks]
    landmarks = landmarks[:MAX_LANDMARKS]
    scored = sorted(news, key=lambda e: (-_score(e), e.sentence_index))
    result = list(landmarks)
    for rank, event in enumerate(scored[:MAX_EVENTS]):
        score = _score(event)
        if rank < MAIN_EVENTS:
            confidence = max(event.confidence, min(0.95, _MAIN_FLOOR + (score - 1.0) / 4))
        else:
            named = any(role == "initiator" for _, role in event.actor_roles)
            if event.event_type in COMMUNICATION_TYPES and not named:
                continue  # one more remark by nobody named, far from the lede
            confidence = min(event.confidence, _MINOR_CEILING)
        result.append(dataclasses.replace(event, confidence=round(max(0.05, confidence), 2)))
    return sorted(result, key=lambda e: (e.sentence_index, e.event_type))
