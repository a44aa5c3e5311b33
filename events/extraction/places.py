"""Find place names in an article and resolve them to gazetteer entries.

The statistical NER label is treated as a hint: the small English model often tags
unfamiliar towns as PERSON, ORG or PRODUCT. Every capitalised name that the gazetteer
knows is a candidate; it becomes a place when the label says so, or when the words
around it do ("in X", "the town of X", "X province", a list with other places, the
same name used as a place elsewhere in the article). Names that are part of a
person's name, demonyms and calendar words are never places.

Rule for a bare name shared by a region and its main city ("Belgorod"): it is the
region when the article names that region explicitly ("Belgorod region") or lists
it with other regions, otherwise the city.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from events.extraction.actors.tables import is_organisation_name, load_media_outlets
from events.extraction.gazetteer import (
    REGION_SUFFIXES,
    Gazetteer,
    LookupContext,
    fold_name,
    normalize_name,
)
from events.extraction.nlp import doc_ents, doc_text, doc_tokens, span_tokens
from events.extraction.types import ExtractedPlace, GazetteerEntry, Mention, PlaceKind, Sentence

__all__ = ["PlaceCandidate", "find_place_candidates", "find_places", "resolve_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose words are never places: dates, amounts and the like.
NON_NAME_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "from",
        "to",
        "of",
        "at",
        "outside",
        "around",
        "towards",
        "toward",
        "into",
        "across",
        "throughout",
        "inside",
        "via",
        "between",
        "within",
        "over",
        "on",
        "off",
        "past",
        "through",
        "beyond",
    }
)
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "settlement",
        "port",
        "capital",
        "suburb",
        "outskirts",
        "hamlet",
        "municipality",
        "district",
        "country",
        "island",
        "area",
    }
)
CITY_NOUNS = frozenset({"city", "town", "village", "settlement", "port", "suburb", "hamlet"})
REGION_NOUNS = frozenset(
    {"region", "province", "oblast", "state", "governorate", "territory"}
    | {"regions", "provinces", "oblasts", "territories", "republics"}
)
COMPASS_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)
PERSON_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "gov",
        "governor",
        "mayor",
        "sen",
        "senator",
        "rep",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "capt",
        "captain",
        "sgt",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)
CALENDAR_WORDS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
# Verbs whose subject acts or speaks: "Beijing said", "Tehran demanded", "Iraq invaded".
ACTION_VERBS = frozenset(
    {
        "say",
        "tell",
        "claim",
        "demand",
        "deny",
        "accuse",
        "warn",
        "announce",
        "invade",
        "attack",
        "launch",
        "strike",
        "send",
        "order",
        "sign",
        "agree",
        "refuse",
        "reject",
        "threaten",
        "respond",
        "call",
        "urge",
        "insist",
        "vow",
        "pledge",
        "seek",
        "want",
        "ask",
        "propose",
        "impose",
        "expel",
        "recognise",
        "recognize",
        "annex",
        "withdraw",
        "deploy",
        "retaliate",
        "condemn",
        "summon",
        "supply",
        "provide",
        "offer",
        "sanction",
        "ban",
        "block",
        "mobilise",
        "mobilize",
        "shell",
        "bomb",
        "seize",
        "capture",
        "take",
        "push",
        "fire",
        "target",
        "blame",
        "confirm",
        "report",
        "state",
        "declare",
        "promise",
        "negotiate",
        "hit",
        "kill",
        "destroy",
        "occupy",
        "advance",
        "retreat",
        "approve",
        "veto",
        "suspend",
        "halt",
        "cut",
        "pull",
        "move",
        "plan",
        "try",
        "need",
        "hope",
        "believe",
        "argue",
        "acknowledge",
        "admit",
        "dismiss",
        "welcome",
        "protest",
        "appeal",
        "retake",
        "recapture",
        "liberate",
        "control",
        "continue",
        "escalate",
        "step",
    }
)
MAX_NAME_TOKENS = 5
# Lower-case words inside multi-word names: "Rio de Janeiro", "Bay of Bengal".
NAME_PARTICLES = frozenset(
    {"of", "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "al", "el", "du"}
    | {"von", "van", "der", "den", "upon", "on", "sur", "am", "an", "y", "e"}
)


@dataclass
class PlaceCandidate:
    """A capitalised name the gazetteer knows, with the evidence around it."""

    start: int  # token indices into the Doc
    end: int
    text: str
    start_char: int
    end_char: int
    sentence_index: int
    label: str = ""  # NER label of the entity it sits in, "" if none
    region_suffix: bool = False  # "X province", "the X and Y regions"
    city_cue: bool = False  # "the town of X"
    cues: set[str] = field(default_factory=set)
    rejected: str = ""  # why it is not a place, "" if it may be one
    fuzzy: bool = False
    entries: list[tuple[GazetteerEntry, float]] = field(default_factory=list)


# Arabic names keep their article in lower case: "el-Fasher", "al-Bab", "Deir ez-Zor".
_ARABIC_ARTICLES = frozenset(
    ["al", "el", "ad", "ar", "as", "ash", "at", "ath", "az", "ez", "an", "en", "ed", "es"]
)


def _arabic_article(tokens, i: int) -> bool:
    """Return True when tokens[i:i+3] read "al", "-", Name: the article of a name."""
    return (
        i + 2 < len(tokens)
        and tokens[i].lower_ in _ARABIC_ARTICLES
        and tokens[i + 1].text == "-"
        and tokens[i + 1].idx == tokens[i].idx + len(tokens[i].text)
        and tokens[i + 2].idx == tokens[i + 1].idx + 1
        and tokens[i + 2].text[:1].isupper()
    )


# Storms are named: "Hurricane Ian" is neither a town called Hurricane nor one called Ian.
_STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})


def _storm_name(first, before, after) -> bool:
    """Return True for a storm's word before its name, or the name after the word."""
    if first.lower_ in _STORM_WORDS and after is not None and after.text[:1].isupper():
        return True
    return before is not None and before.lower_ in _STORM_WORDS and before.text[:1].isupper()


