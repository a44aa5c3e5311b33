"""Find the actors of one article: people, organisations and states, with every mention.

The small spaCy model finds most names but mislabels some (surnames as ORG/NORP,
towns as PERSON) and misses the links between "Gov. X", "X" and "the governor".
This step corrects the labels with context, reads roles from titles and appositions,
resolves surnames, titles and reporting pronouns, and folds transliteration variants
into one actor. It only *finds*; recording is the database services' job.

Choices worth knowing:
- News agencies and newspapers cited as sources ("according to the BBC", "told
  Reuters") are not actors: they report the events, they do not take part in them.
- A country or capital used as an agent ("Moscow said", "Kiev demanded") becomes a
  ``state`` actor named after the country ("Russia"); the place stays a place too.
- Armed forces are one actor per country, named "Armed Forces of <Country>";
  ministries are "Ministry of <Topic> (<Country>)" with Defense/Defence as one.
- A single name with no full form, title or honorific anywhere in the article is
  kept only with strong support: precision matters more than recall for people.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from events.extraction.names import (
    MATCH_THRESHOLD,
    fold_name,
    fold_word,
    normalise_name,
)
from events.extraction.names import (
    _person_name_score as person_name_score,
)
from events.extraction.names import (
    _word_similarity as word_similarity,
)
from events.extraction.nlp import doc_ents, doc_text, doc_tokens, span_tokens, token_children
from events.extraction.types import (
    ActorKind,
    ExtractedActor,
    ExtractedPlace,
    Mention,
    PlaceKind,
    Sentence,
)

__all__ = [
    "Country",
    "InternationalOrganisation",
    "country_by_code",
    "find_actors",
    "load_countries",
    "load_media_outlets",
    "load_organisations",
]


def _word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``words`` (keeps long lists readable)."""
    return frozenset(words.split())


DATA_DIR = Path(__file__).parent / "data"

# --- vocabulary -------------------------------------------------------------------

# Head words of a role ("Russian defence *minister*", "an *adviser* to ...").
ROLE_HEADS = _word_set(
    """
    president minister premier chancellor secretary governor mayor king queen prince
    princess emir sheikh pope patriarch spokesman spokeswoman spokesperson adviser advisor
    aide analyst expert commander general admiral colonel lieutenant major captain
    sergeant head chief leader ambassador envoy senator lawmaker legislator mp deputy
    chairman chairwoman chair director official officer prosecutor judge ombudsman
    ombudswoman commissioner negotiator speaker founder ceo professor researcher
    economist diplomat representative congressman congresswoman governor-general
    secretary-general mayor-elect president-elect administrator coordinator
    """
)
# Words that qualify a role head without being one ("*Defence* Minister", "*regional* governor").
ROLE_MODIFIERS = _word_set(
    """
    prime defence defense foreign interior home finance health justice economy economic
    energy education culture transport trade agriculture environment emergency emergencies
    regional city district provincial local state national federal deputy vice first
    former acting interim senior top military presidential security intelligence army
    armed forces naval navy air opposition party general attorney supreme high lord
    police border digital social affairs development
    """
)
# Abbreviated titles that stand before a name.
TITLE_ABBREVIATIONS = {
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "cpt": "captain",
    "adm": "admiral",
    "sgt": "sergeant",
    "sen": "senator",
    "rep": "representative",
    "pres": "president",
    "amb": "ambassador",
    "cmdr": "commander",
}
HONORIFICS = _word_set("mr mrs ms miss mx dr sir dame")
# Words of a role that are kept as written only after spelling normalisation.
ROLE_SPELLINGS = {"defense": "defence", "advisor": "adviser", "gov": "governor"}
# A title alone ("the governor") refers back to a person with this word in the role.
COREFERENT_TITLES = _word_set(
    """
    president minister premier chancellor governor mayor secretary spokesman spokeswoman
    spokesperson adviser analyst commander general ambassador envoy senator chairman
    chairwoman director prosecutor leader chief king queen official
    """
)
SPEECH_VERBS = _word_set(
    """
    say tell add warn state claim note write vow insist urge stress explain announce
    declare report comment reply ask acknowledge admit deny argue describe accuse call
    pledge promise suggest predict confirm emphasise emphasize repeat reiterate tweet
    post believe estimate demand threaten told said
    """
)
# Verbs whose subject is an agent even when it is a country or capital ("Moscow seized").
AGENT_VERBS = SPEECH_VERBS | _word_set(
    """
    order recognise recognize sanction invade annex launch attack strike send deploy
    withdraw sign agree refuse expel impose surround capture seize take reject accept
    retaliate respond offer propose approve ban summon condemn back support
    """
)
FORCE_WORDS = ("armed forces", "general staff", "forces", "troops", "army", "military")
_FORCE_PHRASES = tuple(words.split() for words in FORCE_WORDS)
_FORCE_OR_MINISTRY_FIRST_WORDS = frozenset({parts[0] for parts in _FORCE_PHRASES} | {"ministry"})
MINISTRY_TOPICS = {
    "defence": "Defence",
    "defense": "Defence",
    "foreign": "Foreign Affairs",
    "foreign affairs": "Foreign Affairs",
    "interior": "Interior",
    "internal affairs": "Internal Affairs",
    "home": "Home Affairs",
    "health": "Health",
    "finance": "Finance",
    "justice": "Justice",
    "emergency": "Emergency Situations",
    "emergencies": "Emergency Situations",
    "emergency situations": "Emergency Situations",
    "economy": "Economy",
    "economic development": "Economic Development",
    "education": "Education",
    "energy": "Energy",
    "agriculture": "Agriculture",
    "culture": "Culture",
    "transport": "Transport",
    "trade": "Trade",
    "environment": "Environment",
    "information": "Information",
    "reintegration": "Reintegration",
}
_MINISTRY_TOPIC_WORDS = frozenset(word for key in MINISTRY_TOPICS for word in key.split())
# Organisation names containing one of these words are outlets, not actors.
MEDIA_WORDS = _word_set(
    """
    media news newspaper times post press television tv radio gazette journal herald
    tribune telegraph broadcasting broadcaster chronicle observer
    """
)
# Organisation head words: a multi-word ORG ending in one of these is well-formed.
ORG_HEADS = _word_set(
    """
    ministry department agency council committee commission party group company
    corporation bank institute university office service union organisation organization
    association front movement brigade battalion regiment guard court parliament assembly
    fund foundation authority administration agency army forces navy police church
    alliance federation coalition network centre center bureau board inc ltd corp
    """
)
DIVISION_WORDS = {
    "region": "Region",
    "province": "Province",
    "oblast": "Oblast",
    "state": "State",
    "county": "County",
    "district": "District",
}
_MISLABELLED_NAME_LABELS = frozenset(
    {"WORK_OF_ART", "ORG", "NORP", "PRODUCT", "EVENT", "FAC", "LAW"}
)
CREDIT_WORDS = _word_set("photo photograph credit source getty images ©")


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


