"""Find bodies named by their structure: governments, embassies, chambers and units.

"the British government", "Moldova's government" and "the government of Moldova" are
mentions of the state actor; "Norway's central bank" is "Central Bank of Norway" (unless
the organisations table knows its name), and "the Italian Senate" is "Senate of Italy";
"the U.S. Embassy in Moscow" is "Embassy of the United States, Moscow"; "the 82nd
Airborne Division", "82nd Airborne" and "the XVIII Airborne Corps" are units keyed by
their number and first word, so that a numeral written in figures, as an ordinal or in
Roman numerals names one unit.
"""

from __future__ import annotations

import re

from events.extraction.actors.common import (
    _Article,
    _Cluster,
    _country_before,
    _country_of_tokens,
    _is_capitalised,
    _word_set,
)
from events.extraction.actors.organisations import add_state_mention
from events.extraction.actors.tables import country_by_code
from events.extraction.nlp import doc_tokens
from events.extraction.types import ActorKind, PlaceKind

__all__ = ["find_bodies"]

# Nouns that end the name of a military unit.
UNIT_NOUNS = _word_set(
    "division corps brigade regiment battalion fleet flotilla squadron wing detachment"
)
# Words that open a unit's name after its number ("82nd *Airborne*", "3rd *Guards* Tank").
UNIT_WORDS = _word_set(
    """
    airborne air assault armored armoured artillery cavalry combined guards infantry
    marine marines mechanized mechanised motorized motorised mountain naval rifle special
    tank territorial defence defense
    """
)
_FIRST_LETTERS = frozenset("gGeEcCsSpP0123456789IVXL")
# Bodies named after their country: "the British government", "Romania's parliament".
_OFFICES = frozenset({"government", "embassy", "senate", "parliament"})
_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)?$", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLC]{2,7}$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def find_bodies(article: _Article, clusters: dict[str, _Cluster]) -> None:
    """Add governments, embassies and military units named in the article."""
    all_tokens = doc_tokens(article.doc)
    index = 0
    while index < len(all_tokens):
        token = all_tokens[index]
        text = token.text
        # Most words open no body: only these first letters can (cheap before spaCy's
        # attributes and the numeral patterns).
        if text[:1] not in _FIRST_LETTERS:
            index += 1
            continue
        lowered = token.lower_
        end = 0
        if lowered in _OFFICES and not _used(article, token):
            end = _match_office(article, clusters, index, lowered)
        elif (
            lowered == "central"
            and index + 1 < len(all_tokens)
            and all_tokens[index + 1].lower_ == "bank"
            and not _used(article, all_tokens[index + 1])
        ):
            end = _match_office(article, clusters, index + 1, "central bank", first=index)
        elif _unit_number(text):
            end = _match_unit(article, clusters, index)
        index = end or index + 1


def _used(article: _Article, token) -> bool:
    return article.overlaps_used(token.idx, token.idx + len(token.text))


def _match_office(
    article: _Article,
    clusters: dict[str, _Cluster],
    index: int,
    word: str,
    *,
    first: int | None = None,
) -> int:
    """Match "<country's> government|embassy|central bank [in <city>]", "the X of <country>".

    ``index`` is the office's last word, ``first`` its first when it has two.
    """
    doc = article.doc
    all_tokens = doc_tokens(doc)
    code, start = _country_before(doc, index if first is None else first)
    if not code:
        start = index if first is None else first
    end = index + 1
    if not code and end + 1 < len(all_tokens) and all_tokens[end].lower_ == "of":
        code = _country_of_tokens([all_tokens[end + 1]])
        if code and _is_capitalised(all_tokens[end + 1]):
            end += 2
        else:
            code = ""
    country = country_by_code(code) if code else None
    if country is None:
        return 0
    name = f"{word.title()} of {country.display_name}"
    if word == "embassy":
        city = _city_after(article, end)
        if city:
            name = f"{name}, {city}"
            end += 2
    start_char = all_tokens[start].idx
    end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
    if article.overlaps_used(start_char, end_char):
        return 0
    if word == "government":
        # A country's government acting is the state acting: one actor, not two.
        add_state_mention(article, clusters, code, start_char, end_char)
        article.used.append((start_char, end_char))
        return end
    cluster = clusters.setdefault(
        f"{word}:{name}",
        _Cluster(kind=ActorKind.ORGANIZATION, canonical=name, country_code=code, anchored=True),
    )
    cluster.confidence = max(cluster.confidence, 0.8)
    cluster.mentions.append(article.mention(start_char, end_char, "alias", 0.8))
    cluster.extra_aliases.append(article.text[start_char:end_char])
    article.used.append((start_char, end_char))
    return end


def _city_after(article: _Article, index: int) -> str:
    """Return the city named by "in <City>" at ``index``, else ""."""
    all_tokens = doc_tokens(article.doc)
    if index + 1 >= len(all_tokens) or all_tokens[index].lower_ != "in":
        return ""
    city = all_tokens[index + 1]
    place = article.place_at(city.idx, city.idx + len(city.text))
    if place is None or place.entry.kind != PlaceKind.CITY:
        return ""
    return place.entry.name


def _unit_number(text: str) -> int:
    """Return the number a unit's numeral stands for ("82nd", "82", "XVIII"), else 0."""
    match = _ORDINAL.match(text)
    if match:
        return int(match.group(1))
    if _ROMAN.match(text):
        total = 0
        values = [_ROMAN_VALUES[ch] for ch in text]
        for position, value in enumerate(values):
            following = values[position + 1] if position + 1 < len(values) else 0
            total += -value if value < following else value
        return total
    return 0


def _match_unit(article: _Article, clusters: dict[str, _Cluster], index: int) -> int:
    """Match "<number> <Words> [<unit noun>]", e.g. "155th Naval Infantry Brigade"."""
    all_tokens = doc_tokens(article.doc)
    number = _unit_number(all_tokens[index].text)
    end = index + 1
    words = []
    while end < len(all_tokens) and len(words) < 4:
        token = all_tokens[end]
        if token.lower_ in UNIT_NOUNS:
            words.append(token.text.capitalize())
            end += 1
            break
        lower_ok = token.lower_ in UNIT_WORDS and len(all_tokens[index].text) > 2
        if not ((_is_capitalised(token) or lower_ok) and token.is_alpha):
            break
        words.append(token.text if _is_capitalised(token) else token.text.capitalize())
        end += 1
    if not words or words[0].lower() not in UNIT_WORDS:
        return 0
    has_noun = words[-1].lower() in UNIT_NOUNS
    key = f"unit:{number}:{words[0].lower()}"
    # "20 Air ..." may be a count: a bare number only repeats a unit already named; and
    # "the 2nd air strike" is no unit: lower-case words name one only with a unit noun
    # or together ("the 155th naval infantry").
    bare = all_tokens[index].text.isdigit() and key not in clusters
    lower_case = not _is_capitalised(all_tokens[index + 1])
    if not has_noun and (len(words) > 2 or bare or (lower_case and len(words) < 2)):
        return 0
    start_char = all_tokens[index].idx
    end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
    if article.overlaps_used(start_char, end_char):
        return 0
    written = article.text[start_char:end_char]
    cluster = clusters.setdefault(
        key,
        _Cluster(kind=ActorKind.ORGANIZATION, anchored=True),
    )
    cluster.confidence = max(cluster.confidence, 0.75 if has_noun else 0.6)
    cluster.names.append(written)
    cluster.mentions.append(article.mention(start_char, end_char, "name", cluster.confidence))
    article.used.append((start_char, end_char))
    return end
