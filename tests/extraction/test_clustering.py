"""Tests for merging reports of one happening across articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

from events.extraction.clustering import (
    MERGE_THRESHOLD,
    EventProfile,
    candidate_window,
    compatible_types,
    event_conflicts,
    event_match_score,
    likeliest_candidates,
    places_nest,
    profile_from_extracted,
)
from events.extraction.types import DatePrecision, ExtractedEvent

MONDAY = dt.date(2023, 5, 8)
# Opaque ids as the caller passes them: a town with its region and country.
COUNTRY, REGION, TOWN, OTHER_TOWN = 1, 10, 100, 101


def shelling(**changes) -> EventProfile:
    base = EventProfile(
        event_type="shelling",
        start_date=MONDAY,
        date_precision=DatePrecision.DAY,
        place_ids=frozenset({TOWN, REGION, COUNTRY}),
        actor_ids=frozenset({"army"}),
        fatalities=6,
        injured=None,
        numbers=frozenset({6}),
        text="Artillery shelling of Dolyna kills 6 civilians",
    )
    return dataclasses.replace(base, **changes)


def test_two_reports_of_one_shelling_merge():
    other = shelling(text="Six civilians were killed when shells hit Dolyna on Monday")
    assert event_match_score(shelling(), other) >= MERGE_THRESHOLD


def test_a_missile_strike_report_can_merge_with_a_shelling_report():
    strike = shelling(event_type="missile_strike", text="Missile strike on Dolyna kills 6")
    assert event_match_score(shelling(), strike) >= MERGE_THRESHOLD


def test_two_shellings_of_one_town_two_days_apart_stay_apart():
    later = shelling(start_date=MONDAY + dt.timedelta(days=2))
    assert event_match_score(shelling(), later) < MERGE_THRESHOLD


def test_clearly_different_death_tolls_on_one_day_stay_apart():
    assert event_match_score(shelling(), shelling(fatalities=2, numbers=frozenset({2}))) < (
        MERGE_THRESHOLD
    )


def test_a_rising_toll_still_merges():
    assert event_match_score(shelling(), shelling(fatalities=7)) >= MERGE_THRESHOLD


def test_a_report_naming_only_the_region_merges_with_the_town_report():
    regional = shelling(place_ids=frozenset({REGION, COUNTRY}), fatalities=None)
    assert event_match_score(shelling(), regional) >= MERGE_THRESHOLD


def test_shellings_of_two_towns_in_one_region_stay_apart():
    elsewhere = shelling(
        place_ids=frozenset({OTHER_TOWN, REGION, COUNTRY}),
        text="Artillery shelling of Zorya kills 6 civilians",
    )
    assert event_match_score(shelling(), elsewhere) < MERGE_THRESHOLD


def test_one_earthquake_placed_in_two_towns_of_a_country_merges_whatever_its_toll():
    quake = shelling(event_type="earthquake", actor_ids=frozenset(), text="A quake hit Dolyna")
    elsewhere = dataclasses.replace(
        quake,
        place_ids=frozenset({OTHER_TOWN, REGION, COUNTRY}),
        fatalities=1200,
        text="A strong earthquake struck the region, killing 1,200",
    )
    assert places_nest(quake.place_ids, elsewhere.place_ids, wide=True)
    assert event_match_score(quake, elsewhere) >= MERGE_THRESHOLD


def test_unrelated_types_never_merge():
    meeting = shelling(event_type="meeting")
    assert event_match_score(shelling(), meeting) == 0.0


def test_withdrawal_and_capture_of_one_town_on_one_day_merge_but_not_days_apart():
    withdrawal = shelling(
        event_type="withdrawal", fatalities=None, numbers=frozenset(), text="Troops leave Dolyna"
    )
    capture = dataclasses.replace(withdrawal, event_type="capture", text="Rebels take Dolyna")
    assert event_match_score(withdrawal, capture) >= MERGE_THRESHOLD
    two_days_later = dataclasses.replace(capture, start_date=MONDAY + dt.timedelta(days=2))
    assert event_match_score(withdrawal, two_days_later) == 0.0


def test_a_week_precise_report_matches_within_the_week():
    undated = shelling(start_date=MONDAY + dt.timedelta(days=4), date_precision="week")
    assert event_match_score(shelling(), undated) >= MERGE_THRESHOLD


def test_conflicts_name_the_disagreements_for_editors():
    conflicts = event_conflicts(
        shelling(), shelling(fatalities=8, start_date=MONDAY + dt.timedelta(days=1))
    )
    assert "fatalities: 6 vs 8" in conflicts
    assert any(conflict.startswith("date: 2023-05-08") for conflict in conflicts)
    assert event_conflicts(shelling(), shelling()) == []


def test_candidate_window_depends_on_precision():
    assert candidate_window(shelling()) == (
        MONDAY - dt.timedelta(days=1),
        MONDAY + dt.timedelta(days=1),
    )
    start, end = candidate_window(shelling(date_precision=DatePrecision.YEAR))
    assert (end - start).days == 2 * 366
    assert candidate_window(shelling(start_date=None)) == (None, None)


def test_candidate_window_reaches_as_far_as_a_coarser_candidate_allows():
    week = dt.timedelta(days=7)
    assert candidate_window(shelling(), DatePrecision.WEEK) == (MONDAY - week, MONDAY + week)
    assert candidate_window(shelling(date_precision=DatePrecision.MONTH), DatePrecision.DAY) == (
        candidate_window(shelling(date_precision=DatePrecision.MONTH))
    )


def test_profile_from_extracted_event_keeps_figures_and_wording():
    event = ExtractedEvent(
        event_type="shelling",
        title="Shelling of Dolyna kills 6",
        summary="Artillery shelled Dolyna, killing six.",
        sentence_index=0,
        start=0,
        end=38,
        start_date=MONDAY,
        end_date=MONDAY,
        date_precision=DatePrecision.DAY,
        fatalities=6,
        numbers=(6,),
    )
    profile = profile_from_extracted(event, place_ids=frozenset({TOWN}), actor_ids=frozenset())
    assert profile.fatalities == 6
    assert profile.numbers == frozenset({6})
    assert "Dolyna" in profile.text


def test_compatible_types_are_the_ones_a_report_may_merge_with():
    assert {"shelling", "missile_strike"} <= compatible_types("shelling")
    assert "capture" not in compatible_types("shelling")
    assert compatible_types("armed_clash") == {"armed_clash"}


def test_reports_whose_places_do_not_nest_never_merge_whatever_else_they_share():
    in_the_region = frozenset({REGION, COUNTRY})
    elsewhere = frozenset({OTHER_TOWN, REGION, COUNTRY})
    assert places_nest(shelling().place_ids, in_the_region)
    assert places_nest(shelling().place_ids, frozenset())
    assert not places_nest(shelling().place_ids, elsewhere)
    assert event_match_score(shelling(), shelling(place_ids=elsewhere)) < MERGE_THRESHOLD
    assert event_match_score(shelling(), shelling(place_ids=in_the_region)) >= MERGE_THRESHOLD


def test_a_score_that_cannot_reach_at_least_is_a_bound_below_it():
    """The import asks only for merges: a hopeless pair's wording is not compared."""
    reports = [
        shelling(),
        shelling(text="Troops entered the town at dawn"),
        shelling(place_ids=frozenset({OTHER_TOWN, REGION, COUNTRY})),
        shelling(place_ids=frozenset(), actor_ids=frozenset(), text="Shelling"),
        shelling(start_date=MONDAY + dt.timedelta(days=1), fatalities=2),
        shelling(event_type="air_strike", actor_ids=frozenset({"navy"})),
    ]
    for first in reports:
        for second in reports:
            exact = event_match_score(first, second)
            bounded = event_match_score(first, second, at_least=MERGE_THRESHOLD)
            if exact >= MERGE_THRESHOLD:
                assert bounded == exact
            else:
                assert exact <= bounded < MERGE_THRESHOLD


