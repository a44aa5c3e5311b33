"""Tests for dropping meta lines, mastheads, summaries, teasers and captions of news pages
that several pieces of furniture make up together, on articles written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction.cleaning import clean_article
from tests.extraction.test_cleaning import LEDE, assert_offsets_exact

TITLE = "Army leaves the port"
NEXT = "Ships returned to the harbour of Velmar on Tuesday."
THIRD = "The mayor of Tessit said schools would reopen next week."


def _clean(raw: str):
    cleaned = clean_article(raw)
    assert_offsets_exact(cleaned)
    return cleaned


# --- several meta items on one line ------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Posted : Friday, 3 May, 2024 at 9:12 AM  Hits : 1,204",
        "May 3, 2024 9:05 am(Updated 11:40 am)",
        "Tweet Share | Source: Velmar Daily",
        "By Ola Berg Follow @olaberg Contact the Author   |  May 3, 2024 at 7:45 PM",
        "Velmar Post Online Desk",
        "(Velmar Wire - Reporting by Ola Berg, additional reporting by Ivo Kral; Editing by "
        "Mira Sand and Bo Lind)",
    ],
)
def test_lines_of_several_meta_items_leave_the_body(furniture):
    above, below = f"{furniture}\n\n{LEDE}\n\n{NEXT}", f"{LEDE}\n\n{NEXT}\n\n{furniture}"
    for raw in (above, below):
        cleaned = _clean(f"{TITLE}\n\n{raw}")
        assert cleaned.title == TITLE
        assert cleaned.body == f"{LEDE}\n\n{NEXT}"


def test_a_byline_with_the_authors_handle_gives_the_name():
    cleaned = _clean(f"{TITLE}\n\nBy Ola Berg Follow @olaberg Contact the Author\n\n{LEDE}")
    assert cleaned.byline == "Ola Berg"
    assert cleaned.body == LEDE


@pytest.mark.parametrize(
    "line",
    [
        "By Ola Berg Follow @olaberg Contact the Author   |  May 3, 2024 at 7:45 PM",
        "Posted : Friday, 3 May, 2024 at 9:12 AM  Hits : 1,204",
    ],
)
def test_a_byline_or_meta_line_above_the_story_dates_the_article(line):
    cleaned = _clean(f"{TITLE}\n\n{line}\n\n{LEDE}")
    assert cleaned.dateline == dt.date(2024, 5, 3)
    assert cleaned.body == LEDE


def test_a_wire_credit_signed_first_gives_the_reporter():
    cleaned = _clean(f"{LEDE}\n\n(Velmar Wire - Reporting by Ola Berg; Editing by Ivo Kral)")
    assert cleaned.body == LEDE
    assert "Ola Berg" in cleaned.byline


@pytest.mark.parametrize(
    "story",
    [
        "The talks ran from May 3, 2024 (a Friday) until the weekend, officials said.",
        "Published reports said the port had closed  (officials denied it).",
        "The help desk of the port of Velmar was closed on Monday.",
        "Service Desk",
        "Arland's army: reporting by officials in Velmar was wrong, the minister said.",
        "By the time Ola Berg arrived, the port of Velmar was closed.",
    ],
)
def test_story_lines_like_meta_items_stay(story):
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\n{story}\n\n{NEXT}")
    assert story.replace("  ", " ") in cleaned.body


# --- a section's label, a masthead's tagline and summary bullets above the story ------------


def test_a_section_label_above_the_story_leaves_the_body():
    cleaned = _clean(f"{TITLE}\n\nArland News\n\n{LEDE}\n\n{NEXT}")
    assert cleaned.title == TITLE
    assert cleaned.body == f"{LEDE}\n\n{NEXT}"


def test_a_subheading_like_a_section_label_inside_the_story_stays():
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\nGood News\n\n{NEXT}")
    assert cleaned.body == f"{LEDE}\n\nGood News\n\n{NEXT}"


def test_an_outlets_name_and_tagline_under_a_long_headline_leave_the_body():
    title = "Arland's army leaves the port of Velmar after weeks of heavy fighting in the south"
    cleaned = _clean(
        f"{title}\n\nMonday, May 6, 2024\n\nVelmar Tribune\n\n"
        f"Your trusted voice from the Arland coast\n\n{LEDE}\n\n{NEXT}"
    )
    assert cleaned.title == title
    assert cleaned.body == f"{LEDE}\n\n{NEXT}"


@pytest.mark.parametrize(
    "lines",
    [
        "Ola Berg\n\nA quiet exit after weeks of fighting",  # an author, no outlet
        "The Velmar Times\n\nA quiet exit after 12 weeks of fighting",  # a figure in it
    ],
)
def test_short_lines_under_the_headline_that_are_no_masthead_stay(lines):
    cleaned = _clean(f"{TITLE}\n\n{lines}\n\n{LEDE}")
    assert lines.split("\n\n")[-1] in cleaned.body


def test_short_lines_like_a_masthead_inside_the_story_stay():
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\nThe Velmar Times\n\nA newspaper in trouble\n\n{NEXT}")
    assert "A newspaper in trouble" in cleaned.body


STORY = (
    "The army of Arland left the port of Velmar on Monday after weeks of fighting, officials "
    "said.\n\nShips returned to the harbour of Velmar on Tuesday, and the first ferries "
    "sailed.\n\nThe mayor of Tessit said schools would reopen next week once the roads were "
    "cleared of mines by the army.\n\nOla Berg, a fisherman, said he was glad to be home."
)


def test_summary_bullets_that_the_story_repeats_leave_the_body():
    bullets = (
        "- Army of Arland leaves the port of Velmar after weeks of fighting\n"
        "- Ships returned to the harbour of Velmar\n"
        "- Schools in Tessit to reopen once roads are cleared"
    )
    cleaned = _clean(f"{bullets}\n{TITLE}\n{STORY}")
    assert cleaned.title == TITLE
    assert cleaned.body == STORY


@pytest.mark.parametrize(
    "bullets",
    [
        # A list the story introduces is its own.
        "The army of Arland said it would leave:\n- the port of Velmar\n- the harbour of Velmar",
        # A list the story does not tell again.
        "- Belmark hosts the winter games\n- Tessit opens a new museum of modern glass art",
    ],
)
def test_lists_the_story_does_not_repeat_or_introduces_stay(bullets):
    cleaned = _clean(f"{TITLE}\n\n{bullets}\n\n{STORY}")
    assert bullets.split("\n")[-1].lstrip("- ") in cleaned.body


# --- a teaser below the story ----------------------------------------------------------------


LONG_TITLE = "Arland's army leaves port of Velmar after weeks of fighting, officials say"


def test_a_clipped_teaser_repeating_the_headline_below_the_story_leaves_the_body():
    teaser = "Arland's army is said to have left the port of Velmar after weeks of figh"
    cleaned = _clean(f"{LONG_TITLE}\n\n{STORY}\n\n{teaser}")
    assert cleaned.body == STORY


@pytest.mark.parametrize(
    "last",
    [
        "The mayor of Tessit plans to reopen the schools and the market next",
        # It repeats the headline, and finishes its sentence: the story's own end.
        "Arland's army has left the port of Velmar after weeks of fighting.",
    ],
)
def test_a_story_cut_short_that_tells_something_new_keeps_its_last_paragraph(last):
    cleaned = _clean(f"{LONG_TITLE}\n\n{STORY}\n\n{last}")
    assert cleaned.body == f"{STORY}\n\n{last}"


# --- captions: credits beside or below them, alt text, wire captions ------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Velmar Harbour Fire: Residents look at the ruins of a warehouse in Velmar.(Reuters)",
        "Fishermen mend their nets in the harbour of Velmar on May 3, 2024.   -  \n"
        "Copyright © Velmar Daily\n-/AFP or licensors",
        "Soldiers patrol near the port of Velmar on May 3, 2024 Boats burn in the harbour "
        "of Velmar.",
        "Arland's President Ola Berg (2ndR) and his wife Ivo Kral (2ndL), with the envoy Mira "
        "Sand (R), shake hands at the harbour of Velmar, on May 3, 2024. - Arland's president "
        "opened a three-day trip on Friday.",
        "Police officers in blue helmets walk past a burning car in Velmar on May 3, 2024, as "
        "protests against the new port tax go on.\nPolice officers in blue helmets near a "
        "burning car [Ola Berg/AFP]",
    ],
)
def test_captions_leave_the_body(caption):
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\n{caption}\n\n{NEXT}")
    assert cleaned.body == f"{LEDE}\n\n{NEXT}"


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        # A bare agency after a story's finished sentence is cut; the sentence stays.
        (
            "The army of Arland struck the port of Velmar on the fourth night of shelling. Reuters",
            "The army of Arland struck the port of Velmar on the fourth night of shelling.",
        ),
        (
            "The army of Arland said it had left the port, officials said.(Reuters)",
            "The army of Arland said it had left the port, officials said.",
        ),
        # A wrapped line's last word is no credit.
        (
            "The army of Arland left the port on Monday. Reuters\nreported the toll rose to 12.",
            "The army of Arland left the port on Monday. Reuters reported the toll rose to 12.",
        ),
        # A story sentence credited on the next line stays: it reports speech.
        (
            "Ola Berg said the port would reopen on Friday.\n-/AFP or licensors",
            "Ola Berg said the port would reopen on Friday.",
        ),
        # Party labels are no places in a picture.
        (
            "Senators Ola Berg (R) and Ivo Kral (R) voted against the bill on Monday.",
            "Senators Ola Berg (R) and Ivo Kral (R) voted against the bill on Monday.",
        ),
        (
            "Soldiers patrol near the port of Velmar on May 3, 2024 and in the weeks after it, "
            "officials said.",
            "Soldiers patrol near the port of Velmar on May 3, 2024 and in the weeks after it, "
            "officials said.",
        ),
    ],
)
def test_story_sentences_beside_credits_stay(raw, kept):
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\n{raw}\n\n{NEXT}")
    assert cleaned.body == f"{LEDE}\n\n{kept}\n\n{NEXT}"


def test_a_story_paragraph_above_a_caption_stays_unless_it_opens_alike():
    story = "Protests against the new port tax went on in Velmar on Friday night."
    caption = "Police officers in blue helmets near a burning car [Ola Berg/AFP]"
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\n{story}\n{caption}\n\n{NEXT}")
    assert cleaned.body == f"{LEDE}\n\n{story}\n\n{NEXT}"


def test_a_source_and_date_glued_after_the_standfirst_leave_the_body():
    standfirst = "A convoy left the port of Velmar on Monday, the port authority said."
    raw = (
        f"{standfirst} Source: Velmar Daily Monday, May 6, 2024 | 14:20 Tweet Share "
        f"Ola Berg/AP Photo/Ivo Kral\n\n{LEDE}"
    )
    cleaned = _clean(raw)
    assert cleaned.body == f"{standfirst}\n\n{LEDE}"
    assert cleaned.outlet == "Velmar Daily"


def test_a_source_named_in_a_sentence_stays():
    story = "The port reopened. Source: officials in Velmar said on May 6, 2024 it would."
    cleaned = _clean(f"{TITLE}\n\n{LEDE}\n\n{story}")
    assert story in cleaned.body
