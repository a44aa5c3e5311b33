"""Tests for bounds from the deaths of people news names (events.extraction.deaths)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import deaths
from tests.extraction.test_anchors import _bounds

DIED = dt.date(2021, 6, 3)


@pytest.fixture(autouse=True)
def one_death(monkeypatch):
    """Stand the shipped table down for one made-up person, so the test owns its facts."""
    monkeypatch.setattr(deaths, "deaths", lambda: {"orin vask": DIED})
    deaths.death_names.cache_clear()
    yield
    deaths.death_names.cache_clear()


@pytest.mark.parametrize(
    "sentence",
    [
        "Orin Vask said on Tuesday that the mines would reopen.",
        "The mines will reopen, said Orin Vask, the tycoon who owns them.",
        "Orin Vask has caused outrage with his remarks about the strike.",
    ],
)
def test_a_person_speaking_or_acting_was_alive_when_the_article_was_written(sentence):
    after, before = _bounds(sentence)
    assert after is None
    assert before == DIED + dt.timedelta(days=deaths.REPORTED_AFTER_DEATH_DAYS)


def test_the_late_person_puts_the_article_after_the_death():
    assert _bounds("The mines belonged to the late Orin Vask and his brother.") == (DIED, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Orin Vask died in hospital, his family said.",
        "Mourners gathered at the funeral of Orin Vask, who built the mines.",
        "As Orin Vask once said, the mines are the town's heart.",
        "Orin Vask said in 2019 that the mines would close.",
        "The mines were founded by Orin Vask.",
    ],
)
def test_the_death_itself_old_words_or_a_mere_mention_bound_nothing(sentence):
    assert _bounds(sentence) == (None, None)