# --- working records --------------------------------------------------------------


@dataclass
class _Cluster:
    """Mentions believed to name one actor, with what the article says about it."""

    kind: str
    canonical: str = ""  # fixed name for organisations and states
    names: list[str] = field(default_factory=list)  # spellings of the name itself
    extra_aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country_code: str = ""
    anchored: bool = False  # a full name, a title or an honorific supports it
    confidence: float = 0.5
    adviser_to: str = ""  # name written after "adviser to", resolved at the end

    @property
    def full_name(self) -> str:
        if self.canonical:
            return self.canonical
        return max(self.names, key=lambda name: (len(name.split()), len(name)), default="")

    @property
    def surname(self) -> str:
        return normalise_name(self.full_name).split()[-1] if self.full_name else ""


@dataclass
class _Article:
    """Everything the finders share about one article."""

    doc: object
    text: str
    sentence_starts: list[int]
    sentences: Sequence[Sentence]
    places: Sequence[ExtractedPlace]
    gazetteer: object
    place_spans: list[tuple[int, int, ExtractedPlace]]
    used: list[tuple[int, int]] = field(default_factory=list)
    folded_places: dict[str, ExtractedPlace] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for place in self.places:
            for alias in (*place.aliases, place.entry.name):
                self.folded_places.setdefault(fold_name(alias), place)

    def sentence_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def mention(self, start: int, end: int, via: str, confidence: float) -> Mention:
        return Mention(
            start=start,
            end=end,
            text=self.text[start:end],
            sentence_index=self.sentence_index(start),
            confidence=confidence,
            via=via,
        )

    def overlaps_used(self, start: int, end: int) -> bool:
        return any(start < used_end and used_start < end for used_start, used_end in self.used)

    def place_at(self, start: int, end: int) -> ExtractedPlace | None:
        for place_start, place_end, place in self.place_spans:
            if start < place_end and place_start < end:
                return place
        return None

    def is_place_name(self, text: str) -> bool:
        """Return whether ``text`` names a place rather than a person."""
        tables = load_countries()
        lowered = text.lower()
        if lowered in tables.by_name or lowered in tables.by_capital:
            return True
        if fold_name(text) in self.folded_places:
            return True
        try:
            return bool(self.gazetteer.lookup(text)) if self.gazetteer is not None else False
        except Exception:  # a gazetteer that cannot answer must not stop extraction
            return False


def _token_key(token) -> str:
    return token.lower_.rstrip(".").replace("’", "'")


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _is_possessive(token) -> bool:
    return token.text in ("'s", "’s", "'", "’")


def _country_of_tokens(tokens: Sequence) -> str:
    """Return the country code a phrase names by demonym, name or capital, else ""."""
    tables = load_countries()
    text = " ".join(token.text for token in tokens).replace(" - ", "-")
    lowered = text.lower().replace("’", "'")
    for table in (tables.by_demonym, tables.by_name, tables.by_capital):
        if lowered in table:
            return table[lowered]
    return ""


def _country_before(doc, index: int) -> tuple[str, int]:
    """Return (country code, first token index) of a qualifier ending before ``index``.

    Reads "Russian", "Russia's", "the UK's", "British", "Kiev's", "South Korean".
    """
    all_tokens = doc_tokens(doc)
    end = index
    if end > 0 and _is_possessive(all_tokens[end - 1]):
        end -= 1
    for width in (3, 2, 1):
        start = end - width
        if start < 0:
            continue
        tokens = doc[start:end]
        if not all(_is_capitalised(t) or t.text in ("-", ".") for t in tokens):
            continue
        code = _country_of_tokens(tokens)
        if not code:
            continue
        # "pro-Russian forces" are not Russia's forces.
        if (
            end == index
            and start > 1
            and all_tokens[start - 1].text == "-"
            and all_tokens[start - 2].lower_ == "pro"
        ):
            return "", index
        return code, start
    return "", index


# --- organisations ----------------------------------------------------------------


def _find_known_organisations(article: _Article, clusters: dict[str, _Cluster]) -> None:
    organisations = load_organisations()
    found = _known_organisation_spans(article.text)
    # Longest first so that "UN refugee agency" hides the "UN" inside it.
    for start, end, index in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if article.overlaps_used(start, end):
            continue
        org = organisations[index]
        cluster = clusters.setdefault(
            f"org:{org.name}",
            _Cluster(kind=org.kind, canonical=org.name, country_code=org.country_code),
        )
        cluster.anchored = True
        cluster.confidence = max(cluster.confidence, 0.9)
        cluster.mentions.append(article.mention(start, end, "alias", 0.9))
        cluster.extra_aliases.append(article.text[start:end])
        article.used.append((start, end))


_SPACE_RUN = re.compile(r"\s+")


