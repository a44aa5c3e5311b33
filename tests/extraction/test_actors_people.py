"""Tests for people and their roles (events.extraction.actors.people, .coreference)."""

from __future__ import annotations

from events.extraction import extract_article
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


def people(actors) -> list[str]:
    return [actor.name for actor in actors if actor.kind == ActorKind.PERSON]


def test_a_name_in_apposition_to_a_role_is_a_person_whatever_the_model_calls_it():
    actors = actors_in(
        "The Moldovan president, Elena Vornicu, who visited the border guards, said the "
        "crossing would stay open."
    )
    assert "Elena Vornicu" in people(actors)


def test_a_name_with_particles_is_one_person():
    actors = actors_in(
        "The Dutch envoy, Maarten van der Berghe, said on Monday that talks would go on. "
        "Van der Berghe met the mediators later."
    )
    assert [name for name in people(actors) if "Berghe" in name] == ["Maarten van der Berghe"]


def test_a_pope_is_known_by_title_and_name():
    actors = actors_in("Pope Gregory said the bells of every church would ring for peace.")
    assert "Pope Gregory" in people(actors)


def test_an_office_run_into_a_name_by_the_model_leaves_the_person():
    actors = actors_in(
        "The Deputy Secretary of Defense Harold Brenner Jr arrived in Vilnius on Friday. "
        "Senate Marshal Tomasz Wierzbicki opened the session."
    )
    assert any("Harold Brenner" in name for name in people(actors))
    assert "Tomasz Wierzbicki" in people(actors)


def test_a_name_listed_with_a_person_is_a_person():
    actors = actors_in(
        "The prosecutor said the scheme was run by Ilan Petrescu and Victor Dragomir, two "
        "businessmen who live abroad."
    )
    assert {"Ilan Petrescu", "Victor Dragomir"} <= set(people(actors))


def test_names_only_in_a_capitals_teaser_line_are_not_people():
    actors = actors_in(
        "MARIA KOVAC WINS THE MARATHON IN RECORD TIME\n\n"
        "The port reopened on Monday after the storm, the harbour master said."
    )
    assert not [name for name in people(actors) if "KOVAC" in name.upper()]


def test_bodies_the_model_calls_people_are_not_people():
    actors = actors_in(
        "The Coastal Erosion Observatory said the cliffs had moved two metres, and the "
        "newspaper Morgenbladet printed its map."
    )
    assert "Coastal Erosion Observatory" not in people(actors)
    assert "Morgenbladet" not in people(actors)


def test_a_given_name_the_model_left_out_is_taken_back():
    actors = actors_in(
        "Ukraine's Ambassador to Austria Andrii Zhovkivskyi was present in the hall during "
        "the vote."
    )
    assert "Andrii Zhovkivskyi" in people(actors)


def test_she_is_linked_to_the_speaker_not_to_the_person_named_after_her():
    actors = actors_in(
        "The EU trade chief, Margit Solberg, said she wanted the Chinese minister, Wang Lei, "
        "to reopen the talks. It is urgent, she told reporters on Friday."
    )
    solberg = next(a for a in actors if a.name == "Margit Solberg")
    assert any(m.text == "she" and m.via == "pronoun" for m in solberg.mentions)
    wang = next(a for a in actors if a.name == "Wang Lei")
    assert not any(m.via == "pronoun" for m in wang.mentions)


def test_transliterated_spellings_in_one_article_are_one_person():
    actors = actors_in(
        "President Wołodymyr Hrebenko said the army would hold the line. "
        "Volodymyr Hrebenko later met the governors, and Hrebenko thanked them."
    )
    assert len([name for name in people(actors) if "rebenko" in name]) == 1


def test_a_given_name_before_a_surname_the_model_knows_makes_the_full_name():
    # the small model calls "Arseny" a place here and "Volkonov" alone a person
    actors = actors_in(
        "Arseny Volkonov sentenced to nine years in a penal colony. The court said "
        "Volkonov had financed an extremist group. Volkonov said he would appeal."
    )
    assert people(actors) == ["Arseny Volkonov"]


def test_a_name_the_model_runs_into_the_place_of_an_office_is_a_person():
    # the small model reads "Crimea Sergei Volkov" as one organisation here
    extraction = extract_article(
        "Traffic was stopped on the bridge on Monday, Russia-installed governor of Crimea "
        "Sergei Volkov said on Telegram."
    )
    assert "Sergei Volkov" in people(extraction.actors)