# Words around a news outlet's name that say it is the outlet, not a town it shares it with.
_OUTLET_AFTER = frozenset(
    "news agency newspaper daily television tv radio channel reported reports said says".split()  # noqa: SIM905
)
_OUTLET_BEFORE = frozenset(["told", "to", "by"])


def _named_as_outlet(text: str, before, after) -> bool:
    if text.lower() not in load_media_outlets():
        return False
    return (after is not None and after.lower_ in _OUTLET_AFTER) or (
        before is not None and before.lower_ in _OUTLET_BEFORE
    )


def _is_name_token(token) -> bool:
    text = token.text
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    return token.is_alpha or "-" in text or "'" in text or "\u2019" in text or text.endswith(".")


def _sentence_index(sentences: Sequence[Sentence], char: int) -> int:
    for sentence in sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return sentences[-1].index if sentences else 0


def _name_runs(doc) -> list[tuple[int, int]]:
    """Return maximal runs of capitalised tokens, joined by "of"/"de"-style particles."""
    all_tokens = doc_tokens(doc)
    runs = []
    i = 0
    n = len(all_tokens)
    while i < n:
        if _arabic_article(all_tokens, i):
            j = i + 3
        elif _is_name_token(all_tokens[i]):
            j = i + 1
        else:
            i += 1
            continue
        while j < n:
            if _arabic_article(all_tokens, j):
                j += 3
            elif _is_name_token(all_tokens[j]):
                j += 1
            elif (
                all_tokens[j].lower_ in NAME_PARTICLES
                and j + 1 < n
                and _is_name_token(all_tokens[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _person_name_tokens(doc, gazetteer: Gazetteer) -> set[str]:
    """Return the words that make up multi-word person names in this article.

    A surname seen in "Boris Johnson" is a person's name when it stands alone later,
    even though towns called Johnson exist.
    """
    words = set()
    all_tokens = doc_tokens(doc)
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        tokens = [t for t in span_tokens(ent) if _is_name_token(t)]
        placeish = [t for t in tokens if gazetteer.knows(t.text)]
        listed = any(t.lower_ in {"and", "or", ","} for t in span_tokens(ent))
        if len(placeish) == len(tokens) and (listed or len(tokens) < 2):
            continue  # "Tver and Pskov" tagged as a person: places, not a name
        words.update(normalize_name(t.text) for t in tokens)
        # The model may stop a name at its particle ("Anna von der" + "Berg").
        if ent[-1].lower_ in NAME_PARTICLES and ent.end < len(all_tokens):
            words.add(normalize_name(all_tokens[ent.end].text))
    return words


def _entity_of(doc) -> list:
    all_tokens = doc_tokens(doc)
    owner = [None] * len(all_tokens)
    for ent in doc_ents(doc):
        for i in range(ent.start, ent.end):
            owner[i] = ent
    return owner


def find_place_candidates(doc, *, gazetteer: Gazetteer, sentences: Sequence[Sentence]):
    """Return every gazetteer name in ``doc`` with the cues around it (finding only)."""
    all_tokens = doc_tokens(doc)
    owner = _entity_of(doc)
    person_words = _person_name_tokens(doc, gazetteer)
    text = doc_text(doc)
    candidates: list[PlaceCandidate] = []
    for run_start, run_end in _name_runs(doc):
        i = run_start
        while i < run_end:
            match_end = None
            particle = all_tokens[i].lower_ in NAME_PARTICLES and not _arabic_article(all_tokens, i)
            if particle and not all_tokens[i].text[:1].isupper():
                i += 1
                continue
            for j in range(min(run_end, i + MAX_NAME_TOKENS), i, -1):
                last = all_tokens[j - 1]
                if last.lower_ in NAME_PARTICLES:
                    continue
                if gazetteer.knows(text[all_tokens[i].idx : last.idx + len(last)]):
                    match_end = j
                    break
            body_end = match_end and next(
                (
                    k
                    for k in range(min(run_end, i + MAX_NAME_TOKENS), match_end - 1, -1)
                    if is_organisation_name(
                        text[all_tokens[i].idx : all_tokens[k - 1].idx + len(all_tokens[k - 1])]
                    )
                ),
                None,
            )
            if body_end is not None:
                # "White House", "State Department": a body, whatever towns its words name
                i = body_end
                continue
            if match_end is None and particle:
                i += 1  # "El" of "El Fasher" is tried with the name, not alone
                continue
            if match_end is None:
                if _looks_like_unknown_place(doc, i, owner, person_words, gazetteer):
                    candidates.append(_make_candidate(doc, i, i + 1, owner, sentences, fuzzy=True))
                i += 1
                continue
            candidates.append(_make_candidate(doc, i, match_end, owner, sentences))
            i = match_end
    for candidate in candidates:
        _collect_cues(doc, candidate, owner, person_words, gazetteer)
    _mark_coordinations(doc, candidates)
    return candidates


def _looks_like_unknown_place(doc, i, owner, person_words, gazetteer) -> bool:
    all_tokens = doc_tokens(doc)
    token = all_tokens[i]
    if len(token.text) < 6 or not token.is_alpha or token.is_sent_start:
        return False
    if normalize_name(token.text) in person_words or gazetteer.country_of_demonym(token.text):
        return False
    ent = owner[i]
    if ent is not None and len(ent) > 1:
        return False
    label = ent.label_ if ent is not None else ""
    previous = all_tokens[i - 1].lower_ if i > 0 else ""
    return label in PLACE_LABELS or previous in {"in", "near", "outside", "from"}


def _time_run_into_name(all_tokens, ent, start: int, end: int) -> bool:
    """Return True when a time entity is a proper name plus lower-case time words."""
    rest = [all_tokens[i] for i in range(ent.start, ent.end) if not start <= i < end]
    return (
        bool(rest)
        and all(all_tokens[i].pos_ == "PROPN" for i in range(start, end))
        and all(t.is_lower and t.is_alpha for t in rest)
    )


def _make_candidate(doc, start, end, owner, sentences, *, fuzzy=False) -> PlaceCandidate:
    all_tokens = doc_tokens(doc)
    start_char = all_tokens[start].idx
    end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1])
    ent = owner[start]
    label = ent.label_ if ent is not None else ""
    if label in ("DATE", "TIME") and _time_run_into_name(all_tokens, ent, start, end):
        label = ""  # "at Odesa overnight" tagged as one TIME: the name is not the time
    return PlaceCandidate(
        start=start,
        end=end,
        text=doc_text(doc)[start_char:end_char],
        start_char=start_char,
        end_char=end_char,
        sentence_index=_sentence_index(sentences, start_char),
        label=label,
        fuzzy=fuzzy,
    )


def _collect_cues(doc, candidate: PlaceCandidate, owner, person_words, gazetteer) -> None:
    """Record what the surrounding words say about ``candidate`` (place or not)."""
    all_tokens = doc_tokens(doc)
    first, last = all_tokens[candidate.start], all_tokens[candidate.end - 1]
    normal = normalize_name(candidate.text)
    before = all_tokens[candidate.start - 1] if candidate.start > 0 else None
    before2 = all_tokens[candidate.start - 2] if candidate.start > 1 else None
    after = all_tokens[candidate.end] if candidate.end < len(all_tokens) else None

    # ---- reasons it is not a place
    after2 = all_tokens[candidate.end + 1] if candidate.end + 1 < len(all_tokens) else None
    if candidate.label in NON_NAME_LABELS or normal in CALENDAR_WORDS:
        candidate.rejected = "calendar or number"
    elif (
        after is not None
        and after.text == "-"
        and after2 is not None
        and after2.tag_ in ("VBN", "VBD")
        and after2.lower_ not in ("based", "born", "headquartered")  # "Urals-based": there
        and after.idx == candidate.end_char
    ):
        candidate.rejected = "a maker or owner"  # "the Moscow-built bridge": not where
    elif normal in PERSON_TITLES:
        candidate.rejected = "a title"
    elif len(candidate.text) < 2 or (first.is_stop and candidate.end - candidate.start == 1):
        if not candidate.text.isupper():
            candidate.rejected = "stop word"
    elif gazetteer.country_of_demonym(candidate.text) and not _names_country(gazetteer, candidate):
        candidate.rejected = "demonym"
    elif (
        before is not None
        and before.lower_.rstrip(".") in PERSON_TITLES
        and before.text[:1].isupper()
    ):
        candidate.rejected = "follows a title"
    elif after is not None and after.text in {"'s", "\u2019s"} and candidate.label == "PERSON":
        pass  # possessives are decided by the other cues
    elif _storm_name(first, before, after):
        candidate.rejected = "a storm's name"  # "Hurricane Ian", "Typhoon Haiyan"
    elif _named_as_outlet(candidate.text, before, after):
        candidate.rejected = "a news outlet"  # "told Xinhua news agency", "TASS reported"
    ent = owner[candidate.start]
    if not candidate.rejected and ent is not None and ent.label_ in {"PERSON", "ORG", "NORP"}:
        others = [
            t
            for t in span_tokens(ent)
            if (t.i < candidate.start or t.i >= candidate.end)
            and _is_name_token(t)
            and normalize_name(t.text) not in REGION_SUFFIXES
            and not gazetteer.knows(t.text)
        ]
        if others:
            candidate.rejected = f"part of the {ent.label_} name {ent.text!r}"
    if not candidate.rejected and ent is not None and ent.label_ in PLACE_LABELS:
        others = [
            t
            for t in span_tokens(ent)
            if (t.i < candidate.start or t.i >= candidate.end)
            and _is_name_token(t)
            and normalize_name(t.text) not in REGION_SUFFIXES
            and t.lower_ not in COMPASS_WORDS
            and t.lower_ not in SITE_WORDS
            and not gazetteer.knows(t.text)
        ]
        if others and not (after is not None and after.text == ","):
            candidate.rejected = f"part of the longer name {ent.text!r}"
    if (
        not candidate.rejected
        and normal in person_words
        and (ent is None or ent.label_ not in PLACE_LABELS or len(ent) > 1)
    ):
        candidate.rejected = "a person's name in this article"
    # A capitalised word right before a person's surname is a first name ("Paris Hilton").
    if (
        not candidate.rejected
        and after is not None
        and _is_name_token(after)
        and candidate.label not in PLACE_LABELS
    ):
        after_ent = owner[after.i]
        if normalize_name(after.text) in person_words or (
            after_ent is not None and after_ent.label_ == "PERSON"
        ):
            candidate.rejected = "first name of a person"

    # "Corriere della Sera", "Real de Minas": the end of a foreign multi-word name.
    if (
        not candidate.rejected
        and before is not None
        and before.lower_ in NAME_PARTICLES - {"of", "on", "upon"}
        and before2 is not None
        and _is_name_token(before2)
    ):
        candidate.rejected = "end of a longer name"

    # ---- cues that it is one
    is_country = _names_country(gazetteer, candidate)
    if after is not None and is_country:
        pass  # "a Kenya province": the country is named, not a region of it
    elif after is not None and after.lower_ in CITY_NOUNS:
        candidate.city_cue = True  # "the Lviv city council"
        candidate.cues.add("place noun")
    elif after is not None and after.lower_.strip("'\u2019") in REGION_SUFFIXES:
        candidate.region_suffix = True
        candidate.cues.add("region suffix")
        if after.lower_ != "regional" and not after.lower_.endswith("s"):
            span = doc[candidate.start : after.i + 1]
            candidate.text = span.text
            candidate.end_char = span.end_char
    elif (
        last.lower_ in REGION_SUFFIXES
        or normalize_name(candidate.text).split()[-1] in REGION_SUFFIXES
    ):
        candidate.region_suffix = True
        candidate.cues.add("region suffix")
    if before is not None and before.lower_ in PLACE_PREPOSITIONS:
        candidate.cues.add("preposition")
        if before2 is not None and before2.lower_ in CITY_NOUNS and before.lower_ == "of":
            candidate.city_cue = True
            candidate.cues.add("place noun")
        if before2 is not None and before2.lower_ in REGION_NOUNS and before.lower_ == "of":
            candidate.region_suffix = True
            candidate.cues.add("region suffix")
        if before2 is not None and before2.lower_ in PLACE_NOUNS and before.lower_ == "of":
            candidate.cues.add("place noun")
    following = tuple(t.lower_ for t in all_tokens[candidate.end : candidate.end + 3])
    if any(following[: len(phrase)] == phrase for phrase in SITE_PHRASES):
        candidate.cues.add("place noun")  # "the X nuclear power plant"
    if before is not None and before.lower_ in CITY_NOUNS and first.text[:1].isupper():
        candidate.city_cue = True  # "the mining town X"
        candidate.cues.add("place noun")
    if (
        before is not None
        and before.text == ","
        and before2 is not None
        and before2.lower_ in PLACE_NOUNS
    ):
        candidate.cues.add("place noun")  # "a city 16km to the north, X"
    if (
        after is not None
        and after.text == ","
        and candidate.end + 1 < len(all_tokens)
        and gazetteer.knows(all_tokens[candidate.end + 1].text)
    ):
        candidate.cues.add("apposition")  # "X, Country"
    if candidate.label in PLACE_LABELS:
        candidate.cues.add("ner " + candidate.label)
    # "Western allies", "Central bank": a compass word is a region only when named as one.
    if normal in COMPASS_WORDS and not candidate.region_suffix:
        candidate.rejected = candidate.rejected or "compass word"
    if (
        candidate.label == "NORP"
        and not is_country
        and not candidate.cues & {"preposition", "region suffix"}
    ):
        candidate.rejected = candidate.rejected or "nationality or group"
    # A headline of another story in capitals ("X WARNS Y") names no place of this one.
    if len(candidate.text) > 4 and candidate.text.isupper() and _in_capitals_line(doc, candidate):
        candidate.rejected = candidate.rejected or "teaser line"


def _in_capitals_line(doc, candidate: PlaceCandidate) -> bool:
    """Tell whether the candidate's line is written in capitals (a teaser headline)."""
    text = doc_text(doc)
    end = text.find("\n", candidate.end_char)
    line = text[text.rfind("\n", 0, candidate.start_char) + 1 : end if end >= 0 else len(text)]
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 20 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _names_country(gazetteer: Gazetteer, candidate: PlaceCandidate) -> bool:
    entries = gazetteer.lookup(candidate.text, kinds=[PlaceKind.COUNTRY], limit=1)
    return bool(entries)


def _mark_coordinations(doc, candidates: list[PlaceCandidate]) -> None:
    """Link names listed together: "X, Y and Z" share cues and a plural region suffix."""
    all_tokens = doc_tokens(doc)
    by_start = {c.start: c for c in candidates}
    ordered = sorted(candidates, key=lambda c: c.start)
    groups: list[list[PlaceCandidate]] = []
    for candidate in ordered:
        if groups:
            previous = groups[-1][-1]
            if 0 < candidate.start - previous.end <= 2 and all(
                t.text.lower() in {",", "and", "or", "&"}
                for t in all_tokens[previous.end : candidate.start]
            ):
                groups[-1].append(candidate)
                continue
        groups.append([candidate])
    for group in groups:
        if len(group) < 2:
            continue
        last = group[-1]
        after = all_tokens[last.end] if last.end < len(all_tokens) else None
        plural_suffix = after is not None and after.lower_ in {
            "regions",
            "provinces",
            "oblasts",
            "states",
            "governorates",
        }
        # "the territories of X and Y": a region noun before the list holds for all.
        region_first = group[0].region_suffix and "region suffix" in group[0].cues
        for member in group:
            member.cues.add("listed with other names")
            if plural_suffix or region_first:
                member.region_suffix = True
                member.cues.add("region suffix")
            member.cues.update(
                cue for other in group for cue in other.cues if cue in {"preposition", "ner GPE"}
            )
    del by_start


def _context_from(candidates, gazetteer: Gazetteer, doc) -> LookupContext:
    """Estimate which countries and regions the article is about from its clearest names."""
    all_tokens = doc_tokens(doc)
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str]] = Counter()
    for candidate in candidates:
        if candidate.rejected or not candidate.entries:
            continue
        strong = candidate.label in PLACE_LABELS or candidate.region_suffix
        entry, _ = candidate.entries[0]
        if not strong and entry.kind != PlaceKind.COUNTRY:
            continue
        if entry.country_code:
            countries[entry.country_code] += 1.0
        if entry.admin1_code and entry.kind != PlaceKind.COUNTRY:
            regions[(entry.country_code, entry.admin1_code)] += 1.0
    for token in all_tokens:
        if token.text[:1].isupper():
            code = gazetteer.country_of_demonym(token.text)
            if code:
                countries[code] += 0.5
    return LookupContext(countries=dict(countries), regions=dict(regions))


