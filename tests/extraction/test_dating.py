"""Tests for publication dates bounded by the text's dated happenings (events.extraction.dating)."""

from __future__ import annotations

import datetime as dt

from events.extraction.dates import infer_publication_date
from events.extraction.dating import Bounds, DatedMention, bounds_from, only_value_within
from events.extraction.types import CleanedArticle, DateSource

TODAY = dt.date(2026, 1, 15)


def _published(body: str, **fields) -> tuple[dt.date | None, str, str]:
    cleaned = CleanedArticle(raw=body, body=body, **fields)
    publication = infer_publication_date(cleaned, today=TODAY)
    return publication.value, publication.source, publication.evidence


# --- bounds, from plain dates -----------------------------------------------------


def test_latest_past_happening_bounds_from_below_and_a_plan_from_above():
    bounds = bounds_from(
        [
            DatedMention(dt.date(2019, 5, 3), dt.date(2019, 5, 3), "day", "on 3 May 2019"),
            DatedMention(dt.date(2020, 6, 1), dt.date(2020, 6, 30), "month", "in June 2020"),
            DatedMention(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "year", "in 2021", True),
        ],
        today=TODAY,
    )
    assert (bounds.earliest, bounds.latest) == (dt.date(2020, 6, 1), dt.date(2021, 12, 31))
    assert bounds.admits(dt.date(2021, 2, 1))
    assert not bounds.admits(dt.date(2020, 5, 31))


def test_a_plan_still_ahead_of_today_bounds_nothing():
    plan = DatedMention(dt.date(2031, 5, 1), dt.date(2031, 5, 31), "month", "in May 2031", True)
    assert bounds_from([plan], today=TODAY).latest == TODAY


def test_two_years_left_within_the_bounds_give_no_date():
    bounds = Bounds(earliest=dt.date(2021, 3, 14), latest=dt.date(2022, 12, 31))
    assert only_value_within(bounds, lambda year: dt.date(year, 4, 2)) is None


def test_of_two_years_the_one_around_a_known_happening_is_taken():
    happening = DatedMention(
        dt.date(2021, 4, 5), dt.date(2021, 4, 5), "day", "the flood", known="happening"
    )
    bounds = Bounds(
        earliest=dt.date(2021, 4, 2), latest=dt.date(2022, 12, 31), earliest_by=happening
    )
    assert only_value_within(bounds, lambda year: dt.date(year, 4, 3))[0] == dt.date(2021, 4, 3)
    # the happening's own day names the happening: it dates nothing
    assert only_value_within(bounds, lambda year: dt.date(year, 4, 5)) is None


# --- publication dates ------------------------------------------------------------


def test_a_month_reported_as_past_gives_an_estimate_the_evidence_names():
    value, source, evidence = _published(
        "Ferries stopped running in October 2023, and the islanders still wait for news."
    )
    assert value == dt.date(2023, 10, 1)
    assert source == DateSource.INFERRED
    assert evidence.startswith("estimate:")
    assert "in October 2023" in evidence


def test_a_since_day_bounds_an_earlier_reported_day():
    value, _source, evidence = _published(
        "The mill closed on 3 May 2019. The road to it has been shut since 9 June 2021."
    )
    assert value == dt.date(2021, 6, 9)
    assert "after 09 Jun 2021" in evidence


def test_an_undated_day_takes_the_only_year_the_bounds_leave():
    value, source, _evidence = _published(
        "The bridge reopened on 2 April after being shut since 14 March 2021. "
        "Painters will return in December 2021."
    )
    assert (value, source) == (dt.date(2021, 4, 2), DateSource.INFERRED)


def test_an_undated_day_with_several_years_left_stays_undated():
    value, source, _evidence = _published(
        "The bridge reopened on 2 April after being shut since 14 March 2021."
    )
    assert (value, source) == (None, DateSource.UNKNOWN)


def test_a_weekday_pins_the_year_among_those_the_text_allows():
    # 13 March fell on a Monday in 2017 and 2023; the plan for 2019 leaves only 2017.
    value, _source, _evidence = _published(
        "Officials met on Monday, 13 March. The vote will be held in 2019."
    )
    assert value == dt.date(2017, 3, 13)


def test_future_mentions_alone_give_no_date():
    value, _source, _evidence = _published("The council will vote in May 2031 on the plan.")
    assert value is None


def test_a_bare_year_gives_no_date():
    value, _source, _evidence = _published(
        "The cooperative was founded in 1998 and now employs hundreds of growers."
    )
    assert value is None


def test_conflicting_evidence_gives_no_date():
    value, _source, _evidence = _published(
        "The port has been closed since March 2024. Workers will reopen it in January 2023."
    )
    assert value is None


def test_a_date_line_is_not_touched_by_the_bounds():
    value, source, _evidence = _published(
        "The port has been closed since March 2024.", dateline=dt.date(2024, 2, 1)
    )
    assert (value, source) == (dt.date(2024, 2, 1), DateSource.DATELINE)


def test_an_interval_after_a_dated_happening_moves_the_estimate():
    value, _source, evidence = _published(
        "Crowds gathered a year after the floods of May 2021 swept the valley."
    )
    assert value == dt.date(2022, 5, 1)
    assert "a year after the floods of May 2021" in evidence


def test_an_anniversary_of_a_dated_day_dates_the_report_after_it():
    value, _source, _evidence = _published(
        "The town marked the second anniversary of the 4 August 2020 blast with a vigil."
    )
    assert value == dt.date(2022, 8, 4)


def test_a_dated_aside_far_from_the_lead_gives_no_estimate():
    lead = "Workers at the plant voted to strike, their union said, after talks broke down. " * 8
    value, _source, _evidence = _published(lead + "The plant, built in June 1986, employs 900.")
    assert value is None


def test_a_related_articles_date_the_text_rules_out_is_not_borrowed():
    body = (
        "Crews repaired the line on 2 April. "
        "The route has been closed to freight since 14 March 2024, the operator said."
    )
    cleaned = CleanedArticle(raw=body, body=body)
    publication = infer_publication_date(cleaned, reference_date=dt.date(2023, 4, 5), today=TODAY)
    assert (publication.value, publication.source) == (None, DateSource.UNKNOWN)
    assert "rules out" in publication.evidence


def test_a_bare_later_year_does_not_overrule_a_written_day():
    value, _source, _evidence = _published(
        "Parliament passed the bill on 5 May 2023. The law takes effect in 2025."
    )
    assert value == dt.date(2023, 5, 5)