def _forces_cluster(clusters: dict[str, _Cluster], code: str) -> _Cluster:
    country = country_by_code(code)
    name = f"Armed Forces of {country.display_name if country else code}"
    cluster = clusters.setdefault(
        f"forces:{code}",
        _Cluster(kind=ActorKind.ORGANIZATION, canonical=name, country_code=code, anchored=True),
    )
    if country and country.demonyms:
        cluster.extra_aliases.append(f"{country.demonyms[0]} Armed Forces")
    return cluster


def _ministry_cluster(clusters: dict[str, _Cluster], topic: str, code: str) -> _Cluster:
    country = country_by_code(code) if code else None
    base = f"Ministry of {topic}"
    name = f"{base} ({country.name})" if country else base
    cluster = clusters.setdefault(
        f"ministry:{topic}:{code}",
        _Cluster(kind=ActorKind.ORGANIZATION, canonical=name, country_code=code, anchored=True),
    )
    if country:
        cluster.extra_aliases.append(f"{base} of {country.display_name}")
    return cluster


def _nearest_country_before(article: _Article, clusters: dict[str, _Cluster], char: int) -> str:
    """Return the country of the nearest organisation or country named before ``char``.

    Resolves "its" in "its general staff" and "its troops": an armed-forces mention
    within the last three sentences wins, then any country name or demonym.
    """
    sentence = article.sentence_index(char)
    best_char, best_code = -1, ""
    for key, cluster in clusters.items():
        if not key.startswith(("forces:", "state:", "ministry:")) or not cluster.country_code:
            continue
        for mention in cluster.mentions:
            recent = mention.end <= char and sentence - mention.sentence_index <= 3
            if recent and mention.start > best_char:
                best_char, best_code = mention.start, cluster.country_code
    if best_code:
        return best_code
    doc = article.doc
    all_tokens = doc_tokens(doc)
    token_index = doc.char_span(char, char + 1, alignment_mode="expand")
    position = token_index.start if token_index is not None else len(all_tokens)
    for token in reversed(all_tokens[:position]):
        if article.sentence_index(token.idx) < sentence - 2:
            break
        code = _country_of_tokens([token])
        if code and _is_capitalised(token):
            return code
    return ""


def _find_forces_and_ministries(article: _Article, clusters: dict[str, _Cluster]) -> None:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    lowered = [token.lower_ for token in all_tokens]
    index = 0
    while index < len(all_tokens):
        if lowered[index] not in _FORCE_OR_MINISTRY_FIRST_WORDS:  # most words: nothing to match
            index += 1
            continue
        token = all_tokens[index]
        if article.overlaps_used(token.idx, token.idx + len(token.text)):
            index += 1
            continue
        matched_end = _match_forces(article, clusters, index, lowered)
        if not matched_end:
            matched_end = _match_ministry(article, clusters, index, lowered)
        index = matched_end or index + 1


def _match_forces(article, clusters, index: int, lowered: list[str]) -> int:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    for parts in _FORCE_PHRASES:
        if lowered[index : index + len(parts)] != parts:
            continue
        end = index + len(parts)
        after = all_tokens[end] if end < len(all_tokens) else None
        # "military operation", "army base": the word modifies a noun, no actor.
        if after is not None and after.pos_ in ("NOUN", "PROPN") and not _is_possessive(after):
            return 0
        if index > 0 and lowered[index - 1] in ("its", "their"):
            code = _nearest_country_before(article, clusters, all_tokens[index - 1].idx)
            start_token, via, confidence = index - 1, "pronoun", 0.7
        else:
            code, start_token = _country_before(doc, index)
            via, confidence = "alias", 0.85
        if not code:
            return 0
        start_char = all_tokens[start_token].idx
        end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
        if article.overlaps_used(start_char, end_char):
            return 0
        cluster = _forces_cluster(clusters, code)
        cluster.confidence = max(cluster.confidence, confidence)
        cluster.mentions.append(article.mention(start_char, end_char, via, confidence))
        if via == "alias":
            cluster.extra_aliases.append(article.text[start_char:end_char])
        article.used.append((start_char, end_char))
        return end
    return 0


def _ministry_topic(words: Sequence[str]) -> str:
    key = " ".join(words).lower()
    return MINISTRY_TOPICS.get(key, " ".join(word.capitalize() for word in words))


def _match_ministry(article, clusters, index: int, lowered: list[str]) -> int:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    if lowered[index] != "ministry":
        return 0
    if index + 1 < len(all_tokens) and lowered[index + 1] == "of":
        # "Ministry of Defence", "Ministry of Foreign Affairs"
        topic_end = index + 2
        while topic_end < len(all_tokens) and (
            _is_capitalised(all_tokens[topic_end])
            or (
                lowered[topic_end] == "and"
                and topic_end + 1 < len(all_tokens)
                and _is_capitalised(all_tokens[topic_end + 1])
            )
        ):
            topic_end += 1
        topic_words = [t.text for t in doc[index + 2 : topic_end]]
        qualifier_end, end = index, topic_end
    else:
        # "Defense Ministry", "Foreign Ministry"
        topic_start = index
        while topic_start > 0 and lowered[topic_start - 1] in _MINISTRY_TOPIC_WORDS:
            topic_start -= 1
        topic_words = [t.text for t in doc[topic_start:index]]
        qualifier_end, end = topic_start, index + 1
    if not topic_words:
        return 0
    topic = _ministry_topic(topic_words)
    code, start_token = _country_before(doc, qualifier_end)
    if not code:
        # "the Defence Ministry" again: the ministry of that topic already named.
        for key in clusters:
            if key.startswith(f"ministry:{topic}:"):
                code = key.rsplit(":", 1)[1]
                break
    start_char = all_tokens[start_token].idx
    end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
    if article.overlaps_used(start_char, end_char):
        return 0
    cluster = _ministry_cluster(clusters, topic, code)
    confidence = 0.85 if code else 0.5
    cluster.confidence = max(cluster.confidence, confidence)
    cluster.mentions.append(article.mention(start_char, end_char, "alias", confidence))
    cluster.extra_aliases.append(_strip_article(article.text[start_char:end_char]))
    article.used.append((start_char, end_char))
    return end


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def _is_media(text: str) -> bool:
    normalised = normalise_name(_strip_article(text))
    if normalised in load_media_outlets():
        return True
    return any(word in MEDIA_WORDS for word in normalised.split())