def _supported(
    candidate: PlaceCandidate,
    entry: GazetteerEntry,
    doc,
    *,
    gazetteer: Gazetteer,
    context: LookupContext,
) -> tuple[bool, float]:
    """Return whether the evidence makes ``candidate`` a place, and how sure that is."""
    all_tokens = doc_tokens(doc)
    cues = candidate.cues
    name_cues = cues - {"ner GPE", "ner LOC", "ner FAC"}
    if (
        entry.kind == PlaceKind.CITY
        and entry.population < 100000
        and not context.country_share(entry.country_code)
        and not gazetteer.spells(entry, candidate.text)
        and not name_cues
    ):
        # A small foreign town reached only through transliteration folding is more
        # likely a word of another language ("Corriere della Sera") than a place.
        return False, 0.0
    if "ner GPE" in cues or "ner LOC" in cues or "ner FAC" in cues:
        if entry.kind in (PlaceKind.COUNTRY, PlaceKind.REGION) or entry.population >= 1000:
            return True, 0.9 if entry.kind != PlaceKind.CITY or entry.population >= 20000 else 0.75
        return bool(name_cues), 0.6
    if candidate.region_suffix and entry.kind == PlaceKind.REGION:
        return True, 0.9
    strong_cues = cues & {"preposition", "place noun", "apposition", "region suffix"}
    sentence_start = all_tokens[candidate.start].is_sent_start
    if entry.kind == PlaceKind.COUNTRY:
        return True, 0.85
    if entry.kind == PlaceKind.REGION and (strong_cues or not sentence_start):
        return True, 0.75
    if strong_cues:
        return True, 0.75 if entry.population >= 5000 else 0.6
    if "listed with other names" in cues and entry.population >= 5000:
        return True, 0.6
    if entry.population >= 100000 and not sentence_start and candidate.label != "PERSON":
        return True, 0.6
    return False, 0.0


