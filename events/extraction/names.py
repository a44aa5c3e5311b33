"""Normalise, fold and compare actor names so that spelling variants meet.

News in English spells one Ukrainian or Russian name several ways (Serhiy/Sergei/
Serhii, Hrytsenko/Gritsenko, Lytvynenkyy/Lytvynenkiy); the database has to see them as one actor
without merging two people who only share a surname.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

__all__ = [
    "FOLD_RULES",
    "HONORIFICS",
    "MATCH_THRESHOLD",
    "SOLE_CANDIDATE_THRESHOLD",
    "actor_match_score",
    "consonant_skeleton",
    "fold_name",
    "fold_names",
    "fold_word",
    "name_keys",
    "normalise_name",
    "split_name",
]


def _word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``words`` (keeps long lists readable)."""
    return frozenset(words.split())


# A score at or above this means "the same actor" whatever else is in the database.
MATCH_THRESHOLD = 0.75
# A bare surname with no supporting context lands between the two thresholds: accept
# it only when it is the sole candidate the database found for the name.
SOLE_CANDIDATE_THRESHOLD = 0.5

# Titles and honorifics that precede a name but are not part of it (lower case, no dots).
HONORIFICS = _word_set(
    """
    mr mrs ms miss mx dr prof sir dame lord lady rev fr sr st hon
    gov governor mayor president vice pres premier chancellor pm
    prime minister secretary general gen lt col maj capt cpt cmdr adm sgt cpl
    sen senator rep representative congressman congresswoman ambassador
    king queen prince princess sheikh emir pope cardinal bishop imam rabbi
    judge justice commissioner chairman chairwoman chair deputy acting former
    """
)

_APOSTROPHES = "'’‘`ʼʹ"
_NON_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")

# Whole-word spelling variants of English words that occur inside organisation names.
_WORD_VARIANTS = {
    "defense": "defence",
    "offense": "offence",
    "organization": "organisation",
    "organizations": "organisations",
    "center": "centre",
    "program": "programme",
    "labor": "labour",
}

# Transliteration folding, applied in order to a lower-case ASCII name. Each rule says
# which spelling traditions it reconciles; both sides of a comparison are folded, so a
# rule only has to map the variants onto one form, not onto the "right" one.
FOLD_RULES: tuple[tuple[str, str, str], ...] = (
    # German/Polish/Czech "j" is the English "y" sound (Jurij, Jelena = Yuriy, Yelena).
    (r"j", "y", "j as y: German/Polish/Czech transliteration"),
    # Russian/Ukrainian Ж is zh (English), j (French), sh/ż elsewhere: one symbol.
    (r"dzh|dj|zh", "j", "zh/dzh/dj: the sound of Ж/Дж"),
    # Щ: shch (English), sch/sc (German/Polish) collapse onto sh.
    (r"shch|sch|sz", "sh", "shch/sch/sz: Щ and Ш in various systems"),
    # Ч: ch (English), tsch (German), tch (French), cz (Polish), č.
    (r"tsch|tch|cz", "ch", "tsch/tch/cz: Ч in German, French, Polish"),
    # Ц: ts (English), tz/z (German), c (scholarly).
    (r"ts|tz", "c", "ts/tz: Ц"),
    (r"c(?!h)", "k", "c before anything but h sounds k (Nicolai/Nikolai)"),
    (r"ck|q", "k", "ck/q: k"),
    (r"x", "ks", "x = ks (Alexei/Aleksei)"),
    (r"ph", "f", "ph = f (Stephan/Stefan)"),
    (r"w", "v", "w = v (German Wladimir, Polish Wołodymyr)"),
    (r"kh", "h", "kh = h: Х (Kharkiv/Harkiv)"),
    # Ukrainian Г is h, Russian Г is g: Serhiy/Sergei, Hrytsenko/Gritsenko, Kharkiv/Kharkov.
    (r"gh|g", "h", "g = h: Ukrainian vs Russian reading of Г"),
    (r"ou", "u", "ou = u: French transliteration (Choigou)"),
    # Word-final -iy/-yi/-ii/-ei/-ey/-yy (after y->i below) all render the ending -ий/-ей.
    (r"(?:[iy][iy]|e[iy])\b", "i", "final -iy/-ii/-yy/-ei/-ey: adjectival/-ей endings"),
    (r"y", "i", "y = i (Vasyl/Vasil, Kyrylo/Kirilo)"),
    # Е after a vowel or at a word start is ye/ie/je; plain e elsewhere (Yevhen/Evgen).
    (r"\bie|\bye|ie|ye", "e", "ie/ye = e: Е/Є written with or without a glide"),
    (r"ii+", "i", "ii = i: Serhii"),
    (r"(.)\1+", r"\1", "doubled letters count once (Kravetsyy, Kyrylo/Kirillo)"),
)
_COMPILED_FOLD_RULES = tuple((re.compile(pattern), repl) for pattern, repl, _ in FOLD_RULES)


