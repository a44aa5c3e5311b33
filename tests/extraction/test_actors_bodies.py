"""Tests for organisations and states found by structure (events.extraction.actors.bodies)."""

from __future__ import annotations

from events.extraction.actors import find_actors
from events.extraction.nlp import load_nlp
from events.extraction.types import ActorKind, Sentence


class EmptyGazetteer:
    """A gazetteer that knows no places, so tests depend on the actors step alone."""

    def lookup(self, name: str) -> list:
        return []


def actors_in(text: str):
    doc = load_nlp()(text)
    sentences = tuple(
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
        for i, s in enumerate(doc.sents)
    )
    return find_actors(doc, sentences=sentences, places=[], gazetteer=EmptyGazetteer())


def named(actors, name: str):
    return next((actor for actor in actors if actor.name == name), None)


def test_a_countrys_government_is_its_state_actor():
    actors = actors_in(
        "The Norwegian government approved the fishing quotas on Monday. "
        "Norway's government said the quotas would hold for three years."
    )
    state = named(actors, "Norway")
    assert state is not None
    assert state.kind == ActorKind.STATE
    assert len(state.mentions) == 2
    assert not [a for a in actors if a.name.startswith("Government of")]


def test_an_embassy_is_an_organisation_of_its_country():
    actors = actors_in("The Canadian Embassy urged its citizens to leave the capital at once.")
    embassy = named(actors, "Embassy of Canada")
    assert embassy is not None
    assert embassy.kind == ActorKind.ORGANIZATION
    assert embassy.country_code == "CA"


def test_a_central_bank_is_named_after_its_country():
    actors = actors_in("Norway's central bank raised its main rate to four percent on Thursday.")
    bank = named(actors, "Central Bank of Norway")
    assert bank is not None
    assert "Norway's central bank" in bank.aliases


def test_military_units_in_figures_ordinals_and_roman_numerals_are_one_unit_each():
    actors = actors_in(
        "Soldiers of the 101st Airborne Division flew to Romania, and the III Armored "
        "Corps will follow in March. The 101 Airborne is already there, officers said, "
        "and the 3rd Armored staff arrived on Friday."
    )
    division = named(actors, "101st Airborne Division")
    corps = named(actors, "III Armored Corps")
    assert division is not None
    assert len(division.mentions) == 2
    assert corps is not None
    assert "3rd Armored" in corps.aliases


def test_a_number_before_a_capitalised_word_is_not_a_unit_unless_named_before():
    actors = actors_in(
        "About 20 Air travellers were stranded when 3 Marine engines failed, hours after "
        "the 2nd air strike of the week."
    )
    assert not [a for a in actors if a.kind == ActorKind.ORGANIZATION]


def test_an_acronym_defined_in_brackets_joins_its_organisation():
    actors = actors_in(
        "The Harbour Safety Authority (HSA) closed the port on Monday. "
        "The HSA said the storm would pass by Wednesday."
    )
    authority = named(actors, "Harbour Safety Authority")
    assert authority is not None
    assert "HSA" in authority.aliases
    assert len(authority.mentions) == 3
    assert named(actors, "HSA") is None


def test_a_bare_head_word_joins_the_known_body_it_names():
    actors = actors_in(
        "Poland's Senate adopted the resolution on Thursday. The Senate also backed "
        "new aid for refugees."
    )
    senate = [a for a in actors if "Senate" in a.name]
    assert len(senate) == 1
    assert len(senate[0].mentions) == 2


def test_an_intelligence_service_named_in_a_role_stays_an_actor():
    actors = actors_in(
        "Karl Tamm, director of the Estonian Foreign Intelligence Service, said ten "
        "battalions were moving west."
    )
    assert named(actors, "Karl Tamm") is not None
    assert named(actors, "Estonian Foreign Intelligence Service") is not None


def test_a_country_acting_through_a_joined_verb_is_a_state_actor():
    actors = actors_in(
        "Oslo could change its course and impose sanctions on the shipping firms next month."
    )
    assert named(actors, "Norway") is not None


def test_a_gathering_or_a_sites_legal_page_is_no_actor():
    actors = actors_in(
        "The Velmar Security Conference opened on Friday. The Norland Prayer Breakfast "
        "heard a speech. Read our Terms of Service. The Velmar Trade Council met."
    )
    names = {actor.name for actor in actors}
    assert "Velmar Trade Council" in names
    assert not names & {
        "Velmar Security Conference",
        "Norland Prayer Breakfast",
        "Terms of Service",
    }
    assert all(actor.kind != ActorKind.PERSON for actor in actors)


def test_a_one_word_firm_introduced_by_its_kind_is_an_organisation():
    actors = actors_in(
        "The Velmar company Korvex offered a reward to the first soldier to capture a tank."
    )
    assert named(actors, "Korvex") is not None
