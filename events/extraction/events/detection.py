"""Find happenings (strikes, withdrawals, captures, calls, orders...) in one article.

Each sentence is parsed by spaCy; a happening is a *trigger* word whose lemma and
dependency structure fit one event type (``fixtures/event_types.json``), with its
date, places, actors and casualty figures read from the same clause. Finding
(``find_triggers``) is kept apart from assembling the record (``detect_events``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.extraction.events import factuality, figures, salience
from events.extraction.events.figures import parse_quantity
from events.extraction.events.lexicon import (
    AIR_WORDS,
    COMMUNICATION_TYPES,
    EVENT_TYPES,
    MISSILE_WORDS,
    REPORTING_VERBS,
    SHELL_WORDS,
    STANCE_TYPES,
    VERB_TYPES,
    family,
)
from events.extraction.events.reports import drop_duplicates
from events.extraction.events.syntax import (
    blamed_for,
    deps_of,
    forms_of,
    lemma_of,
    object_of,
    of_quantity,
    prep_objects,
    subject_of,
    subtree_forms,
    word_set,
)
from events.extraction.events.titles import doer_label, event_summary, event_title
from events.extraction.events.triggers import (
    find_lexical_triggers,
    hazard_subject,
    met_with_an_answer,
)
from events.extraction.nlp import doc_text, span_tokens, token_children
from events.extraction.types import (
    DatePrecision,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPlace,
    PlaceKind,
    Sentence,
    TemporalExpression,
)

__all__ = [
    "EVENT_TYPES",
    "Trigger",
    "detect_events",
    "find_triggers",
    "parse_quantity",
]


# --- word lists: general English, nothing specific to one conflict -----------------

_SHELLING_VERBS = frozenset({"shell", "bombard", "pound", "blitz"})
_SHELLING_NOUNS = frozenset({"shelling", "bombardment", "barrage", "bombing", "cannonade"})
_ATTACK_VERBS = frozenset({"hit", "strike", "attack", "target", "fire", "rain"})
_ATTACK_NOUNS = frozenset({"attack", "strike", "hit", "raid", "fire", "salvo"})
_AIR_STRIKE_NOUNS = frozenset({"airstrike", "air-strike", "airstrikes"})
_CLASH_VERBS = frozenset({"clash", "battle", "skirmish", "storm", "assault"})
_CLASH_NOUNS = frozenset(
    {"clash", "battle", "fighting", "firefight", "assault", "offensive", "skirmish", "gunfight"}
)
_CIVILIAN_ATTACK_VERBS = frozenset({"massacre", "execute", "abduct", "kidnap", "torture"})
_CIVILIAN_ATTACK_NOUNS = frozenset({"massacre", "execution", "abduction", "atrocity"})
_CIVILIAN_WORDS = frozenset(
    {"civilian", "resident", "villager", "protester", "people", "man", "woman", "child"}
)
_WITHDRAW_VERBS = frozenset({"withdraw", "retreat", "pullout", "evacuate"})
# Phrasal verbs of pulling people out: "pulled its troops back", "drew down embassy staff".
_PULLING_OUT = {
    "pull": ("out", "back"),
    "draw": ("down", "back"),
    "move": ("away", "back"),
    "bring": ("home", "back"),
}
# Where troops stand, though no town: "withdrew troops from the border".
_FRONT_NOUNS = word_set("border frontier front frontline position line")
_WITHDRAW_NOUNS = frozenset({"withdrawal", "retreat", "pullout", "pull-out"})
_CAPTURE_VERBS = frozenset(
    {"capture", "seize", "occupy", "overrun", "take", "enter", "recapture", "retake", "liberate"}
)
_CAPTURE_NOUNS = frozenset({"capture", "seizure", "fall", "takeover", "recapture", "liberation"})
_ANNEX_VERBS = frozenset({"annex", "invade"})
_ANNEX_NOUNS = frozenset({"annexation", "invasion"})
_CALL_VERBS = word_set("urge call ask tell warn appeal order encourage advise instruct beg plead")
_LEAVE_WORDS = frozenset({"leave", "withdraw", "depart", "evacuate", "relocate"})
_EVACUATE_WORDS = frozenset({"evacuate", "evacuation", "leave", "flee", "relocate", "escape"})
_ORDER_VERBS = frozenset({"order", "instruct", "command", "direct", "tell"})
_MUST_WORDS = frozenset({"must", "should", "shall"})
_REPORTING_VERBS = word_set(
    "say tell report claim state announce add declare insist confirm write post warn vow "
    "pledge promise stress reiterate"
)
_STATEMENT_VERBS = frozenset(
    {"say", "declare", "announce", "vow", "pledge", "promise", "insist", "state", "warn", "stress"}
)
_WAR_NOUNS = frozenset(
    {"war", "operation", "offensive", "fighting", "conflict", "campaign", "invasion", "hostility"}
)
_CONTINUE_VERBS = frozenset({"continue", "end", "go", "last", "stop", "proceed"})
_MEET_VERBS = frozenset({"meet", "speak", "talk", "phone", "call", "hold"})
_MEET_NOUNS = frozenset({"meeting", "talks", "summit", "call", "conversation"})
_PHONE_WORDS = frozenset({"phone", "telephone", "video", "videoconference", "videolink"})
_AID_VERBS = word_set(
    "pledge send deliver provide supply give donate promise approve grant ship allocate thank"
)
_AID_NOUNS = word_set(
    "aid assistance support weapon arms ammunition munition equipment package money fund "
    "funding loan grant tank howitzer artillery system missile vehicle drone euro dollar "
    "pound $ € £"
)
_MILITARY_NOUNS = word_set(
    "troop troops force forces army military soldier unit fighter militant rebel "
    "separatist battalion brigade division defender marine commander general personnel "
    "garrison insurgent militia group staff navy"
)
_PLACE_NOUNS = word_set(
    "city town village region province oblast district area settlement capital territory "
    "port base airport county peninsula island hill stronghold outpost hub suburb plant "
    "bridgehead municipality embassy consulate"
)
_LIGHT_VERBS = frozenset(
    {"come", "be", "face", "suffer", "endure", "remain", "carry", "conduct", "launch", "step"}
)
# A trigger under one of these words did not happen (yet): "failed attempt to capture",
# "hoped to launch", "aim of seizing", "whether the army can take".
_UNREAL_WORDS = word_set(
    "attempt try trying fail plan want wanted hope hoped seek aim goal intend threaten "
    "prepare expect likely whether if unless bid close closer stage effort ambition able "
    "unable would could might may can without prevent vow pledge promise need urge ask "
    "order tell call push avoid"
)
_HEDGE_MODALS = frozenset({"would", "could", "might", "may", "can"})

_HARM_WORDS = figures.KILLED_WORDS | figures.INJURED_WORDS | figures.DAMAGE_WORDS
_UNDATED_DAYS_BEFORE = 1  # an undated happening told in the past: on D-1 or D
_SETTING_WORDS = word_set("conference briefing speech address interview meeting summit session")
# Families whose happenings are acts of named parties: a noun of theirs with nobody
# doing it or done to is a topic ("sanctions hurt the economy"), not a happening.
_PARTY_FAMILIES = frozenset(
    {"sanction", "coerce", "agree", "support", "aid", "political_process", "accuse", "reject"}
)
_REPORTED_LATE = frozenset({"assault", "retreat", "disaster", "accident", "crime"})
_SPECIFICITY = {PlaceKind.SITE: 0, PlaceKind.CITY: 1, PlaceKind.REGION: 2, PlaceKind.COUNTRY: 3}


# Nominal happenings that stand on their own without a place or date ("the summit",
# "a news conference"): the words and meetings of the day's news.
# Happenings whose target is often a thing ("a cyber attack took down bank websites"):
# their own date makes them news without a named party.
_AIMED_AT_THINGS = frozenset({"cyberattack"})
_SELF_ANCHORED_FAMILIES = frozenset({"consult", "make_statement"})
# Happenings told from their target's side ("was arrested", "resigned"): a doer may be unsaid.
_SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})
_PEOPLE_NOUNS = word_set("people person resident civilian inhabitant citizen family")
_STAYING_WORDS = word_set("remain stay live leave evacuate flee trap")
_PEOPLE_WINDOW = 3  # the call's sentence and the two after it
_OFFICE_NOUNS = word_set(
    "official officials authority authorities government leader leaders spokesman "
    "spokeswoman spokesperson diplomat diplomats minister ministry administration"
)
_HABITUAL_ADVERBS = word_set("repeatedly often frequently regularly routinely constantly long")
_SPANS_OF_TIME = word_set("day week month year decade")
_ENCIRCLE_VERBS = frozenset({"surround", "encircle"})
_SUFFERED = frozenset({"coerce"})
_ASKING = frozenset({"mobilize", "request"})


@dataclass(frozen=True)
class Trigger:
    """A word that names a happening, found before the record is assembled."""

    event_type: str
    token_index: int  # doc index of the trigger word
    confidence: float
    needs_own_date: bool = False  # background history: only its own date phrase will do
    nominal: bool = False  # a noun ("the shelling"): kept only with an anchor of its own
    action: str = ""  # the word used, for titles ("invade", "annex", "speak")
    lexical: bool = False  # found by the predicate lexicon (``triggers``)


# --- finding triggers --------------------------------------------------------------


def _is_place_like(token, place_token_ids: frozenset[int]) -> bool:
    """Return True when ``token`` names a place: a resolved place or a noun like "town"."""
    if token is None:
        return False
    if any(t.i in place_token_ids for t in token.subtree):
        return True
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return lemma_of(token) in _PLACE_NOUNS


def _names_one_place(token, place_token_ids: frozenset[int]) -> bool:
    """Return True for "Bucha" or "the town", not for "several towns and cities"."""
    if token is None:
        return False
    if token.tag_ in ("NNS",) and not any(t.i in place_token_ids for t in token.subtree):
        return False
    return _is_place_like(token, place_token_ids)


def _is_military(token) -> bool:
    return token is not None and bool(forms_of(token) & _MILITARY_NOUNS)


def _negated(token) -> bool:
    if deps_of(token, "neg"):
        return True
    return token.dep_ in ("xcomp", "conj", "pcomp") and bool(deps_of(token.head, "neg"))


def _unreal(token) -> bool:
    """Return True for a trigger that is hoped, tried, planned or asked, not done."""
    if any(lemma_of(child) in _HEDGE_MODALS for child in deps_of(token, "aux")):
        return True
    if any(child.lower_ in ("if", "whether", "unless") for child in deps_of(token, "mark")):
        return True
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            break
        if current.dep_ in ("ccomp", "parataxis", "relcl", "advcl"):
            # Reported speech and side clauses stand on their own.
            if any(
                child.lower_ in ("if", "whether", "unless") for child in token_children(current)
            ):
                return True
            break
        current = current.head
        if forms_of(current) & _UNREAL_WORDS:
            return True
        # "The first goal of the campaign was to capture the capital."
        if any(forms_of(s) & _UNREAL_WORDS for s in deps_of(current, "nsubj")):
            return True
        if any(lemma_of(child) in _HEDGE_MODALS for child in deps_of(current, "aux")):
            return True
    return False


def _weapon_type(words: set[str], default: str) -> str:
    if words & MISSILE_WORDS:
        return "missile_strike"
    if words & AIR_WORDS:
        return "air_strike"
    if words & SHELL_WORDS:
        return "shelling"
    return default


def _near_words(token) -> set[str]:
    """Return the words that qualify a trigger: its modifiers and its subject's phrase."""
    words: set[str] = set()
    for child in token_children(token):
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            words |= forms_of(child)
    if token.pos_ in ("VERB", "AUX"):
        subject = subject_of(token)
        if subject is not None:
            words |= subtree_forms(subject)
        for pobj in prep_objects(token, "with"):
            words |= subtree_forms(pobj)
        obj = object_of(token)
        if obj is not None and lemma_of(token) == "fire":
            words |= subtree_forms(obj)
    return words


