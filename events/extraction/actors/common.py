"""Vocabulary and working records shared by the actor finders."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from events.extraction.actors.tables import load_countries, load_media_outlets
from events.extraction.names import (
    fold_name,
    normalise_name,
)
from events.extraction.nlp import doc_tokens, span_tokens
from events.extraction.types import (
    ExtractedPlace,
    Mention,
    Sentence,
)


def _word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``words`` (keeps long lists readable)."""
    return frozenset(words.split())


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
    secretary-general mayor-elect president-elect administrator coordinator marshal
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
# Lower-case words inside a name ("Anna von der Berg", "Omar al Farsi").
NAME_PARTICLES = _word_set("von van der den de du da di dos das del della la le bin ibn al el ter")
# Titles that go with one name as the way the person is known ("Pope X", "King Y").
REGNAL_TITLES = _word_set("pope king queen emperor empress patriarch sultan emir")
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
    join reverse decide vote adopt hold host block veto recall freeze halt suspend
    fire shell bomb bombard pound hit target shoot down intercept destroy kill occupy
    liberate recapture retake advance repel mobilise mobilize exchange swap release free
    """
)
# Nouns that name a firm or body by its kind: "the Russian company X", "X, a firm",
# "the company said". Not "agency": "the news agency X" is an outlet, not an actor.
BODY_KINDS = _word_set(
    """
    company firm group bank lender insurer carrier airline maker carmaker automaker
    manufacturer producer operator retailer conglomerate startup charity party
    militia union
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
# Nouns that introduce a news outlet by name ("the newspaper X", "broadcaster Y").
OUTLET_NOUNS = _word_set(
    "newspaper magazine channel broadcaster outlet daily tabloid website weekly station"
)
# Organisation head words: a multi-word ORG ending in one of these is well-formed.
ORG_HEADS = _word_set(
    """
    ministry department agency council committee commission party group company
    corporation bank institute university office service union organisation organization
    association front movement brigade battalion regiment guard court parliament assembly
    fund foundation authority administration agency army forces navy police church
    alliance federation coalition network centre center bureau board inc ltd corp
    republic system observatory programme program project initiative forum summit
    conference breakfast airline airlines airways railway railways
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


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def _is_media(text: str) -> bool:
    normalised = normalise_name(_strip_article(text))
    if normalised in load_media_outlets():
        return True
    return any(word in MEDIA_WORDS for word in normalised.split())
