"""Tests for finding people, organisations and states in article text."""

from __future__ import annotations

import pytest

from events.extraction.actors import find_actors, load_organisations
from events.extraction.actors.tables import (
    _known_organisation_spans,
    _known_organisation_spans_by_regex,
)
from events.extraction.nlp import load_nlp
from events.extraction.types import Sentence


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


def by_kind(actors, kind: str):
    return [actor for actor in actors if actor.kind == kind]


def test_titled_person_collects_surname_and_pronoun_mentions():
    actors = actors_in(
        "Gov. Marta Kovalchuk said on Monday that the evacuation of the coastal villages "
        "must continue. Kovalchuk told reporters that three bridges had been destroyed. "
        '"We will not leave anyone behind," she said.'
    )
    [person] = by_kind(actors, "person")
    assert person.name == "Marta Kovalchuk"
    assert person.role == "Governor"
    assert {m.via for m in person.mentions} == {"name", "surname", "pronoun"}
    assert "Kovalchuk" in person.aliases


def test_transliteration_variants_in_one_article_are_one_person():
    actors = actors_in(
        "Yevhen Tkachenko, the mayor of the port city, said the water supply had been cut. "
        "Later, Mayor Yevgen Tkachenko said repairs would take a week."
    )
    [person] = by_kind(actors, "person")
    assert {"Yevhen Tkachenko", "Yevgen Tkachenko"} <= set(person.aliases)
    assert person.role == "Mayor"


def test_nationality_before_a_title_gives_role_and_country():
    actors = actors_in(
        "British Foreign Secretary Alan Whitcombe met his counterpart in Geneva on Tuesday. "
        "Whitcombe said talks would resume next month."
    )
    [person] = by_kind(actors, "person")
    assert person.role == "Foreign Secretary of the United Kingdom"
    assert person.country_code == "GB"
    assert len(person.mentions) == 2  # the model's ORG label on the surname is corrected
    assert not by_kind(actors, "organization")


def test_apposition_after_a_name_gives_role():
    actors = actors_in("Ivan Petrenko, Poland's defence minister, said the tanks would arrive.")
    [person] = by_kind(actors, "person")
    assert person.role == "Defence Minister of Poland"
    assert person.country_code == "PL"


def test_title_alone_refers_back_to_the_named_person():
    actors = actors_in(
        "Canadian Prime Minister Jean Tremblay arrived in Ottawa late on Sunday. "
        "The prime minister said the deal was fair."
    )
    [person] = by_kind(actors, "person")
    assert person.role == "Prime Minister of Canada"
    assert [m.via for m in person.mentions] == ["name", "title"]


def test_namesakes_stay_two_people():
    actors = actors_in(
        "Anna Horvath and her brother Peter Horvath both signed the letter. "
        "Anna Horvath said the letter was a warning."
    )
    assert sorted(a.name for a in by_kind(actors, "person")) == ["Anna Horvath", "Peter Horvath"]


def test_armed_forces_spellings_are_one_organisation():
    actors = actors_in(
        "French troops crossed the river at dawn. The French army said its soldiers had met "
        "little resistance, and France's armed forces later confirmed the advance. "
        "The military operation lasted two days."
    )
    [forces] = by_kind(actors, "organization")
    assert forces.name == "Armed Forces of France"
    assert forces.country_code == "FR"
    assert {"French troops", "French army", "France's armed forces"} <= set(forces.aliases)
    assert len(forces.mentions) == 3  # "military operation" is not the army


def test_ministry_spellings_are_one_organisation():
    actors = actors_in(
        "Germany's Defense Ministry said the shipment had left. "
        "The German Ministry of Defence added that more would follow."
    )
    [ministry] = by_kind(actors, "organization")
    assert ministry.name == "Ministry of Defence (Germany)"
    assert len(ministry.mentions) == 2


def test_international_organisations_found_by_description_and_acronym():
    actors = actors_in(
        "The UN refugee agency said 40,000 people had fled. The Western military alliance "
        "will meet next week, and the WHO said hospitals were full. "
        "Officials who said otherwise were not named."
    )
    names = {a.name for a in by_kind(actors, "organization")}
    assert names == {"UNHCR", "NATO", "World Health Organization"}


def test_organisation_names_with_an_apostrophe_are_found_with_either_apostrophe():
    actors = actors_in(
        "The United Nations Children's Fund said 40 schools were hit. The UN’s refugee "
        "agency said 40,000 people had fled, and Ukraine's security service made arrests."
    )
    names = {a.name for a in by_kind(actors, "organization")}
    assert names == {"UNICEF", "UNHCR", "Security Service of Ukraine"}


@pytest.mark.parametrize(
    "text",
    [
        "The UN refugee agency and the UN said so; UNHCR agreed. WHO? Who knows.",
        "The World Health\nOrganization and the world health organization met the WHO",
        "The UN  refugee\n\n agency said the amnesty was over, Amnesty International said.",
        "Officials at the U.N. Security Council and x.UN and UN_ and _UN spoke.",
        "The UN’s top court, the UN's top court and the UN']s top court ruled.",
        "The United Nations Children’s Fund, UN children's agency and oil producers’ cartel",
        "The U.N.'s top court and the UN 's top court; the EU ’s executive arm.",
        "NATO-led forces and the Western military alliance left. NATO",
        "The Turkish army told the World Health Organızation and the ſecurity Council.",
        "the european commission, the EU's executive arm, met the EU executive arm",
        "",
    ],
)
def test_organisation_lookup_finds_what_the_regexes_find(text):
    assert _known_organisation_spans(text) == _known_organisation_spans_by_regex(text)


def test_organisation_names_are_written_with_single_spaces():
    """The lookup reads any run of whitespace in text as one space, as the regexes do."""
    for org in load_organisations():
        for phrase in (*org.acronyms, *org.names, *org.descriptions):
            assert phrase == " ".join(phrase.split())


def test_news_agencies_cited_as_sources_are_not_actors():
    actors = actors_in(
        "According to Reuters, the talks collapsed. The negotiator told the BBC that nothing "
        "had been agreed."
    )
    assert actors == []


def test_photo_credit_names_are_not_people():
    actors = actors_in(
        "A soldier walks past a destroyed tank. REUTERS/John Smithers\n\n"
        "The fighting continued through the night, Colonel Ana Ruiz said."
    )
    assert [a.name for a in by_kind(actors, "person")] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Paris said it would respond to the expulsion of its diplomats.", "FR"),
        ("Tokyo demanded an apology for the incursion.", "JP"),
    ],
)
def test_capital_used_as_agent_is_a_state(text, country):
    [state] = by_kind(actors_in(text), "state")
    assert state.country_code == country
    assert state.mentions[0].text in text


def test_lone_capitalised_word_is_not_a_person():
    actors = actors_in("Hollowfield was quiet on Sunday. Residents returned to their homes.")
    assert by_kind(actors, "person") == []


def test_author_box_name_is_not_a_person():
    actors = actors_in("The ceasefire held overnight, officials said.\n\nAbout Dana Whitlock\n")
    assert by_kind(actors, "person") == []


def test_a_weapon_model_name_is_not_an_organisation():
    names = {
        a.name
        for a in actors_in(
            "Arland fired six Zorvak hypersonic missiles at the capital. "
            "All six Zorvak missiles were shot down, the air force said."
        )
    }
    assert "Zorvak" not in names


def test_both_countries_of_a_joint_subject_act():
    actors = actors_in("Russia and Ukraine exchanged 200 prisoners of war on Monday.")
    assert {"Russia", "Ukraine"} <= {a.name for a in actors}
