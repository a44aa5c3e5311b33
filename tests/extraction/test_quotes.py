"""Tests for finding quotes and their speakers (events.extraction.quotes)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.extraction.nlp import load_nlp
from events.extraction.quotes import find_marked_spans, find_quotes
from events.extraction.types import (
    ActorKind,
    DatePrecision,
    ExtractedActor,
    ExtractedQuote,
    Mention,
    Sentence,
    TemporalExpression,
)

PERSON, ORGANIZATION = ActorKind.PERSON, ActorKind.ORGANIZATION


def _actor(text: str, key: str, name: str, kind: str, forms: tuple[str, ...]) -> ExtractedActor:
    """Build an actor with a mention at every place one of ``forms`` is written."""
    mentions = []
    for form in forms:
        at = text.find(form)
        while at != -1:
            mentions.append(Mention(at, at + len(form), form, 0))
            at = text.find(form, at + len(form))
    mentions.sort(key=lambda mention: mention.start)
    return ExtractedActor(key, name, kind, tuple(mentions), aliases=forms)


def _quotes(text: str, *actors: tuple, temporal=()) -> list[ExtractedQuote]:
    doc = load_nlp()(text)
    sentences = tuple(
        Sentence(i, sent.start_char, sent.end_char, sent.text) for i, sent in enumerate(doc.sents)
    )
    return find_quotes(
        doc,
        sentences=sentences,
        actors=[_actor(text, *spec) for spec in actors],
        temporal=temporal,
        published_on=None,
    )


def _by_text(quotes: list[ExtractedQuote]) -> dict[str, ExtractedQuote]:
    return {quote.text: quote for quote in quotes}


# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we stay here for now" and left.', ["we stay here for now"]),
        ("He said “we stay here for now” and left.", ["we stay here for now"]),
        ("He said ‘we stay here for now’ and left.", ["we stay here for now"]),
        ("He said 'we stay here for now' and left.", ["we stay here for now"]),
        ("He said «we stay here for now» and left.", ["we stay here for now"]),
    ],
)
def test_every_common_style_of_quotation_mark_is_read(text, expected):
    assert [span.text for span in find_marked_spans(text)] == expected


def test_apostrophes_inside_and_after_words_are_not_quotation_marks():
    text = "The farmers’ union doesn’t trust the region’s mayor. It's the ’90s, they don't say."
    assert find_marked_spans(text) == []


def test_a_possessive_mark_inside_a_single_quoted_quote_does_not_end_it():
    spans = find_marked_spans("‘We will not leave the farmers’ fields,’ said the union leader.")
    assert [span.text for span in spans] == ["We will not leave the farmers’ fields"]


def test_the_trailing_comma_before_the_closing_mark_is_dropped_but_inner_punctuation_kept():
    text = "“Stay calm, stay home, and wait,” the mayor said."
    (span,) = find_marked_spans(text)
    assert span.text == "Stay calm, stay home, and wait"
    assert text[span.start : span.end] == span.text


def test_a_quote_missing_its_closing_mark_ends_with_its_paragraph():
    text = "The mayor said: “The water will rise again tonight\n\nThe town hall closed at noon."
    (span,) = find_marked_spans(text)
    assert span.text == "The water will rise again tonight"
    assert span.close_at is None


def test_a_stray_closing_mark_opens_nothing():
    text = "The storm was over” by noon. “We are safe now,” a resident said."
    assert [span.text for span in find_marked_spans(text)] == ["We are safe now"]


def test_a_quote_continues_into_the_next_paragraph_that_opens_with_a_mark():
    text = (
        "“We checked every gate twice and found nothing wrong.\n\n"
        "“The water level is falling now,” the engineer said.\n\n"
        "The road reopened."
    )
    (span,) = find_marked_spans(text)
    assert span.text == (
        "We checked every gate twice and found nothing wrong. The water level is falling now"
    )


# ---------------------------------------------------------------- speakers of marked quotes


def test_the_named_subject_of_the_verb_of_saying_is_the_speaker():
    text = "“The harvest is lost for this year,” Tomas Lind told reporters in the valley."
    (quote,) = _quotes(text, ("a:lind", "Tomas Lind", PERSON, ("Tomas Lind",)))
    assert (quote.speaker_key, quote.speaker_name, quote.is_marked) == (
        "a:lind",
        "Tomas Lind",
        True,
    )
    assert text[quote.start : quote.end] == "The harvest is lost for this year"


def test_an_inverted_attribution_with_an_appositive_names_the_speaker():
    text = "“Our wells are empty,” said Tomas Lind, the head of the farmers’ union."
    (quote,) = _quotes(text, ("a:lind", "Tomas Lind", PERSON, ("Tomas Lind",)))
    assert quote.speaker_key == "a:lind"
    assert quote.speaker_name == "Tomas Lind"


def test_the_speaker_who_tells_is_not_the_person_told():
    text = (
        "Prime Minister Lena Dahl met Defence Minister Ivo Sand on Friday.\n\n"
        "“We need more trains on the northern line,” the prime minister told Ivo Sand, "
        "the defence minister."
    )
    (quote,) = _quotes(
        text,
        ("a:dahl", "Lena Dahl", PERSON, ("Lena Dahl",)),
        ("a:sand", "Ivo Sand", PERSON, ("Ivo Sand",)),
    )
    assert quote.speaker_key == "a:dahl"
    assert quote.speaker_name == "the prime minister"


def test_a_pronoun_speaker_is_resolved_to_the_person_who_spoke_last():
    text = (
        "Mayor Anna Berg visited the shelters on Monday.\n\n"
        "“We do not have enough buses for everyone,” she said."
    )
    (quote,) = _quotes(text, ("a:berg", "Anna Berg", PERSON, ("Anna Berg",)))
    assert quote.speaker_key == "a:berg"
    assert quote.speaker_name == "Anna Berg"


def test_each_fragment_around_one_attribution_is_a_quote_of_the_same_speaker():
    text = (
        "Anna Berg spoke after the meeting. “We must go now,” she said. "
        "“It is hard for everyone. Nobody wants to leave.”"
    )
    quotes = _quotes(text, ("a:berg", "Anna Berg", PERSON, ("Anna Berg",)))
    assert [q.text for q in quotes] == [
        "We must go now",
        "It is hard for everyone. Nobody wants to leave.",
    ]
    assert {q.speaker_key for q in quotes} == {"a:berg"}


def test_an_unnamed_speaker_keeps_the_words_that_describe_it():
    text = (
        "“There is a red flag over the town hall,” a spokesman for the regional council "
        "told a news agency."
    )
    (quote,) = _quotes(text)
    assert quote.speaker_key is None
    assert quote.speaker_name == "a spokesman for the regional council"


def test_a_later_definite_description_refers_back_to_the_unnamed_speaker():
    text = (
        "A senior European diplomat said the talks had stalled. "
        "“Nobody wants to move first,” the diplomat said."
    )
    (quote,) = _quotes(text)
    assert quote.speaker_key is None
    assert quote.speaker_name == "A senior European diplomat"


def test_an_organisation_speaks_through_its_staff():
    text = (
        "The Northern Railway Company said trains were cancelled. "
        "“Safety comes first for every passenger,” its chief executive added."
    )
    (quote,) = _quotes(
        text,
        ("o:rail", "Northern Railway Company", ORGANIZATION, ("Northern Railway Company",)),
    )
    assert quote.speaker_key == "o:rail"


def test_a_quote_introduced_by_a_colon_takes_the_speaker_before_it():
    text = "Mara Holt told the council: “The dam will hold until the spring floods.”"
    (quote,) = _quotes(text, ("a:holt", "Mara Holt", PERSON, ("Mara Holt",)))
    assert quote.speaker_key == "a:holt"


def test_the_date_in_the_attribution_is_when_it_was_said():
    text = "“The bridge will reopen before the summer,” Holt said on Tuesday."
    tuesday = text.index("Tuesday")
    temporal = (
        TemporalExpression(
            "Tuesday", tuesday, tuesday + 7, dt.date(2024, 3, 12), DatePrecision.DAY
        ),
    )
    (quote,) = _quotes(text, ("a:holt", "Mara Holt", PERSON, ("Holt",)), temporal=temporal)
    assert quote.said_on == dt.date(2024, 3, 12)
    assert quote.said_on_precision == DatePrecision.DAY


def test_a_quote_without_a_dated_attribution_has_no_date():
    (quote,) = _quotes("“The bridge will reopen before the summer,” Holt said.")
    assert quote.said_on is None


# ---------------------------------------------------------------- partial quotes


def test_scare_quotes_of_two_words_are_not_quotes():
    text = "Holt described the flooding as “very bad” and the repairs as “too slow”."
    assert _quotes(text, ("a:holt", "Mara Holt", PERSON, ("Holt",))) == []


def test_a_partial_quote_is_kept_with_its_speaker_but_less_confidence():
    text = (
        "Holt said the repairs showed “slow but steady progress” in the valley. "
        "“The dam is safe for now,” Holt said."
    )
    partial, full = _quotes(text, ("a:holt", "Mara Holt", PERSON, ("Holt",)))
    assert partial.text == "slow but steady progress"
    assert partial.speaker_key == full.speaker_key == "a:holt"
    assert partial.confidence < full.confidence


# ---------------------------------------------------------------- unmarked speech


def test_words_before_a_comma_and_an_attribution_are_an_unmarked_quote():
    quotes = _by_text(_quotes("The army never sleeps in this valley, the minister said."))
    quote = quotes["The army never sleeps in this valley"]
    assert (quote.is_marked, quote.speaker_key, quote.speaker_name) == (
        False,
        None,
        "the minister",
    )


def test_an_inverted_unmarked_attribution_names_the_speaker():
    text = "The mountain roads are closed until Friday, said Karl Ström, the regional governor."
    (quote,) = _quotes(text, ("a:strom", "Karl Ström", PERSON, ("Karl Ström",)))
    assert quote.text == "The mountain roads are closed until Friday"
    assert quote.speaker_key == "a:strom"
    assert not quote.is_marked


def test_a_paragraph_ending_in_he_said_is_all_the_speakers_words():
    text = (
        "Karl Ström spoke to farmers on Monday.\n\n"
        "The price of bread has doubled. People are angry and tired, he said.\n\n"
        "The market closed early."
    )
    (quote,) = _quotes(text, ("a:strom", "Karl Ström", PERSON, ("Karl Ström",)))
    assert quote.text == "The price of bread has doubled. People are angry and tired"
    assert quote.speaker_key == "a:strom"


def test_a_sentence_naming_the_speaker_is_not_taken_into_his_words():
    text = "Farmers marched on the capital. Lena Dahl met them. Prices will fall soon, she said."
    (quote,) = _quotes(text, ("a:dahl", "Lena Dahl", PERSON, ("Lena Dahl",)))
    assert quote.text == "Prices will fall soon"


def test_indirect_speech_is_not_a_quote():
    text = (
        "Karl Ström said that the roads were closed. "
        "Karl Ström told reporters the army was tired. "
        "The minister, telling him the trains would run, left the room."
    )
    assert _quotes(text, ("a:strom", "Karl Ström", PERSON, ("Karl Ström",))) == []


def test_a_quoted_name_after_called_is_not_a_quote():
    text = "Rebels seized the so-called “Northern People's Free Republic” last year."
    assert _quotes(text) == []


def test_a_description_after_as_is_a_partial_quote():
    text = "Holt described the flood as “a disaster for the whole valley” on Monday."
    (quote,) = _quotes(text, ("a:holt", "Mara Holt", PERSON, ("Holt",)))
    assert quote.text == "a disaster for the whole valley"
    assert quote.speaker_key == "a:holt"
