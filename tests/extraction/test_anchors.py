"""Tests for dates bounded by world knowledge (events.extraction.anchors)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction import anchors
from events.extraction.cleaning import clean_article
from events.extraction.dates import infer_publication_date
from events.extraction.dating import Bounds, DatedMention, bounds_from, estimate_within_bounds
from events.extraction.types import CleanedArticle, DateSource
from tests.conftest import SEEDS

TODAY = dt.date(2026, 12, 7)
INVASION = dt.date(2022, 2, 24)


def _bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Return (after, before): the latest lower bound and the earliest upper bound."""
    mentions = anchors.find_bounding_mentions(text)
    after = max((m.first for m in mentions if not m.future), default=None)
    before = min((m.last for m in mentions if m.future), default=None)
    return after, before


def _published(body: str) -> tuple[dt.date | None, str, str]:
    publication = infer_publication_date(CleanedArticle(raw=body, body=body), today=TODAY)
    return publication.value, publication.source, publication.evidence


# --- the shipped table ----------------------------------------------------------------


def test_every_happening_has_a_source_and_a_known_reading():
    rows = anchors.happenings()
    assert len(rows) > 40
    for row in rows:
        assert row.source
        assert row.triggers
        assert row.reading in {"after", "during"}
        assert row.end is None or row.end >= row.start
        assert row.looming_from is None or row.looming_from < row.start


# --- happenings taken as past, as still ahead, or not at all --------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Grain exports have halved since Russia's full-scale invasion of Ukraine.",
        "The fund was set up after Moscow invaded Ukraine and millions fled.",
        "Kremlin officials still call the war in Ukraine a special military operation.",
        "A Russian general said the war in Ukraine would go on into the spring.",  # goes on
    ],
)
def test_a_happening_told_as_past_bounds_from_below(sentence):
    assert _bounds(sentence) == (INVASION, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Diplomats fear a Russian invasion of Ukraine could begin within weeks.",
        "If Russia invades Ukraine, the allies promise sanctions without precedent.",
        "Officials say the troop movements could be a prelude to an invasion of Ukraine by Russia.",
        "Analysts think the Kremlin has already chosen to invade Ukraine.",
        "The envoy thinks a Russian invasion of Ukraine remains likely.",
        "Ahead of another Russian invasion of Ukraine, the allies stockpile fuel.",
    ],
)
def test_a_happening_told_as_a_threat_bounds_from_above(sentence):
    after, before = _bounds(sentence)
    assert before == INVASION - dt.timedelta(days=1)
    assert after is not None
    assert after < before


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister warned of an invasion of the island by the rebels.",  # not this invasion
        "Analysts fear a wider war between Russia and NATO over Ukraine.",  # a larger one
        "Russia annexed Crimea in 2014, years before its troops crossed into Ukraine.",
    ],
)
def test_other_or_older_happenings_do_not_bound_by_the_invasion(sentence):
    mentions = anchors.find_bounding_mentions(sentence)
    assert all(m.first != INVASION and m.last != INVASION - dt.timedelta(1) for m in mentions)


@pytest.mark.parametrize(
    "sentence",
    [
        "Prigozhin said dozens of his fighters were killed near the town.",
        "Navalny was released late on Friday after a night in custody.",
        "Syrians fled the bombing by Assad's forces in the north.",
        "Russian forces destroyed the bridge at Nova Kakhovka overnight.",
    ],
)
def test_words_near_a_name_are_not_the_happening_it_is_known_for(sentence):
    assert anchors.find_bounding_mentions(sentence) == []


def test_a_happening_sought_is_still_ahead():
    _, before = _bounds("Ukraine hopes to receive candidate status for EU membership soon.")
    assert before == dt.date(2022, 6, 22)


def test_a_participant_far_from_the_trigger_is_not_its_participant():
    sentence = (
        "After the siege of the river port, the fighting moved on towards the hills west of "
        "the valley, where Mariupol and two other towns are the likely next targets."
    )
    assert anchors.find_bounding_mentions(sentence) == []


