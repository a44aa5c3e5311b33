"""Tests for regions, seas and city-or-region readings (events.extraction.places, gazetteer)."""

from __future__ import annotations

import pytest

from events.extraction.gazetteer import load_gazetteer
from events.extraction.nlp import load_nlp
from events.extraction.places import find_places
from events.extraction.types import PlaceKind, Sentence


@pytest.fixture(scope="module")
def places_in():
    nlp = load_nlp()
    gazetteer = load_gazetteer()

    def run(text: str):
        doc = nlp(text)
        sentences = [
            Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
            for i, s in enumerate(doc.sents)
        ]
        return {
            place.entry.name: place
            for place in find_places(doc, gazetteer=gazetteer, sentences=sentences)
        }

    return run


def test_informal_and_historical_regions_and_seas(places_in):
    places = places_in(
        "Ships sailed from Eastern Europe into the North Atlantic, decades after the collapse "
        "of the Soviet Union."
    )
    assert {"Eastern Europe", "North Atlantic Ocean", "Soviet Union"} <= set(places)
    assert places["Soviet Union"].entry.latitude > 40


def test_an_informal_region_outranks_a_hamlet_of_the_same_name(places_in):
    places = places_in("Fighters from the Middle East arrived, the US said.")
    middle_east = places["Middle East"].entry
    assert 10 < middle_east.latitude < 45
    assert 25 < middle_east.longitude < 65


def test_the_eastern_part_of_a_country_is_a_region_of_its_own(places_in):
    places = places_in("Shelling was reported in eastern Poland and in western Poland.")
    eastern, western = places["Eastern Poland"].entry, places["Western Poland"].entry
    assert eastern.kind == PlaceKind.REGION
    assert eastern.country_code == "PL"
    assert eastern.longitude > western.longitude
    assert eastern.geonames_id != western.geonames_id


def test_a_capitalised_western_is_the_political_west(places_in):
    assert "Western Poland" not in places_in("After Western Poland sanctions, trade fell.")


def test_a_region_noun_before_a_list_holds_for_every_name_in_it(places_in):
    places = places_in("Leaders of the breakaway territories of Kharkiv and Sumy met on Friday.")
    assert places["Kharkiv Oblast"].entry.kind == PlaceKind.REGION
    assert places["Sumy Oblast"].entry.kind == PlaceKind.REGION


def test_the_town_before_a_name_makes_it_a_town(places_in):
    places = places_in("Troops entered the mining town Vuhledar in late January.")
    assert places["Vuhledar"].entry.kind == PlaceKind.CITY


def test_a_country_the_model_calls_a_nationality_is_still_a_country(places_in):
    places = places_in(
        "The bloc has eight members: India, China, Pakistan, Kazakhstan, Kyrgyzstan, "
        "Tajikistan and Uzbekistan."
    )
    assert "Tajikistan" in places


def test_a_capitals_teaser_line_names_no_place(places_in):
    places = places_in(
        "OFFICIALS SAY BELGIUM WILL SEND MORE TANKS TO THE FRONT NEXT WEEK\n\n"
        "The storm reached Bergen on Monday."
    )
    assert "Belgium" not in places
    assert "Bergen" in places


def test_an_organisation_is_not_a_town_that_translates_to_it(places_in):
    assert not places_in("The White House said the meeting would go ahead.")


def test_a_word_of_an_organisation_name_is_not_a_town_of_that_name(places_in):
    places = places_in(
        "Officials at the State Department in Washington denied on Monday a report from Lisbon."
    )
    assert set(places) == {"Washington", "Lisbon"}


def test_a_site_named_by_its_town_is_a_site_at_the_town(places_in):
    places = places_in("Helicopters gathered at Millerovo Airfield, officials in Kyiv said.")
    site = places["Millerovo Airfield"].entry
    assert site.kind == PlaceKind.SITE
    assert abs(site.latitude - 48.9) < 0.3
    assert site.geonames_id < 0


def test_a_compass_word_before_a_country_used_as_an_adjective_names_no_part(places_in):
    places = places_in("Troops seized an eastern Poland province on Monday.")
    assert "Eastern Poland" not in places
