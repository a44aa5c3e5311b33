"""Line fingerprints, and lines recurring across articles cleaned away as boilerplate."""

from __future__ import annotations

from events.extraction.boilerplate import (
    article_fingerprints,
    line_fingerprint,
    recurring_fingerprints,
)
from events.extraction.cleaning import clean_article

PROMO = "Tap to hear the evening bulletin from Radio Lakeside"


def story(subject: str) -> str:
    return (
        f"The town council of Marlow approved a plan for {subject} on Tuesday after a "
        f"long debate.\n\n{PROMO}\n\nWork on {subject} is due to start in the spring, the "
        "council's planning officer said.\n"
    )


def test_a_fingerprint_ignores_case_punctuation_and_spacing():
    assert line_fingerprint("Tap to hear  the bulletin!") == line_fingerprint(
        "tap to hear the bulletin"
    )
    assert line_fingerprint("Tap to hear the bulletin") != line_fingerprint(
        "Tap to read the bulletin"
    )


def test_long_lines_and_attributed_quotes_are_never_candidates():
    text = story("a bridge") + '\n"We will finish on time," the planning officer said.\n'
    lines = set(article_fingerprints(text).values())
    assert PROMO in lines
    assert not any("We will finish on time" in line for line in lines)


def test_a_line_in_three_articles_recurs_and_one_in_two_does_not():
    texts = [story("a bridge"), story("a school"), story("a library")]
    assert line_fingerprint(PROMO) in recurring_fingerprints(texts)
    assert line_fingerprint(PROMO) not in recurring_fingerprints(texts[:2])


def test_cleaning_drops_learnt_boilerplate_and_keeps_offsets():
    raw = story("a bridge")
    assert PROMO in clean_article(raw).body
    cleaned = clean_article(raw, boilerplate=frozenset({line_fingerprint(PROMO)}))
    assert PROMO not in cleaned.body
    assert "Work on a bridge" in cleaned.body
    assert any(block.kind == "boilerplate" for block in cleaned.dropped)
    start = cleaned.body.index("Work on")
    raw_start, _ = cleaned.raw_span(start, start + 4)
    assert raw[raw_start:].startswith("Work on")
