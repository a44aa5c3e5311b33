"""Tests for quote speakers on whole articles: the actors step and the quotes step together."""

from __future__ import annotations

import pytest

from events.extraction import extract_article
from events.extraction.nlp import load_nlp
from events.extraction.quotes.speakers import _named_within


@pytest.fixture(scope="module")
def quotes_of():
    def run(text: str) -> list[tuple[str, str | None, str]]:
        """Return (quote text, speaker actor's name or None, speaker as written)."""
        extraction = extract_article(text)
        names = {actor.key: actor.name for actor in extraction.actors}
        return [
            (quote.text, names.get(quote.speaker_key), quote.speaker_name)
            for quote in extraction.quotes
        ]

    return run


def speaker_of(quotes, words: str):
    return next(speaker for text, speaker, _ in quotes if words in text)


def test_dash_speech_with_the_speaker_after_the_closing_dash(quotes_of):
    quotes = quotes_of(
        "Finance Minister Lena Marwick spoke on Tuesday about the budget.- We will not raise "
        "taxes this year. The deficit is under control - she said."
    )
    assert speaker_of(quotes, "We will not raise taxes") == "Lena Marwick"


def test_dash_speech_opening_a_paragraph_with_the_speaker_named_after_it(quotes_of):
    quotes = quotes_of(
        "The harbour talks resumed in Oslo.\n\n"
        "- Nobody leaves the table until we agree on the quotas - said the Norwegian "
        "negotiator Lars Holmvik."
    )
    assert speaker_of(quotes, "Nobody leaves the table") == "Lars Holmvik"
    assert not [text for text, _, _ in quotes if "harbour talks" in text]


def test_a_pronoun_speaker_is_the_person_it_stands_for(quotes_of):
    quotes = quotes_of(
        "The governor, Tomas Reiner, visited the flooded valley on Monday.\n\n"
        '"The water is still rising and we need more boats," he said.'
    )
    assert speaker_of(quotes, "The water is still rising") == "Tomas Reiner"


def test_an_unresolved_pronoun_is_never_served_as_the_speaker(quotes_of):
    quotes = quotes_of('"The water is still rising and we need more boats," he said.')
    ((_, speaker, written),) = quotes
    assert speaker is None
    assert written.lower() != "he"


def test_an_organisation_speaks(quotes_of):
    quotes = quotes_of(
        "Norway's central bank raised its rate on Thursday.\n\n"
        '"Inflation remains far too high for comfort," the central bank said.'
    )
    assert speaker_of(quotes, "Inflation remains") == "Central Bank of Norway"


def test_an_unnamed_official_stays_unnamed(quotes_of):
    quotes = quotes_of(
        "Lena Marwick, the Norwegian finance minister, met the unions on Monday.\n\n"
        '"We see no reason to change the plan at this stage," a senior finance ministry '
        "official told reporters."
    )
    _, speaker, written = next(q for q in quotes if "no reason" in q[0])
    assert speaker is None
    assert "official" in written


def test_a_description_resolves_to_the_person_the_article_named(quotes_of):
    quotes = quotes_of(
        "Interior Minister Karla Jensen opened the bridge on Sunday.\n\n"
        '"It links the two halves of the city again," the minister said.'
    )
    assert speaker_of(quotes, "It links the two halves") == "Karla Jensen"


def test_quotes_run_on_in_the_next_paragraph_with_the_same_speaker(quotes_of):
    quotes = quotes_of(
        "At a press conference in Bergen, the mayor, Anton Delacroix, said the dam had held "
        '"for the second year running".\n\n'
        '"The next flood will not wait for our budget, and we all know it."'
    )
    assert speaker_of(quotes, "The next flood") == "Anton Delacroix"


def test_a_teaser_headline_before_a_quote_is_not_its_speaker(quotes_of):
    quotes = quotes_of(
        "Mayor Anton Delacroix toured the harbour on Monday.\n\n"
        "LOCAL ELECTIONS: COUNCIL MEMBER WINS THIRD TERM IN A LANDSLIDE\n\n"
        '"The new quay will be finished next spring," Delacroix maintained.'
    )
    assert speaker_of(quotes, "The new quay") == "Anton Delacroix"


def test_a_partial_quote_belongs_to_the_subject_of_its_verb(quotes_of):
    quotes = quotes_of(
        "At a summit in Lisbon, Spain's foreign minister, Rosa Almeida, said Europe faced "
        '"a winter of very hard choices for every family".'
    )
    assert speaker_of(quotes, "a winter of very hard choices") == "Rosa Almeida"


def test_the_head_of_a_body_named_before_speaks_not_the_body(quotes_of):
    quotes = quotes_of(
        "The head of the European Commission Ursula Brandt arrived in Vienna on Friday.\n\n"
        "- The summit will deal with energy first of all - the head of the European "
        "Commission emphasised."
    )
    assert speaker_of(quotes, "The summit will deal with energy") == "Ursula Brandt"


def test_a_pronoun_skips_a_person_only_talked_about_in_reported_words(quotes_of):
    quotes = quotes_of(
        "Governor Tomas Reiner has warned for days that the dam may fail.\n\n"
        "Engineers agreed with Reiner's assessment, saying it is likely Mayor Anna Holt "
        "will order an evacuation.\n\n"
        '"The water is still rising," he said on local radio.'
    )
    assert speaker_of(quotes, "The water is still rising") == "Tomas Reiner"


def test_members_speak_for_their_chamber(quotes_of):
    quotes = quotes_of(
        "The Italian Senate adopted a resolution on the border on Friday.\n\n"
        '"The border must stay open," the senators said.'
    )
    assert speaker_of(quotes, "The border must stay open") == "Senate of Italy"


def test_an_office_written_with_capitals_is_the_person_named_holding_it(quotes_of):
    quotes = quotes_of(
        "Interior Minister Ola Berg visited the town of Velmar on Monday.\n\n"
        '"The strikes deliberately targeted crowded streets," Arland\'s Minister of '
        "Internal Affairs said."
    )
    assert speaker_of(quotes, "crowded streets") == "Ola Berg"


def test_the_company_that_speaks_is_the_firm_named_before(quotes_of):
    quotes = quotes_of(
        "The Velmar Motor Company said on Monday it had received notice of a strike at its "
        'plant in Tessit. "We are disappointed by the union\'s actions," the company said.'
    )
    assert speaker_of(quotes, "disappointed") == "Velmar Motor Company"


def test_the_military_is_the_armed_forces_named_before(quotes_of):
    quotes = quotes_of(
        "The Velmar Defense Forces struck targets in Tessit on Monday.\n\n"
        '"The strike hit a weapons depot and two launchers," the military said.'
    )
    assert speaker_of(quotes, "weapons depot") == "Velmar Defense Forces"


def test_a_long_speaker_phrase_ending_on_a_name_is_that_person():
    doc = load_nlp()(
        '"We hit them hard," said the spokesperson of the rebel forces Yusuf Karim Haddad.'
    )
    start = doc.text.index("the spokesperson")
    assert _named_within(doc, start, doc.text.index(".", start)) == "Yusuf Karim Haddad"


def test_a_name_in_what_he_said_is_not_who_he_is_next(quotes_of):
    quotes = quotes_of(
        "Foreign Minister Ola Berg spoke to reporters in Velmar on Monday.\n\n"
        "He told a television channel that President Ivan Tamm was in good health.\n\n"
        '"We ask the soldiers to return to their barracks," he said.'
    )
    assert speaker_of(quotes, "return to their barracks") == "Ola Berg"
