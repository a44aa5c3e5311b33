"""Tell whether two quotes report the same statement, across articles and translations.

Outlets translate and paraphrase the same words differently ("the fate of the whole
nation" / "the destiny of the entire nation"), shorten them, or quote only part of
them. The similarity here compares content words after light stemming, folds a small
table of general English synonyms together, and matches transliterated names by
their consonant skeleton (Yeltsin / Eltsin), so that such reports score high while two
different statements by the same speaker score low. It needs no model and no data
file, and is cheap enough to compare every pair of quotes by one speaker.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz
from unidecode import unidecode

__all__ = ["SAME_STATEMENT_THRESHOLD", "same_statement", "statement_similarity"]


def _wordset(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list written as prose."""
    return frozenset(words.split())


# At or above this score two quotes are reports of one statement.
SAME_STATEMENT_THRESHOLD = 0.6

_STOPWORDS = _wordset(
    """
    a an the and or but nor so yet of to in on at by for with from into onto over under
    about as than then that this these those there here it its it's is are was were be
    been being am do does did done have has had having will would shall should can could
    may might must i me my we us our ours you your he him his she her they them their
    what which who whom whose when where why how not no also just only very too even
    still now already more most much many some any all every each such own same other
    if because while although though until since up down out off again further once
    """
)
# Words that survive as content although they are short or frequent.
_KEEP = frozenset({"no", "not", "all", "never", "war", "win", "end"})

# General English synonym sets. Paraphrases and translations swap these words freely;
# the table is deliberately small and topic-neutral.
_SYNONYM_SETS = (
    "fate destiny fortune",
    "whole entire total complete",
    "country nation state",
    "decide determine settle resolve",
    "region area province territory zone district",
    "big large huge major massive vast enormous",
    "small little minor tiny",
    "people residents civilians population inhabitants persons",
    "less fewer",
    "concentrate focus",
    "perform carry conduct execute accomplish",
    "task job mission duty assignment",
    "enemy foe adversary opponent",
    "kill slay",
    "attack strike assault raid offensive",
    "army military troops forces soldiers",
    "city town",
    "important vital crucial essential key",
    "evacuate leave flee",
    "help aid assist support",
    "begin start launch commence",
    "finish stop cease halt",
    "say declare",
    "fight battle combat",
    "victory triumph",
    "defeat loss",
    "weapon arms armament",
    "talks negotiations",
    "peace truce ceasefire armistice",
    "hard difficult tough",
    "quick fast rapid swift",
    "continue persist proceed",
    "need require",
    "able capable",
    "destroy ruin demolish wreck devastate",
    "damage harm",
    "try attempt",
    "get obtain receive",
    "think believe",
    "goal aim objective target",
    "threat danger risk",
    "safe secure",
    "die perish",
    "injure wound hurt",
    "child kid",
    "home house",
    "shoot fire shell",
    "advance progress",
    "retreat withdraw",
    "surround encircle",
    "capture seize occupy",
    "free liberate release",
    "government authorities administration",
    "rebuild reconstruct restore",
    "price cost",
    "break crush smash",
    "alternative choice option",
    "effort endeavour endeavor",
    "chaotic disorderly random",
    "plan scheme",
    "terror fear",
    "rest pause",
)

_WORD = re.compile(r"[A-Za-z0-9]+")
_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ingly",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Return a crude stem: enough to meet "decided" with "decide" and "forces" with "force"."""
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            base = word[: -len(suffix)] + ("y" if suffix in {"ies", "ied"} else "")
            break
    if len(base) > 4 and base.endswith("e"):
        base = base[:-1]  # "settle" and "settled" both give "settl"
    return base[:7]


@functools.lru_cache(maxsize=1)
def _synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for group in _SYNONYM_SETS:
        words = group.split()
        for word in words:
            index.setdefault(_stem(word), _stem(words[0]))
    return index


@functools.lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """Return a name's consonants without repeats: Yeltsin and Eltsin both give "ltsn"."""
    consonants = re.sub(r"[aeiouy]", "", word.lower())
    return re.sub(r"(.)\1+", r"\1", consonants)


# A new quote is compared with each of its speaker's recent statements, and each
# statement with every new quote of that speaker: the same texts come back again and again.
@functools.lru_cache(maxsize=8192)
def _content_words(text: str) -> tuple[tuple[str, str, bool, str], ...]:
    """Return (key, stem, is_name, word) for each content word of ``text``."""
    synonyms = _synonym_index()
    words = []
    for raw in _WORD.findall(unidecode(text).replace("'", "")):
        lowered = raw.lower()
        if lowered in _STOPWORDS and lowered not in _KEEP:
            continue
        stem = _stem(lowered)
        words.append((synonyms.get(stem, stem), stem, raw[:1].isupper(), lowered))
    return tuple(words)


def _words_match(left: tuple[str, str, bool, str], right: tuple[str, str, bool, str]) -> bool:
    if left[0] == right[0] or left[1] == right[1]:
        return True
    if left[2] and right[2]:
        # Transliterations of one name: Gorbachev / Gorbachov, Yeltsin / Eltsin.
        skeleton = _skeleton(left[3])
        if len(skeleton) >= 2 and skeleton == _skeleton(right[3]):
            return True
    return len(left[1]) >= 5 and len(right[1]) >= 5 and _stems_close(left[1], right[1])