def _choose_entry(candidate, ranked, explicit_ids) -> tuple[GazetteerEntry, float]:
    """Pick the entry for one mention, following the article's explicit mentions."""
    if candidate.city_cue:
        cities = [(e, s) for e, s in ranked if e.kind == PlaceKind.CITY]
        if cities:
            return cities[0]
    if candidate.region_suffix:
        regions = [(e, s) for e, s in ranked if e.kind == PlaceKind.REGION]
        if regions:
            return regions[0]
    best_entry, best_score = ranked[0]
    for entry, score in ranked[1:]:
        # A name used elsewhere in the article for a specific place keeps meaning it,
        # unless that reading is far less likely than the best one.
        if (
            entry.geonames_id in explicit_ids
            and best_entry.geonames_id not in explicit_ids
            and score >= best_score - 3.0
        ):
            return entry, score
    return best_entry, best_score


def resolve_places(
    doc, candidates: list[PlaceCandidate], *, gazetteer: Gazetteer
) -> list[tuple[PlaceCandidate, GazetteerEntry, float]]:
    """Decide which candidates are places and which entry each one names."""
    for candidate in candidates:
        if not candidate.fuzzy:
            candidate.entries = gazetteer.scored_lookup(candidate.text)
    context = _context_from(candidates, gazetteer, doc)

    explicit_ids: set[int] = set()
    resolved: list[tuple[PlaceCandidate, GazetteerEntry, float]] = []
    # Explicit forms first ("X province", "the town of X"), so that bare mentions follow them.
    order = sorted(candidates, key=lambda c: (not (c.region_suffix or c.city_cue), c.start))
    pending = []
    fuzzy = []
    ranked_in_context: dict[str, list] = {}
    for candidate in order:
        if candidate.rejected:
            continue
        if candidate.fuzzy:
            fuzzy.append(candidate)
            continue
        ranked = ranked_in_context.get(candidate.text)
        if ranked is None:  # an article names its places again and again
            ranked = gazetteer.scored_lookup(candidate.text, context=context)
            ranked_in_context[candidate.text] = ranked
        if not ranked:
            continue
        entry, _ = _choose_entry(candidate, ranked, explicit_ids)
        ok, confidence = _supported(candidate, entry, doc, gazetteer=gazetteer, context=context)
        if ok:
            resolved.append((candidate, entry, confidence))
            explicit_ids.add(entry.geonames_id)
        else:
            pending.append((candidate, ranked))
    # A name accepted as a place elsewhere in the article is a place here too.
    accepted_keys = {fold_name(c.text) for c, _, _ in resolved} | {
        fold_name(e.name) for _, e, _ in resolved
    }
    for candidate, ranked in pending:
        if fold_name(candidate.text) in accepted_keys:
            entry, _ = _choose_entry(candidate, ranked, explicit_ids)
            resolved.append((candidate, entry, 0.6))
    # A misspelt name can only be guessed once the article's countries are known.
    found_countries = Counter(e.country_code for _, e, _ in resolved if e.country_code)
    countries = [code for code, _ in found_countries.most_common(3)]
    for candidate in fuzzy if countries else ():
        found = gazetteer.fuzzy_lookup(candidate.text, countries=countries)
        if len(found) == 1:  # one town, one typo away, in the article's countries
            resolved.append((candidate, found[0], 0.5))
    # Bare names follow an explicit region of the same name ("Tver region" ... "Tver").
    region_ids = {e.geonames_id for c, e, _ in resolved if e.kind == PlaceKind.REGION}
    final = []
    for candidate, entry, confidence in resolved:
        if entry.kind == PlaceKind.CITY and not candidate.city_cue:
            for other, _ in gazetteer.scored_lookup(candidate.text, kinds=[PlaceKind.REGION]):
                if other.geonames_id in region_ids and gazetteer.eponymous_city(other) == entry:
                    entry = other
                    break
        final.append((candidate, entry, confidence))
    return final


