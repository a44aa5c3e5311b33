"""Tests for dropping the comment boxes, buttons, counters, credits, notices and labels of
news pages, on articles written for the tests."""

from __future__ import annotations

import pytest

from events.extraction.cleaning import clean_article
from tests.extraction.test_cleaning import LEDE, assert_offsets_exact

# --- comment boxes, buttons, counters, credits, notices and labels of news pages -----------

NEXT = "Ships returned to the harbour of Velmar on Tuesday."


@pytest.mark.parametrize(
    "furniture",
    [
        "Comments are closed.",
        "Hello, the comments you share on our site help other readers.\nThe floor is all yours.",
        "Count : 210",
        "Hits: 55",
        "Tweet Share",
        "Facebook Twitter WhatsApp Email",
        "Source: Velmar Daily",
        "**Source:** Tessit News",
        "Source link",
        "Follow @OlaBergWrites",
        "Contact the Author",
        "By Ola Berg",
        "Additional reporting by Ola Berg",
        "Reporting by Ola Berg; Editing by Ivo Kral\nand Mira Sand",
        "Video credit: Spokesperson of the Arland navy",
        "Disclaimer: The copyright of this text belongs to its original author. Reposting it "
        "only shares information and is not investment advice.",
        "(Updated 4:17 pm)",
        "(Updated: March 3, 2023)",
        "Key Points",
        "VELMAR, ARLAND - MARCH 29: Ola Berg at the Tessit Gate in Velmar, Arland.",
        "Residents stand amid the rubble of a house in Velmar / Supplied",
        "Soldiers patrol near the port of Velmar -/AFP or licensors",
        "A general view shows the harbour of Velmar after the shelling Reuters",
    ],
)
def test_news_page_furniture_between_or_below_paragraphs_leaves_the_body(furniture):
    for raw in (f"{LEDE}\n\n{furniture}\n\n{NEXT}", f"{LEDE}\n\n{NEXT}\n\n{furniture}"):
        cleaned = clean_article(f"Army leaves the port\n\n{raw}")
        assert cleaned.body == f"{LEDE}\n\n{NEXT}"
        assert_offsets_exact(cleaned)


@pytest.mark.parametrize("label", ["HomeScience", "HomeWorld News\nKey Points", "Tweet Share"])
def test_section_labels_above_the_headline_leave_it_the_title(label):
    cleaned = clean_article(f"{label}\nArmy leaves the port\n\n{LEDE}")
    assert cleaned.title == "Army leaves the port"
    assert cleaned.body == LEDE


def test_a_reporting_credit_wrapped_onto_a_second_line_gives_every_name():
    cleaned = clean_article(f"{LEDE}\n\nReporting by Ola Berg; Editing by\nIvo Kral and Mira Sand")
    assert cleaned.body == LEDE
    assert cleaned.byline == "Ola Berg, Ivo Kral, Mira Sand"


def test_a_labelled_source_names_the_outlet():
    cleaned = clean_article(f"{LEDE}\n\n**Source:** Tessit News")
    assert cleaned.body == LEDE
    assert cleaned.outlet == "Tessit News"


def test_a_comment_box_leaves_the_story_lines_beside_it():
    story = "Ola Berg said the comments were closed to the public."
    cleaned = clean_article(f"{LEDE}\n\n{story}\nComments are closed.\nThe floor is all yours.")
    assert cleaned.body == f"{LEDE}\n\n{story}"


@pytest.mark.parametrize(
    "story",
    [
        "Ola Berg said the comments were closed to the public.",
        "The minister gave the floor to the opposition.",
        "Ola Berg said the comments you share online can be used in court.",
        "Source: officials in Velmar said the port would reopen on Friday.",
        "The harbour of Velmar was shelled overnight, Reuters said.",
        "Soldiers patrol near the port, a spokesman for the army of Arland told Reuters.",
        "Facebook and Twitter removed the posts on Monday.",
        "Key points of the deal were agreed on Monday, officials said.",
        "Disclaimer: the figures are not final, the army of Arland said.",
        "Please stay indoors, the mayor of Velmar told residents.",
    ],
)
def test_story_sentences_like_comment_boxes_sources_or_captions_stay(story):
    for raw in (f"{LEDE}\n\n{story}\n\n{NEXT}", f"{LEDE}\n\nComments are closed.\n{story}"):
        cleaned = clean_article(f"Army leaves the port\n\n{raw}")
        assert story in cleaned.body
        assert LEDE in cleaned.body
