"""Shipped world knowledge for actors: countries, well-known organisations, outlets."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from events.extraction.names import (
    normalise_name,
)
from events.extraction.types import (
    ActorKind,
)

DATA_DIR = Path(__file__).parent.parent / "data"

_SPACE_RUN = re.compile(r"\s+")

# --- shipped data -----------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    """A country as English news text names it."""

    code: str
    name: str
    article: str
    demonyms: tuple[str, ...]
    other_names: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """Return the name as it reads after "of" ("the United Kingdom")."""
        return f"{self.article} {self.name}".strip()


@dataclass(frozen=True)
class _CountryTables:
    by_code: dict[str, Country]
    by_name: dict[str, str]  # lower-case country name or alias -> code
    by_demonym: dict[str, str]
    by_capital: dict[str, str]


@dataclass(frozen=True)
class InternationalOrganisation:
    """A well-known organisation with the names and descriptions news uses for it."""

    name: str
    kind: str
    country_code: str
    acronyms: tuple[str, ...]
    names: tuple[str, ...]
    descriptions: tuple[str, ...]


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _data_rows(filename: str) -> Iterable[list[str]]:
    with open(DATA_DIR / filename, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


@functools.lru_cache(maxsize=1)
def load_countries() -> _CountryTables:
    """Return the country, demonym and capital tables (read once per process)."""
    by_code: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    by_capital: dict[str, str] = {}
    for row in _data_rows("countries.tsv"):
        row += [""] * (6 - len(row))
        country = Country(
            code=row[0],
            name=row[1],
            article=row[2],
            demonyms=_split_list(row[3]),
            other_names=_split_list(row[4]),
            capitals=_split_list(row[5]),
        )
        by_code[country.code] = country
        for name in (country.name, *country.other_names):
            by_name.setdefault(name.lower(), country.code)
        for demonym in country.demonyms:
            by_demonym.setdefault(demonym.lower(), country.code)
            # Plural people nouns: "Russians", "Ukrainians", "Afghans".
            if demonym[-1] in "ni":
                by_demonym.setdefault(demonym.lower() + "s", country.code)
        for capital in country.capitals:
            by_capital.setdefault(capital.lower(), country.code)
    return _CountryTables(by_code, by_name, by_demonym, by_capital)


def country_by_code(code: str) -> Country | None:
    """Return the country with ISO 3166-1 alpha-2 ``code``, if known."""
    return load_countries().by_code.get(code)


@functools.lru_cache(maxsize=1)
def load_organisations() -> tuple[InternationalOrganisation, ...]:
    """Return the shipped table of well-known organisations."""
    return tuple(
        InternationalOrganisation(
            name=row[0],
            kind=row[1] or ActorKind.ORGANIZATION,
            country_code=row[2],
            acronyms=_split_list(row[3]),
            names=_split_list(row[4]),
            descriptions=_split_list(row[5]) if len(row) > 5 else (),
        )
        for row in _data_rows("organisations.tsv")
    )


@functools.lru_cache(maxsize=1)
def load_media_outlets() -> frozenset[str]:
    """Return normalised names of news outlets, which are sources and not actors."""
    outlets = set()
    with open(DATA_DIR / "media_outlets.txt", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                outlets.add(normalise_name(line))
    return frozenset(outlets)


def is_organisation_name(text: str) -> bool:
    """Return whether ``text`` names a well-known organisation ("White House", "NATO")."""
    exact, folded = _organisation_phrases()
    return text in exact or _fold_phrase(re.sub(r"^the\s+", "", text, flags=re.I)) in folded


def _phrase_pattern(phrase: str) -> str:
    """Return a regex for ``phrase`` tolerant of apostrophe style and spacing."""
    return _APOSTROPHE.sub("['’]", re.escape(phrase)).replace(r"\ ", r"\s+")


_APOSTROPHE = re.compile("['’]")


def _fold_phrase(text: str) -> str:
    return text.lower().replace("’", "'")


@functools.lru_cache(maxsize=1)
def _organisation_phrases() -> tuple[dict[str, int], dict[str, int]]:
    """Return (acronym -> org index, folded name or description -> org index)."""
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    for index, org in enumerate(load_organisations()):
        for acronym in org.acronyms:
            exact.setdefault(acronym, index)
        for phrase in (*org.names, *org.descriptions):
            folded.setdefault(_fold_phrase(phrase), index)
    return exact, folded


@functools.lru_cache(maxsize=1)
def _organisation_matchers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """Return (case-sensitive, case-insensitive) regexes and phrase -> org index.

    One alternation per case mode, longest phrases first, so a description such as
    "UN refugee agency" wins over the bare "UN" inside it.
    """
    exact, folded = _organisation_phrases()
    index_by_phrase = {**{k.lower(): v for k, v in folded.items()}}
    sensitive = "|".join(_phrase_pattern(p) for p in sorted(exact, key=len, reverse=True))
    insensitive = "|".join(_phrase_pattern(p) for p in sorted(folded, key=len, reverse=True))
    boundary_left, boundary_right = r"(?<![\w.])", r"(?![\w])"
    exact_re = re.compile(f"{boundary_left}(?:{sensitive}){boundary_right}")
    folded_re = re.compile(f"{boundary_left}(?:{insensitive}){boundary_right}", re.IGNORECASE)
    for acronym, index in exact.items():
        index_by_phrase[f"={acronym}"] = index
    return exact_re, folded_re, index_by_phrase


@dataclass(frozen=True)
class _PhraseTable:
    """Phrases keyed as ``_phrase_spans`` spells text, and every leading part of one."""

    index_by_phrase: dict[str, int]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, index_by_phrase: dict[str, int]) -> _PhraseTable:
        prefixes = {phrase[:end] for phrase in index_by_phrase for end in range(1, len(phrase))}
        return cls(index_by_phrase, frozenset(prefixes | index_by_phrase.keys()))


@functools.lru_cache(maxsize=1)
def _organisation_tables() -> tuple[_PhraseTable, _PhraseTable, frozenset[str]]:
    """Return the acronym and folded-phrase tables and the folded descriptions among them.

    A description ("the UN refugee agency") may be written in lower case; a name may not.
    """
    exact, folded = _organisation_phrases()
    organisations = load_organisations()
    descriptions = frozenset(
        phrase
        for phrase, index in folded.items()
        if phrase in {_fold_phrase(d) for d in organisations[index].descriptions}
    )
    # An acronym is found as written, its apostrophe too (as the regex's lookup does).
    return _PhraseTable.of(exact), _PhraseTable.of(folded), descriptions


@functools.lru_cache(maxsize=4096)
def _folds_like_the_regex(char: str) -> bool:
    """Say whether ``char`` lower-cases to what the case-insensitive regex reads it as.

    A few letters do not: the regex takes the Turkish dotless "ı" and the long "ſ" for
    "i" and "s", "İ" lower-cases to two characters and a capital sigma by its
    neighbours. Text holding one is searched with the regexes.
    """
    if char.isspace():  # only separates words, as the regex's \s+ does
        return True
    folded = _fold_phrase(char)
    if len(folded) != 1 or _fold_phrase("a" + char) != "a" + folded:
        return False
    alphabet = {c for phrase in _organisation_tables()[1].index_by_phrase for c in phrase}
    return all(
        bool(re.fullmatch(_phrase_pattern(c), char, re.IGNORECASE)) == (folded == c)
        for c in alphabet
    )


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # the regex's \w


def _phrase_spans(
    text: str, keys: str, tokens: Sequence[tuple[int, int]], table: _PhraseTable
) -> Iterable[tuple[int, int, str]]:
    """Yield (start, end, phrase) for the table's phrases in ``text``, as the regex would.

    ``keys`` is ``text`` spelled as the table's phrases are (folded or not, the same
    length) and ``tokens`` its words and other marks; a run of whitespace reads as one
    space. A phrase starts a word (not after a ".") and ends one; at each start the
    longest phrase wins and the search goes on after it, as in a regex alternation
    ordered longest first.
    """
    phrases, prefixes = table.index_by_phrase, table.prefixes
    count, length = len(tokens), len(text)
    index = 0
    while index < count:
        start, end = tokens[index]
        before = text[start - 1] if start else " "
        key = keys[start:end]
        if key not in prefixes or before == "." or _is_word_char(before):
            index += 1
            continue
        found = None
        last = index
        while key in prefixes:
            if key in phrases and (end == length or not _is_word_char(text[end])):
                found = (last, end, key)
            last += 1
            if last == count:
                break
            previous_end = end
            next_start, end = tokens[last]
            key += (" " if next_start > previous_end else "") + keys[next_start:end]
        if found is None:
            index += 1
            continue
        last, end, key = found
        yield start, end, key
        index = last + 1


def _known_organisation_spans(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, org index) of every well-known organisation named in ``text``.

    Looks the text's words up in tables of the names instead of running two regex
    alternations of every name over it, which cost 4% of the analysis: the same finds
    at a third of the cost. Text the tables cannot read as the regexes do goes to them.
    """
    if not all(map(_folds_like_the_regex, set(text))):
        return _known_organisation_spans_by_regex(text)
    exact, folded, descriptions = _organisation_tables()
    tokens = [match.span() for match in _TOKEN.finditer(text)]
    found: list[tuple[int, int, int]] = []
    for start, end, phrase in _phrase_spans(text, _fold_phrase(text), tokens, folded):
        if phrase in descriptions or text[start].isupper():
            found.append((start, end, folded.index_by_phrase[phrase]))
    for start, end, acronym in _phrase_spans(text, text, tokens, exact):
        if text[start:end] == acronym:  # spaced as written in the table
            found.append((start, end, exact.index_by_phrase[acronym]))
    return found


def _known_organisation_spans_by_regex(text: str) -> list[tuple[int, int, int]]:
    """Return what ``_known_organisation_spans`` does, with the names' regexes."""
    exact_re, folded_re, index_by_phrase = _organisation_matchers()
    organisations = load_organisations()
    found: list[tuple[int, int, int]] = []
    for match in folded_re.finditer(text):
        phrase = _SPACE_RUN.sub(" ", _fold_phrase(match.group(0)))
        index = index_by_phrase.get(phrase)
        if index is None:
            continue
        org = organisations[index]
        is_description = phrase in {_fold_phrase(d) for d in org.descriptions}
        if not is_description and not match.group(0)[:1].isupper():
            continue  # a proper name written in lower case is a common noun ("amnesty")
        found.append((match.start(), match.end(), index))
    for match in exact_re.finditer(text):
        index = index_by_phrase.get(f"={match.group(0)}")
        if index is not None:
            found.append((match.start(), match.end(), index))
    return found