def _strip_diacritics(text: str) -> str:
    if text.isascii():  # nothing to decompose: most names, checked for every candidate alias
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_APOSTROPHE_TABLE = {ord(ch): None for ch in _APOSTROPHES}


def _without_apostrophes(text: str) -> str:
    return text.translate(_APOSTROPHE_TABLE)


def _words(text: str) -> list[str]:
    text = _without_apostrophes(_strip_diacritics(text)).casefold()
    text = unidecode(text).lower().replace("-", " ").replace(".", " ")
    text = _NON_LETTER.sub(" ", text)
    return [word for word in _SPACES.split(text) if word]


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Return ``name`` without diacritics, case, apostrophes or leading titles.

    "Gov. Marta Kovalchuk" and "marta kovalchuk" normalise alike; the spelling is
    otherwise kept, so this is the form to show or compare exactly.
    """
    words = _words(name)
    # Titles only lead a name; "Prince" inside "Fresh Prince" is left alone.
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    words = [_WORD_VARIANTS.get(word, word) for word in words]
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Return one lower-case word folded by ``FOLD_RULES``."""
    for pattern, repl in _COMPILED_FOLD_RULES:
        word = pattern.sub(repl, word)
    return word


@functools.lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Return a transliteration-blind key for ``name``: variants fold to one string.

    Runs ``normalise_name`` and then every rule of ``FOLD_RULES`` on each word, so that
    "Serhiy Hrytsenko", "Sergei Gritsenko" and "Serhii Hrytsenko" all give
    "serhi hrikenko".
    """
    return " ".join(fold_word(word) for word in normalise_name(name).split())


@functools.lru_cache(maxsize=65536)
def consonant_skeleton(word: str) -> str:
    """Return the folded consonants of one word, a coarse key for vowel variants."""
    folded = fold_word(_words(word)[0]) if _words(word) else ""
    if not folded:
        return ""
    return folded[0] + re.sub(r"[aeiou]", "", folded[1:])


def split_name(name: str) -> tuple[tuple[str, ...], str]:
    """Return (given names, surname) of a person's normalised name."""
    words = normalise_name(name).split()
    if not words:
        return (), ""
    return tuple(words[:-1]), words[-1]


def name_keys(name: str) -> set[str]:
    """Return index keys under which an actor named ``name`` should be found.

    ``full:`` is the folded full name, ``sur:`` the folded last word, ``skel:`` the
    consonant skeleton of the last word (catches Heitmar/Haitmar vowel variants).
    Store the keys of every alias; look a new name's keys up to get candidates, then
    rank them with ``actor_match_score``.
    """
    folded = fold_name(name)
    if not folded:
        return set()
    words = folded.split()
    keys = {f"full:{folded}", f"sur:{words[-1]}"}
    skeleton = consonant_skeleton(normalise_name(name).split()[-1])
    if len(skeleton) >= 2:
        keys.add(f"skel:{skeleton}")
    return keys


@functools.lru_cache(maxsize=65536)
def _word_similarity(left: str, right: str) -> float:
    """Return 0..1 likeness of two normalised words, transliteration-blind."""
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    folded_left, folded_right = fold_word(left), fold_word(right)
    if folded_left == folded_right:
        return 0.97
    score = max(fuzz.ratio(folded_left, folded_right), fuzz.ratio(left, right)) / 100
    if consonant_skeleton(left) == consonant_skeleton(right) and len(folded_left) >= 4:
        score = max(score, 0.85)
    return score