# Words naming a site by the town it stands at ("X Airfield", "the X nuclear power plant").
SITE_PHRASES = (
    ("nuclear", "power", "plant"),
    ("nuclear", "power", "station"),
    ("nuclear", "plant"),
    ("power", "plant"),
    ("power", "station"),
    ("air", "base"),
    ("airbase",),
    ("airfield",),
    ("airport",),
    ("steelworks",),
    ("steel", "plant"),
    ("refinery",),
    ("dam",),
)
SITE_WORDS = frozenset(word for phrase in SITE_PHRASES for word in phrase)


def _site_parts(
    doc, resolved: list[tuple[PlaceCandidate, GazetteerEntry, float]]
) -> list[tuple[PlaceCandidate, GazetteerEntry, float]]:
    """Read "X Airfield", "the X nuclear power plant" as a site at the place X.

    The site takes the town's coordinates (or the region's) and a stable negative id
    derived from its name, so every article naming it finds the same place.
    """
    all_tokens = doc_tokens(doc)
    text = doc_text(doc)
    result = []
    for candidate, entry, confidence in resolved:
        after = [t.lower_ for t in all_tokens[candidate.end : candidate.end + 3]]
        phrase = next((p for p in SITE_PHRASES if tuple(after[: len(p)]) == p), None)
        if phrase is not None and entry.kind in (PlaceKind.CITY, PlaceKind.REGION):
            base = (
                entry.name.removesuffix(" Oblast") if entry.kind == PlaceKind.REGION else entry.name
            )
            name = f"{base} {' '.join(word.capitalize() for word in phrase)}"
            last = all_tokens[candidate.end + len(phrase) - 1]
            candidate.end = last.i + 1
            candidate.end_char = last.idx + len(last.text)
            candidate.text = text[candidate.start_char : candidate.end_char]
            entry = GazetteerEntry(
                geonames_id=-(3_000_000 + zlib.crc32(fold_name(name).encode()) % 1_000_000_000),
                name=name,
                kind=PlaceKind.SITE,
                country_code=entry.country_code,
                admin1_code=entry.admin1_code,
                admin_region=entry.admin_region,
                latitude=entry.latitude,
                longitude=entry.longitude,
                # The town's own parent: a site is not a part of the town stored beside it.
                parent_geonames_id=entry.parent_geonames_id
                if entry.kind == PlaceKind.CITY
                else entry.geonames_id,
            )
        result.append((candidate, entry, confidence))
    return result


