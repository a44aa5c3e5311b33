"""Check that the notable-deaths table parses: columns, dates, precision, names, aliases."""

from __future__ import annotations

from datetime import date

import pytest

from events.extraction.phrases import DATA_DIR, read_rows

DATA_FILE = DATA_DIR / "notable_deaths.tsv"
COLUMNS = ["name", "also_known_as", "died", "precision", "source"]
EARLIEST = date(2000, 1, 1)
LATEST = date(2026, 12, 31)


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return list(read_rows(DATA_FILE.name))


def test_header_names_the_columns():
    first_line = DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.lstrip("# ").split("\t") == COLUMNS


def test_every_row_has_all_columns_a_name_and_a_source(rows):
    assert len(rows) > 300
    for row in rows:
        assert len(row) == len(COLUMNS), row
        assert row[0], row
        assert row[0].strip() == row[0], row
        assert row[4].strip(), row


def test_dates_parse_and_fall_in_the_covered_years(rows):
    for row in rows:
        died = date.fromisoformat(row[2])
        assert EARLIEST <= died <= LATEST, row
        assert row[3] in {"day", "month"}, row
        if row[3] == "month":
            assert died.day == 1, row


def test_no_name_is_listed_twice(rows):
    names = [row[0] for row in rows]
    assert len(names) == len(set(names))


def test_aliases_are_never_a_bare_single_word(rows):
    for row in rows:
        if not row[1]:
            continue
        for alias in row[1].split(";"):
            assert alias, row
            assert alias.strip() == alias, row
            assert len(alias.split()) > 1, row
            assert alias != row[0], row