def _violence_trigger(token, place_ids: frozenset[int]) -> Trigger | None:
    lemma, lower = lemma_of(token), token.lower_
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if is_verb and lemma in _SHELLING_VERBS:
        return Trigger("shelling", token.i, 0.7, action="shell")
    if is_noun and (lemma in _SHELLING_NOUNS or lower in _SHELLING_NOUNS):
        kind = _weapon_type(_near_words(token), "shelling")
        return Trigger(kind, token.i, 0.65, nominal=True, action="shelling")
    if is_noun and (lemma in _AIR_STRIKE_NOUNS or lower in _AIR_STRIKE_NOUNS):
        return Trigger("air_strike", token.i, 0.7, nominal=True, action="strike")
    if lemma in _ATTACK_NOUNS | _ATTACK_VERBS and _by_computer(token, is_verb):
        return None  # "a cyber attack on banks", "hackers targeted": the lexicon's cyberattack
    if is_noun and lemma in _ATTACK_NOUNS:
        words = _near_words(token)
        if lemma == "raid" and not words & {"air", "drone", "aerial"}:
            return None
        kind = _weapon_type(words, "")
        if kind:
            return Trigger(kind, token.i, 0.7, nominal=True, action="strike")
        if lemma in ("attack", "strike") and prep_objects(token, "on", "against"):
            # "a strike on <town>" is a military one: a labour strike is "at" a workplace
            targets = prep_objects(token, "on", "against")
            if any(_is_place_like(t, place_ids) for t in targets):
                return Trigger("shelling", token.i, 0.45, nominal=True, action=lemma)
            if any(forms_of(t) & _CIVILIAN_WORDS for t in targets):
                return Trigger("attack_on_civilians", token.i, 0.5, nominal=True, action="attack")
        return None
    if is_verb and lemma in _ATTACK_VERBS:
        words = _near_words(token)
        kind = _weapon_type(words, "")
        obj = object_of(token)
        targets = [obj] if obj is not None else []
        targets += prep_objects(token, "at", "on", "toward", "towards", "across", "into")
        hits_place = any(_names_one_place(t, place_ids) for t in targets)
        fired_weapons = obj is not None and bool(_weapon_type(subtree_forms(obj), ""))
        if kind and (hits_place or lemma != "fire" or fired_weapons):
            return Trigger(kind, token.i, 0.7, action="strike")
        if lemma in ("attack", "strike", "hit", "target") and hits_place:
            return Trigger("shelling", token.i, 0.45, action="attack")
        if lemma == "attack" and any(forms_of(t) & _CIVILIAN_WORDS for t in targets):
            return Trigger("attack_on_civilians", token.i, 0.5, action=lemma)
        return None
    if is_verb and lemma in _CIVILIAN_ATTACK_VERBS:
        obj = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        if obj is not None and forms_of(obj) & _CIVILIAN_WORDS:
            return Trigger("attack_on_civilians", token.i, 0.6, action=lemma)
        return None
    if is_noun and lemma in _CIVILIAN_ATTACK_NOUNS:
        return Trigger("attack_on_civilians", token.i, 0.55, nominal=True, action=lemma)
    if is_verb and lemma in _CLASH_VERBS:
        return Trigger("armed_clash", token.i, 0.5, action=lemma)
    if is_noun and lemma in _CLASH_NOUNS and lemma_of(token.head) not in ("counter",):
        return Trigger("armed_clash", token.i, 0.45, nominal=True, action=lemma)
    return None