# "eastern Ukraine", "North-western Syria" -> the direction of the country's part.
_COMPASS_ADJECTIVES = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "central": "central",
}


def _compass_parts(
    doc, resolved: list[tuple[PlaceCandidate, GazetteerEntry, float]], gazetteer: Gazetteer
) -> list[tuple[PlaceCandidate, GazetteerEntry, float]]:
    """Read "eastern X" with X a country as the part of X, a region of its own."""
    all_tokens = doc_tokens(doc)
    text = doc_text(doc)
    result = []
    for candidate, entry, confidence in resolved:
        before = all_tokens[candidate.start - 1] if candidate.start > 0 else None
        direction = _COMPASS_ADJECTIVES.get(before.lower_) if before is not None else None
        if before is not None and before.text == "Western":
            direction = None  # "Western" with a capital is the political West
        after = all_tokens[candidate.end] if candidate.end < len(all_tokens) else None
        if after is not None and after.lower_ in PLACE_NOUNS | REGION_NOUNS:
            direction = None  # "an eastern Ukraine province" names the province
        part = gazetteer.compass_part(entry, direction) if direction else None
        if part is not None and entry.kind == PlaceKind.COUNTRY:
            candidate.start_char = before.idx
            candidate.start = before.i
            candidate.text = text[candidate.start_char : candidate.end_char]
            entry = part
        result.append((candidate, entry, confidence))
    return result


