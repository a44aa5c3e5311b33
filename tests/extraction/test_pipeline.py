"""Tests for running the steps over parsed articles (events.extraction.pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import entities, places
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
    monkeypatch.setattr(entities, "find_actors", not_again)
    dated = analyse_article(parsed, reference_date=dt.date(2022, 3, 10), undated=undated)

    assert dated.published_on == dt.date(2022, 3, 3)
    assert dated == from_scratch
    assert [e.start_date for e in dated.events] != [e.start_date for e in undated.events]
