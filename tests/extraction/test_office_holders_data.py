"""Check that the office-holders table parses: columns, dates, offices, no duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from events.extraction.phrases import DATA_DIR, read_rows

DATA_FILE = DATA_DIR / "office_holders.tsv"
COLUMNS = ["name", "also_known_as", "office", "country", "start", "end", "precision", "source"]
ALLOWED_OFFICES = {
    "president",
    "vice president",
    "prime minister",
    "premier",
    "chancellor",
    "taoiseach",
    "foreign minister",
    "foreign secretary",
    "secretary of state",
    "defence minister",
    "defence secretary",
    "defense secretary",
    "war secretary",
    "treasury secretary",
    "national security adviser",
    "security council secretary",
    "chief of the general staff",
    "commander-in-chief",
    "king",
    "queen",
    "emperor",
    "grand duke",
    "crown prince",
    "pope",
    "supreme leader",
    "secretary-general",
    "director-general",
    "managing director",
    "european commission president",
    "european council president",
    "high representative",
    "central bank governor",
    "fed chair",
}

INTERNATIONAL_BODIES = {"UN", "NATO", "EU", "IMF", "WHO", "IAEA", "ECB"}


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return list(read_rows(DATA_FILE.name))


def test_header_names_the_columns():
    first_line = DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.lstrip("# ").split("\t") == COLUMNS


def test_every_row_has_all_columns_a_name_and_a_country(rows):
    assert len(rows) > 500
    for row in rows:
        assert len(row) == len(COLUMNS), row
        assert row[0].strip(), row
        assert row[7].strip(), row
        assert len(row[3]) == 2 or row[3] in INTERNATIONAL_BODIES, row


def test_dates_parse_and_terms_do_not_end_before_they_start(rows):
    for row in rows:
        start = date.fromisoformat(row[4])
        if row[5]:
            assert start <= date.fromisoformat(row[5]), row
        assert row[6] in {"day", "month"}, row
        if row[6] == "month":
            assert start.day == 1, row


def test_offices_come_from_the_allowed_list(rows):
    assert {row[2] for row in rows} <= ALLOWED_OFFICES


def test_no_holder_is_listed_twice_for_the_same_term(rows):
    keys = [(row[0], row[2], row[4]) for row in rows]
    assert len(keys) == len(set(keys))
