"""Tests for name normalisation, transliteration folding and actor matching."""

from __future__ import annotations

import types
from dataclasses import dataclass

import pytest

from events.extraction.names import (
    MATCH_THRESHOLD,
    SOLE_CANDIDATE_THRESHOLD,
    actor_match_score,
    actor_match_scores,
    fold_name,
    name_keys,
    normalise_name,
)


@dataclass
class Profile:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    role: str = ""
    country_code: str = ""
    place_keys: tuple[str, ...] = ()


def test_normalise_name_drops_titles_diacritics_and_apostrophes():
    assert normalise_name("Gov. Ádám  O'Brien") == "adam obrien"
    assert normalise_name("President Lena Novák") == "lena novak"
    assert normalise_name("Mr Dmytrenko") == "dmytrenko"


@pytest.mark.parametrize(
    "variants",
    [
        ("Andriy Hrytsenko", "Andrei Gritsenko", "Andrii Hrytsenko", "Andrey Gritsenko"),
        ("Yevhen Tkachuk", "Yevgen Tkachuk", "Ievhen Tkachuk"),
        ("Oleksiy Lytvynenko", "Oleksii Lytvynenko", "Oleksij Litvinenko"),
        ("Zhanna Koval", "Zhana Koval"),
        ("Kyrylo Kravets", "Kirillo Kravetz"),
    ],
)
def test_fold_name_gives_one_key_for_transliteration_variants(variants):
    assert len({fold_name(variant) for variant in variants}) == 1


def test_fold_name_treats_defense_and_defence_alike():
    assert fold_name("Ministry of Defense") == fold_name("Ministry of Defence")


def test_name_keys_index_full_name_and_surname():
    keys = name_keys("Serhii Bondarenko")
    assert f"full:{fold_name('Sergei Bondarenko')}" in keys
    assert "sur:bondarenko" in keys
    assert name_keys("Bondarenko") & keys


def test_transliteration_variants_of_one_person_match():
    score = actor_match_score(Profile("Andriy Hrytsenko"), Profile("Andrei Gritsenko"))
    assert score >= MATCH_THRESHOLD


def test_russian_and_ukrainian_forms_of_one_name_match():
    score = actor_match_score(Profile("Oleksiy Lytvynenko"), Profile("Aleksei Litvinenko"))
    assert score >= MATCH_THRESHOLD


def test_vowel_variant_of_a_surname_still_matches_with_same_first_name():
    score = actor_match_score(Profile("Mykola Heidak"), Profile("Mykola Haidak"))
    assert score >= MATCH_THRESHOLD


def test_namesakes_sharing_only_a_surname_do_not_match():
    assert actor_match_score(Profile("Anna Horvath"), Profile("Peter Horvath")) < 0.4


def test_people_sharing_only_a_first_name_do_not_match():
    assert actor_match_score(Profile("Anna Horvath"), Profile("Anna Kowalska")) < 0.4


def test_bare_surname_needs_support_to_match():
    full = Profile("Tomas Lindqvist", role="Mayor of Umea")
    bare = Profile("Lindqvist")
    unsupported = actor_match_score(full, bare)
    assert SOLE_CANDIDATE_THRESHOLD <= unsupported < MATCH_THRESHOLD
    supported = actor_match_score(full, Profile("Lindqvist", role="Mayor of Umea"))
    assert supported >= MATCH_THRESHOLD


def test_match_scores_give_the_score_without_and_with_shared_places():
    stored = Profile("Tomas Lindqvist", place_keys=("umea",))
    apart, together = actor_match_scores(stored, Profile("Lindqvist"))

    assert apart == actor_match_score(stored, Profile("Lindqvist"))
    assert together == actor_match_score(stored, Profile("Lindqvist", place_keys=("umea",)))
    assert apart < together
    left = Profile("Umea Council", kind="organization", place_keys=("umea",))
    apart, together = actor_match_scores(left, Profile("Umea Council", kind="organization"))
    assert apart == together  # places do not weigh on an organisation's name


def test_aliases_are_used_when_comparing():
    stored = Profile("Tomas Lindqvist", aliases=("T. Lindqvist", "Lindqvist"))
    assert actor_match_score(stored, Profile("Tomas Lindkvist")) >= MATCH_THRESHOLD


def test_different_countries_or_kinds_lower_the_score():
    assert actor_match_score(Profile("Ivan Koval"), Profile("Ivan Koval", kind="organization")) == 0
    same = actor_match_score(Profile("Ivan Koval", country_code="UA"), Profile("Ivan Koval"))
    other = actor_match_score(
        Profile("Ivan Koval", country_code="UA"), Profile("Ivan Koval", country_code="BR")
    )
    assert other < same


def test_organisation_spelling_variants_match():
    left = Profile("Ministry of Defence (Norway)", kind="organization", country_code="NO")
    right = Profile("Ministry of Defense (Norway)", kind="organization", country_code="NO")
    assert actor_match_score(left, right) >= MATCH_THRESHOLD


def _organisation(name: str, *aliases: str):
    return types.SimpleNamespace(name=name, aliases=aliases, kind="organization", role="")


def test_organisations_alike_only_in_their_common_words_are_two_bodies():
    treasury = _organisation("Harbour Treasury Department")
    state = _organisation("Harbour State Department")
    intelligence = _organisation("Central Intelligence Agency")
    atomic = _organisation("International Atomic Energy Agency")
    assert actor_match_score(treasury, state) < SOLE_CANDIDATE_THRESHOLD
    assert actor_match_score(intelligence, atomic) < SOLE_CANDIDATE_THRESHOLD


def test_an_acronym_matches_the_name_it_abbreviates():
    assert (
        actor_match_score(_organisation("DOJ"), _organisation("Department of Justice"))
        >= MATCH_THRESHOLD
    )
    assert (
        actor_match_score(_organisation("HSA"), _organisation("Harbour Safety Authority"))
        >= MATCH_THRESHOLD
    )


def test_a_transliterated_organisation_name_is_the_same_body():
    assert (
        actor_match_score(_organisation("Verkhovna Rada"), _organisation("Werchowna Rada"))
        >= MATCH_THRESHOLD
    )