def test_a_known_happening_stays_known_under_a_hedge_further_back():
    sentence = "The fund seeks to hold Moscow to account for its Feb. 24 invasion of Ukraine."
    assert _bounds(sentence)[0] == INVASION


def test_a_day_written_without_its_year_puts_the_article_within_a_year():
    after, before = _bounds("Aid has flowed in since Russia's Feb. 24 invasion of Ukraine.")
    assert after == INVASION
    assert before == INVASION + dt.timedelta(days=365)


def test_a_period_told_in_the_present_bounds_from_both_sides():
    after, before = _bounds("Sweden, in charge of the EU presidency this half-year, called talks.")
    assert after == dt.date(2023, 1, 1)
    assert before == dt.date(2023, 6, 30) + dt.timedelta(days=anchors.DURING_GRACE_DAYS)


def test_the_same_words_for_several_periods_give_their_span():
    after, before = _bounds("Poland, as the EU's current presidency, invited the leaders.")
    assert after == dt.date(2011, 7, 1)
    assert before == dt.date(2025, 6, 30) + dt.timedelta(days=anchors.DURING_GRACE_DAYS)


# --- estimates served as the publication date -----------------------------------------


def test_estimates_sit_a_month_from_the_happening_or_in_the_middle():
    recalled = DatedMention(
        INVASION, INVASION, "day", "since the invasion", recent=False, known="happening"
    )
    threat = DatedMention(
        INVASION - dt.timedelta(1), INVASION - dt.timedelta(1), "day", "if", True, anticipated=True
    )
    opened = Bounds(earliest=INVASION, latest=TODAY, earliest_by=recalled)
    assert estimate_within_bounds(opened) == INVASION + dt.timedelta(days=30)
    closed = Bounds(dt.date(2021, 11, 1), INVASION - dt.timedelta(1), recalled, threat)
    assert estimate_within_bounds(closed) == INVASION - dt.timedelta(days=31)
    narrow = Bounds(dt.date(2023, 1, 1), dt.date(2023, 7, 14), recalled, recalled)
    assert estimate_within_bounds(narrow) == dt.date(2023, 4, 8)
    assert estimate_within_bounds(Bounds(INVASION, INVASION - dt.timedelta(1))) is None


def test_an_undated_article_gets_an_estimate_that_names_its_evidence():
    value, source, evidence = _published(
        "Refugee numbers keep rising. Shelters opened in the spring after Russia's invasion "
        "of Ukraine are full again, volunteers said."
    )
    assert source == DateSource.ESTIMATED
    assert value == INVASION + dt.timedelta(days=30)
    assert "invasion" in evidence


def test_evidence_on_both_sides_of_a_happening_gives_no_estimate():
    value, source, _ = _published(
        "Since the invasion of Ukraine by Russia, trade has collapsed. Ministers fear that a "
        "Russian invasion of Ukraine could come soon."
    )
    assert (value, source) == (None, DateSource.UNKNOWN)


def test_a_written_date_still_wins_over_an_estimate():
    value, source, _ = _published(
        "On 3 March 2023 the council met again, a year after Russia's invasion of Ukraine."
    )
    assert source == DateSource.INFERRED
    assert value == dt.date(2023, 3, 3)


def test_every_dated_seed_article_fits_the_bounds_its_text_gives():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for path in seeds:
        cleaned = clean_article(path.read_text(encoding="utf-8"))
        if cleaned.dateline is None:
            continue
        mentions = [
            m
            for text in (cleaned.title, cleaned.body)
            for m in anchors.find_bounding_mentions(text)
        ]
        assert bounds_from(mentions, today=TODAY).admits(cleaned.dateline), path.name


def test_a_day_just_before_a_known_happening_takes_that_happenings_year():
    # an invasion is news days before its date: "Feb. 21" fits the year of the invasion
    value, _, _ = _published(
        "On Feb. 21 the troops massed on the border were ordered forward, officials said, "
        "days before Russia's invasion of Ukraine."
    )
    assert value == dt.date(2022, 2, 21)


def test_the_happenings_own_day_dates_no_article():
    value, _, _ = _published(
        "The sanctions answer Russia's Feb. 24 invasion of Ukraine, the ministry said."
    )
    assert value != INVASION
