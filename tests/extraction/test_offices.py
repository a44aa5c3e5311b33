"""Tests for bounds from office holders named with their office (events.extraction.offices)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import offices
from events.extraction.dates import infer_publication_date
from events.extraction.types import CleanedArticle, DateSource
from tests.extraction.test_anchors import _bounds

TODAY = dt.date(2026, 12, 7)


HOLDER = offices.Office(
    "Ada Quill", "prime minister", "XX", dt.date(2019, 3, 1), dt.date(2023, 9, 30)
)


@pytest.fixture
def one_holder(monkeypatch):
    """Stand the shipped table down for one made-up holder, so the test owns its facts."""
    monkeypatch.setattr(offices, "offices", lambda: (HOLDER,))
    offices.office_names.cache_clear()
    yield
    offices.office_names.cache_clear()


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Ada Quill opened the new bridge.",
        "The country's prime minister, Ada Quill, opened the new bridge.",
        "Ada Quill, the prime minister, opened the new bridge.",
    ],
)
def test_a_holder_named_with_the_office_bounds_by_the_term(one_holder, sentence):
    assert _bounds(sentence) == (HOLDER.start, HOLDER.end)


@pytest.mark.parametrize(
    "sentence",
    [
        "Former Prime Minister Ada Quill opened the new bridge.",
        "Ada Quill, the former prime minister, opened the new bridge.",
        "Ex-Prime Minister Ada Quill opened the new bridge.",
    ],
)
def test_a_former_holder_bounds_from_the_end_of_the_term(one_holder, sentence):
    assert _bounds(sentence) == (HOLDER.end, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Quill opened the new bridge.",  # no office: she may not hold it yet
        "Deputy Prime Minister Ada Quill opened the new bridge.",
        "Then-Prime Minister Ada Quill opened the bridge in 2020.",
    ],
)
def test_a_name_without_its_office_bounds_nothing(one_holder, sentence):
    assert _bounds(sentence) == (None, None)


def test_the_shipped_office_table_loads_with_its_spellings():
    terms = offices.offices()
    assert len(terms) > 1000
    assert all(term.end is None or term.end >= term.start for term in terms)


def test_an_office_term_alone_is_too_wide_to_estimate_from(one_holder):
    body = "Prime Minister Ada Quill opened the new bridge."
    publication = infer_publication_date(CleanedArticle(raw=body, body=body), today=TODAY)
    assert (publication.value, publication.source) == (None, DateSource.UNKNOWN)
