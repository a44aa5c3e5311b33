"""Dating an undated article by the digest row whose happening its lead reports."""

import datetime as dt

import pytest

from events.extraction import dates, digest
from events.extraction.cleaning import clean_article
from events.extraction.digest import DigestRow, NewsDigest, parse_rows
from events.extraction.types import DateSource

ROWS = [
    DigestRow(
        dt.date(2031, 4, 8),  # a Tuesday
        "Valdorian Foreign Minister Ilse Brandvik accuses Kestonia of plotting to sabotage "
        "the Harrow gas pipeline and expels four diplomats from Port Elsin.",
        "https://example.org/a",
    ),
    DigestRow(
        dt.date(2031, 4, 9),
        "Kestonian President Arvo Tamsel meets Valdorian Prime Minister Jonas Reiter in "
        "Port Elsin to discuss grain exports across the Marl Sea.",
        "https://example.org/b",
    ),
    DigestRow(
        dt.date(2031, 6, 2),
        "A flood in the Ostra valley forces the evacuation of 3,000 residents of Lindholm "
        "after the river bursts its banks.",
        "https://example.org/c",
    ),
    *(
        DigestRow(
            dt.date(2031, 5, day),
            f"Kestonia and Valdoria trade accusations over troop drills near border post {day}.",
            "https://example.org/d",
        )
        for day in range(1, 28)
    ),
]

SABOTAGE_LEAD = (
    "Valdoria expels Kestonian diplomats over pipeline plot\n\n"
    "Valdoria's foreign minister, Ilse Brandvik, accused Kestonia of plotting to sabotage "
    "the Harrow gas pipeline and ordered four of its diplomats to leave Port Elsin.\n\n"
    "Kestonia denied the accusation and promised a response."
)


@pytest.fixture
def small_digest():
    return NewsDigest(ROWS)


def test_a_lead_reporting_a_rows_happening_is_dated_by_it(small_digest):
    match = small_digest.match(SABOTAGE_LEAD)

    assert match is not None
    assert match.row.day == dt.date(2031, 4, 8)
    assert "2031-04-08" in match.evidence


def test_a_lead_naming_the_same_countries_for_another_happening_is_not_matched(small_digest):
    lead = (
        "Kestonia and Valdoria agree to reopen rail links\n\n"
        "The two governments said their transport ministers would sign a rail agreement "
        "allowing passenger trains to run again between the capitals."
    )

    assert small_digest.match(lead) is None


def test_rows_outside_the_articles_bounds_are_not_tried(small_digest):
    assert small_digest.match(SABOTAGE_LEAD, earliest=dt.date(2031, 5, 1)) is None
    assert small_digest.match(SABOTAGE_LEAD, latest=dt.date(2031, 4, 1)) is None


def test_a_weekday_the_lead_names_must_be_the_rows(small_digest):
    on_tuesday = SABOTAGE_LEAD.replace("accused Kestonia", "on Tuesday accused Kestonia")
    on_friday = SABOTAGE_LEAD.replace("accused Kestonia", "on Friday accused Kestonia")

    assert small_digest.match(on_tuesday).row.day == dt.date(2031, 4, 8)
    assert small_digest.match(on_friday) is None


def test_a_lead_fitting_rows_of_different_days_equally_is_ambiguous():
    twice = NewsDigest([ROWS[0], DigestRow(dt.date(2031, 9, 1), ROWS[0].summary, ""), *ROWS[3:]])

    assert twice.match(SABOTAGE_LEAD) is None


def test_table_lines_with_a_bad_date_or_too_few_fields_are_skipped():
    rows = parse_rows([["2031-01-02", "Something happened", "src"], ["soon", "x"], ["2031-01-03"]])

    assert [row.day for row in rows] == [dt.date(2031, 1, 2)]


def test_the_shipped_digest_has_dated_rows_with_sources():
    shipped = digest.load_digest()

    assert len(shipped.rows) > 1000
    assert all(row.summary and row.source for row in shipped.rows)


def test_an_undated_article_takes_the_day_of_the_happening_its_lead_reports(
    small_digest, monkeypatch
):
    monkeypatch.setattr(digest, "load_digest", lambda: small_digest)

    publication = dates.infer_publication_date(
        clean_article(SABOTAGE_LEAD), today=dt.date(2032, 1, 1)
    )

    assert publication.value == dt.date(2031, 4, 8)
    assert publication.source == DateSource.REPORTED
    assert "Harrow gas pipeline" in publication.evidence


def test_a_text_whose_latest_day_precedes_the_matched_happening_is_not_dated_by_it(
    small_digest, monkeypatch
):
    monkeypatch.setattr(digest, "load_digest", lambda: small_digest)
    text = SABOTAGE_LEAD + "\n\nThe pipeline opened on March 3 after years of delays."

    publication = dates.infer_publication_date(clean_article(text), today=dt.date(2032, 1, 1))

    assert publication.value != dt.date(2031, 3, 3)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Zelenskyy", "Zelenskiy", "Zelensky"),
        ("Izium", "Izyum"),
        ("Škoda", "Skoda"),
        ("Sviatoslav", "Svyatoslav"),
    ],
)
def test_romanisations_of_one_name_fold_alike(spellings):
    assert len({digest.fold_spelling(name.lower()) for name in spellings}) == 1


def test_a_lead_spelling_a_name_another_way_still_matches(small_digest):
    lead = SABOTAGE_LEAD.replace("Brandvik", "Brandvyk")

    assert small_digest.match(lead).row.day == dt.date(2031, 4, 8)


def test_a_lead_naming_none_of_the_digests_usual_names_is_another_story(small_digest):
    # The sabotage row's words and names, but told of two other countries.
    lead = SABOTAGE_LEAD.replace("Valdoria", "Norvast").replace("Kestonia", "Tellia")
    lead = lead.replace("Kestonian", "Tellian")
    assert small_digest.match(lead) is None
    # a row naming none of the usual names is still matched by its own words
    flood = "A flood in the Ostra valley forced the evacuation of 3,000 residents of Lindholm."
    assert small_digest.match(flood).row.day == dt.date(2031, 6, 2)