def _acts_as_actor(doc, candidate: PlaceCandidate, entry: GazetteerEntry, gazetteer) -> bool:
    """Return whether a country or capital is the subject of a verb of saying or acting."""
    all_tokens = doc_tokens(doc)
    if entry.kind != PlaceKind.COUNTRY and not gazetteer.is_capital(entry):
        return False
    token = all_tokens[candidate.end - 1]
    if token.dep_ == "conj" and token.head.dep_ in {"nsubj", "nsubjpass"}:
        token = token.head
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return verb.lemma_.lower() in ACTION_VERBS


def find_places(
    doc, *, gazetteer: Gazetteer, sentences: Sequence[Sentence]
) -> list[ExtractedPlace]:
    """Return the places named in ``doc``, one per gazetteer entry, with every mention.

    ``doc`` is the spaCy Doc of the cleaned body; ``sentences`` the body's sentences.
    Keys are ``"geonames:<id>"`` for GeoNames places and ``"informal:<id>"`` for the
    shipped informal regions (negative ids).
    """
    candidates = find_place_candidates(doc, gazetteer=gazetteer, sentences=sentences)
    resolved = resolve_places(doc, candidates, gazetteer=gazetteer)
    resolved = _site_parts(doc, _compass_parts(doc, resolved, gazetteer))
    grouped: dict[int, list[tuple[PlaceCandidate, float]]] = defaultdict(list)
    entries: dict[int, GazetteerEntry] = {}
    actors: set[int] = set()
    for candidate, entry, confidence in resolved:
        grouped[entry.geonames_id].append((candidate, confidence))
        entries[entry.geonames_id] = entry
        if _acts_as_actor(doc, candidate, entry, gazetteer):
            actors.add(entry.geonames_id)
    places = []
    for geonames_id, found in grouped.items():
        found.sort(key=lambda item: item[0].start_char)
        mentions = tuple(
            Mention(
                start=c.start_char,
                end=c.end_char,
                text=c.text,
                sentence_index=c.sentence_index,
                confidence=confidence,
                via="fuzzy" if c.fuzzy else "gazetteer",
            )
            for c, confidence in found
        )
        # Several mentions raise confidence: 1 - product of the chances each is wrong.
        doubt = math.prod(1.0 - confidence for _, confidence in found)
        prefix = "geonames" if geonames_id > 0 else "informal"
        places.append(
            ExtractedPlace(
                key=f"{prefix}:{abs(geonames_id) if geonames_id < 0 else geonames_id}",
                entry=entries[geonames_id],
                mentions=mentions,
                aliases=tuple(dict.fromkeys(m.text for m in mentions)),
                confidence=round(1.0 - doubt, 3),
                acts_as_actor=geonames_id in actors,
            )
        )
    places.sort(key=lambda p: p.mentions[0].start)
    return places
