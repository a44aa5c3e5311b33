"""Tests for linking reports of one statement (events.extraction.statements)."""

from __future__ import annotations

from events.extraction.statements import SAME_STATEMENT_THRESHOLD, statement_similarity


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
