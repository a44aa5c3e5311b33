"""Tests for publication dates and temporal phrases (events.extraction.dates)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from events.extraction.dates import (
    expression_at,
    find_temporal_expressions,
    infer_publication_date,
)
from events.extraction.types import CleanedArticle, DatePrecision, DateSource

WEDNESDAY = dt.date(2024, 3, 13)
TODAY = dt.date(2026, 1, 15)


def _article(body: str, **fields) -> CleanedArticle:
    return CleanedArticle(raw=fields.pop("raw", body), body=body, **fields)


def _found(text: str, anchor: dt.date | None = WEDNESDAY) -> dict[str, tuple]:
    return {
        expression.text: (expression.value, expression.end_value, expression.precision)
        for expression in find_temporal_expressions(text, anchor=anchor)
    }


# --- temporal phrases -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The ferry sank yesterday.", "yesterday", dt.date(2024, 3, 12)),
        ("Sirens sounded last night near the port.", "last night", dt.date(2024, 3, 12)),
        ("The council votes today.", "today", WEDNESDAY),
        ("Crowds will gather tonight.", "tonight", WEDNESDAY),
        ("It happened the day before yesterday.", "the day before yesterday", dt.date(2024, 3, 11)),
        ("Two days ago the river burst its banks.", "Two days ago", dt.date(2024, 3, 11)),
        ("Officials said on Friday that the bridge fell.", "on Friday", dt.date(2024, 3, 8)),
        ("The talks will resume on Friday.", "on Friday", dt.date(2024, 3, 15)),
        ('"Prices will rise," the minister said on Friday.', "on Friday", dt.date(2024, 3, 8)),
        ('"We will vote on Friday," the minister said.', "on Friday", dt.date(2024, 3, 15)),
        ("Voting closed on Wednesday.", "on Wednesday", WEDNESDAY),
        ("Sunday's vote went ahead.", "Sunday's", dt.date(2024, 3, 10)),
        ("The mayor resigned late on March 3.", "late on March 3", dt.date(2024, 3, 3)),
        ("Shops reopened early on March 11.", "early on March 11", dt.date(2024, 3, 11)),
        ("The strike began on December 28.", "on December 28", dt.date(2023, 12, 28)),
        ("The fair opened on 2 March.", "on 2 March", dt.date(2024, 3, 2)),
        ("The fire began on the 5th of March.", "on the 5th of March", dt.date(2024, 3, 5)),
        (
            "The dam burst on February 24 this year.",
            "on February 24 this year",
            dt.date(2024, 2, 24),
        ),
        ("A flood struck on June 2 last year.", "on June 2 last year", dt.date(2023, 6, 2)),
    ],
)
def test_day_phrases_resolve_against_the_article_date(sentence, phrase, value):
    found = _found(sentence)
    assert phrase in found
    assert found[phrase][0] == value
    assert found[phrase][2] == DatePrecision.DAY


@pytest.mark.parametrize(
    ("sentence", "phrase", "first", "last", "precision"),
    [
        ("Prices rose in March.", "in March", dt.date(2024, 3, 1), dt.date(2024, 3, 31), "month"),
        (
            "It rained in September.",
            "in September",
            dt.date(2023, 9, 1),
            dt.date(2023, 9, 30),
            "month",
        ),
        (
            "He left in mid-January.",
            "in mid-January",
            dt.date(2024, 1, 11),
            dt.date(2024, 1, 20),
            "month",
        ),
        (
            "They return next April.",
            "next April",
            dt.date(2024, 4, 1),
            dt.date(2024, 4, 30),
            "month",
        ),
        (
            "They met in May 2019.",
            "in May 2019",
            dt.date(2019, 5, 1),
            dt.date(2019, 5, 31),
            "month",
        ),
        (
            "The port was built in 2009.",
            "in 2009",
            dt.date(2009, 1, 1),
            dt.date(2009, 12, 31),
            "year",
        ),
        (
            "The board met last week.",
            "last week",
            dt.date(2024, 3, 4),
            dt.date(2024, 3, 10),
            "week",
        ),
        (
            "Rents fell last month.",
            "last month",
            dt.date(2024, 2, 1),
            dt.date(2024, 2, 29),
            "month",
        ),
        (
            "Earlier this month it snowed.",
            "Earlier this month",
            dt.date(2024, 3, 1),
            WEDNESDAY,
            "month",
        ),
        (
            "Crowds marched at the weekend.",
            "at the weekend",
            dt.date(2024, 3, 9),
            dt.date(2024, 3, 10),
            "week",
        ),
        (
            "Talks ran on March 4-6.",
            "on March 4-6",
            dt.date(2024, 3, 4),
            dt.date(2024, 3, 6),
            "day",
        ),
    ],
)
def test_periods_cover_their_first_and_last_day(sentence, phrase, first, last, precision):
    found = _found(sentence)
    assert found[phrase] == (first, last, precision)


def test_last_week_written_on_a_sunday_is_the_week_just_ending():
    sunday = dt.date(2024, 3, 17)
    found = _found("The board met last week.", anchor=sunday)
    assert found["last week"] == (dt.date(2024, 3, 11), sunday, "week")


def test_written_out_dates_resolve_without_an_anchor():
    found = _found(
        "The decree is dated 2021-11-30, was signed on 3 December 2021 and took effect "
        "January 10, 2022.",
        anchor=None,
    )
    assert found["2021-11-30"][0] == dt.date(2021, 11, 30)
    assert found["on 3 December 2021"][0] == dt.date(2021, 12, 3)
    assert found["January 10, 2022"][0] == dt.date(2022, 1, 10)


def test_phrases_needing_the_article_date_stay_unresolved_without_one():
    found = _found("On Thursday (March 7th) the lights went out, a day before yesterday's.", None)
    assert found["On Thursday (March 7th)"][0] is None
    assert found["yesterday"][0] is None


def test_weekday_and_date_in_brackets_are_one_phrase():
    assert list(_found("On Thursday (March 7th) the lights went out.")) == [
        "On Thursday (March 7th)"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may meet again soon.",
        "A letter reached Theresa May 12 days before the vote.",
        "A weeks-long siege followed months-long talks.",
        "The fighting went on for months and for weeks.",
        "We now know more.",
        "The March through the city was peaceful.",
        "In the last week of the trial the judge fell ill.",
    ],
)
def test_words_that_only_look_like_dates_are_skipped(sentence):
    assert find_temporal_expressions(sentence, anchor=WEDNESDAY) == []


def test_spans_point_into_the_text_and_honour_the_offset():
    sentence = "Rescuers arrived on Monday."
    (expression,) = find_temporal_expressions(sentence, anchor=WEDNESDAY, offset=100)
    assert (expression.start, expression.end) == (117, 126)
    assert sentence[expression.start - 100 : expression.end - 100] == "on Monday"


def test_anniversary_counts_from_the_day_in_the_same_sentence():
    found = _found("The rally came six months to the day since the floods of September 13.")
    assert found["six months to the day since"][0] == dt.date(2024, 3, 13)


def test_anniversary_counts_from_a_day_mentioned_elsewhere():
    text = (
        "Tuesday's vote came a year to the day since the coup. "
        "The army seized power on March 12. Parliament reopened on June 3."
    )
    found = _found(text)
    assert found["a year to the day since"][0] == dt.date(2024, 3, 12)


def test_deadlines_and_plans_are_less_certain_than_reported_days():
    expressions = find_temporal_expressions(
        "Rebels must leave before May 9. The vote was held on March 1.", anchor=WEDNESDAY
    )
    deadline, reported = expressions
    assert deadline.text == "before May 9"
    assert deadline.confidence < reported.confidence


def test_a_sentence_scans_in_well_under_two_milliseconds():
    sentences = [
        f"Officials said on Tuesday (March {day}th) that {day} homes had burned since "
        f"late on February {day}, and the mayor spoke yesterday."
        for day in range(4, 28)
    ] * 20
    started = time.perf_counter()
    for sentence in sentences:
        find_temporal_expressions(sentence, anchor=WEDNESDAY)
    assert (time.perf_counter() - started) / len(sentences) < 0.002


# --- the expression that dates a sentence --------------------------------------------


def test_expression_at_prefers_the_most_precise_phrase_in_the_span():
    text = "In March the dam cracked. On Monday, two months after the cracks, it burst."
    temporal = find_temporal_expressions(text, anchor=WEDNESDAY)
    second = text.index("On Monday")
    chosen = expression_at(temporal, second, len(text))
    assert chosen.text == "On Monday"
    assert expression_at(temporal, 0, second).text == "In March"


def test_expression_at_ignores_unresolved_phrases_unless_asked():
    text = "The shelling began yesterday."
    temporal = find_temporal_expressions(text, anchor=None)
    assert expression_at(temporal, 0, len(text)) is None
    assert expression_at(temporal, 0, len(text), include_unresolved=True).text == "yesterday"


# --- publication date ----------------------------------------------------------------


def test_a_date_line_wins():
    article = _article("The ferry sank on May 2.", dateline=dt.date(2023, 5, 3))
    published = infer_publication_date(article, reference_date=dt.date(2020, 1, 1))
    assert (published.value, published.source) == (dt.date(2023, 5, 3), DateSource.DATELINE)


def test_written_out_date_dates_the_article():
    article = _article(
        "The harbour closed on 9 August 2023 after a storm that began on 7 August 2023."
    )
    published = infer_publication_date(article, today=TODAY)
    assert published.value == dt.date(2023, 8, 9)
    assert published.source == DateSource.INFERRED
    assert "9 August 2023" in published.evidence


def test_weekday_beside_a_date_pins_the_year():
    # March 14 fell on a Thursday in 2024, 2019 and 2013: the latest is taken.
    article = _article(
        "Floods cut the railway on Thursday (March 14th). Repairs began on March 12."
    )
    published = infer_publication_date(article, today=TODAY)
    assert published.value == dt.date(2024, 3, 14)
    assert published.source == DateSource.INFERRED
    assert "Thursday (March 14th)" in published.evidence


def test_weekday_pin_prefers_the_year_nearest_the_reference_date():
    article = _article("Floods cut the railway on Thursday (March 14th).")
    published = infer_publication_date(article, reference_date=dt.date(2019, 3, 20), today=TODAY)
    assert published.value == dt.date(2019, 3, 14)


def test_undated_days_need_a_reference_date_for_their_year():
    article = _article(
        "The governor on October 2 ordered an evacuation. Shelling resumed late on October 3, "
        "and the bridge, shut since September 30, stayed closed."
    )
    unknown = infer_publication_date(article, today=TODAY)
    assert unknown.value is None
    assert unknown.year_missing
    assert unknown.source == DateSource.UNKNOWN
    assert "October 3" in unknown.evidence

    corroborated = infer_publication_date(article, reference_date=dt.date(2021, 10, 5), today=TODAY)
    assert corroborated.value == dt.date(2021, 10, 3)
    assert corroborated.source == DateSource.CORROBORATED
    assert "2021-10-05" in corroborated.evidence


def test_reference_date_places_a_day_across_the_new_year():
    article = _article("Parliament was dissolved on December 30.")
    published = infer_publication_date(article, reference_date=dt.date(2023, 1, 2), today=TODAY)
    assert published.value == dt.date(2022, 12, 30)


def test_plans_and_deadlines_are_not_taken_for_the_publication_date():
    article = _article(
        "Troops crossed the river on April 2. The general wanted the town taken before May 9, "
        "and a summit will be held on June 20."
    )
    published = infer_publication_date(article, reference_date=dt.date(2022, 4, 3), today=TODAY)
    assert published.value == dt.date(2022, 4, 2)


def test_yesterday_beside_a_date_puts_publication_a_day_later():
    article = _article("The mayor spoke yesterday (March 12, 2024) about the flooding.")
    published = infer_publication_date(article, today=TODAY)
    assert published.value == dt.date(2024, 3, 13)


def test_dated_caption_gives_the_year():
    article = _article(
        "Firefighters contained the blaze on August 14.",
        captions=("A firefighter rests near Larissa, Greece, August 13, 2021.",),
    )
    published = infer_publication_date(article, today=TODAY)
    assert published.value == dt.date(2021, 8, 14)
    assert published.source == DateSource.INFERRED


def test_copyright_line_gives_the_year():
    raw = "Firefighters contained the blaze on August 14.\n(© Example Media Ltd 2020)"
    article = _article("Firefighters contained the blaze on August 14.", raw=raw)
    published = infer_publication_date(article, today=TODAY)
    assert published.value == dt.date(2020, 8, 14)
    assert "copyright" in published.evidence


def test_no_evidence_means_no_date():
    article = _article("The committee has not yet reached a decision on the matter.")
    published = infer_publication_date(article, today=TODAY)
    assert published.value is None
    assert published.source == DateSource.UNKNOWN
    assert not published.year_missing


def test_no_day_in_the_text_takes_the_same_story_date():
    article = _article("The committee has not yet reached a decision on the matter.")
    published = infer_publication_date(article, reference_date=dt.date(2022, 7, 1), today=TODAY)
    assert published.value == dt.date(2022, 7, 1)
    assert published.source == DateSource.CORROBORATED


def test_weekday_names_a_written_date_in_the_reference_year():
    article = _article(
        "The ministers meet on Thursday in Lisbon. The chair said the meeting "
        "will take place in Lisbon on March 10-11."
    )
    published = infer_publication_date(article, reference_date=dt.date(2022, 2, 20), today=TODAY)
    assert published.value == dt.date(2022, 3, 10)  # a Thursday


def test_reference_date_far_from_the_reported_day_lends_no_year():
    article = _article("The war began on February 24 and has not stopped.")
    published = infer_publication_date(article, reference_date=dt.date(2022, 9, 1), today=TODAY)
    assert published.value is None
    assert published.year_missing


def test_anniversary_dates_the_report():
    article = _article(
        "The protest came six months to the day since the dam burst. "
        "The dam burst on April 11, flooding the valley."
    )
    published = infer_publication_date(article, reference_date=dt.date(2023, 10, 12), today=TODAY)
    assert published.value == dt.date(2023, 10, 11)


# --- wire datelines -----------------------------------------------------------------

WIRE = (
    "PORT ELSA, 3 May (Harbour News) – The harbour authority closed the northern quay "
    "after divers found a crack in its sea wall, its chief engineer said.\n\n"
    "Repairs are expected to take a month, the engineer added.\n"
)


def test_a_wire_dateline_gives_the_day_and_the_text_the_year():
    from events.extraction.cleaning import clean_article

    cleaned = clean_article(WIRE + "\n© 2023 Harbour News\n")
    assert cleaned.body.startswith("The harbour authority")
    assert cleaned.outlet == "Harbour News"
    published = infer_publication_date(cleaned, today=TODAY)
    assert published.value == dt.date(2023, 5, 3)
    assert "dateline" in published.evidence


def test_a_wire_dateline_without_a_year_takes_it_from_the_same_story_or_stays_empty():
    from events.extraction.cleaning import clean_article

    cleaned = clean_article(WIRE)
    unknown = infer_publication_date(cleaned, today=TODAY)
    assert unknown.value is None
    assert unknown.year_missing
    same_story = infer_publication_date(cleaned, reference_date=dt.date(2024, 5, 4), today=TODAY)
    assert same_story.value == dt.date(2024, 5, 3)
    assert same_story.source == DateSource.CORROBORATED