def test_the_likeliest_candidates_share_the_reports_date_and_place_newest_first():
    candidates = [  # newest first, as the database's window gives them
        ("next day, in the town", shelling(start_date=MONDAY + dt.timedelta(days=1))),
        ("same day, in the region", shelling(place_ids=frozenset({REGION, COUNTRY}))),
        ("same day, in the town", shelling()),
        ("same day, in the town, older", shelling()),
        ("same day, nowhere named", shelling(place_ids=frozenset())),
        ("same day, a capture", shelling(event_type="capture")),
        ("a week later", shelling(start_date=MONDAY + dt.timedelta(days=7))),
        ("same day, another town", shelling(place_ids=frozenset({OTHER_TOWN, REGION}))),
    ]

    # Places that nest agree as much as the same place; other types, dates too far
    # apart and places that do not nest could never merge.
    assert likeliest_candidates(shelling(), candidates, limit=10) == [
        "same day, in the region",
        "same day, in the town",
        "same day, in the town, older",
        "next day, in the town",
        "same day, nowhere named",
    ]
    assert likeliest_candidates(shelling(), candidates, limit=2) == [
        "same day, in the region",
        "same day, in the town",
    ]


def test_the_likeliest_candidates_are_ranked_on_what_a_window_read_tells():
    """Actors, wording and tolls are not read yet: the report's own do not change the rank."""
    candidates = [
        ("the town", shelling(actor_ids=frozenset(), text="", fatalities=None)),
        ("the region", shelling(place_ids=frozenset({REGION, COUNTRY}))),
    ]
    report = shelling(actor_ids=frozenset({"navy"}), text="Troops entered the town at dawn")

    assert likeliest_candidates(report, candidates) == ["the town", "the region"]