def _given_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """Return how well two lists of given names agree (initials count)."""
    best = 0.0
    for a in left:
        for b in right:
            if len(a) == 1 or len(b) == 1:
                score = 0.8 if a[0] == b[0] or fold_word(a)[0] == fold_word(b)[0] else 0.0
            else:
                score = _word_similarity(a, b)
            best = max(best, score)
    return best


def _profile_names(profile: Any) -> list[str]:
    names = [getattr(profile, "name", "") or ""]
    names.extend(getattr(profile, "aliases", ()) or ())
    seen: dict[str, None] = {}
    for name in names:
        normalised = normalise_name(name)
        if normalised:
            seen.setdefault(normalised, None)
    return list(seen)


def _roles_agree(a: Any, b: Any) -> float | None:
    """Return 1.0 for the same role, 0.0 for different ones, None if either is unknown."""
    role_a = normalise_name(getattr(a, "role", "") or "")
    role_b = normalise_name(getattr(b, "role", "") or "")
    if not role_a or not role_b:
        return None
    return 1.0 if fuzz.token_set_ratio(role_a, role_b) >= 85 else 0.0


def _shared_places(a: Any, b: Any) -> bool:
    places_a = set(getattr(a, "place_keys", ()) or ())
    places_b = set(getattr(b, "place_keys", ()) or ())
    return bool(places_a & places_b)


def _person_name_score(left: str, right: str) -> tuple[float, bool]:
    """Return (score, bare) for two normalised person names; bare = surname only."""
    given_left, surname_left = left.rsplit(" ", 1) if " " in left else ("", left)
    given_right, surname_right = right.rsplit(" ", 1) if " " in right else ("", right)
    surname = _word_similarity(surname_left, surname_right)
    if not given_left or not given_right:
        # A bare surname can only be weak evidence on its own.
        return (0.6 * surname if surname >= 0.8 else 0.2 * surname), True
    given = _given_similarity(tuple(given_left.split()), tuple(given_right.split()))
    if surname < 0.75:
        # Same first name, different surname: different people.
        return min(0.3, 0.3 * surname + 0.1 * given), False
    if given < 0.6:
        # Same surname, different first name: relatives or namesakes, not one person.
        return min(0.3, 0.2 * surname + 0.1 * given), False
    return 0.5 * surname + 0.5 * given, False


def _has_full_name(names: list[str]) -> bool:
    return any(split_name(name)[0] for name in names)


# Words most organisations' names share: two names alike only in these are two bodies
# ("Central Intelligence Agency", "International Atomic Energy Agency").
_ORGANISATION_WORDS = frozenset(
    map(
        fold_name,
        _word_set(
            """
            the of and for on in to at ministry department agency office service council
            committee commission bank national federal state states united us uk
            international central organisation organization authority administration
            institute bureau group company corporation inc ltd
            """
        ),
    )
)
_ACRONYM_SKIP = _word_set("the of and for on in to at")


@functools.lru_cache(maxsize=1 << 16)
def _organisation_features(name: str) -> tuple[str, str, tuple[str, ...], str]:
    """Return what scoring an organisation's name needs, worked out once a name.

    The store scores each new organisation against every alias of its candidates, so a
    name meets many others: its folded form, the initials it could be ("DOJ", "U.N."),
    the initials it has (of every word, and of the words an acronym keeps), and its
    distinctive words.
    """
    folded = fold_name(name)
    # Names arrive normalised (lower case): the letters are compared, not their case.
    letters = name.replace(".", "").replace(" ", "").upper()
    is_acronym = 2 <= len(letters) <= 7 and letters.isalpha() and len(name.split()) <= 3
    words = re.findall(r"[A-Za-z]+", name)
    initials: tuple[str, ...] = ()
    if len(words) >= 2:
        every = "".join(w[0] for w in words).upper()
        significant = "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP).upper()
        initials = (every, significant)
    distinct = " ".join(w for w in folded.split() if w not in _ORGANISATION_WORDS)
    return folded, letters if is_acronym else "", initials, distinct


