"""Reading articles and their metadata from the formats scrapers and feeds deliver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from events.importing.readers import ArticleRecord, RecordProblem, parse_published, read_records

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def records(name: str) -> list[ArticleRecord | RecordProblem]:
    path = ARTICLES / name
    return list(read_records(path.read_text(encoding="utf-8"), suffix=path.suffix))


def test_json_lines_give_each_article_with_its_metadata_and_name_bad_lines():
    found = records("export.jsonl")
    first = found[0]
    assert first.title == "Port Elsa closes its northern quay"
    assert first.published == dt.date(2024, 4, 2)
    assert first.outlet == "portelsa-news.example"
    assert first.author == "Kai Berg, Sofia Lunn"
    assert first.url == "https://portelsa-news.example/quay"
    assert first.where == "line 1"
    assert first.text.startswith("The harbour authority of Port Elsa")
    bad, empty = found[1], found[2]
    assert bad.where == "line 2"
    assert bad.reason.startswith("invalid JSON")
    assert empty.where == "line 3"
    assert "no article text" in empty.reason
    assert "title" in empty.reason  # the fields it did find
    assert found[4].language == "de"


def test_a_json_list_and_a_json_object_are_read_alike():
    (listed,) = records("articles.json")
    assert (listed.outlet, listed.author, listed.published) == (
        "Orrin Evening Post",
        "Lea Mork",
        dt.date(2024, 5, 18),
    )
    (single,) = records("single.json")
    assert single.title == "Dunmere tram line opens"
    assert single.published == dt.date(2024, 6, 12)
    assert single.language == "en"


def test_csv_rows_are_articles_and_an_empty_row_is_named():
    story, empty = records("table.csv")
    assert story.where == "row 2"
    assert (story.outlet, story.author) == ("Vell Courier", "Ada Pell")
    assert empty.where == "row 3"
    assert empty.reason == "no article text in this row"


def test_a_csv_without_a_text_column_names_the_columns_it_found():
    (problem,) = records("notext.csv")
    assert isinstance(problem, RecordProblem)
    assert "headline, link, seendate" in problem.reason


def test_an_html_page_gives_its_main_text_title_date_and_author():
    (page,) = records("page.html")
    assert page.title == "Ferry service resumes"
    assert page.published == dt.date(2024, 7, 21)
    assert page.author == "Oskar Fell"
    assert "resumed on Sunday" in page.text
    assert "<" not in page.text
    assert "newsletter" not in page.text


def test_an_html_page_without_a_story_has_no_story_text():
    (problem,) = records("empty.html")
    assert problem.reason == "no story text"


def test_a_feed_gives_entries_with_full_text_and_names_teasers():
    story, teaser = records("feed.rss")
    assert story.title == "Ten thousand trees for the river"
    assert story.published == dt.date(2024, 3, 14)
    assert story.outlet == "Brannock Weekly"
    assert "ten thousand trees" in story.text
    assert teaser.where == "entry 2"
    assert "no full text" in teaser.reason


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T23:10:00Z", dt.date(2024, 3, 5)),
        ("2024-03-05 10:00:00", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        ("20240305T101500Z", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", dt.date(2024, 3, 5)),
        ("next week", None),
        ("", None),
    ],
)
def test_publication_times_as_scrapers_write_them(written, day):
    assert parse_published(written) == day