def _words_report(event_type: str, day: int, actors: frozenset) -> EventProfile:
    return EventProfile(
        event_type=event_type,
        start_date=dt.date(2023, 3, day),
        date_precision=DatePrecision.WEEK,
        actor_ids=actors,
        text="The minister said the talks were over.",
    )


def test_one_speakers_words_told_as_a_statement_and_a_press_conference_merge():
    said = _words_report("statement", 7, frozenset({1}))
    briefed = _words_report("press_conference", 7, frozenset({1, 2}))
    assert event_match_score(said, briefed) >= MERGE_THRESHOLD


def test_words_of_two_speakers_or_of_two_days_stay_apart():
    said = _words_report("statement", 7, frozenset({1}))
    assert event_match_score(said, _words_report("statement", 7, frozenset({2}))) < 0.1
    assert event_match_score(said, _words_report("statement", 10, frozenset({1}))) == 0.0


def test_an_earthquake_is_never_merged_with_shelling():
    quake = _words_report("earthquake", 7, frozenset())
    assert event_match_score(quake, _words_report("shelling", 7, frozenset())) == 0.0


def test_calls_to_leave_one_place_merge_whoever_is_named():
    first = dataclasses.replace(
        _words_report("evacuation_call", 7, frozenset({1})), place_ids=frozenset({"kyiv"})
    )
    second = dataclasses.replace(
        _words_report("evacuation_call", 7, frozenset()), place_ids=frozenset({"kyiv"})
    )
    assert event_match_score(first, second) >= MERGE_THRESHOLD


def test_one_deed_by_two_countries_is_two_happenings_but_a_meeting_has_two_sides():
    russian = shelling(
        event_type="withdrawal", fatalities=None, numbers=frozenset(), text="Troops leave"
    )
    russian = dataclasses.replace(russian, doer_countries=frozenset({"RU"}))
    american = dataclasses.replace(russian, doer_countries=frozenset({"US"}))
    assert event_match_score(russian, american) < MERGE_THRESHOLD
    unknown = dataclasses.replace(russian, doer_countries=frozenset())
    assert event_match_score(russian, unknown) >= MERGE_THRESHOLD
    talks = [dataclasses.replace(p, event_type="meeting") for p in (russian, american)]
    assert event_match_score(*talks) >= MERGE_THRESHOLD