def _find_other_organisations(
    article: _Article, clusters: dict[str, _Cluster], person_surnames: set[str]
) -> None:
    """Add ORG entities that passed the filters for places, outlets and surnames."""
    candidates: dict[str, list] = {}
    for ent in doc_ents(article.doc):
        if ent.label_ != "ORG":
            continue
        tokens = span_tokens(ent)
        if tokens[0].lower_ == "the":
            tokens = [t for t in tokens if t.lower_ != "the"]
        while tokens and _is_possessive(tokens[-1]):
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = article.text[start:end]
        if article.overlaps_used(start, end) or article.place_at(start, end):
            continue
        if _is_media(text) or _in_credit(article, tokens[0].i, tokens[-1].i + 1):
            continue
        if any(t.lower_ == "and" for t in tokens) or any(t.like_num for t in tokens):
            continue
        if len(tokens) == 1:
            if fold_word(normalise_name(text)) in person_surnames:
                continue
            if article.is_place_name(text) or _country_of_tokens(tokens):
                continue
        candidates.setdefault(fold_name(text), []).append((start, end, tokens))
    for key, found in candidates.items():
        tokens = found[0][2]
        has_head = tokens[-1].lower_ in ORG_HEADS and len(tokens) > 1
        # A lone unknown word the model calls ORG is often a town or a surname:
        # keep it only when the article repeats it.
        if not has_head and len(found) < 2:
            continue
        confidence = 0.7 if has_head else 0.5
        cluster = clusters.setdefault(
            f"ner-org:{key}",
            _Cluster(kind=ActorKind.ORGANIZATION, anchored=True, confidence=confidence),
        )
        for start, end, _ in found:
            cluster.names.append(article.text[start:end])
            cluster.mentions.append(article.mention(start, end, "name", confidence))
            article.used.append((start, end))


# --- states -----------------------------------------------------------------------


def _is_agent(token) -> bool:
    """Return whether ``token`` is the subject of an agentive verb ("Moscow said")."""
    if token.dep_ not in ("nsubj", "poss") or token.head.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    head = token.head
    if token.dep_ == "poss":
        return head.lemma_.lower() in {"demand", "claim", "statement", "decision", "order"}
    if head.lemma_.lower() in AGENT_VERBS:
        return True
    # "Moscow has said", "Kiev on Tuesday demanded": the parser may attach to an auxiliary.
    return any(
        child.lemma_.lower() in AGENT_VERBS
        for child in token_children(head)
        if child.dep_ == "xcomp"
    )


def _state_code_for_place(place: ExtractedPlace) -> str:
    entry = place.entry
    if entry.kind == PlaceKind.COUNTRY:
        return entry.country_code
    tables = load_countries()
    for name in (entry.name, *place.aliases):
        if tables.by_capital.get(name.lower()) == entry.country_code:
            return entry.country_code
    return ""


def _find_states(article: _Article, clusters: dict[str, _Cluster]) -> None:
    doc = article.doc
    tables = load_countries()
    for place in article.places:
        if not place.acts_as_actor:
            continue
        code = _state_code_for_place(place)
        if not code:
            continue
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and _is_agent(span.root):
                _add_state_mention(article, clusters, code, mention.start, mention.end)
    for ent in doc_ents(doc):
        if ent.label_ not in ("GPE", "PERSON", "ORG", "LOC") or not _is_capitalised(ent[0]):
            continue
        lowered = ent.text.lower()
        code = tables.by_name.get(lowered) or tables.by_capital.get(lowered)
        if code and _is_agent(ent.root):
            _add_state_mention(article, clusters, code, ent.start_char, ent.end_char)


def _add_state_mention(article, clusters, code: str, start: int, end: int) -> None:
    country = country_by_code(code)
    if country is None:
        return
    cluster = clusters.setdefault(
        f"state:{code}",
        _Cluster(kind=ActorKind.STATE, canonical=country.name, country_code=code, anchored=True),
    )
    if any(m.start == start for m in cluster.mentions):
        return
    cluster.confidence = max(cluster.confidence, 0.7)
    cluster.mentions.append(article.mention(start, end, "name", 0.7))
    cluster.extra_aliases.append(article.text[start:end])
    cluster.extra_aliases.append(f"Government of {country.name}")


# --- people -----------------------------------------------------------------------


@dataclass
class _NameSpan:
    start: int  # token indices of the name itself, titles excluded
    end: int
    anchor: str  # "full", "title", "honorific", "" (a single name on its own)
    role_tokens: tuple = ()
    role_after: tuple = ()
    confidence: float = 0.8


def _role_word(token) -> str:
    key = _token_key(token)
    return TITLE_ABBREVIATIONS.get(key, key)


def _is_role_head(token) -> bool:
    return _role_word(token) in ROLE_HEADS


def _name_token_ok(token) -> bool:
    text = token.text
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    if any(ch.isdigit() for ch in text) or (token.is_stop and token.lower_ != "will"):
        return False
    key = _token_key(token)
    if key in ROLE_HEADS or key in ROLE_MODIFIERS or key in HONORIFICS:
        return False
    return key not in TITLE_ABBREVIATIONS and not _country_of_tokens([token])