def _territory_trigger(token, place_ids: frozenset[int]) -> list[Trigger]:
    lemma = lemma_of(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    found: list[Trigger] = []
    if is_verb and (lemma in _WITHDRAW_VERBS or _particle(token, _PULLING_OUT.get(lemma, ()))):
        if lemma == "evacuate" and not _is_military(object_of(token)):
            return found  # "evacuate residents" is an evacuation, not a retreat
        # "pulled out of X", "moved troops away from X", "drew forces back from X"
        particles = [c for c in token_children(token) if c.lower_ in ("out", "away", "back")]
        sources = prep_objects(token, "from", "out") + [
            pobj for particle in particles for pobj in prep_objects(particle, "of", "from")
        ]
        obj = of_quantity(object_of(token))
        subject = subject_of(token)
        military = (
            _is_military(obj)
            or _is_military(subject)
            or any(_is_military(t) for t in deps_of(token, "nsubjpass"))
        )
        from_place = any(
            _is_place_like(t, place_ids) or lemma_of(t) in _FRONT_NOUNS for t in sources
        )
        if sources and not from_place:
            return found  # "withdraw from the treaty"
        if military or from_place:
            found.append(Trigger("withdrawal", token.i, 0.7, action="withdraw"))
    elif is_noun and lemma in _WITHDRAW_NOUNS:
        found.append(Trigger("withdrawal", token.i, 0.6, nominal=True, action="withdraw"))
    if is_verb and lemma in _CAPTURE_VERBS:
        obj = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        if obj is not None and lemma_of(obj) == "control":
            controlled = prep_objects(obj, "of", "over")
            if controlled and any(_is_place_like(t, place_ids) for t in controlled):
                found.append(Trigger("capture", token.i, 0.65, action="take control of"))
        elif _names_one_place(obj, place_ids):
            if lemma == "enter" and not _is_military(subject_of(token)):
                return found
            head_is_place = (
                obj.i in place_ids
                or obj.ent_type_ in ("GPE", "LOC", "FAC")
                or lemma_of(obj) in _PLACE_NOUNS
            )
            if lemma == "take" and not head_is_place:
                return found  # "took their toll on the country's economy"
            confidence = 0.55 if lemma in ("take", "enter") else 0.7
            found.append(Trigger("capture", token.i, confidence, action=lemma))
    elif is_verb and lemma in _ENCIRCLE_VERBS:
        # "surrounded 2,000 troops in the town": a siege of soldiers held in one place
        obj = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        if obj is not None and _is_military(obj):
            around = prep_objects(token, "in", "near", "around") + prep_objects(
                obj, "in", "near", "around"
            )
            if any(_is_place_like(t, place_ids) for t in around):
                found.append(Trigger("capture", token.i, 0.55, action="encircle"))
    elif is_verb and lemma == "fall":
        subject = subject_of(token)
        if _is_place_like(subject, place_ids) and prep_objects(token, "to", "into"):
            found.append(Trigger("capture", token.i, 0.6, action="fall"))
    elif is_noun and lemma in _CAPTURE_NOUNS:
        owners = prep_objects(token, "of") + deps_of(token, "poss")
        if any(_is_place_like(t, place_ids) for t in owners):
            found.append(Trigger("capture", token.i, 0.6, nominal=True, action=lemma))
    if lemma in ("claim", "declare", "announce", "proclaim") and is_verb:
        obj = object_of(token)
        if obj is not None and lemma_of(obj) == "control":
            found.append(Trigger("territorial_claim", token.i, 0.7, action="claim control of"))
        elif obj is not None and lemma_of(obj) == "victory":
            won = prep_objects(token, "in", "over") + prep_objects(obj, "in", "over", "at")
            if won:
                found.append(Trigger("territorial_claim", token.i, 0.6, action="claim victory in"))
    if is_noun and lemma == "control" and prep_objects(token, "of", "over"):
        # "...said the capture put Moscow in control of all of the province"
        head = token.head
        if head.lower_ == "in" and _reporting_ancestor(token) is not None:
            found.append(Trigger("territorial_claim", token.i, 0.5, action="claim control of"))
    if is_verb and lemma in _ANNEX_VERBS:
        found.append(Trigger("annexation", token.i, 0.75, needs_own_date=True, action=lemma))
    elif is_noun and lemma in _ANNEX_NOUNS:
        action = "invade" if lemma == "invasion" else "annex"
        found.append(
            Trigger("annexation", token.i, 0.6, needs_own_date=True, nominal=True, action=action)
        )
    elif is_verb and lemma in ("launch", "begin", "start"):
        obj = object_of(token)
        if obj is not None and (
            lemma_of(obj) == "invasion"
            or (lemma_of(obj) == "operation" and "military" in subtree_forms(obj))
        ):
            found.append(Trigger("annexation", token.i, 0.7, needs_own_date=True, action="launch"))
    return found


_CYBER_WORDS = word_set("cyber ddos hacker hacking malware ransomware denial-of-service")


def _by_computer(token, is_verb: bool) -> bool:
    """Say whether an attack is made through computers: "cyber attacks", "hackers hit"."""
    noun = subject_of(token) if is_verb else token
    if noun is None:
        return False
    named = [noun, *deps_of(noun, "amod", "compound")]
    return any(forms_of(word) & _CYBER_WORDS for word in named)


def _particle(token, particles=("out", "back")) -> bool:
    # "pulled out of the town" parses "out" as a preposition, "pulled back" as an adverb
    return any(child.lower_ in particles for child in deps_of(token, "prt", "advmod", "prep"))


def _reporting_ancestor(token):
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB" and lemma_of(current) in _REPORTING_VERBS:
            return current
    return None


def _political_trigger(token, place_ids: frozenset[int]) -> Trigger | None:
    lemma = lemma_of(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if is_verb and lemma in _CALL_VERBS:
        obj = object_of(token) or next(iter(prep_objects(token, "on", "upon", "for")), None)
        complements = deps_of(token, "xcomp", "ccomp", "dobj") + prep_objects(token, "for")
        asked = {word for c in complements for word in subtree_forms(c)}
        if lemma in _ORDER_VERBS and asked & _LEAVE_WORDS and _is_military(of_quantity(obj)):
            # "ordered its embassy staff to leave": a sender pulling its own people out
            return Trigger("withdrawal", token.i, 0.7, action="withdraw")
        if asked & _EVACUATE_WORDS and not _is_military(obj):
            return Trigger("evacuation_call", token.i, 0.7, action="urge")
        complemented = bool(deps_of(token, "xcomp") or deps_of(token, "ccomp"))
        ordered = [obj, *deps_of(token, "nsubjpass")]
        if lemma in _ORDER_VERBS and complemented and any(_is_military(t) for t in ordered):
            return Trigger("order", token.i, 0.7, action="order")
        return None
    if is_noun and lemma == "call" and prep_objects(token, "for"):
        asked = {w for c in prep_objects(token, "for") for w in subtree_forms(c)}
        if asked & _EVACUATE_WORDS:
            return Trigger("evacuation_call", token.i, 0.5, nominal=True, action="urge")
    if is_verb and lemma in _STATEMENT_VERBS:
        for clause in deps_of(token, "ccomp"):
            subject = subject_of(clause)
            verbs = [clause, *deps_of(clause, "xcomp")]
            if subject is None:
                continue
            hedged = any(
                lemma_of(c) in ("certainly", "likely", "probably", "possibly", "perhaps")
                for v in verbs
                for c in v.subtree
                if c.dep_ == "advmod"
            )
            if (
                lemma_of(subject) in _WAR_NOUNS
                and any(lemma_of(v) in _CONTINUE_VERBS for v in verbs)
                and not hedged
            ):
                return Trigger("statement", token.i, 0.7, action="say")
            # "declared that forces should continue to advance": an order given in words.
            modals = {lemma_of(c) for v in verbs for c in deps_of(v, "aux")}
            if _is_military(subject) and modals & _MUST_WORDS:
                return Trigger("order", token.i, 0.55, action="order")
    if is_verb and lemma in _MEET_VERBS:
        partners = prep_objects(token, "with")
        by_phone = any(
            lemma_of(t) in _PHONE_WORDS for t in prep_objects(token, "by", "on", "via", "over")
        )
        if met_with_an_answer(token):
            return None
        if lemma == "meet" and (partners or object_of(token) is not None):
            return Trigger("meeting", token.i, 0.65, action="meet")
        if lemma in ("speak", "talk", "phone", "call") and by_phone:
            return Trigger("phone_call", token.i, 0.7, action="speak by phone with")
        if (
            lemma == "hold"
            and object_of(token) is not None
            and lemma_of(object_of(token)) == "talk"
        ):
            return Trigger("meeting", token.i, 0.6, action="hold talks with")
        return None
    if is_noun and (lemma in _MEET_NOUNS or token.lower_ in _MEET_NOUNS):
        partners = prep_objects(token, "between", "with")
        if lemma == "call" and not any(lemma_of(c) in _PHONE_WORDS for c in token_children(token)):
            return None
        if partners:
            return Trigger("meeting", token.i, 0.55, nominal=True, action="meet")
        return None
    if is_verb and lemma in _AID_VERBS:
        given = [object_of(token)] if object_of(token) is not None else []
        if lemma == "thank":
            given = prep_objects(token, "for")
        words = {w for t in given for w in subtree_forms(t)}
        if words & _AID_NOUNS and not any(_is_military(t) for t in given):
            return Trigger("aid_package", token.i, 0.6 if lemma != "thank" else 0.5, action=lemma)
    return None


def find_triggers(span, place_token_ids: frozenset[int] = frozenset()) -> list[Trigger]:
    """Return the happenings named in one parsed sentence that really took place.

    ``place_token_ids`` are doc indices of tokens inside resolved place names; they
    let "hit Mariupol" count as a strike when the parser missed the entity.
    """
    found: list[Trigger] = []
    seen: set[int] = set()
    for token in span_tokens(span):
        if token.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        if token.pos_ == "VERB" and token.is_title and token.i != token.sent.start:
            seen.add(token.i)  # "on Meet the Press": a verb inside a name or title
            continue
        candidates: list[Trigger] = []
        # A hazard's doing is no attack; asked only of the few words that name one, since
        # finding a word's subject for every noun and verb was a tenth of this loop.
        violence = _violence_trigger(token, place_token_ids)
        if violence is not None and hazard_subject(token):
            violence = None
        if violence is not None:
            candidates.append(violence)
        candidates.extend(_territory_trigger(token, place_token_ids))
        political = _political_trigger(token, place_token_ids)
        if political is not None:
            candidates.append(political)
        if not candidates:
            continue
        seen.add(token.i)
        if _negated(token):
            continue
        found.extend(c for c in candidates if not _unreal(token) and _factual(token, c.event_type))
    for lexical in find_lexical_triggers(span, frozenset(seen)):
        if not _factual(span.doc[lexical.token_index], lexical.event_type):
            continue
        found.append(
            Trigger(
                lexical.event_type,
                lexical.token_index,
                lexical.confidence,
                nominal=lexical.nominal,
                action=lexical.action,
                lexical=True,
            )
        )
    return _stances_of_documents(span.doc, _words_giving_way_to_deeds(span.doc, found))


def _stances_of_documents(doc, found: list[Trigger]) -> list[Trigger]:
    """Drop a stance that is what a document found here says: one happening, not two.

    "The council passed a resolution demanding a withdrawal": the vote is the news, and
    the demand is its resolution's content.
    """
    at = {t.token_index for t in found if t.event_type not in COMMUNICATION_TYPES}
    kept = []
    for trigger in found:
        token = doc[trigger.token_index]
        document = token.head
        if (
            trigger.event_type in _POSITIONS
            and token.dep_ == "acl"
            and document.dep_ in ("dobj", "nsubjpass")
            and document.head.i in at
        ):
            continue
        kept.append(trigger)
    return kept


# Reports of words that give way to the deed they report; a denial never does.
_GIVING_WAY = COMMUNICATION_TYPES - {"rejection"}


def _words_giving_way_to_deeds(doc, found: list[Trigger]) -> list[Trigger]:
    """Drop a report of words whose content is itself a happening found here.

    "The ministry said 3,000 troops will deploy": the news is the deployment, with the
    ministry as its source, not a second record of the ministry speaking.
    """
    deeds = {t.token_index for t in found if t.event_type not in COMMUNICATION_TYPES}
    kept = []
    for trigger in found:
        if trigger.event_type in _GIVING_WAY and deeds:
            # the reported clause's own verb ("said troops will deploy"), not a deed
            # named in passing ("would stop selling to countries that imposed caps")
            said = {
                t.i
                for clause in deps_of(doc[trigger.token_index], "ccomp")
                for t in (clause, *deps_of(clause, "xcomp", "conj"))
            }
            if said & deeds:
                continue
        kept.append(trigger)
    return kept


def _factual(token, event_type: str) -> bool:
    """Return True for a trigger reported as having happened (or as announced)."""
    decision = event_type in factuality.DECISION_TYPES
    return not (
        factuality.negated(token)
        or factuality.unreal(token, decision=decision)
        or factuality.pluperfect_background(token)
        or factuality.under_since(token)
    )


# --- assembling records ------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """A resolved place or actor mention tied to the token that heads it."""

    key: str
    token_index: int
    sentence_index: int


class _Article:
    """Indexes built once per article: sentence spans, mention heads, date phrases."""

    def __init__(
        self,
        doc,
        sentences: Sequence[Sentence],
        actors: Sequence[ExtractedActor],
        places: Sequence[ExtractedPlace],
        temporal: Sequence[TemporalExpression],
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.sentences = list(sentences)
        self.places = {place.key: place for place in places}
        self.actors = {actor.key: actor for actor in actors}
        self.place_anchors = self._anchors((p.key, p.mentions) for p in places)
        self.actor_anchors = self._anchors((a.key, a.mentions) for a in actors)
        self.temporal_by_sentence: dict[int, list[tuple[TemporalExpression, int]]] = {}
        for expression in temporal:
            index = self.sentence_of(expression.start)
            token = self._head_token(expression.start, expression.end)
            if index is not None and token is not None and expression.value is not None:
                self.temporal_by_sentence.setdefault(index, []).append((expression, token))

    def sentence_of(self, offset: int) -> int | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence.index
        return None

    def _head_token(self, start: int, end: int) -> int | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return None if span is None or len(span) == 0 else span.root.i

    def _anchors(self, keyed_mentions) -> dict[int, list[_Anchor]]:
        by_sentence: dict[int, list[_Anchor]] = {}
        for key, mentions in keyed_mentions:
            for mention in mentions:
                token = self._head_token(mention.start, mention.end)
                if token is None:
                    continue
                index = mention.sentence_index
                by_sentence.setdefault(index, []).append(_Anchor(key, token, index))
        return by_sentence

    def span(self, sentence: Sentence):
        return self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")

    def starts_paragraph(self, sentence: Sentence) -> bool:
        if sentence.index == 0:
            return True
        previous = self.sentences[sentence.index - 1]
        between = self.text[previous.start : sentence.start]
        gap = between[len(between.rstrip()) :]
        if "\n\n" in self.text:
            return "\n\n" in gap
        return "\n" in gap

    def main_place(self, sentence_index: int) -> str | None:
        anchors = self.place_anchors.get(sentence_index, [])
        if not anchors:
            return None
        best = min(anchors, key=lambda a: (self.specificity(a.key), a.token_index))
        return best.key

    def specificity(self, key: str) -> int:
        return _SPECIFICITY.get(self.places[key].entry.kind, 2)


def _scope(trigger_token) -> set[int]:
    """Return the doc indices of the clause that belongs to a trigger."""
    own = {t.i for t in trigger_token.subtree}
    for child in token_children(trigger_token):
        if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") and child.pos_ in (
            "VERB",
            "AUX",
        ):
            own -= {t.i for t in child.subtree}
    # "passed a resolution demanding a withdrawal from X": X is the demand's, not the vote's.
    for inner in trigger_token.subtree:
        if inner.dep_ in ("acl", "relcl") and inner.i != trigger_token.i and _judging(inner):
            own -= {t.i for t in inner.subtree}
    head = trigger_token.head
    # "X came under bombardment", "X suffered an attack": the place is the light verb's subject.
    if trigger_token.pos_ in ("NOUN", "PROPN"):
        verb = head.head if head.dep_ == "prep" else head
        if lemma_of(verb) in _LIGHT_VERBS and verb.pos_ in ("VERB", "AUX"):
            for subject in deps_of(verb, "nsubj", "nsubjpass"):
                own |= {t.i for t in subject.subtree}
            own |= {t.i for child in deps_of(verb, "prep") for t in child.subtree}
    # "An earthquake hit the coast", "a wildfire destroyed homes": the verb's clause.
    if trigger_token.pos_ in ("NOUN", "PROPN") and trigger_token.dep_ in ("nsubj", "nsubjpass"):
        own |= {t.i for t in head.subtree} - {
            t.i
            for child in token_children(head)
            if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj")
            for t in child.subtree
        }
    # "Crimea, which Moscow annexed": the antecedent is the relative pronoun's place.
    if trigger_token.dep_ == "relcl" and any(
        child.tag_ in ("WDT", "WP") for child in token_children(trigger_token)
    ):
        antecedent = head
        # "Crimea to the south, which ...": the clause hangs on the direction word.
        while antecedent.dep_ == "pobj" and antecedent.head.head.pos_ == "PROPN":
            antecedent = antecedent.head.head
        own |= {t.i for t in antecedent.subtree} - {t.i for t in trigger_token.subtree}
    # "people were killed in a strike on Tuesday": the casualty clause is the strike's.
    if (
        trigger_token.pos_ in ("NOUN", "PROPN")
        and head.dep_ == "prep"
        and head.lower_ in ("in", "by", "during")
        and forms_of(head.head)
        & (figures.KILLED_WORDS | figures.INJURED_WORDS | figures.DAMAGE_WORDS)
    ):
        own |= {t.i for t in head.head.subtree}
    # A shared subject of coordinated verbs ("troops entered X and occupied it").
    if trigger_token.dep_ in ("conj", "xcomp"):
        for subject in deps_of(head, "nsubj", "nsubjpass"):
            own |= {t.i for t in subject.subtree}
    return own


def _tree_distance(doc, first: int, second: int) -> int:
    def chain(index: int) -> list[int]:
        path = [index]
        token = doc[index]
        while token.head.i != token.i and len(path) < 40:
            token = token.head
            path.append(token.i)
        return path

    first_chain, second_chain = chain(first), chain(second)
    positions = {index: depth for depth, index in enumerate(first_chain)}
    for depth, index in enumerate(second_chain):
        if index in positions:
            return depth + positions[index]
    return len(first_chain) + len(second_chain) + 10


def _pick_date(
    article: _Article,
    trigger: Trigger,
    sentence: Sentence,
    published_on: dt.date | None,
) -> tuple[dt.date | None, dt.date | None, str, bool, int | None] | None:
    """Return (start, end, precision, explicit, date token) for a trigger, or None to drop it."""
    candidates = []
    trigger_token = article.doc[trigger.token_index]
    reported = set()
    if trigger.event_type in COMMUNICATION_TYPES:
        # "said Russia created it in 2014": the year is the words', not the saying's
        reported = {t.i for clause in deps_of(trigger_token, "ccomp") for t in clause.subtree}
    for expression, token_index in article.temporal_by_sentence.get(sentence.index, []):
        if token_index in reported:
            continue
        before = article.text[max(0, expression.start - 8) : expression.start].lower().split()
        if before and before[-1] in ("since", "until", "till", "before", "by"):
            continue  # a bound, not the day it happened
        dated = article.doc[token_index]
        if dated.dep_ == "poss" and dated.head.i != trigger.token_index:
            continue  # "speaking of last week's meeting, she said": the meeting's date
        if (
            published_on is not None
            and expression.value is not None
            and expression.value > published_on + dt.timedelta(days=1)
        ):
            continue
        distance = _tree_distance(article.doc, trigger.token_index, token_index)
        candidates.append(
            (distance, abs(token_index - trigger.token_index), expression, token_index)
        )
    if candidates:
        expression = min(candidates, key=lambda c: (c[0], c[1]))[2]
        _, _, expression, token_index = min(candidates, key=lambda c: (c[0], c[1]))
        if not trigger.needs_own_date and factuality.is_background_date(
            expression.value, expression.precision, published_on
        ):
            return None  # "in 2014", "last year": history the article recalls
        end = expression.end_value or expression.value
        return expression.value, end, expression.precision, True, token_index
    if trigger.needs_own_date:
        return None
    if published_on is None:
        return None, None, DatePrecision.YEAR, False, None
    # No date of its own: week precision says the date is the article's, not the
    # sentence's. Strikes, fighting and disasters told in the past tense ("shelled",
    # "was killed") reach the news a day late: they start the day before the report.
    # Words, meetings and decisions are reported the day they happen, and anything told
    # in the present or present perfect ("says", "has resigned") is the report's day.
    lagging = family(trigger.event_type) in _REPORTED_LATE
    past = lagging and _told_in_past(article.doc[trigger.token_index])
    days_before = _UNDATED_DAYS_BEFORE if past else 0
    start = published_on - dt.timedelta(days=days_before)
    return start, published_on, DatePrecision.WEEK, False, None


def _told_in_past(token) -> bool:
    """Return True when the clause of a trigger is in the simple past ("struck", "met")."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    auxiliaries = deps_of(verb, "aux", "auxpass")
    if any(lemma_of(a) == "have" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return False  # present perfect: "has collapsed"
    if any(a.tag_ == "VBD" for a in auxiliaries):
        return True  # "was killed", "did strike"
    return verb.tag_ == "VBD"


def _acts_as_actor(place_token, trigger_token) -> bool:
    """Return True for a place named as a doer ("Paris said", "Spain's attempts")."""
    if place_token.dep_ == "poss":
        return lemma_of(place_token.head) not in _PLACE_NOUNS
    if place_token.dep_ in ("compound", "amod") and (
        lemma_of(place_token.head) in _OFFICE_NOUNS or _is_military(place_token.head)
    ):
        # "Moscow officials said", "deployed U.S. troops": people, not a place
        return True
    if place_token.dep_ in ("nsubj", "agent") or (
        place_token.head.dep_ == "agent" and place_token.dep_ == "pobj"
    ):
        verb = place_token.head
        light = lemma_of(verb) in _LIGHT_VERBS and verb.i != trigger_token.i
        return not light
    return False


def _venue(place_token, trigger_token) -> bool:
    """Return True for a place where words were said: "said in X", "a briefing in X"."""
    current = place_token
    while current.dep_ in ("compound", "amod", "appos") and current.head.i != current.i:
        current = current.head
    if current.dep_ != "pobj" or current.head.lower_ not in ("in", "at", "from"):
        return False
    holder = current.head.head
    if holder.i == trigger_token.i:
        return True
    return (
        holder.pos_ == "NOUN"
        and holder.head.i in (trigger_token.i, trigger_token.head.i)
        and (lemma_of(holder) in _SETTING_WORDS)
    )


def _pick_places(
    article: _Article, trigger: Trigger, sentence: Sentence, scope: set[int]
) -> tuple[tuple[str, ...], bool]:
    """Return the place keys of a trigger and whether they were named with it."""
    token = article.doc[trigger.token_index]
    anchors = [
        a
        for a in article.place_anchors.get(sentence.index, [])
        if not _acts_as_actor(article.doc[a.token_index], token)
    ]
    attached = [a.key for a in anchors if a.token_index in scope]
    if trigger.event_type in COMMUNICATION_TYPES:
        # Words happen where they are said ("told a news conference in Minsk"), not in
        # the places their speaker or their subject are tied to.
        attached = [a.key for a in anchors if _venue(article.doc[a.token_index], token)]
    if token.dep_ == "relcl":
        # "...with X to the south, which ... annexed": the nearest place before the clause.
        before = [a for a in anchors if a.token_index < token.i and a.key not in attached]
        if before and not any(article.places[k].entry.kind != PlaceKind.COUNTRY for k in attached):
            attached.insert(0, max(before, key=lambda a: a.token_index).key)
    # Words happen where they are said: the places they talk about are not theirs.
    spoken = trigger.event_type in COMMUNICATION_TYPES
    if not attached and not trigger.nominal and not spoken:
        # a place of the sentence, unless another clause holds it ("fears in X grew")
        line = {token.i} | {t.i for t in token.ancestors}
        blamed = blamed_for(token)
        doer = {t.i for t in blamed.subtree} if blamed is not None else set()
        attached = [
            a.key
            for a in anchors
            if _clause_verb(article.doc[a.token_index]) in line and a.token_index not in doer
        ]
    if attached:
        keys = list(dict.fromkeys(attached))
        specific = [k for k in keys if article.places[k].entry.kind != PlaceKind.COUNTRY]
        if specific and len(specific) < len(keys):
            # "in the east of <country>": keep the country only when nothing finer is named.
            keys = specific
        return tuple(keys), True
    if not article.starts_paragraph(sentence) and not trigger.nominal and not spoken:
        inherited = article.main_place(sentence.index - 1)
        if inherited:
            return (inherited,), False
    if not spoken and _points_back_to_a_place(token, scope) and sentence.index > 0:
        # "warned residents of the area to flee": the area named just before, finer
        # than a country (an area is part of one)
        for back in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
            inherited = article.main_place(back)
            if inherited and article.places[inherited].entry.kind != PlaceKind.COUNTRY:
                return (inherited,), False
    return (), False


def _clause_verb(token) -> int | None:
    """Return the index of the verb whose clause holds ``token``, or None at the root."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.i
    return None


def _points_back_to_a_place(token, scope: set[int]) -> bool:
    """Return True when the clause names "the area", "the city", "the region" unnamed."""
    doc = token.doc
    for index in scope:
        word = doc[index]
        if (
            lemma_of(word) in _PLACE_NOUNS
            and word.tag_ in ("NN",)
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in word.children)
            and not any(c.dep_ in ("prep", "compound", "amod", "appos") for c in word.children)
        ):
            return True
    return False


def _judging(verb) -> bool:
    """Say whether a verb judges or reports a deed ("condemned the attack"), not does it."""
    lemma = lemma_of(verb)
    return lemma in REPORTING_VERBS or VERB_TYPES.get(lemma) in STANCE_TYPES


def _pick_actors(
    article: _Article, trigger: Trigger, sentence: Sentence
) -> tuple[tuple[str, str], ...]:
    token = article.doc[trigger.token_index]
    initiators: set[int] = set()
    targets: set[int] = set()
    if token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is not None and subject.dep_ != "nsubjpass":
            initiators |= {t.i for t in subject.subtree}
            speaker = _speaker_of_pronoun(token, subject) or _antecedent_in_sentence(token, subject)
            if speaker is not None:
                initiators |= {t.i for t in speaker.subtree}
        blamed = blamed_for(token)
        if subject is None and blamed is not None:
            # "criticised Arland for deploying troops": Arland deployed them
            initiators |= {t.i for t in blamed.subtree}
        if deps_of(token, "nsubjpass", "auxpass"):
            for agent in prep_objects(token, "by"):
                initiators |= {t.i for t in agent.subtree}
        passive = deps_of(token, "nsubjpass")
        receivers = [object_of(token), *passive, *prep_objects(token, "on", "against", "at", "to")]
        deployed = object_of(token)
        if (
            family(trigger.event_type) == "mobilize"
            and deployed is not None
            and subtree_forms(deployed) & _MILITARY_NOUNS
        ):
            receivers.remove(deployed)  # the troops deployed are the doer's own
        if trigger.event_type == "withdrawal":
            initiators |= {t.i for p in passive for t in p.subtree}
            receivers = [r for r in receivers if r not in passive]
        if trigger.event_type in ("meeting", "phone_call"):
            # "spoke by phone with X" hangs "with" under "phone" as often as under the verb.
            receivers += prep_objects(token, "with")
            for medium in prep_objects(token, "by", "on", "via", "over"):
                receivers += prep_objects(medium, "with")
        for receiver in receivers:
            if receiver is not None:
                targets |= _phrase(receiver)
        if trigger.action == "thank":  # the thanked party gave the aid
            initiators, targets = targets, initiators
    else:
        for child in token_children(token):
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                initiators |= {t.i for t in child.subtree}
                antecedent = _antecedent_in_sentence(token, child)
                if antecedent is not None:  # "in his speech, X said": X spoke
                    initiators |= {t.i for t in antecedent.subtree}
        for receiver in prep_objects(token, "of", "on", "against", "between", "with"):
            targets |= {t.i for t in receiver.subtree}
        if not initiators:
            # "Smith, in a speech, said...", "the ministers held talks": the clause's subject.
            verb = token.head.head if token.dep_ == "pobj" else token.head
            setting = token.dep_ != "pobj" or token.head.lower_ in ("in", "at", "during", "on")
            if (
                setting
                and token.dep_ in ("pobj", "dobj", "attr")
                and verb.pos_ in ("VERB", "AUX")
                and not (token.dep_ == "dobj" and _judging(verb))
            ):
                subject = subject_of(verb)
                if subject is not None and subject.dep_ != "nsubjpass":
                    subject = _antecedent_in_sentence(verb, subject) or subject
                    initiators |= {t.i for t in subject.subtree}
    targets -= initiators  # one entity is never both the doer and the one done to
    roles: dict[str, str] = {}
    rank = {"initiator": 0, "target": 1, "other": 2}
    for anchor in article.actor_anchors.get(sentence.index, []):
        if _stance_prefixed(article.doc[anchor.token_index]):
            role = "other"  # "the pro-EU prime minister": a leaning, not a party
        elif anchor.token_index in initiators:
            role = "initiator"
        elif anchor.token_index in targets:
            role = "target"
        else:
            role = "other"
        if anchor.key not in roles or rank[role] < rank[roles[anchor.key]]:
            roles[anchor.key] = role
    return tuple(sorted(roles.items(), key=lambda item: (rank[item[1]], item[0])))


def _phrase(token) -> set[int]:
    """Return a noun phrase's indices without its clauses ("dissidents who criticise X")."""
    own = {t.i for t in token.subtree}
    for inner in token.subtree:
        if inner.dep_ in ("relcl", "acl") and inner.i != token.i:
            own -= {t.i for t in inner.subtree}
    return own


def _speaker_of_pronoun(verb, subject):
    """Return who "it" or "we" is in "the airline said it would stop flying": the speaker.

    Only a first- or third-person pronoun heading the clause a reporting verb introduces
    stands for that verb's own subject; None otherwise.
    """
    if subject.pos_ != "PRON" or subject.lower_ not in _SPEAKER_PRONOUNS:
        return None
    if verb.dep_ != "ccomp":
        return None
    reporting = verb.head
    if reporting.pos_ != "VERB" or lemma_of(reporting) not in _REPORTING_VERBS:
        return None
    speaker = subject_of(reporting)
    if speaker is None or speaker.pos_ == "PRON" or speaker.dep_ == "nsubjpass":
        return None
    return speaker


_ANAPHORS = frozenset({"he", "she", "his", "her", "they", "their", "it", "its"})


def _antecedent_in_sentence(token, pronoun):
    """Return who "he" or "his" stands for when the sentence's main clause names them.

    "X compared the tanks to invaders as he addressed the nation": the pronoun of a clause
    hanging from another (adverbial, conjoined, a noun's owner) is that clause's subject
    when it is a name. None for anything else: a pronoun reaching back to an earlier
    sentence is left to the actors step.
    """
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in _ANAPHORS:
        return None
    governor = token
    for _ in range(4):
        if governor.head.i == governor.i:
            return None
        governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            subject = subject_of(governor)
            if subject is not None and subject.i != pronoun.i:
                if subject.pos_ == "PRON" or subject.dep_ == "nsubjpass":
                    return None
                return subject if subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") else None
    return None


def _stance_prefixed(token) -> bool:
    """Return True for "pro-EU", "anti-Kremlin": a name inside a word of leaning."""
    doc = token.doc
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    return (
        token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in ("pro", "anti", "non", "post")
    )


def _assemble(
    article: _Article,
    trigger: Trigger,
    sentence: Sentence,
    published_on: dt.date | None,
) -> ExtractedEvent | None:
    token = article.doc[trigger.token_index]
    line_start = article.text.rfind("\n", 0, token.idx) + 1
    line_end = article.text.find("\n", token.idx)
    line = article.text[line_start : line_end if line_end >= 0 else len(article.text)]
    if factuality.is_shouted(sentence.text) or factuality.is_shouted(line):
        return None  # a teaser of another story, in capitals
    scope = _scope(token)
    date = _pick_date(article, trigger, sentence, published_on)
    if date is None:
        return None
    start_date, end_date, precision, explicit_date, date_token = date
    place_keys, named_place = _pick_places(article, trigger, sentence, scope)
    span = article.span(sentence)
    skipped = [(e.start, e.end) for e, _ in article.temporal_by_sentence.get(sentence.index, [])]
    quantities = figures.quantities(span, skipped) if span is not None else []
    in_scope = [q for q in quantities if q.first in scope or q.kind]
    fatalities = _first(q.value for q in in_scope if q.kind == "killed")
    injured = _first(q.value for q in in_scope if q.kind == "injured")
    displaced = _first(q.value for q in in_scope if q.kind == "displaced")
    affected = _counted(token, [q for q in quantities if not q.kind])
    own_count = _own_count(token, quantities) if trigger.nominal else None
    affected = affected if affected is not None else own_count
    own_date = date_token is not None and date_token in scope
    if trigger.nominal and date_token is not None and not own_date:
        # "braved the cold to march across the city on Saturday": the clause's date
        clause = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
        own_date = clause is not None and date_token in _scope(clause)
    if trigger.event_type == "armed_clash" and not (own_date and precision == DatePrecision.DAY):
        return None  # "the battle for the region" is a campaign, not one happening
    if trigger.nominal and _looks_back(token) and not (own_date or fatalities or injured):
        return None  # "The withdrawal prompted...": a happening the article already told
    # "Three leaks were recorded": a count of the happenings makes a noun a report
    anchored = named_place or own_date or fatalities or injured or own_count
    if (
        trigger.nominal
        and family(trigger.event_type) == "assault"
        and not (own_date or fatalities or injured)
        and all(article.places[k].entry.kind == PlaceKind.COUNTRY for k in place_keys)
    ):
        return None  # "Russia's attack on Ukraine": the war itself, not one happening
    if (
        trigger.lexical
        and trigger.nominal
        and not own_date
        and family(trigger.event_type) not in _SELF_ANCHORED_FAMILIES
        and token.dep_ not in ("nsubj", "nsubjpass", "dobj")
        and not (named_place and family(trigger.event_type) not in _PARTY_FAMILIES)
    ):
        return None  # "sanctions against the country", "accusations of fraud": a topic
    if (
        trigger.nominal
        and not anchored
        and trigger.event_type not in ("meeting", "annexation")
        and family(trigger.event_type) not in _SELF_ANCHORED_FAMILIES
    ):
        return None  # "the shelling" looking back at a happening already reported
    if trigger.event_type in COMMUNICATION_TYPES and _habitual(token):
        return None  # "has warned for weeks", "repeatedly said": a stance, not a happening
    if trigger.event_type not in COMMUNICATION_TYPES and _denied(token):
        return None  # "denied any role in the blast": the denier did not set it off
    if trigger.event_type in _POSITIONS and _standing(token, sentence, explicit_date):
        return None  # "X denies planning an attack", "X demands guarantees": standing lines
    if trigger.event_type == "statement" and not deps_of(token, "ccomp"):
        return None  # "Ukraine says", "he said.": no words an editor could check
    if trigger.event_type not in COMMUNICATION_TYPES and _tally(token, sentence, explicit_date):
        return None  # "has arrested tens of thousands": a running total, not one happening
    if trigger.event_type == "capture":
        place_keys = _captured(article, token, place_keys)
        if not place_keys:
            return None  # "the city's capture", "seized a province of <country>": no target
    roles = _pick_actors(article, trigger, sentence)
    if (
        trigger.lexical
        and trigger.nominal
        and family(trigger.event_type) in _PARTY_FAMILIES
        and not (own_date and any(role != "other" for _, role in roles))
        and not (own_date and trigger.event_type in _AIMED_AT_THINGS)
    ):
        # "sanctions against the country", "the agreement": a topic, unless its parties
        # and its own date make it a happening (the verb that imposes is a trigger itself)
        return None
    if family(trigger.event_type) == "assault":
        # A country does not invade or shell itself: the doer's own name is not the place.
        doers = {article.actors[k].name.lower() for k, role in roles if role == "initiator"}
        place_keys = tuple(
            k for k in place_keys if article.places[k].entry.name.lower() not in doers
        )
    who = doer_label(article, trigger, roles, sentence.index)
    if (
        family(trigger.event_type) in (_PARTY_FAMILIES - {"political_process"}) | _ASKING
        and trigger.event_type not in ("deployment", "mobilisation", "military_exercise")
        and trigger.event_type not in _AIMED_AT_THINGS  # a hack's author is seldom known
        and not who
        and not any(
            role == "initiator" or (role == "target" and family(trigger.event_type) in _SUFFERED)
            for _, role in roles
        )
    ):
        return None  # "sanctions", "were told to press ahead": nobody said who acts
    confidence = trigger.confidence
    confidence += 0.1 if explicit_date else -0.05
    if trigger.event_type not in COMMUNICATION_TYPES:  # words have no place by design
        confidence += 0.05 if named_place else (-0.1 if place_keys else -0.15)
    if any(lemma_of(c) == "due" for c in token.ancestors):
        confidence -= 0.1
    if factuality.is_background_date(start_date, precision, published_on):
        if trigger.nominal:
            return None  # "the annexation of 2014": history named in passing, not told
        # A landmark the article tells with its own date ("annexed it in 2014"): kept as
        # the dated history it is, at the bottom of the review queue.
        confidence = min(confidence, 0.3)
    return ExtractedEvent(
        event_type=trigger.event_type,
        title=event_title(article, trigger, who, place_keys, roles, fatalities, injured),
        summary=event_summary(sentence.text),
        sentence_index=sentence.index,
        start=sentence.start,
        end=sentence.end,
        start_date=start_date,
        end_date=end_date,
        date_precision=precision,
        place_keys=place_keys,
        actor_roles=roles,
        fatalities=fatalities,
        injured=injured,
        displaced=displaced,
        numbers=tuple(dict.fromkeys(q.value for q in in_scope)),
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        affected=affected,
    )


def _looks_back(noun) -> bool:
    """Return True for a bare definite noun ("the withdrawal", "this attack"): a retelling."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    children = token_children(noun)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children):
        return False
    return not any(
        c.dep_ in ("prep", "poss", "compound", "amod", "nummod", "acl", "relcl", "appos")
        for c in children
    )


# Positions a party holds for months: in the simple present below the lede, a stance.
_POSITIONS = STANCE_TYPES - {"endorsement"}
_OPENING_SENTENCES = 2  # the headline and the lede: where the present tense is the news


def _denied(token) -> bool:
    """Say whether a deed is named inside a denial: what is denied, not what was done."""
    return any(
        ancestor.pos_ in ("VERB", "AUX") and VERB_TYPES.get(lemma_of(ancestor)) == "rejection"
        for ancestor in itertools.islice(token.ancestors, 4)
    )


def _standing(verb, sentence: Sentence, explicit_date: bool) -> bool:
    """Say whether a stance in the present tense is a standing position, not news.

    Wire copy repeats "X denies planning an attack" or "X demands guarantees" in story
    after story: the simple present, with no date, below the lede. A headline or lede in
    the present tense ("X denies the report") is the news itself, and so is a dated one.
    """
    if explicit_date or sentence.index < _OPENING_SENTENCES or verb.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = deps_of(verb, "aux", "auxpass")
    if verb.tag_ == "VBN":  # "has denied it intends to attack": as standing as "denies"
        return [(lemma_of(a), a.tag_ in ("VBZ", "VBP")) for a in auxiliaries] == [("have", True)]
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries


def _tally(verb, sentence: Sentence, explicit_date: bool) -> bool:
    """Say whether a deed is a running total ("has detained thousands"), not a happening.

    The present perfect with a round, vague count of its objects and no date, below the
    lede, sums up months or years of deeds; one day's arrests are counted or dated.
    """
    if explicit_date or sentence.index < _OPENING_SENTENCES or verb.pos_ != "VERB":
        return False
    perfect = any(lemma_of(a) == "have" and a.tag_ in ("VBZ", "VBP") for a in deps_of(verb, "aux"))
    if not perfect:
        return False
    done_to = [*deps_of(verb, "dobj"), *deps_of(verb, "nsubjpass")]
    return any(t.tag_ == "NNS" and lemma_of(t) in _VAGUE_COUNTS for o in done_to for t in o.subtree)


_VAGUE_COUNTS = frozenset({"hundred", "thousand", "million"})


def _habitual(verb) -> bool:
    """Return True for words said again and again: "for weeks", "repeatedly", "often"."""
    for child in token_children(verb):
        if child.dep_ == "advmod" and lemma_of(child) in _HABITUAL_ADVERBS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "over"):
            spans = [o for o in deps_of(child, "pobj") if lemma_of(o) in _SPANS_OF_TIME]
            if any(o.tag_ == "NNS" for o in spans):
                return True
    return False


def _captured(article: _Article, token, place_keys: tuple[str, ...]) -> tuple[str, ...]:
    """Return the places a capture takes: named with the trigger, and finer than a country.

    A noun ("the capture of X", "X's fall") takes only the places it governs; a whole
    country taken is an invasion, and "an eastern province of <country>" names no target.
    """
    if token.pos_ not in ("VERB", "AUX"):
        owners = prep_objects(token, "of") + deps_of(token, "poss")
        governed = {t.i for owner in owners for t in owner.subtree}
        named = {
            a.key
            for anchors in article.place_anchors.values()
            for a in anchors
            if a.token_index in governed
        }
        place_keys = tuple(k for k in place_keys if k in named)
    return tuple(k for k in place_keys if article.places[k].entry.kind != PlaceKind.COUNTRY)


def _counted(token, quantities: Sequence[figures.Quantity]) -> int | None:
    """Return the count of what a happening acts on: "deployed 3,000 troops", "fired 36
    missiles", "sanctions on 200 people", "92 senators voted"; None when none is counted.
    """
    if token.pos_ in ("VERB", "AUX"):
        arguments = deps_of(token, "dobj", "nsubjpass", "nsubj")
        arguments += prep_objects(token, "on", "against")
        # "adopted with 92 votes": the tally of a vote
        arguments += [o for o in prep_objects(token, "with", "by") if lemma_of(o) == "vote"]
        # "imposed sanctions on 200 people": the object's own target
        arguments += [p for a in deps_of(token, "dobj") for p in prep_objects(a, "on", "against")]
    else:
        arguments = prep_objects(token, "on", "against", "of")
    arguments += [c for a in list(arguments) for c in deps_of(a, "conj")]
    wanted = {a.i for a in arguments}
    doc = token.doc
    for quantity in quantities:
        phrase = range(quantity.first, quantity.last + 1)
        root = next((doc[i] for i in phrase if doc[i].head.i not in phrase), doc[quantity.last])
        counted = root.head if root.dep_ in ("nummod", "quantmod", "compound") else root
        if counted.i in wanted or root.i in wanted:
            return quantity.value
    return None


def _own_count(token, quantities: Sequence[figures.Quantity]) -> int | None:
    """Return the number on a happening's own noun: "three explosions", "two leaks"."""
    for quantity in quantities:
        if quantity.kind:
            continue
        root = token.doc[quantity.last]
        if root.dep_ == "nummod" and root.head.i == token.i:
            return quantity.value
    return None


def _people_to_move(article: _Article, event: ExtractedEvent) -> int | None:
    """Return how many people an evacuation call concerns, told in or after its sentence.

    "called on civilians to leave. More than 350,000 residents remain in the region": the
    count of people who remain (or live) there, in the next sentences.
    """
    for index in range(event.sentence_index, event.sentence_index + _PEOPLE_WINDOW):
        if index >= len(article.sentences):
            break
        span = article.span(article.sentences[index])
        if span is None:
            continue
        for quantity in figures.quantities(span, ()):
            if quantity.kind:
                continue
            counted = article.doc[quantity.last]
            if counted.dep_ in ("nummod", "quantmod", "compound"):
                counted = counted.head
            if lemma_of(counted) not in _PEOPLE_NOUNS:
                continue
            verbs = {lemma_of(counted.head)} | {lemma_of(c) for c in counted.children}
            verbs |= {lemma_of(t) for t in counted.subtree}
            if verbs & _STAYING_WORDS:
                return quantity.value
    return None


def _first(values: Iterable[int]) -> int | None:
    return next(iter(values), None)


def detect_events(
    doc,
    *,
    sentences: Sequence[Sentence],
    actors: Sequence[ExtractedActor],
    places: Sequence[ExtractedPlace],
    temporal: Sequence[TemporalExpression],
    published_on: dt.date | None,
) -> list[ExtractedEvent]:
    """Return the happenings one article reports, one record per happening.

    An event without a date phrase of its own is dated to the article's day or the day
    before (news is written in the past tense) with week precision; background history
    ("annexed in 2014") is kept only with its own date phrase.
    """
    article = _Article(doc, sentences, actors, places, temporal)
    place_token_ids = frozenset(
        anchor.token_index for anchors in article.place_anchors.values() for anchor in anchors
    )
    found: list[ExtractedEvent] = []
    for sentence in sentences:
        span = article.span(sentence)
        if span is None:
            continue
        for trigger in find_triggers(span, place_token_ids):
            event = _assemble(article, trigger, sentence, published_on)
            if event is not None:
                found.append(event)
    found = [
        dataclasses.replace(event, affected=_people_to_move(article, event))
        if event.event_type == "evacuation_call" and event.affected is None
        else event
        for event in found
    ]
    countries = frozenset(
        key for key, place in article.places.items() if place.entry.kind == PlaceKind.COUNTRY
    )
    return salience.rank_events(drop_duplicates(found, countries), published_on)
