"""Tests for linking reports of one statement (events.extraction.statements)."""

from __future__ import annotations

import random

from events.extraction import statements
from events.extraction.statements import (
    SAME_STATEMENT_THRESHOLD,
    same_statement,
    statement_similarity,
)


def test_a_paraphrased_translation_of_one_statement_scores_high():
    assert (
        statement_similarity(
            "The fate of the whole nation will be settled by the eastern region",
            "The destiny of the entire nation will be decided by the eastern region",
        )
        >= 0.9
    )


def test_two_different_statements_of_one_speaker_score_low():
    assert (
        statement_similarity(
            "The fate of the whole nation will be settled by the eastern region",
            "We will rebuild every school in the capital before the winter",
        )
        < SAME_STATEMENT_THRESHOLD
    )


def test_a_quote_of_part_of_a_statement_is_linked_to_the_whole():
    whole = (
        "It is a difficult task. It requires time and superhuman effort. "
        "But we have no alternative."
    )
    assert statement_similarity("It requires time and superhuman effort", whole) >= 0.8


def test_names_spelt_in_different_transliterations_still_match():
    assert (
        statement_similarity(
            "Yeltsin met Gorbachev at Novo-Ogaryovo in the spring",
            "Eltsin met Gorbachov at Novo-Ogarevo in the spring",
        )
        >= 0.9
    )


def test_different_figures_make_two_reports_less_alike():
    same = statement_similarity("Forty people were killed in the city", "40 people killed in city")
    other = statement_similarity("14 people were killed in the city", "40 people killed in city")
    assert other < same


def test_empty_or_stopword_only_text_is_not_similar_to_anything():
    assert statement_similarity("", "We will win") == 0.0
    assert statement_similarity("it is what it is", "We will win") == 0.0


def test_similarity_is_symmetric():
    left, right = "The shelling was chaotic and random", "Shelling was random, chaotic and cruel"
    assert statement_similarity(left, right) == statement_similarity(right, left)


def test_same_statement_agrees_with_the_similarity_on_random_texts():
    """The shortcut must never change an answer: the import links statements with it."""
    words = [
        "fate",
        "destiny",
        "whole",
        "entire",
        "nation",
        "country",
        "decided",
        "settled",
        "region",
        "area",
        "forces",
        "troops",
        "Yeltsin",
        "Eltsin",
        "Gorbachev",
        "Gorbachov",
        "negotiations",
        "negociations",
        "talks",
        "peace",
        "truce",
        "attacked",
        "strike",
        "people",
        "residents",
        "40",
        "14",
        "forty",
        "killed",
        "city",
        "town",
        "we",
        "will",
        "win",
        "never",
        "war",
        "the",
        "of",
        "it",
        "is",
        "not",
        "all",
        "rebuild",
        "reconstruct",
        "Kharkiv",
        "Kharkov",
        "Kyiv",
        "Kiev",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        left = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        kept = left.split()[: rng.randint(1, 12)]
        right = " ".join(kept + [rng.choice(words) for _ in range(rng.randint(0, 4))])
        if rng.random() < 0.5:
            right = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        for threshold in (0.5, SAME_STATEMENT_THRESHOLD, 0.8):
            expected = statement_similarity(left, right) >= threshold
            assert same_statement(left, right, threshold) is expected, (left, right, threshold)


def test_same_statement_links_a_translation_and_keeps_two_statements_apart():
    assert same_statement(
        "The fate of the whole nation will be settled by the eastern region",
        "The destiny of the entire nation will be decided by the eastern region",
    )
    assert not same_statement(
        "The fate of the whole nation will be settled by the eastern region",
        "We will rebuild every school in the capital before the winter",
    )


def test_stems_a_letter_apart_are_the_only_close_ones():
    """``same_statement`` relies on this to rule pairs out from sets of stems."""
    rng = random.Random(3)
    letters = "aeilnorst"
    for _ in range(20000):
        left = "".join(rng.choice(letters) for _ in range(rng.randint(5, 7)))
        right = "".join(rng.choice(letters) for _ in range(rng.randint(5, 7)))
        if rng.random() < 0.5:  # mostly near misses: one letter changed, added or dropped
            position = rng.randrange(len(left))
            right = rng.choice(
                (
                    left[:position] + left[position + 1 :],
                    left[:position] + rng.choice(letters) + left[position:],
                    left[:position] + rng.choice(letters) + left[position + 1 :],
                )
            )
        if len(right) < 5 or left == right:  # only stems of five letters are compared so
            continue
        if statements._stems_close(left, right):
            assert right in statements._one_letter_less(left) or left in (
                statements._one_letter_less(right)
            ), (left, right)
