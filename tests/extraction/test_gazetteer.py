"""Tests for the offline gazetteer: name folding, ranking, ids, fuzzy matching."""

from __future__ import annotations

import math

import pytest

from events.extraction.gazetteer import (
    LookupContext,
    fold_name,
    load_gazetteer,
    normalize_name,
    split_region_suffix,
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_normalize_ignores_accents_apostrophes_and_case():
    assert normalize_name("Zhytomyrs'ka") == normalize_name("ZHYTOMYRSKA")
    assert normalize_name("Kropyvnyts\u2019kyi") == "kropyvnytskyi"
    assert normalize_name("Île-de-France") == "ile de france"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zhytomyr", "Zhitomir"),
        ("Kropyvnytskyi", "Kropivnitskiy"),
        ("Khmelnytskyi", "Khmelnitsky"),
        ("Volhohrad", "Volgograd"),
        ("Mariyinka", "Mariinka"),
        ("Yenakiieve", "Enakieve"),
    ],
)
def test_fold_merges_transliterations(one, other):
    assert fold_name(one) == fold_name(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Austria", "Australia"),
        ("Niger", "Nigeria"),
        ("Zhytomyr", "Zhytomyrka"),
        ("Gambia", "Zambia"),
    ],
)
def test_fold_keeps_different_names_apart(one, other):
    assert fold_name(one) != fold_name(other)


def test_split_region_suffix():
    assert split_region_suffix("Kano State") == ("Kano", "State")
    assert split_region_suffix("Tver Oblast'") == ("Tver", "Oblast'")
    assert split_region_suffix("Lagos") == ("Lagos", "")


def test_load_is_cached(gazetteer):
    assert load_gazetteer() is gazetteer
    assert len(gazetteer) > 200_000


def test_country_lookup_by_code_name_and_alias(gazetteer):
    france = gazetteer.country("FR")
    assert france.kind == "country"
    assert km(france.latitude, france.longitude, 46.6, 2.4) < 400
    assert gazetteer.lookup("Holland")[0].country_code == "NL"
    assert gazetteer.lookup("Burma")[0].country_code == "MM"
    assert gazetteer.get(france.geonames_id) == france


def test_short_names_match_letter_for_letter(gazetteer):
    assert gazetteer.lookup("US")[0].country_code == "US"
    assert all(e.country_code != "US" or e.kind != "country" for e in gazetteer.lookup("Us"))


def test_big_city_beats_namesakes(gazetteer):
    paris = gazetteer.lookup("Paris")[0]
    assert (paris.country_code, paris.kind) == ("FR", "city")
    assert paris.admin_region == "Île-de-France"


def test_region_suffix_gives_the_region_not_the_city(gazetteer):
    region = gazetteer.lookup("Kano State")[0]
    assert (region.kind, region.country_code) == ("region", "NG")
    assert gazetteer.get(region.parent_geonames_id).country_code == "NG"
    city = gazetteer.lookup("Kano")[0]
    assert city.kind == "city"
    assert gazetteer.get(city.parent_geonames_id) == region


def test_region_borrows_its_capitals_spellings(gazetteer):
    region = gazetteer.lookup("Zaporozhye Oblast")[0]
    assert (region.kind, region.country_code) == ("region", "UA")


def test_region_centre_is_inside_the_region(gazetteer):
    bavaria = gazetteer.lookup("Bavaria")[0]
    assert bavaria.kind == "region"
    assert km(bavaria.latitude, bavaria.longitude, 48.9, 11.4) < 150


def test_context_decides_between_namesakes(gazetteer):
    assert gazetteer.lookup("Georgia")[0].kind == "country"
    in_america = LookupContext(countries={"US": 3})
    state = gazetteer.lookup("Georgia", context=in_america)[0]
    assert (state.kind, state.country_code) == ("region", "US")
    illinois = LookupContext(countries={"US": 2}, regions={("US", "IL"): 2})
    assert gazetteer.lookup("Springfield", context=illinois)[0].admin1_code == "IL"


def test_informal_regions_are_known(gazetteer):
    kashmir = gazetteer.lookup("Kashmir")[0]
    assert kashmir.kind == "region"
    assert km(kashmir.latitude, kashmir.longitude, 34.0, 75.5) < 300
    assert gazetteer.lookup("Sinai")[0].country_code == "EG"


def test_fuzzy_lookup_forgives_a_transposition_in_context(gazetteer):
    found = gazetteer.fuzzy_lookup("Bordaeux", countries=["FR"])
    assert [e.name for e in found] == ["Bordeaux"]
    assert gazetteer.fuzzy_lookup("Bordaeux", countries=["JP"]) == []
    assert gazetteer.fuzzy_lookup("Lyno", countries=["FR"]) == []  # too short to guess


def test_fuzzy_lookup_uses_the_spellings_folded_when_the_index_was_built(gazetteer):
    """The towns a misspelling may be guessed from are folded once, in a fixed order,
    and answer as folding them at lookup time would."""
    from events.extraction.gazetteer import FUZZY_MIN_POPULATION, _spelling_keys

    choices, rows = gazetteer._fuzzy_choices_for("FR", FUZZY_MIN_POPULATION)
    bordeaux = gazetteer.lookup("Bordeaux")[0]
    row = gazetteer._row_of_id[bordeaux.geonames_id]
    assert gazetteer._fuzzy_keys[row] == _spelling_keys(
        gazetteer._names[row], gazetteer._alternates[row]
    )
    assert fold_name("Bordeaux") in gazetteer._fuzzy_keys[row]
    assert [c for c, r in zip(choices, rows, strict=True) if r == row] == list(
        gazetteer._fuzzy_keys[row]
    )
    assert list(gazetteer._fuzzy_keys[row]) == sorted(gazetteer._fuzzy_keys[row])
    # Smaller towns are folded when asked for.
    small, _ = gazetteer._fuzzy_choices_for("FR", 5000)
    assert len(small) > len(choices)


def test_a_lookup_answer_is_the_callers_own(gazetteer):
    """Answers are remembered; changing one must not change the next."""
    first = gazetteer.scored_lookup("Nairobi")
    first.clear()
    assert gazetteer.scored_lookup("Nairobi")[0][0].name == "Nairobi"
    assert gazetteer.scored_lookup("Nairobi", kinds=["country"]) == []


def test_demonyms_and_capitals(gazetteer):
    assert gazetteer.country_of_demonym("Nigerians") == "NG"
    assert gazetteer.country_of_demonym("Swiss") == "CH"
    assert gazetteer.capital("KE").name == "Nairobi"
    assert gazetteer.is_capital(gazetteer.lookup("Nairobi")[0])
    assert not gazetteer.is_capital(gazetteer.lookup("Mombasa")[0])


def test_a_state_outranks_the_hamlet_named_after_it(gazetteer):
    # "Florida" is the US state, not a town of a few thousand; "Kherson" is still the city
    assert gazetteer.lookup("Florida")[0].kind == "region"
    assert gazetteer.lookup("Florida")[0].country_code == "US"
    assert gazetteer.lookup("Kherson")[0].kind == "city"
    assert gazetteer.lookup("Lagos")[0].country_code == "NG"