@functools.lru_cache(maxsize=1 << 16)
def _organisation_name_score(left: str, right: str) -> float:
    """Return 0..1 likeness of two normalised organisation names.

    Remembered by pair: the store scores each organisation against every alias of its
    candidates, and the same bodies meet again article after article.
    """
    folded_left, acronym_left, initials_left, distinct_left = _organisation_features(left)
    folded_right, acronym_right, initials_right, distinct_right = _organisation_features(right)
    if folded_left == folded_right:
        return 1.0
    if (acronym_left and acronym_left in initials_right) or (
        acronym_right and acronym_right in initials_left
    ):
        return 0.95  # one is the initials of the other
    score = fuzz.token_sort_ratio(folded_left, folded_right) / 100
    # The words that tell bodies apart must agree, not only the common ones; below the
    # sole-candidate threshold when they do not, so no lone candidate is taken for it.
    if distinct_left and distinct_right:
        distinct = fuzz.token_sort_ratio(distinct_left, distinct_right)
        if distinct < 75:
            return min(score, 0.4)
        score = min(score, distinct / 100)
    elif distinct_left or distinct_right:
        return min(score, 0.4)  # "US Treasury Department" is not "US State Department"
    return score


def actor_match_score(a: Any, b: Any) -> float:
    """Return 0..1: how likely two actor profiles are the same actor.

    Profiles are any objects with ``name``, ``aliases``, ``kind`` and ``role`` (and
    optionally ``country_code``, ``place_keys``). Full names that differ only by
    transliteration score high; namesakes sharing only a surname or only a first
    name score low; a bare surname scores between ``SOLE_CANDIDATE_THRESHOLD`` and
    ``MATCH_THRESHOLD`` unless the same role or shared places support it.
    """
    apart, together = actor_match_scores(a, b)
    return together if _shared_places(a, b) else apart


def actor_match_scores(a: Any, b: Any) -> tuple[float, float]:
    """Return ``actor_match_score`` of two profiles if they share no place, and if they do.

    Where an actor was seen is the one costly part of a profile to read; with both
    scores, a caller scoring many candidates reads it only for the few whose outcome
    it could change.
    """
    kind_a, kind_b = getattr(a, "kind", ""), getattr(b, "kind", "")
    if kind_a and kind_b and kind_a != kind_b:
        return 0.0, 0.0
    names_a, names_b = _profile_names(a), _profile_names(b)
    if not names_a or not names_b:
        return 0.0, 0.0
    country_a = getattr(a, "country_code", "") or ""
    country_b = getattr(b, "country_code", "") or ""
    countries_differ = bool(country_a and country_b and country_a != country_b)

    if (kind_a or kind_b) != "person":
        score = max(_organisation_name_score(x, y) for x in names_a for y in names_b)
        if countries_differ:
            score *= 0.3
        score = round(min(score, 1.0), 3)
        return score, score

    roles = _roles_agree(a, b)
    best_full, best_bare = 0.0, 0.0
    for left in names_a:
        for right in names_b:
            score, bare = _person_name_score(left, right)
            if bare:
                best_bare = max(best_bare, score)
            else:
                best_full = max(best_full, score)
    # When both sides know a full name, those decide: a shared bare surname must not
    # join "Anna X" to "Ivan X" just because both were also called "X".
    both_have_full_names = _has_full_name(names_a) and _has_full_name(names_b)
    if both_have_full_names or best_full >= 0.6 or best_full >= best_bare:
        apart = together = best_full
        if roles == 1.0:
            apart = together = best_full + 0.05
        else:
            together += 0.05
    else:
        apart = together = best_bare
        if best_bare >= 0.5:
            # A surname alone needs context: the same role, or the same places.
            if roles == 1.0:
                apart = together = best_bare + 0.3
            together += 0.15

    def penalised(score: float) -> float:
        if roles == 0.0:
            score -= 0.1  # people change office, so only a small penalty
        if countries_differ:
            score -= 0.3
        return round(max(0.0, min(score, 1.0)), 3)

    return penalised(apart), penalised(together)


def fold_names(names: Iterable[str]) -> set[str]:
    """Return the folded forms of several names (for tests and quick set checks)."""
    return {fold_name(name) for name in names if name}