def _title_before(doc, start: int) -> tuple[tuple, str]:
    """Return (role tokens, anchor kind) of a title standing right before a name."""
    all_tokens = doc_tokens(doc)
    if start == 0:
        return (), ""
    previous = all_tokens[start - 1]
    if _token_key(previous) in HONORIFICS:
        return (), "honorific"
    if not _is_role_head(previous):
        return (), ""
    first = start - 1
    sentence_start = previous.sent.start
    while first > sentence_start:
        candidate = all_tokens[first - 1]
        key = _token_key(candidate)
        if key in ROLE_MODIFIERS or _is_role_head(candidate):
            first -= 1
        elif _is_possessive(candidate) and first - 2 >= sentence_start:
            code, qualifier_start = _country_before(doc, first - 1)
            if code:
                first = qualifier_start
                break
            if _is_capitalised(all_tokens[first - 2]):  # "Kharkiv's mayor"
                first -= 2
            break
        elif _is_capitalised(candidate) and candidate.pos_ in ("PROPN", "ADJ", "NOUN"):
            first -= 1  # a demonym or place qualifying the title ("Kherson regional governor")
            # Take one more capitalised word for two-word places ("South Korean").
            if (
                first > sentence_start
                and _is_capitalised(all_tokens[first - 1])
                and (_country_of_tokens(doc[first - 1 : first + 1]))
            ):
                first -= 1
            break
        else:
            break
    return tuple(doc[first:start]), "title"


def _appositive_after(doc, end: int) -> tuple:
    """Return the tokens of ", Russia's defence minister," after a name, if any."""
    all_tokens = doc_tokens(doc)
    if end >= len(all_tokens) or all_tokens[end].text != ",":
        return ()
    tokens = []
    for token in doc[end + 1 : end + 14]:
        if token.text in (",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”"):
            break
        if token.sent.start != all_tokens[end].sent.start:
            break
        tokens.append(token)
    if not tokens or not any(_is_role_head(t) for t in tokens):
        return ()
    # A verb other than "-based" means a clause, not an apposition.
    if any(t.pos_ in ("VERB", "AUX") and t.lower_ != "based" for t in tokens):
        return ()
    if tokens[0].lower_ not in ("a", "an", "the") and not (
        _is_role_head(tokens[0])
        or _token_key(tokens[0]) in ROLE_MODIFIERS
        or _country_before(doc, tokens[1].i if len(tokens) > 1 else tokens[0].i + 1)[0]
        or _is_capitalised(tokens[0])
    ):
        return ()
    return tuple(tokens)


def _in_credit(article: _Article, start: int, end: int) -> bool:
    """Return whether tokens [start, end) sit in a photo credit or byline."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    if start > 0 and all_tokens[start - 1].text in ("/", "©", "|"):
        return True
    window = doc[max(all_tokens[start].sent.start, start - 4) : start]
    if any(t.lower_ in CREDIT_WORDS for t in span_tokens(window)):
        return True
    return (
        start > 0
        and all_tokens[start - 1].lower_ == "by"
        and start - 1 == all_tokens[start].sent.start
    )


def _verbless(token) -> bool:
    """Return whether ``token`` stands in a fragment with no verb (a caption, author box).

    The line is checked as well as the sentence because the parser often glues a
    short furniture line ("About Jane Roe") onto the next sentence.
    """
    if not any(t.pos_ in ("VERB", "AUX") for t in token.sent):
        return True
    doc = token.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_end = text.find("\n", token.idx)
    line = doc.char_span(
        line_start, len(text) if line_end < 0 else line_end, alignment_mode="expand"
    )
    if line is None or len(line) > 8:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in line)


def _collect_name_spans(article: _Article) -> list[_NameSpan]:
    """Return candidate person names: PERSON entities and names after titles."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    spans: dict[tuple[int, int], _NameSpan] = {}

    def add(start: int, end: int) -> None:
        # Trim titles the model sometimes includes ("Mayor Ivan Sirko") and possessives.
        while start < end and not _name_token_ok(all_tokens[start]):
            start += 1
        while end > start and (
            _is_possessive(all_tokens[end - 1]) or not _name_token_ok(all_tokens[end - 1])
        ):
            end -= 1
        if end <= start or end - start > 4:
            return
        if any(start < e and s < end for (s, e) in spans):
            return
        start_char, end_char = (
            all_tokens[start].idx,
            all_tokens[end - 1].idx + len(all_tokens[end - 1].text),
        )
        if article.overlaps_used(start_char, end_char) or article.place_at(start_char, end_char):
            return
        if _in_credit(article, start, end) or _is_media(doc[start:end].text):
            return
        role_tokens, anchor = _title_before(doc, start)
        if not anchor and end - start >= 2:
            anchor = "full"
        spans[(start, end)] = _NameSpan(
            start, end, anchor, role_tokens, _appositive_after(doc, end)
        )

    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            add(ent.start, ent.end)
        elif (
            ent.label_ in _MISLABELLED_NAME_LABELS
            and 2 <= len(ent) <= 3
            and all(_name_token_ok(t) and t.pos_ == "PROPN" for t in span_tokens(ent))
            and ent[-1].lower_ not in ORG_HEADS
            and (_appositive_after(doc, ent.end) or _title_before(doc, ent.start)[1] == "title")
        ):
            # The model sometimes calls a name after a quotation a WORK_OF_ART or ORG;
            # a role beside it ("X Y, an adviser to ...") shows it is a person.
            add(ent.start, ent.end)
    # Names the model missed or mislabelled, found by the title before them.
    for token in all_tokens:
        key = _token_key(token)
        if not (key in HONORIFICS or (_is_role_head(token) and key not in ("head", "chief"))):
            continue
        if key in HONORIFICS and not _is_capitalised(token):
            continue
        end = token.i + 1
        while end < len(all_tokens) and end - token.i <= 3 and _name_token_ok(all_tokens[end]):
            end_char = all_tokens[end].idx + len(all_tokens[end].text)
            if article.place_at(all_tokens[end].idx, end_char) or article.is_place_name(
                all_tokens[end].text
            ):
                break
            end += 1
        if end > token.i + 1:
            add(token.i + 1, end)
    return sorted(spans.values(), key=lambda span: span.start)


