"""News, not hypotheticals, predictions, negations, teasers or background."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction.events.factuality import is_background_date, is_shouted
from events.extraction.types import ActorKind, DatePrecision, PlaceKind
from tests.extraction.test_event_detection import PUBLISHED, detect, of_type

PLACES = {"Velmar": PlaceKind.CITY, "Tessit": PlaceKind.CITY}
ACTORS = {"Arland": ActorKind.STATE, "Belmark": ActorKind.STATE, "Ivo Kral": ActorKind.PERSON}
ASSAULT = {"shelling", "missile_strike", "air_strike", "armed_clash", "annexation", "capture"}


@pytest.mark.parametrize(
    "text",
    [
        "If Belmark invades, Arland will impose sanctions on it.",
        "Arland could impose sanctions on Belmark.",
        "Arland may soon deploy troops to Velmar.",
        "Ivo Kral did not resign.",
        "No agreement was signed in Velmar.",
        "Will Ivo Kral resign?",
        "Arland is expected to meet Belmark in Velmar.",
        "Arland threatened to impose sanctions on Belmark if it attacked Velmar.",
    ],
)
def test_hypotheticals_predictions_and_negations_are_not_events(text):
    found = {e.event_type for e in detect(text, places=PLACES, actors=ACTORS)}
    assert found <= {"threat", "statement"}
    assert not found & ({"sanctions", "deployment", "resignation", "agreement", "meeting"})


def test_a_forecast_in_reported_words_is_not_an_attack():
    events = detect("Ivo Kral said Belmark will attack Velmar.", places=PLACES, actors=ACTORS)
    assert not {e.event_type for e in events} & ASSAULT


def test_a_decision_announced_for_the_coming_days_is_news():
    events = detect(
        "Arland said 2,000 troops will deploy to Velmar in the coming days.",
        places=PLACES,
        actors=ACTORS,
    )
    [deployment] = of_type(events, "deployment")
    assert "actor:Arland" in dict(deployment.actor_roles)  # the source of the news
    assert of_type(events, "statement") == []  # the words are the deployment's report


def test_a_feared_invasion_is_not_one():
    events = detect(
        "Thousands marched in Velmar on Saturday in the face of a feared invasion.",
        places=PLACES,
        dates={"on Saturday": (dt.date(2023, 5, 6), DatePrecision.DAY)},
    )
    assert {e.event_type for e in events} == {"demonstration"}


def test_background_years_ago_is_not_news():
    events = detect(
        "Arland sanctioned Belmark in 2014.",
        places=PLACES,
        actors=ACTORS,
        dates={"in 2014": (dt.date(2014, 1, 1), DatePrecision.YEAR)},
    )
    assert events == []


def test_since_the_war_began_is_background():
    events = detect("Since Arland invaded Belmark, Velmar has been quiet.", actors=ACTORS)
    assert of_type(events, "annexation") == []


def test_a_reported_claim_keeps_who_claims_it():
    [event] = of_type(
        detect(
            "Belmark said its soldiers had withdrawn from Tessit.", places=PLACES, actors=ACTORS
        ),
        "withdrawal",
    )
    assert "actor:Belmark" in dict(event.actor_roles)


def test_a_teaser_in_capitals_is_not_this_articles_news():
    text = "ARLAND AND BELMARK LEADERS MEET IN VELMAR TO DISCUSS THE CRISIS\n\nIt rained."
    assert detect(text, places=PLACES, actors=ACTORS) == []
    assert is_shouted("ARLAND AND BELMARK LEADERS MEET IN VELMAR")
    assert not is_shouted("Arland and Belmark leaders meet in Velmar")


@pytest.mark.parametrize(
    ("value", "precision", "background"),
    [
        (dt.date(2014, 1, 1), DatePrecision.YEAR, True),
        (PUBLISHED.replace(day=1), DatePrecision.MONTH, False),
        (PUBLISHED - dt.timedelta(days=2), DatePrecision.DAY, False),
        (PUBLISHED - dt.timedelta(days=60), DatePrecision.DAY, True),
    ],
)
def test_dates_long_before_the_article_are_background(value, precision, background):
    assert is_background_date(value, precision, PUBLISHED) is background


def test_words_naming_a_deed_in_passing_stay_words():
    events = detect(
        "Arland said it would stop selling gas to countries that imposed sanctions.",
        actors=ACTORS,
    )
    assert of_type(events, "statement")


def test_a_deed_told_in_a_past_after_clause_happened_whatever_the_main_clause():
    found = detect(
        "Ola Berg vowed on Monday to fight on after he was arrested by police in Velmar.",
        places={"Velmar": PlaceKind.CITY},
        actors={"Ola Berg": ActorKind.PERSON},
        dates={"on Monday": (dt.date(2023, 5, 8), DatePrecision.DAY)},
    )
    assert "arrest" in {e.event_type for e in found}


def test_a_date_of_the_main_clause_does_not_date_what_came_before_it():
    found = detect(
        "Ola Berg vowed on Monday to fight on after he was arrested by police in Velmar.",
        places={"Velmar": PlaceKind.CITY},
        actors={"Ola Berg": ActorKind.PERSON},
        dates={"on Monday": (dt.date(2023, 5, 8), DatePrecision.DAY)},
    )
    [arrest] = of_type(found, "arrest")
    assert arrest.date_precision != DatePrecision.DAY  # Monday is the vow's day
    assert arrest.title.startswith("Ola Berg detained")
