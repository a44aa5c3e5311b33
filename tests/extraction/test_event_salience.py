"""The article's main happenings first, with high confidence; the rest capped."""

from __future__ import annotations

from events.extraction.events.salience import MAX_EVENTS
from events.extraction.types import ActorKind, PlaceKind
from tests.extraction.test_event_detection import detect

ACTORS = {
    "Ivo Kral": ActorKind.PERSON,
    "Ola Berg": ActorKind.PERSON,
    "Rita Holm": ActorKind.PERSON,
    "Arland": ActorKind.STATE,
}
PLACES = {"Velmar": PlaceKind.CITY}

STORY = (
    "Ivo Kral resigned as prime minister of Arland on Friday. "
    "Ola Berg said the decision was brave. "
    "Rita Holm said the country needed calm. "
    "Police arrested four men in Velmar. "
    "Ola Berg said the economy was weak. "
    "Rita Holm said talks would continue. "
    "Ola Berg said more news would follow. "
    "Thousands protested in Velmar. "
    "Rita Holm praised the police. "
    "Ola Berg criticised the opposition."
)


def test_the_lede_is_the_main_happening():
    events = detect(STORY, actors=ACTORS, places=PLACES)
    lede = next(e for e in events if e.event_type == "resignation")
    assert lede.confidence >= 0.75
    assert lede.confidence == max(e.confidence for e in events)


def test_an_article_yields_a_capped_number_of_records():
    events = detect(STORY, actors=ACTORS, places=PLACES)
    assert len(events) <= MAX_EVENTS
    later = sorted(events, key=lambda e: e.confidence)[: max(0, len(events) - 3)]
    assert all(e.confidence <= 0.55 for e in later)


def test_one_speaker_makes_one_statement_a_day():
    events = detect(STORY, actors=ACTORS, places=PLACES)
    berg = [
        e
        for e in events
        if e.event_type == "statement" and ("actor:Ola Berg", "initiator") in e.actor_roles
    ]
    assert len(berg) <= 1


def test_a_record_tied_to_no_party_and_no_place_is_dropped():
    assert detect("A call took place on Monday.") == []
