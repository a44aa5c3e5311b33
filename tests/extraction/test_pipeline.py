"""Tests for running the steps over parsed articles (events.extraction.pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import actors, places
from events.extraction.nlp import (
    doc_ents,
    doc_text,
    doc_tokens,
    span_tokens,
    token_children,
    views_kept,
)
from events.extraction.pipeline import analyse_article, parse_articles

UNDATED = (
    "KYIV, March 3 — Russian forces shelled Kharkiv on Tuesday, killing four people, "
    "Governor Oleh Syniehubov said.\n\n"
    '"The strikes hit a school and a market," Syniehubov told reporters in Kharkiv.\n'
)


@pytest.fixture(scope="module")
def parsed():
    (parsed,) = parse_articles([UNDATED])
    return parsed


def test_an_undated_extraction_is_dated_again_without_finding_its_places_and_actors_again(
    parsed, monkeypatch
):
    undated = analyse_article(parsed)
    assert undated.published_on is None
    from_scratch = analyse_article(parsed, reference_date=dt.date(2022, 3, 10))

    def not_again(*args, **kwargs):
        raise AssertionError("places and actors do not depend on dates")

    monkeypatch.setattr(places, "find_places", not_again)
    monkeypatch.setattr(actors, "find_actors", not_again)
    dated = analyse_article(parsed, reference_date=dt.date(2022, 3, 10), undated=undated)

    assert dated.published_on == dt.date(2022, 3, 3)
    assert dated == from_scratch
    assert [e.start_date for e in dated.events] != [e.start_date for e in undated.events]


def test_sentences_and_the_docs_text_are_the_cleaned_body_itself(parsed):
    extraction = analyse_article(parsed)
    body = parsed.cleaned.body

    assert doc_text(parsed.doc) is body
    assert [s.text for s in extraction.sentences] == [s.text for s in parsed.doc.sents]
    assert all(body[s.start : s.end] == s.text for s in extraction.sentences)


def test_an_analysis_reads_one_list_of_tokens_and_tree_dropped_when_it_ends(parsed):
    doc = parsed.doc

    with views_kept(doc):
        tokens = doc_tokens(doc)
        assert doc_tokens(doc) is tokens  # made once, not at each call
        assert [t.i for t in tokens] == [t.i for t in doc]
        assert doc_ents(doc) == doc.ents
        sentence = next(iter(doc.sents))
        assert span_tokens(sentence) == list(sentence)
        for token in doc:
            assert token_children(token) == list(token.children)
        with views_kept(doc):  # a nested block leaves the outer one's views
            pass
        assert doc_tokens(doc) is tokens

    # Kept, they would hold the doc in a reference cycle after its analysis.
    assert not [key for key in doc.user_data if key != "eventdesk.text"]
    assert doc_tokens(doc) is not doc_tokens(doc)