def _normalise_role(article: _Article, tokens: Sequence) -> tuple[str, str, str]:
    """Return (role, country code, name after "to") for role tokens as written.

    "Russian Defence Minister" -> "Defence Minister of Russia"; "governor of the
    Poltava region" -> "Governor of Poltava Region"; "Russia's defence minister" ->
    "Defence Minister of Russia"; "an adviser to Tremblay" -> "Adviser" + "Tremblay".
    """
    words: list[str] = []
    country_code = ""
    place = ""
    division = ""
    adviser_to = ""
    after_of = False
    index = 0
    tokens = list(tokens)
    while index < len(tokens):
        token = tokens[index]
        key = _token_key(token)
        if key == "of":
            after_of = True
        if key in ("a", "an", "the", "'s", "of", "to", "-", "based") or _is_possessive(token):
            if key == "to" and words and words[-1] in ("adviser", "aide", "advisor", "envoy"):
                adviser_to = " ".join(t.text for t in tokens[index + 1 :] if _is_capitalised(t))
                break
            index += 1
            continue
        if (
            index + 1 < len(tokens)
            and tokens[index + 1].text == "-"
            and index + 2 < len(tokens)
            and tokens[index + 2].lower_ == "based"
        ):
            index += 3  # "Kyiv-based": where the person works, not what the role is
            continue
        if key in DIVISION_WORDS and place:
            division = DIVISION_WORDS[key]
            index += 1
            continue
        code = ""
        for width in (2, 1):
            if index + width <= len(tokens) and _is_capitalised(token):
                code = _country_of_tokens(tokens[index : index + width])
                if code:
                    index += width
                    break
        if code:
            country_code = country_code or code
            continue
        role_word = _role_word(token)
        if after_of and not _is_capitalised(token):
            index += 1  # "mayor of the port city": what follows "of" names a place
            continue
        if role_word in ROLE_HEADS or role_word in ROLE_MODIFIERS:
            if role_word != "regional" or place:
                words.append(ROLE_SPELLINGS.get(role_word, role_word))
            if role_word == "regional":
                division = division or "Region"
            index += 1
            continue
        if _is_capitalised(token):
            place = f"{place} {token.text}".strip()
        index += 1
    words = [w for w in words if w != "regional"]
    if not words:
        return "", country_code, adviser_to
    role = " ".join(word.capitalize() for word in words)
    if place:
        role += f" of {place}" + (f" {division}" if division else "")
        located = _place_country(article, place)
        country_code = country_code or located
    elif country_code:
        country = country_by_code(country_code)
        if country:
            role += f" of {country.display_name}"
    return role, country_code, adviser_to


def _place_country(article: _Article, name: str) -> str:
    place = article.folded_places.get(fold_name(name))
    return place.entry.country_code if place else ""


def _cluster_people(article: _Article, spans: list[_NameSpan]) -> list[_Cluster]:
    """Group name spans into people: full names first, then single names onto them."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    people: list[_Cluster] = []
    singles: list[_NameSpan] = []
    for span in spans:
        if span.end - span.start < 2:
            singles.append(span)
            continue
        name = doc[span.start : span.end].text
        normalised = normalise_name(name)
        best, best_score = None, 0.0
        for person in people:
            for known in person.names:
                score, bare = person_name_score(normalised, normalise_name(known))
                if not bare and score > best_score:
                    best, best_score = person, score
        if best is None or best_score < MATCH_THRESHOLD:
            best = _Cluster(kind=ActorKind.PERSON, anchored=True, confidence=0.8)
            people.append(best)
        _add_person_mention(article, best, span, "name")
    leftovers: list[_NameSpan] = []
    for span in singles:
        person = _person_for_surname(
            article, people, all_tokens[span.start].text, all_tokens[span.start].idx
        )
        if person is not None:
            _add_person_mention(article, person, span, "surname")
        elif span.anchor in ("title", "honorific"):
            person = _Cluster(kind=ActorKind.PERSON, anchored=True, confidence=0.6)
            people.append(person)
            _add_person_mention(article, person, span, "name")
        else:
            leftovers.append(span)
    _keep_supported_single_names(article, people, leftovers)
    # A name alone in a verbless fragment ("About Jane Roe") is an author box or a
    # caption that cleaning missed, unless a role shows it belongs to the story.
    return [
        person
        for person in people
        if person.roles or not all(_verbless(_token_at(doc, m.start)) for m in person.mentions)
    ]


def _token_at(doc, char: int):
    all_tokens = doc_tokens(doc)
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return all_tokens[span.start] if span is not None else all_tokens[0]


def _add_person_mention(article, person: _Cluster, span: _NameSpan, via: str) -> None:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    start_char = all_tokens[span.start].idx
    end_char = all_tokens[span.end - 1].idx + len(all_tokens[span.end - 1].text)
    if any(m.start == start_char for m in person.mentions):
        return
    confidence = 0.9 if via == "name" else 0.8
    person.mentions.append(article.mention(start_char, end_char, via, confidence))
    person.names.append(doc[span.start : span.end].text)
    article.used.append((start_char, end_char))
    for role_tokens in (span.role_tokens, span.role_after):
        if not role_tokens:
            continue
        role, code, adviser_to = _normalise_role(article, role_tokens)
        if role == "Mayor":
            role, mayor_country = _mayor_of(article, start_char)
            code = code or mayor_country
        if role:
            person.roles.append(role)
            person.anchored = True
        if code and not person.country_code:
            person.country_code = code
        if adviser_to and not person.adviser_to:
            person.adviser_to = adviser_to
        article.used.extend((t.idx, t.idx + len(t.text)) for t in role_tokens)


def _mayor_of(article: _Article, char: int) -> tuple[str, str]:
    """Return ("Mayor of X", country) when X is the only city the sentence names."""
    sentence = article.sentence_index(char)
    cities = {
        place.key: place
        for start, _, place in article.place_spans
        if place.entry.kind == PlaceKind.CITY and article.sentence_index(start) == sentence
    }
    if len(cities) != 1:
        return "Mayor", ""
    place = next(iter(cities.values()))
    name = next(
        (m.text for m in place.mentions if article.sentence_index(m.start) == sentence),
        place.entry.name,
    )
    return f"Mayor of {name}", place.entry.country_code


def _person_for_surname(article, people: list[_Cluster], word: str, char: int):
    """Return the person whose surname ``word`` is, preferring the nearest before ``char``."""
    normalised = normalise_name(word)
    if not normalised or " " in normalised:
        return None
    matches = []
    for person in people:
        surnames = {normalise_name(name).split()[-1] for name in person.names if name}
        score = max((word_similarity(normalised, surname) for surname in surnames), default=0)
        if score >= 0.82:
            last_before = max((m.start for m in person.mentions if m.start < char), default=-1)
            matches.append((score >= 0.97, last_before, person))
    if not matches:
        return None
    matches.sort(key=lambda match: (match[0], match[1]), reverse=True)
    return matches[0][2]


def _keep_supported_single_names(article, people: list[_Cluster], spans: list[_NameSpan]) -> None:
    """Keep a lone single name only when repeated, speaking, and not a place."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    by_word: dict[str, list[_NameSpan]] = {}
    for span in spans:
        by_word.setdefault(fold_name(all_tokens[span.start].text), []).append(span)
    for group in by_word.values():
        word = doc[group[0].start].text
        if len(group) < 2 or article.is_place_name(word):
            continue
        speaking = any(
            all_tokens[span.start].dep_ == "nsubj"
            and all_tokens[span.start].head.lemma_ in SPEECH_VERBS
            for span in group
        )
        if not speaking or all(_verbless(all_tokens[span.start]) for span in group):
            continue
        person = _Cluster(kind=ActorKind.PERSON, anchored=False, confidence=0.4)
        people.append(person)
        for span in group:
            _add_person_mention(article, person, span, "name")


