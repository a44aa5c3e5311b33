"""The dependency helpers every event step reads the parse with (invented sentences)."""

from __future__ import annotations

import pytest

from events.extraction.events.syntax import (
    blamed_for,
    deps_of,
    object_of,
    of_quantity,
    prep_objects,
    subject_of,
)
from events.extraction.nlp import load_nlp, views_kept


@pytest.fixture(scope="module")
def parse():
    nlp = load_nlp()

    def run(text: str):
        return nlp(text)

    return run


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_a_subject_is_found_through_a_control_verb_and_a_conjunction(parse):
    doc = parse("The army tried to cross the river and shelled the town.")
    with views_kept(doc):
        assert subject_of(_token(doc, "cross")).text == "army"
        assert subject_of(_token(doc, "shelled")).text == "army"


def test_objects_of_a_verb_and_of_its_prepositions(parse):
    doc = parse("Arland pulled its troops out of Tessit on Monday.")
    with views_kept(doc):
        pulled = _token(doc, "pulled")
        assert object_of(pulled).text == "troops"
        assert [t.text for t in prep_objects(pulled, "on")] == ["Monday"]
        (out,) = [prep for prep in deps_of(pulled, "prep") if prep.lower_ == "out"]
        assert [t.text for t in prep_objects(out, "of")] == ["Tessit"]
        assert [t.text for t in deps_of(pulled, "nsubj")] == ["Arland"]


def test_a_quantity_stands_for_what_it_counts(parse):
    doc = parse("The ministry recalled most of its diplomats.")
    with views_kept(doc):
        assert of_quantity(object_of(_token(doc, "recalled"))).text == "diplomats"
        assert of_quantity(_token(doc, "ministry")).text == "ministry"


def test_the_one_blamed_for_a_deed_is_its_doer(parse):
    doc = parse("Belmark criticised Arland for deploying troops.")
    with views_kept(doc):
        assert blamed_for(_token(doc, "deploying")).text == "Arland"


def test_a_side_clause_doer_read_as_the_object_of_as_is_its_subject(parse):
    doc = parse("Sirens sounded across Velmar as Arland on Saturday launched drones at the city.")
    with views_kept(doc):
        subject = subject_of(_token(doc, "launched"))
    # the parser reads "as Arland" as a preposition and its object, not a clause's subject
    assert subject is not None
    assert subject.text == "Arland"