@functools.lru_cache(maxsize=65536)
def _stems_close(left: str, right: str) -> bool:
    """Say whether two stems differ by one letter added or dropped ("negoti" / "negotia").

    Stems have five to seven letters here, so a ratio of 86 allows no more: a changed
    letter ("negotia" / "negocia") scores 85.7.
    """
    return fuzz.ratio(left, right) >= 86


@functools.lru_cache(maxsize=8192)
def _match_keys(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Return the sets a word of another text is looked up in to know it may match here.

    (synonym keys and stems; name skeletons; stems of five letters or more and the stems
    one letter shorter than those, which ``_stems_close`` may find close.)
    """
    words = _content_words(text)
    exact = frozenset(w[0] for w in words) | frozenset(w[1] for w in words)
    skeletons = frozenset(_skeleton(w[3]) for w in words if w[2])
    long_stems = frozenset(w[1] for w in words if len(w[1]) >= 5)
    shortened = frozenset(short for stem in long_stems for short in _one_letter_less(stem))
    return exact, skeletons, long_stems, shortened


@functools.lru_cache(maxsize=65536)
def _one_letter_less(stem: str) -> frozenset[str]:
    """Return ``stem`` without one of its letters, kept when five letters or more."""
    if len(stem) < 6:
        return frozenset()
    return frozenset(stem[:i] + stem[i + 1 :] for i in range(len(stem)))


def _may_match_at_least(words, keys, needed: int) -> bool:
    """Return whether ``needed`` of ``words`` could match words of the text of ``keys``.

    Never says no where ``_words_match`` would find as many: two stems ``_stems_close``
    accepts differ by one letter added or dropped (see there). Stops as soon as the
    answer is known: most pairs are told apart by their first few words.
    """
    exact, skeletons, long_stems, shortened = keys
    found, left = 0, len(words)
    for key, stem, is_name, word in words:
        if found >= needed or found + left < needed:
            break
        left -= 1
        if (
            key in exact
            or stem in exact
            or (is_name and len(skeleton := _skeleton(word)) >= 2 and skeleton in skeletons)
            or (
                len(stem) >= 5
                and (stem in shortened or not _one_letter_less(stem).isdisjoint(long_stems))
            )
        ):
            found += 1
    return found >= needed


@functools.lru_cache(maxsize=4096)
def _matches_needed(count_a: int, count_b: int, threshold: float) -> int:
    """Return the fewest matching words with which texts of these lengths reach
    ``threshold`` (before number clashes, which only lower a score)."""
    most = max(count_a, count_b)
    for matches in range(most + 1):
        if round(min(1.0, _score(matches, count_a, count_b)), 3) >= threshold:
            return matches
    return most + 1


def same_statement(text_a: str, text_b: str, threshold: float = SAME_STATEMENT_THRESHOLD) -> bool:
    """Return whether ``statement_similarity`` of the two reaches ``threshold``.

    The same answer, mostly without the word-by-word comparison: a speaker's new quote is
    compared with each of their recent statements, and most of those are other
    statements, which share too few words to reach the threshold. That is told from sets
    made once per text.
    """
    words_a, words_b = _content_words(text_a), _content_words(text_b)
    if not words_a or not words_b:
        return threshold <= 0.0

    needed = _matches_needed(len(words_a), len(words_b), threshold)
    # Each direction bounds the words that match; the first settles most pairs alone.
    if not _may_match_at_least(words_a, _match_keys(text_b), needed):
        return False
    if not _may_match_at_least(words_b, _match_keys(text_a), needed):
        return False
    return statement_similarity(text_a, text_b) >= threshold


def _score(matches: int, count_a: int, count_b: int) -> float:
    """Return the similarity of texts sharing ``matches`` words, before number clashes."""
    shorter = min(count_a, count_b)
    dice = 2 * matches / (count_a + count_b)
    containment = matches / shorter * min(1.0, 0.5 + shorter / 12)
    return max(dice, containment)


def statement_similarity(text_a: str, text_b: str) -> float:
    """Return 0..1: how likely two quotes report the same statement.

    Both the share of content words the two have in common and how much of the
    shorter is contained in the longer count, so a quote that reproduces only part
    of another still scores high; a short fragment counts less than a long one.
    Different numbers in the two ("40 killed" / "14 killed") lower the score.
    """
    words_a, words_b = _content_words(text_a), _content_words(text_b)
    if not words_a or not words_b:
        return 0.0
    unmatched = list(words_b)
    matches = 0
    for word in words_a:
        for position, other in enumerate(unmatched):
            if _words_match(word, other):
                matches += 1
                del unmatched[position]
                break
    score = _score(matches, len(words_a), len(words_b))
    numbers_a = {w[1] for w in words_a if w[1].isdigit()}
    numbers_b = {w[1] for w in words_b if w[1].isdigit()}
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        score *= 0.7
    return round(min(1.0, score), 3)