def _scan_surnames(article: _Article, people: list[_Cluster]) -> None:
    """Add surname mentions the model tagged as ORG/NORP/GPE or not at all."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    index: dict[str, list[_Cluster]] = {}
    for person in people:
        if len({normalise_name(name) for name in person.names}) and person.full_name.count(" "):
            index.setdefault(fold_word(person.surname), []).append(person)
    if not index:
        return
    # Read again only when a mention adds a name: working a surname out costs more
    # than comparing it, and every capitalised word is compared with every surname.
    surnames = [(p, p.surname) for ps in index.values() for p in ps]
    for token in all_tokens:
        if not _is_capitalised(token) or token.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB"):
            continue
        start, end = token.idx, token.idx + len(token.text)
        if article.overlaps_used(start, end):
            continue
        folded = fold_word(normalise_name(token.text) or "-")
        candidates = index.get(folded)
        if candidates is None and len(folded) < 4:
            candidates = []
        elif candidates is None:
            # Transliteration variants in one article (Heitmar/Haitmar).
            normalised = normalise_name(token.text)
            candidates = [
                p for p, surname in surnames if word_similarity(normalised, surname) >= 0.85
            ]
        if not candidates or article.place_at(start, end):
            continue
        # The next token being a capitalised name means this is someone else's first name.
        if token.i + 1 < len(all_tokens) and all_tokens[token.i + 1].ent_type_ == "PERSON":
            continue
        person = _person_for_surname(article, candidates, token.text, start)
        if person is None:
            continue
        first = token.i
        previous = all_tokens[first - 1] if first > 0 else None
        # A given name the model left untagged ("Yevhen Tkachenko") is another spelling
        # of the full name: record it as one, with any title or apposition around it.
        if (
            previous is not None
            and _name_token_ok(previous)
            and previous.pos_ == "PROPN"
            and not article.overlaps_used(previous.idx, start)
            and not article.is_place_name(previous.text)
        ):
            first -= 1
        role_tokens, anchor = _title_before(doc, first)
        span = _NameSpan(
            first, token.i + 1, anchor or "full", role_tokens, _appositive_after(doc, token.i + 1)
        )
        _add_person_mention(article, person, span, "name" if first < token.i else "surname")
        surnames = [(p, p.surname) for ps in index.values() for p in ps]


def _resolve_titles_and_pronouns(article: _Article, people: list[_Cluster]) -> None:
    """Link "the governor", "the Russian president" and "he said" to named people."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    events: list[tuple[int, _Cluster | None]] = []  # (char, speaker) in text order
    for person in people:
        for mention in person.mentions:
            events.append((mention.start, person))
    events.sort(key=lambda event: event[0])
    starts = [event[0] for event in events]

    def people_before(char: int) -> list[_Cluster]:
        position = bisect.bisect_left(starts, char)
        ordered = []
        for _, person in reversed(events[:position]):
            if person is not None and person not in ordered:
                ordered.append(person)
        return ordered

    added: list[tuple[_Cluster, Mention]] = []
    for token in all_tokens:
        # --- "the governor", "the Russian president", "the prime minister" ---
        if token.lower_ == "the" and token.i + 1 < len(all_tokens):
            end = token.i + 1
            code = ""
            while end < len(all_tokens) and (
                _token_key(all_tokens[end]) in ROLE_MODIFIERS
                or _country_of_tokens([all_tokens[end]])
            ):
                code = code or _country_of_tokens([all_tokens[end]])
                end += 1
            if end >= len(all_tokens) or _role_word(all_tokens[end]) not in COREFERENT_TITLES:
                continue
            head_word = _role_word(all_tokens[end])
            after = all_tokens[end + 1] if end + 1 < len(all_tokens) else None
            if after is not None and (after.ent_type_ == "PERSON" or after.pos_ == "NOUN"):
                continue  # "the governor Pavlo ..." is a title, "the mayor office" a noun
            start_char, end_char = token.idx, all_tokens[end].idx + len(all_tokens[end].text)
            if article.overlaps_used(start_char, end_char):
                continue
            for person in people_before(start_char):
                roles = " ".join(person.roles).lower()
                if head_word in roles.split() and (not code or person.country_code == code):
                    mention = article.mention(start_char, end_char, "title", 0.7)
                    added.append((person, mention))
                    break
            continue
        # --- "he said", "she warned" ---
        if token.lower_ in ("he", "she") and token.dep_ == "nsubj":
            if token.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            person = _previous_speaker(article, people_before(token.idx), token)
            if person is not None:
                mention = article.mention(token.idx, token.idx + len(token.text), "pronoun", 0.6)
                added.append((person, mention))
    for person, mention in added:
        person.mentions.append(mention)


