"""Which happening each kind of sentence names, by the predicate lexicon and the parse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from events.extraction.events.figures import quantities
from events.extraction.events.lexicon import EVENT_TYPES, FAMILY_OF
from events.extraction.nlp import load_nlp
from events.extraction.types import ActorKind, DatePrecision, PlaceKind
from tests.extraction.test_event_detection import detect, of_type

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "event_types.json"
MONDAY = {"on Monday": (dt.date(2023, 5, 8), DatePrecision.DAY)}
PLACES = {"Velmar": PlaceKind.CITY, "Tessit": PlaceKind.CITY, "Vienna": PlaceKind.CITY}
ACTORS = {
    "Ivo Kral": ActorKind.PERSON,
    "Ola Berg": ActorKind.PERSON,
    "Arland": ActorKind.STATE,
    "Belmark": ActorKind.STATE,
}


def types_of(text: str, **marks) -> set[str]:
    marks.setdefault("places", PLACES)
    marks.setdefault("actors", ACTORS)
    return {event.event_type for event in detect(text, **marks)}


def test_the_lexicon_holds_the_fixture_tree():
    rows = json.loads(FIXTURES.read_text())
    tree = {r["fields"]["code"]: r["fields"]["parent"][0] for r in rows if r["fields"]["parent"]}
    assert tree == FAMILY_OF
    assert set(tree) == EVENT_TYPES


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Ivo Kral met Ola Berg in Vienna on Monday.", "meeting"),
        ("Ivo Kral held talks with Ola Berg in Vienna on Monday.", "meeting"),
        ("Ivo Kral spoke by phone with Ola Berg on Monday.", "phone_call"),
        ("Ivo Kral visited Velmar on Monday.", "visit"),
        ("Ivo Kral resigned on Monday.", "resignation"),
        ("The government of Arland collapsed on Monday.", "resignation"),
        ("Ivo Kral stepped down on Monday after a week of protests.", "resignation"),
        ("Police arrested twelve students in Velmar on Monday.", "arrest"),
        ("Arland imposed sanctions on Belmark on Monday.", "sanctions"),
        ("The army deployed 3,000 troops to Velmar on Monday.", "deployment"),
        ("Ivo Kral addressed the nation on Monday.", "speech"),
        ("Ivo Kral accused Belmark of plotting a coup on Monday.", "accusation"),
        ("Arland and Belmark signed a ceasefire agreement in Vienna on Monday.", "agreement"),
        (
            "Thousands of farmers protested in Velmar on Monday against fuel prices.",
            "demonstration",
        ),
        ("A bomb exploded outside the court in Tessit on Monday.", "explosion"),
        ("Ivo Kral was sentenced to eight years in prison on Monday.", "legal_action"),
    ],
)
def test_a_sentence_names_its_happening(text, event_type):
    assert event_type in types_of(text, dates=MONDAY)


@pytest.mark.parametrize(
    ("text", "event_type", "not_type"),
    [
        (
            "A powerful earthquake hit the coastal city of Velmar on Monday, killing 12 people.",
            "earthquake",
            "shelling",
        ),
        (
            "Dock workers went on strike at the port of Velmar on Monday.",
            "labour_strike",
            "shelling",
        ),
        ("A wildfire destroyed forty homes in Tessit on Monday.", "wildfire", "armed_clash"),
        ("Thousands of workers walked off the job in Velmar on Monday.", "labour_strike", ""),
        ("Dock workers staged a 24-hour strike in Velmar on Monday.", "labour_strike", ""),
        ("The union began a strike at three plants in Velmar on Monday.", "labour_strike", ""),
        ("Nurses at the clinic in Velmar were on strike on Monday.", "labour_strike", ""),
        (
            "Police fired water cannon and tear gas at protesters in Velmar on Monday.",
            "demonstration",
            "shelling",
        ),
    ],
)
def test_a_disaster_or_a_strike_is_not_violence(text, event_type, not_type):
    found = types_of(text, dates=MONDAY)
    assert event_type in found
    assert not_type not in found


def test_a_quake_given_by_its_magnitude_is_no_attack():
    # "A magnitude 6.8 earthquake" parses as two subjects of "struck"
    found = types_of("A magnitude 6.8 earthquake struck Velmar on Monday.", dates=MONDAY)
    assert "earthquake" in found
    assert not found & {"shelling", "missile_strike", "air_strike"}


def test_an_earthquake_title_carries_its_toll():
    [quake] = of_type(
        detect(
            "A strong earthquake struck Velmar on Monday, killing 12 people.",
            places=PLACES,
            dates=MONDAY,
        ),
        "earthquake",
    )
    assert quake.title == "Earthquake in Velmar kills 12"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Arland fired 18 missiles at Velmar on Monday.", "missile_strike"),
        ("Arland launched 30 drones at Velmar on Monday.", "air_strike"),
        ("Air defences shot down 25 of 30 drones launched at Velmar on Monday.", "air_strike"),
        ("Belmark intercepted six missiles over Velmar on Monday.", "missile_strike"),
    ],
)
def test_an_air_attack_told_by_its_launch_or_its_interception(text, event_type):
    [event] = of_type(detect(text, places=PLACES, actors=ACTORS, dates=MONDAY), event_type)
    assert event.place_keys == ("place:Velmar",)


def test_who_shot_down_the_drones_is_the_target_not_the_doer():
    [event] = of_type(
        detect(
            "Belmark shot down 20 drones launched by Arland at Velmar on Monday.",
            places=PLACES,
            actors=ACTORS,
            dates=MONDAY,
        ),
        "air_strike",
    )
    assert dict(event.actor_roles) == {"actor:Arland": "initiator", "actor:Belmark": "target"}


def test_launching_a_campaign_or_intercepting_a_letter_is_no_strike():
    found = types_of(
        "Arland launched a review of its budget on Monday. Belmark intercepted a letter.",
        dates=MONDAY,
    )
    assert not found & {"missile_strike", "air_strike", "shelling"}


def test_an_earthquake_keeps_its_toll():
    [quake] = of_type(
        detect(
            "A powerful earthquake hit Velmar on Monday, killing 12 people.",
            places=PLACES,
            dates=MONDAY,
        ),
        "earthquake",
    )
    assert quake.fatalities == 12
    assert quake.place_keys == ("place:Velmar",)


def test_who_did_what_to_whom():
    [event] = of_type(
        detect("Ivo Kral accused Belmark of plotting a coup.", actors=ACTORS), "accusation"
    )
    roles = dict(event.actor_roles)
    assert roles == {"actor:Ivo Kral": "initiator", "actor:Belmark": "target"}
    assert event.title == "Ivo Kral accuses Belmark"


def test_a_speech_names_its_speaker_from_the_clause():
    [event] = of_type(
        detect("Ivo Kral praised the army in a speech in Velmar.", actors=ACTORS, places=PLACES),
        "speech",
    )
    assert ("actor:Ivo Kral", "initiator") in event.actor_roles


def test_words_told_to_a_news_conference_are_a_press_conference():
    events = detect(
        "Ola Berg told a news conference in Vienna that the talks had failed.",
        actors=ACTORS,
        places=PLACES,
    )
    assert "press_conference" in {e.event_type for e in events}


def test_the_places_talked_about_are_not_where_words_were_said():
    [event] = detect("Ola Berg said that Velmar was calm.", actors=ACTORS, places=PLACES)
    assert event.event_type == "statement"
    assert event.place_keys == ()


def test_a_resignation_has_a_title_a_person_would_write():
    [event] = detect("Ivo Kral resigned on Monday.", actors=ACTORS, dates=MONDAY)
    assert event.title == "Ivo Kral resigns"
    assert event.start_date == dt.date(2023, 5, 8)
    assert event.date_precision == DatePrecision.DAY


def test_one_entity_is_never_both_doer_and_done_to():
    for text in (
        "Arland accused Arland's critics of lying.",
        "Ivo Kral met Ivo Kral's deputy in Vienna.",
        "Arland imposed sanctions on Belmark and on Arland's own banks.",
    ):
        for event in detect(text, actors=ACTORS, places=PLACES):
            keys = [key for key, _ in event.actor_roles]
            assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("text", "event_type", "affected"),
    [
        ("The army deployed 3,000 troops to Velmar on Monday.", "deployment", 3000),
        ("Arland fired 36 missiles at Velmar on Monday.", "missile_strike", 36),
        ("Arland imposed sanctions on 200 people on Monday.", "sanctions", 200),
    ],
)
def test_what_a_happening_acts_on_is_counted(text, event_type, affected):
    [event] = of_type(detect(text, places=PLACES, actors=ACTORS, dates=MONDAY), event_type)
    assert event.affected == affected
    assert event.fatalities is None


def test_bodies_found_are_the_dead_and_dozens_is_no_exact_figure():
    [found] = detect(
        "Investigators found 440 bodies near Velmar on Monday.", places=PLACES, dates=MONDAY
    )
    assert (found.event_type, found.fatalities) == ("discovery", 440)
    [strike] = detect(
        "Shelling killed dozens of people in Velmar on Monday.", places=PLACES, dates=MONDAY
    )
    assert strike.fatalities is None  # "dozens" is no exact count


def test_words_take_the_place_where_they_were_said():
    [event] = of_type(
        detect(
            "Ivo Kral told a news conference in Vienna that Velmar was calm.",
            actors=ACTORS,
            places=PLACES,
        ),
        "press_conference",
    )
    assert event.place_keys == ("place:Vienna",)


def test_a_retelling_with_a_date_and_a_tally_is_one_record():
    events = detect(
        "The Senate has passed a resolution in support of Arland. "
        "The document was adopted on Monday with 92 votes in favour.",
        actors={"Senate": ActorKind.ORGANIZATION, **ACTORS},
        dates=MONDAY,
    )
    [vote] = of_type(events, "election")
    assert vote.start_date == dt.date(2023, 5, 8)
    assert vote.affected == 92
    assert ("actor:Senate", "initiator") in vote.actor_roles


def test_the_discovery_of_graves_is_a_happening_where_they_were_found():
    events = detect(
        "The appeal came after the discovery of hundreds of graves in Tessit.", places=PLACES
    )
    [found] = of_type(events, "discovery")
    assert found.place_keys == ("place:Tessit",)


def test_a_headline_participle_is_done_to_its_subject():
    [event] = of_type(
        detect("Ivo Kral sentenced to nine years in prison.", actors=ACTORS), "legal_action"
    )
    assert dict(event.actor_roles) == {"actor:Ivo Kral": "target"}
    assert event.title == "Ivo Kral sentenced"


def test_an_election_won_is_an_election_titled_by_its_winner():
    [event] = of_type(
        detect("Ivo Kral won Sunday's presidential runoff in Arland.", actors=ACTORS),
        "election",
    )
    assert ("actor:Ivo Kral", "initiator") in event.actor_roles
    assert event.title == "Ivo Kral wins the vote"


def test_delegates_walking_out_of_talks_are_not_on_strike():
    assert "labour_strike" not in types_of(
        "The delegates walked out of the talks in Vienna on Monday.", dates=MONDAY
    )


def test_a_thousands_separator_typed_with_a_space_is_one_figure():
    [quake] = of_type(
        detect(
            "An earthquake hit Velmar on Monday, killing more than 1, 300 people.",
            places=PLACES,
            dates=MONDAY,
        ),
        "earthquake",
    )
    assert quake.fatalities == 1300


def test_weapons_used_to_attack_name_the_strike_and_the_user_does_it():
    [event] = of_type(
        detect(
            "Arland used drones to attack Velmar on Monday.",
            places=PLACES,
            actors=ACTORS,
            dates=MONDAY,
        ),
        "air_strike",
    )
    assert ("actor:Arland", "initiator") in event.actor_roles


def test_missiles_and_drones_in_one_sentence_are_one_attack():
    events = detect(
        "Arland fired 40 missiles and 30 drones at Velmar on Monday.",
        places=PLACES,
        actors=ACTORS,
        dates=MONDAY,
    )
    assert len([e for e in events if e.event_type in ("missile_strike", "air_strike")]) == 1


def test_an_aerial_assault_is_an_air_strike_not_a_clash():
    found = types_of("An aerial assault hit Velmar on Monday, killing two people.", dates=MONDAY)
    assert "armed_clash" not in found


def test_police_clashing_with_protesters_is_a_riot_not_an_armed_clash():
    [event] = of_type(
        detect(
            "Riot police clashed with thousands of protesters in Velmar on Monday.",
            places=PLACES,
            dates=MONDAY,
        ),
        "riot",
    )
    assert event.title == "Protesters clash with police in Velmar"


def test_a_protest_told_without_its_place_takes_the_next_sentences_town():
    [event] = of_type(
        detect(
            "Police fired tear gas at protesters on Monday. "
            "Crowds had gathered outside the parliament in Velmar.",
            places=PLACES,
            dates=MONDAY,
        ),
        "demonstration",
    )
    assert event.place_keys == ("place:Velmar",)


def test_a_common_noun_owning_the_doer_is_left_out_of_the_title():
    [event] = of_type(
        detect(
            "The country's parliament in Velmar passed the bill on Monday.",
            places=PLACES,
            dates=MONDAY,
        ),
        "election",
    )
    assert event.title.startswith("Parliament ")


@pytest.mark.parametrize(
    "text",
    [
        "The president of Arland was overthrown by soldiers in Velmar on Monday.",
        "Soldiers seized power in Velmar on Monday.",
        "The army staged a coup in Velmar on Monday.",
    ],
)
def test_a_coup_is_a_leader_removed(text):
    [event] = of_type(detect(text, places=PLACES, actors=ACTORS, dates=MONDAY), "resignation")
    assert event.title.startswith(("Coup", "Soldiers seize power", "Army seizes power"))


def test_an_attempted_coup_or_its_leaders_are_no_coup():
    found = types_of(
        "Officers tried to seize power in Velmar on Monday. The coup leaders fled.",
        dates=MONDAY,
    )
    assert "resignation" not in found


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("The death toll from Monday's earthquake in Velmar rose to 29.", 29),
        ("Officials raised the fatality count from the wildfire in Velmar to 53.", 53),
        ("The number of dead from the flood in Velmar climbed to 12.", 12),
    ],
)
def test_a_toll_that_rises_is_the_count_of_the_dead(text, fatalities):

    doc = load_nlp()(text)
    assert [q.value for q in quantities(doc[:], []) if q.kind == "killed"] == [fatalities]


def test_other_counts_that_rise_are_no_toll():

    doc = load_nlp()("The number of refugees in Velmar rose to 300. Prices rose to 53 euros.")
    assert not [q for q in quantities(doc[:], []) if q.kind == "killed"]


def test_buildings_collapsing_in_a_quake_are_the_quake_and_where_it_was_felt_is_not_it():
    events = detect(
        "A strong earthquake struck Velmar on Monday, killing 12 people as buildings "
        "collapsed. The quake was also felt in Tessit.",
        places=PLACES,
        dates=MONDAY,
    )
    assert [(e.event_type, e.place_keys) for e in events] == [("earthquake", ("place:Velmar",))]


def test_taking_a_continent_hostage_is_no_capture():
    assert "capture" not in types_of(
        "Arland is taking Velmar and Tessit hostage, Ivo Kral said on Monday.", dates=MONDAY
    )


def test_a_place_annexed_in_passing_is_no_annexation():
    assert "annexation" not in types_of(
        "Drones hit the bridge to Arland-annexed Tessit on Monday.", dates=MONDAY
    )


def test_what_an_explosion_hit_in_the_passive_is_where_it_happened():
    [event] = of_type(
        detect(
            "The bridge to Velmar was hit by a massive explosion on Monday.",
            places=PLACES,
            dates=MONDAY,
        ),
        "explosion",
    )
    assert event.place_keys == ("place:Velmar",)


@pytest.mark.parametrize(
    ("text", "event_type", "not_type"),
    [
        (
            "A gunman killed 12 people at a city office in Velmar on Monday.",
            "attack_on_civilians",
            "",
        ),
        (
            "A suicide bomber killed 30 worshippers at a mosque in Velmar on Monday.",
            "explosion",
            "air_strike",
        ),
        (
            "Militants killed five soldiers at a checkpoint near Velmar on Monday.",
            "armed_clash",
            "",
        ),
        (
            "Gunmen opened fire on worshippers at a church in Velmar on Monday.",
            "attack_on_civilians",
            "",
        ),
        (
            "Five militants stormed a hotel in Velmar on Monday.",
            "attack_on_civilians",
            "armed_clash",
        ),
        ("Three people were shot dead in Velmar on Monday.", "attack_on_civilians", ""),
    ],
)
def test_a_killing_told_by_its_doer_is_an_attack(text, event_type, not_type):
    found = types_of(text, dates=MONDAY)
    assert event_type in found
    assert not_type not in found


@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were killed in Velmar on Monday.",  # a tally of a happening told elsewhere
        "Police shot him dead in Velmar on Monday.",
    ],
)
def test_a_bare_tally_of_the_dead_is_no_attack_of_its_own(text):
    assert not types_of(text, dates=MONDAY) & {"attack_on_civilians", "armed_clash", "explosion"}


def test_one_sentence_of_violence_is_one_attack():
    found = detect(
        "Militants killed twelve villagers in an attack on Velmar on Monday.",
        places=PLACES,
        dates=MONDAY,
    )
    assert len([e for e in found if e.event_type != "statement"]) == 1


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("A passenger jet caught fire after landing at Velmar on Monday.", "fire"),
        ("A bus burst into flames near Velmar on Monday.", "fire"),
        ("Arland and Belmark restored diplomatic ties on Monday.", "agreement"),
        ("Arland cut diplomatic ties with Belmark on Monday.", "suspension"),
        ("A jury in Velmar found Ola Berg guilty of fraud on Monday.", "legal_action"),
        ("The commission declared Ola Berg the winner of the election on Monday.", "election"),
        ("Ivo Kral and Ola Berg held a telephone conversation on Monday.", "phone_call"),
    ],
)
def test_more_happenings_named_by_a_verb_and_its_object(text, event_type):
    assert event_type in types_of(text, dates=MONDAY)


def test_a_verdict_names_no_crime_of_its_own():
    found = types_of("A jury in Velmar found Ola Berg guilty of murder on Monday.", dates=MONDAY)
    assert "legal_action" in found
    assert "homicide" not in found


def test_speaking_to_a_news_agency_is_an_interview_not_a_call():
    found = types_of(
        "Speaking to a news agency by phone, Ola Berg said on Monday that roads were shut.",
        dates=MONDAY,
    )
    assert "interview" in found
    assert "phone_call" not in found


def test_an_emergency_landing_that_kills_is_an_accident_with_its_toll():
    [crash] = of_type(
        detect(
            "Forty-one people were killed on Monday when a jet made an emergency landing in "
            "Velmar.",
            places=PLACES,
            dates=MONDAY,
        ),
        "crash",
    )
    assert crash.fatalities == 41  # "Forty-one" is one number, hyphen and all


def test_where_missiles_came_from_is_not_where_they_struck():
    [strike] = of_type(
        detect(
            "Arland fired missiles from Tessit at Velmar on Monday.", places=PLACES, dates=MONDAY
        ),
        "missile_strike",
    )
    assert strike.place_keys == ("place:Velmar",)


def test_the_attack_a_strike_answers_is_recalled_not_reported():
    found = detect(
        "Arland fired missiles at Velmar on Monday in retaliation for a strike on Tessit.",
        places=PLACES,
        actors=ACTORS,
        dates=MONDAY,
    )
    assert [e.place_keys for e in found if e.event_type != "statement"] == [("place:Velmar",)]


def test_a_repelled_attack_is_a_clash_with_the_toll_a_spokesman_gives():
    found = detect(
        "The army repelled an attack by rebels on Velmar on Monday. A military spokesman, "
        "Ola Berg, said more than 80 rebels were killed.",
        places=PLACES,
        actors=ACTORS,
        dates=MONDAY,
    )
    [clash] = of_type(found, "armed_clash")
    assert clash.place_keys == ("place:Velmar",)
    assert clash.fatalities == 80


def test_an_attack_told_without_its_day_takes_the_day_a_retelling_gives():
    found = detect(
        "A suicide bomber killed 30 worshippers at a mosque in Velmar. Monday's assault was "
        "the deadliest in the city this year.",
        places=PLACES,
        dates={"Monday's": (dt.date(2023, 5, 8), DatePrecision.DAY)},
    )
    violent = [e for e in found if e.event_type not in ("statement",)]
    assert len(violent) == 1
    assert violent[0].start_date == dt.date(2023, 5, 8)
    assert violent[0].fatalities == 30


def test_targeting_people_with_restrictions_is_a_sanction_not_an_attack():
    found = types_of(
        "The State Department targeted officials in Velmar with visa restrictions on Monday.",
        dates=MONDAY,
    )
    assert "sanctions" in found
    assert not found & {"shelling", "missile_strike", "air_strike"}


def test_unions_mobilising_their_members_is_no_military_mobilisation():
    assert "mobilisation" not in types_of(
        "The unions mobilised a vast majority of workers in Velmar on Monday.", dates=MONDAY
    )
    assert "mobilisation" in types_of(
        "Arland mobilised 300,000 reservists on Monday.", dates=MONDAY
    )


def test_a_protest_across_a_countrys_towns_is_placed_in_that_country():
    from events.extraction import extract_article

    extraction = extract_article(
        "Thousands of workers marched through French cities on Monday, the unions said, in a "
        "day of action against the pension bill.\n\nFrance has seen weeks of strikes."
    )
    country = {p.key for p in extraction.places if p.entry.name == "France"}
    [protest] = [e for e in extraction.events if e.event_type == "demonstration"]
    assert set(protest.place_keys) == country