def _previous_speaker(article: _Article, candidates: list[_Cluster], pronoun) -> _Cluster | None:
    """Return the person a reporting pronoun most likely refers to, or None.

    An unnamed speaker in between ("a senior official said ... he said") blocks the
    link, because the pronoun then refers to someone who is not an actor.
    """
    if not candidates:
        return None
    person = candidates[0]
    last = max(m.start for m in person.mentions if m.start < pronoun.idx)
    if article.sentence_index(pronoun.idx) - article.sentence_index(last) > 3:
        return None
    doc = article.doc
    span = doc.char_span(last, pronoun.idx, alignment_mode="expand")
    if span is None:
        return person
    all_tokens = doc_tokens(doc)
    for token in all_tokens[span.start : span.end]:
        if (
            token.dep_ == "nsubj"
            and token.pos_ == "NOUN"
            and token.head.lemma_.lower() in SPEECH_VERBS
            and token.i < pronoun.i
            and token.sent.start > all_tokens[span.start].sent.start - 1
        ):
            return None
    return person


# --- assembly ---------------------------------------------------------------------


def _actor_key(kind: str, name: str, taken: set[str]) -> str:
    slug = fold_name(name).replace(" ", "-") or "actor"
    key = f"{kind}:{slug}"
    suffix = 2
    while key in taken:
        key = f"{kind}:{slug}-{suffix}"
        suffix += 1
    taken.add(key)
    return key


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        item = _SPACE_RUN.sub(" ", item).strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def _choose_role(roles: list[str]) -> str:
    if not roles:
        return ""
    # The most specific reading wins: "Defence Minister of Russia" over "Minister".
    return max(roles, key=lambda role: (len(role.split()), roles.count(role)))


def _person_confidence(person: _Cluster, role: str) -> float:
    confidence = person.confidence
    if " " in person.full_name:
        confidence = max(confidence, 0.8)
    if role:
        confidence += 0.1
    if len(person.mentions) > 1:
        confidence += 0.05
    return round(min(confidence, 0.98), 2)


def _place_keys_near(article: _Article, mentions: Sequence[Mention]) -> tuple[str, ...]:
    sentences = {mention.sentence_index for mention in mentions}
    keys = []
    for place in article.places:
        if any(m.sentence_index in sentences for m in place.mentions):
            keys.append(place.key)
    return _unique(keys)


def find_actors(
    doc,
    *,
    sentences: Sequence[Sentence],
    places: Sequence[ExtractedPlace],
    gazetteer,
) -> list[ExtractedActor]:
    """Return the people, organisations and states of one article, mentions merged.

    ``doc`` is the spaCy Doc of the cleaned body; ``places`` (from the places step)
    keeps towns from becoming people and supplies "Moscow said"-style agents;
    ``gazetteer`` answers whether a lone capitalised word is a place.
    """
    text = doc_text(doc)
    place_spans = sorted(
        ((m.start, m.end, place) for place in places for m in place.mentions),
        key=lambda item: item[0],
    )
    article = _Article(
        doc=doc,
        text=text,
        sentence_starts=[sentence.start for sentence in sentences] or [0],
        sentences=sentences,
        places=places,
        gazetteer=gazetteer,
        place_spans=place_spans,
    )
    clusters: dict[str, _Cluster] = {}
    _find_known_organisations(article, clusters)
    _find_forces_and_ministries(article, clusters)
    people = _cluster_people(article, _collect_name_spans(article))
    _scan_surnames(article, people)
    surnames = {fold_word(p.surname) for p in people if p.surname}
    _find_other_organisations(article, clusters, surnames)
    _find_states(article, clusters)
    _resolve_titles_and_pronouns(article, people)

    actors: list[ExtractedActor] = []
    taken: set[str] = set()
    ordered = [*people, *clusters.values()]
    ordered.sort(key=lambda c: min((m.start for m in c.mentions), default=len(text)))
    for cluster in ordered:
        if not cluster.mentions:
            continue
        name = cluster.full_name
        mentions = tuple(sorted(cluster.mentions, key=lambda m: m.start))
        role = _choose_role(cluster.roles)
        if cluster.kind == ActorKind.PERSON:
            role = _adviser_role(role, cluster, people)
            confidence = _person_confidence(cluster, role)
            aliases = _unique([name, *cluster.names])
        else:
            confidence = round(cluster.confidence, 2)
            aliases = _unique([name, *cluster.names, *cluster.extra_aliases])
        actors.append(
            ExtractedActor(
                key=_actor_key(cluster.kind, name, taken),
                name=name,
                kind=cluster.kind,
                mentions=mentions,
                aliases=aliases,
                role=role,
                country_code=cluster.country_code,
                confidence=confidence,
                place_keys=_place_keys_near(article, mentions),
            )
        )
    return actors


def _adviser_role(role: str, person: _Cluster, people: list[_Cluster]) -> str:
    """Spell out "Adviser to Y" with Y's own role when Y is a known person."""
    if not person.adviser_to:
        return role
    target = person.adviser_to
    for other in people:
        if other is person:
            continue
        if any(normalise_name(target) == normalise_name(name) for name in other.names) or (
            word_similarity(normalise_name(target).split()[-1] if target else "", other.surname)
            >= 0.9
        ):
            other_role = _choose_role(other.roles)
            target = f"the {other_role}" if other_role else other.full_name
            break
    base = role or "Adviser"
    return f"{base} to {target}"
