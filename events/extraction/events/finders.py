"""Find the words that name happenings in a parsed sentence: the trigger finders.

A trigger is a word whose lemma and dependency structure fit one event type: a verb of
violence with a weapon or a place ("shelled the town"), a withdrawal or a capture of a
place, a call, an order, a meeting, aid, and what the predicate lexicon (``triggers``)
knows. Factuality (negated, hoped, planned) is judged here; dates, places, roles and
titles are the assembling step's (``detection``).
"""

from __future__ import annotations

from dataclasses import dataclass

from events.extraction.events import factuality
from events.extraction.events.lexicon import (
    AIR_WORDS,
    BLAST_WORDS,
    COMMUNICATION_TYPES,
    CYBER_WORDS,
    MISSILE_WORDS,
    POSITION_TYPES,
    SHELL_WORDS,
)
from events.extraction.events.syntax import (
    INSTRUMENT_VERBS,
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
from events.extraction.events.triggers import (
    find_lexical_triggers,
    hazard_subject,
    met_with_an_answer,
)
from events.extraction.nlp import span_tokens, token_children

__all__ = [
    "LIGHT_VERBS",
    "MILITARY_NOUNS",
    "PLACE_NOUNS",
    "SAYING_VERBS",
    "Trigger",
    "find_triggers",
    "is_military",
    "is_place_like",
]

# --- word lists: general English, nothing specific to one conflict -----------------

_SHELLING_VERBS = frozenset({"shell", "bombard", "pound", "blitz"})
_SHELLING_NOUNS = frozenset({"shelling", "bombardment", "barrage", "bombing", "cannonade"})
_ATTACK_VERBS = frozenset({"hit", "strike", "attack", "target", "fire", "rain"})
# Verbs that send weapons, not strike with them: a strike only with weapons or a target.
_LAUNCH_VERBS = frozenset({"fire", "launch"})
_SENDING_VERBS = _ATTACK_VERBS | _LAUNCH_VERBS
# "Air defences shot down 20 drones": an attack told by its interception.
_INTERCEPT_VERBS = frozenset({"intercept", "down", "destroy", "neutralise", "neutralize"})
_INTERCEPTED = word_set("missile drone uav rocket shahed")
_PROTESTERS = word_set(
    "protester protesters demonstrator demonstrators rioter rioters marcher marchers crowd crowds"
)
# What police fire at crowds: a protest dispersed, not an artillery strike.
_CROWD_CONTROL = word_set("tear teargas water pepper rubber stun flash-bang")
# Craft whose crash is an accident, not a strike (a drone that crashes into a block is one).
_AIRCRAFT = frozenset({"plane", "planes", "jet", "jets", "aircraft", "helicopter", "airliner"})
_IMPACT_VERBS = frozenset({"crash", "slam", "smash", "plough", "plow", "land", "fall"})
_SHAKING_VERBS = frozenset({"rock", "shake", "rip", "jolt", "damage"})
_ATTACK_NOUNS = frozenset({"attack", "strike", "hit", "raid", "fire", "salvo"})
_AIR_STRIKE_NOUNS = frozenset({"airstrike", "air-strike", "airstrikes"})
_CLASH_VERBS = frozenset({"clash", "battle", "skirmish", "storm", "assault"})
# What a government "hits" or "targets" people with when it punishes, not attacks.
_PENALTIES = word_set(
    "sanction sanctions restriction restrictions tariff tariffs ban bans penalty penalties "
    "embargo fine fines"
)
# Verbs of beating an attack back: the attack was fought, whoever won.
_REPELLING = frozenset({"repel", "repulse", "thwart", "foil", "beat", "fend", "rebuff"})
_CLASH_NOUNS = frozenset(
    {"clash", "battle", "fighting", "firefight", "assault", "offensive", "skirmish", "gunfight"}
)
_CIVILIAN_ATTACK_VERBS = frozenset({"massacre", "execute", "abduct", "kidnap", "torture"})
_CIVILIAN_ATTACK_NOUNS = frozenset({"massacre", "execution", "abduction", "atrocity"})
_CIVILIAN_WORDS = frozenset(
    {"civilian", "resident", "villager", "protester", "people", "man", "woman", "child"}
)
# Killing told from its doer: "a gunman killed 12 people", "militants shot dead 5 soldiers".
_KILLING_VERBS = word_set("kill shoot gun slaughter")  # "massacre": _CIVILIAN_ATTACK_VERBS
# Doers whose killing is an attack of its own, not a tally of another happening.
_ATTACKERS = word_set(
    "gunman gunmen shooter shooters attacker attackers assailant assailants bomber bombers "
    "militant militants insurgent insurgents jihadist jihadists terrorist terrorists "
    "extremist extremists rebel rebels gang gangs bandit bandits"
)
# Armed forces: their killing of civilians is an attack on them; of forces, a clash.
_FORCES = word_set(
    "soldier soldiers troop troops police policeman policemen officer officers guard guards "
    "serviceman servicemen army forces force"
)
# Where civilians gather: storming one is an attack on them, not a battle.
_VENUES = word_set(
    "hotel restaurant school mosque church synagogue temple shrine market mall supermarket "
    "hospital clinic university college office club bar cafe concert festival stadium "
    "station bus train theatre theater cinema parade wedding funeral"
)
# Words that say what a fight was done with: a suicide bomber blows himself up.
_SUICIDE_WORDS = word_set("suicide vest car-bomb")
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
SAYING_VERBS = word_set(
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
MILITARY_NOUNS = word_set(
    "troop troops force forces army military soldier unit fighter militant rebel "
    "separatist battalion brigade division defender marine commander general personnel "
    "garrison insurgent militia group staff navy"
)
PLACE_NOUNS = word_set(
    "city town village region province oblast district area settlement capital territory "
    "port base airport county peninsula island hill stronghold outpost hub suburb plant "
    "bridgehead municipality embassy consulate"
)
LIGHT_VERBS = frozenset(
    {"come", "be", "face", "suffer", "endure", "remain", "carry", "conduct", "launch", "step"}
)
# A trigger under one of these words did not happen (yet): "failed attempt to capture",
# "hoped to launch", "aim of seizing", "whether the army can take".
_UNREAL_WORDS = word_set(
    "attempt try trying fail plan want wanted hope hoped seek aim goal intend threaten "
    "prepare expect likely whether if unless bid close closer stage effort ambition able "
    "unable would could might may can without prevent vow pledge promise need urge ask "
    "order tell call push avoid pressure demand request refuse resist reluctant reluctance "
    "legitimate necessary important essential vital crucial right"
)
_ENCIRCLE_VERBS = frozenset({"surround", "encircle"})
_HEDGE_MODALS = frozenset({"would", "could", "might", "may", "can"})


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


def is_place_like(token, place_token_ids: frozenset[int]) -> bool:
    """Return True when ``token`` names a place: a resolved place or a noun like "town"."""
    if token is None:
        return False
    if any(t.i in place_token_ids for t in token.subtree):
        return True
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return lemma_of(token) in PLACE_NOUNS


def _names_one_place(token, place_token_ids: frozenset[int]) -> bool:
    """Return True for "Bucha" or "the town", not for "several towns and cities"."""
    if token is None:
        return False
    if token.tag_ in ("NNS",) and not any(t.i in place_token_ids for t in token.subtree):
        return False
    return is_place_like(token, place_token_ids)


def is_military(token) -> bool:
    return token is not None and bool(forms_of(token) & MILITARY_NOUNS)


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
    if any(c.lower_ == "for" for c in deps_of(token, "mark")) and any(
        c.lower_ == "to" for c in deps_of(token, "aux")
    ):
        return True  # "legitimate for countries to provide weapons": a proposition
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
    words = words | {word[:-1] for word in words if word.endswith("s")}  # "rockets"
    if words & _SUICIDE_WORDS:
        return "explosion"  # "a suicide bomber", "a suicide attack": no aircraft involved
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
        obj = launched_weapons(token)
        if obj is not None:
            words |= subtree_forms(obj)
        if token.dep_ == "xcomp" and lemma_of(token.head) in INSTRUMENT_VERBS:
            for tool in deps_of(token.head, "dobj"):  # "used drones to attack"
                words |= subtree_forms(tool)
    return words


def _crowd_control(verb) -> bool:
    """Return True when a verb fires what police use on crowds (water cannon, tear gas)."""
    fired = object_of(verb)
    words = subtree_forms(fired) if fired is not None else set()
    for pobj in prep_objects(verb, "with"):
        words |= subtree_forms(pobj)
    return bool(words & _CROWD_CONTROL)


def launched_weapons(verb):
    """Return what a launch verb sends: "fired missiles", "drones launched at X"."""
    if lemma_of(verb) not in _LAUNCH_VERBS:
        return None
    obj = object_of(verb)
    if obj is None and verb.dep_ == "acl":
        obj = verb.head  # a reduced relative: the noun it hangs on
    return obj


def intercepted_weapons(verb):
    """Return the weapons a verb says were shot down ("downed 20 drones"), or None."""
    lemma = lemma_of(verb)
    if not (lemma in _INTERCEPT_VERBS or (lemma == "shoot" and _particle(verb, ("down",)))):
        return None
    obj = object_of(verb) or next(iter(deps_of(verb, "nsubjpass")), None)
    if obj is None:
        return None
    # "25 of the 30 drones", "all six missiles"
    return next((w for w in [obj, *prep_objects(obj, "of")] if forms_of(w) & _INTERCEPTED), None)


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
        if token.dep_ == "dobj" and lemma_of(token.head) in _REPELLING:
            # "the army repelled an attack by rebels": a fight both sides were in
            return Trigger("armed_clash", token.i, 0.5, nominal=True, action="repel")
        if lemma in ("attack", "strike") and prep_objects(token, "on", "against"):
            # "a strike on <town>" is a military one: a labour strike is "at" a workplace
            targets = prep_objects(token, "on", "against")
            if any(is_place_like(t, place_ids) for t in targets):
                return Trigger("shelling", token.i, 0.45, nominal=True, action=lemma)
            if any(forms_of(t) & _CIVILIAN_WORDS for t in targets):
                return Trigger("attack_on_civilians", token.i, 0.5, nominal=True, action="attack")
        return None
    if is_verb and lemma == "blow" and _particle(token, ("up",)):
        return Trigger("explosion", token.i, 0.65, action="blow up")  # "was blown up"
    if is_verb and lemma in _IMPACT_VERBS and prep_objects(token, "into", "on", "onto"):
        subject = subject_of(token)
        words = subtree_forms(subject) - _AIRCRAFT if subject is not None else set()
        kind = _weapon_type(words, "")
        if kind:  # "missiles crashed into the building": a strike, told from the weapon
            return Trigger(kind, token.i, 0.7, action="strike")
    if is_verb and lemma in _ATTACK_VERBS | _SHAKING_VERBS:
        subject = subject_of(token)
        if subject is not None and lemma_of(subject) in BLAST_WORDS:
            return Trigger("explosion", token.i, 0.6, action="explode")  # "blasts rocked X"
    if is_verb and (weapons := intercepted_weapons(token)) is not None:
        kind = _weapon_type(subtree_forms(weapons), "")
        return Trigger(kind, token.i, 0.55, action="intercept") if kind else None
    if is_verb and lemma in _SENDING_VERBS:
        if any(forms_of(t) & _PENALTIES for t in prep_objects(token, "with")):
            # "targeted officials with visa restrictions", "hit with sanctions"
            return Trigger("sanctions", token.i, 0.6, action="sanction")
        if _crowd_control(token):
            # "police fired water cannon and tear gas at protesters": a protest met with force
            return Trigger("demonstration", token.i, 0.6, action="disperse")
        words = _near_words(token)
        kind = _weapon_type(words, "")
        obj = object_of(token)
        targets = [obj] if obj is not None else []
        targets += prep_objects(token, "at", "on", "toward", "towards", "across", "into")
        hits_place = any(_names_one_place(t, place_ids) for t in targets)
        weapons = launched_weapons(token)
        fired_weapons = weapons is not None and bool(_weapon_type(subtree_forms(weapons), ""))
        if lemma == "launch" and not fired_weapons:
            return None  # "launched an offensive", "launched a probe": the noun tells
        if kind and (hits_place or lemma not in _LAUNCH_VERBS or fired_weapons):
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
    if is_verb and lemma in _KILLING_VERBS:
        return _killing(token)
    if is_noun and lemma in ("shooting", "rampage") and not _particle_after(token, "down"):
        return Trigger("attack_on_civilians", token.i, 0.55, nominal=True, action="shooting")
    if is_noun and lemma == "siege" and _at_a_venue(token):
        return Trigger("attack_on_civilians", token.i, 0.5, nominal=True, action="siege")
    if is_verb and lemma == "open" and any(lemma_of(o) == "fire" for o in deps_of(token, "dobj")):
        targets = prep_objects(token, "on", "at")
        if any(forms_of(t) & _FORCES for t in targets):
            return Trigger("armed_clash", token.i, 0.5, action="open fire")
        return Trigger("attack_on_civilians", token.i, 0.55, action="open fire")
    if (
        is_verb
        and lemma == "storm"
        and any(
            forms_of(t) & _VENUES for t in [object_of(token), *prep_objects(token, "into")] if t
        )
    ):
        return Trigger("attack_on_civilians", token.i, 0.6, action="storm")
    if is_verb and lemma in _CLASH_VERBS:
        sides = [side for side in (subject_of(token), *prep_objects(token, "with")) if side]
        sides += [counted for side in sides for counted in prep_objects(side, "of")]
        if any(forms_of(side) & _PROTESTERS for side in sides):  # "thousands of protesters"
            return Trigger("riot", token.i, 0.6, action="clash")  # police and protesters
        return Trigger("armed_clash", token.i, 0.5, action=lemma)
    if is_noun and lemma in _CLASH_NOUNS and lemma_of(token.head) not in ("counter",):
        kind = _weapon_type(_near_words(token), "armed_clash")  # "an aerial assault"
        return Trigger(kind, token.i, 0.45, nominal=True, action=lemma)
    return None


def _killing(verb) -> Trigger | None:
    """Return the attack a killing verb tells by its doer, or None for a bare tally.

    "A gunman killed 12 people" is an attack; "12 people were killed" counts the dead of
    a happening told elsewhere, and "the strike killed 5" is the strike's.
    """
    doer = next(iter(prep_objects(verb, "by")), None)
    if doer is None and not deps_of(verb, "nsubjpass"):
        doer = subject_of(verb)
    victims = object_of(verb) or next(iter(deps_of(verb, "nsubjpass")), None)
    victims = of_quantity(victims)
    doer_words = subtree_forms(doer) if doer is not None else set()
    victim_words = forms_of(victims) if victims is not None else set()
    if doer is None:
        if lemma_of(verb) == "shoot" and victim_words & _CIVILIAN_WORDS:
            return Trigger("attack_on_civilians", verb.i, 0.45, action="shoot")  # "were shot"
        return None
    if forms_of(doer) & _ATTACKERS or (doer_words & _SUICIDE_WORDS):
        if doer_words & _SUICIDE_WORDS or forms_of(doer) & {"bomber", "bombers"}:
            return Trigger("explosion", verb.i, 0.6, action="bomb")
        if victim_words & _FORCES:
            return Trigger("armed_clash", verb.i, 0.55, action="kill")
        return Trigger("attack_on_civilians", verb.i, 0.6, action="kill")
    if forms_of(doer) & _FORCES and victim_words & _CIVILIAN_WORDS:
        return Trigger("attack_on_civilians", verb.i, 0.55, action="kill")
    return None


def _particle_after(token, particle: str) -> bool:
    """Return True for "shooting down": the noun names an interception, not a shooting."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ == particle


def _at_a_venue(token) -> bool:
    """Return True for "a siege at a hotel", "the hotel siege": not a city's long siege."""
    venues = [*prep_objects(token, "at", "on", "in"), *deps_of(token, "compound", "nmod")]
    return any(forms_of(v) & _VENUES for v in venues)


def _territory_trigger(token, place_ids: frozenset[int]) -> list[Trigger]:
    lemma = lemma_of(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    found: list[Trigger] = []
    if is_verb and (lemma in _WITHDRAW_VERBS or _particle(token, _PULLING_OUT.get(lemma, ()))):
        if lemma == "evacuate" and not is_military(object_of(token)):
            return found  # "evacuate residents" is an evacuation, not a retreat
        # "pulled out of X", "moved troops away from X", "drew forces back from X"
        particles = [c for c in token_children(token) if c.lower_ in ("out", "away", "back")]
        sources = prep_objects(token, "from", "out") + [
            pobj for particle in particles for pobj in prep_objects(particle, "of", "from")
        ]
        obj = of_quantity(object_of(token))
        subject = subject_of(token)
        military = (
            is_military(obj)
            or is_military(subject)
            or any(is_military(t) for t in deps_of(token, "nsubjpass"))
        )
        from_place = any(
            is_place_like(t, place_ids) or lemma_of(t) in _FRONT_NOUNS for t in sources
        )
        if sources and not from_place:
            return found  # "withdraw from the treaty"
        if not military and subject is not None and subject.ent_type_ == "ORG":
            return found  # "the carmaker pulled out of X": a business leaving, no retreat
        if military or from_place:
            found.append(Trigger("withdrawal", token.i, 0.7, action="withdraw"))
    elif is_noun and lemma in _WITHDRAW_NOUNS:
        found.append(Trigger("withdrawal", token.i, 0.6, nominal=True, action="withdraw"))
    if is_verb and lemma in _CAPTURE_VERBS:
        obj = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        if obj is not None and lemma_of(obj) == "control":
            controlled = prep_objects(obj, "of", "over")
            if controlled and any(is_place_like(t, place_ids) for t in controlled):
                found.append(Trigger("capture", token.i, 0.65, action="take control of"))
        elif obj is not None and lemma_of(obj) == "power":
            pass  # "seized power in X": a coup, the lexicon's
        elif _names_one_place(obj, place_ids):
            if lemma == "enter" and not is_military(subject_of(token)):
                return found
            head_is_place = (
                obj.i in place_ids
                or obj.ent_type_ in ("GPE", "LOC", "FAC")
                or lemma_of(obj) in PLACE_NOUNS
            )
            if lemma == "take" and not head_is_place:
                return found  # "took their toll on the country's economy"
            if lemma == "take" and _held_captive(token):
                return found  # "taking Africa hostage": a figure of speech, no capture
            confidence = 0.55 if lemma in ("take", "enter") else 0.7
            found.append(Trigger("capture", token.i, confidence, action=lemma))
    elif is_verb and lemma in _ENCIRCLE_VERBS:
        # "surrounded 2,000 troops in the town": a siege of soldiers held in one place
        obj = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        if obj is not None and is_military(obj):
            around = prep_objects(token, "in", "near", "around") + prep_objects(
                obj, "in", "near", "around"
            )
            if any(is_place_like(t, place_ids) for t in around):
                found.append(Trigger("capture", token.i, 0.55, action="encircle"))
    elif is_verb and lemma == "fall":
        subject = subject_of(token)
        if is_place_like(subject, place_ids) and prep_objects(token, "to", "into"):
            found.append(Trigger("capture", token.i, 0.6, action="fall"))
    elif is_noun and lemma in _CAPTURE_NOUNS:
        owners = prep_objects(token, "of") + deps_of(token, "poss")
        if any(is_place_like(t, place_ids) for t in owners):
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
    if is_verb and lemma in _ANNEX_VERBS and token.dep_ in ("amod", "compound"):
        pass  # "Moscow-annexed Crimea", "the annexed peninsula": a description, not news
    elif is_verb and lemma in _ANNEX_VERBS:
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


def _by_computer(token, is_verb: bool) -> bool:
    """Say whether an attack is made through computers: "cyber attacks", "hackers hit"."""
    noun = subject_of(token) if is_verb else token
    if noun is None:
        return False
    named = [noun, *deps_of(noun, "amod", "compound")]
    return any(forms_of(word) & CYBER_WORDS for word in named)


def _particle(token, particles=("out", "back")) -> bool:
    # "pulled out of the town" parses "out" as a preposition, "pulled back" as an adverb
    return any(child.lower_ in particles for child in deps_of(token, "prt", "advmod", "prep"))


def _reporting_ancestor(token):
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB" and lemma_of(current) in SAYING_VERBS:
            return current
    return None


def _held_captive(verb) -> bool:
    """Return True for "taking X hostage": the verb holds people, it takes no place."""
    return any(t.lower_ in ("hostage", "hostages", "captive", "prisoner") for t in verb.subtree)


def _reported_words(clause) -> bool:
    """Return True for the speaker's own words, not a call: '"We will not leave," she said'."""
    subject = subject_of(clause)
    return _negated(clause) or (subject is not None and subject.lower_ in ("i", "we"))


def _political_trigger(token, place_ids: frozenset[int]) -> Trigger | None:
    lemma = lemma_of(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if is_verb and lemma in _CALL_VERBS:
        obj = object_of(token) or next(iter(prep_objects(token, "on", "upon", "for")), None)
        complements = deps_of(token, "xcomp", "dobj") + prep_objects(token, "for")
        complements += [c for c in deps_of(token, "ccomp") if not _reported_words(c)]
        asked = {word for c in complements for word in subtree_forms(c)}
        if lemma in _ORDER_VERBS and asked & _LEAVE_WORDS and is_military(of_quantity(obj)):
            # "ordered its embassy staff to leave": a sender pulling its own people out
            return Trigger("withdrawal", token.i, 0.7, action="withdraw")
        if asked & _EVACUATE_WORDS and not is_military(obj):
            return Trigger("evacuation_call", token.i, 0.7, action="urge")
        complemented = bool(deps_of(token, "xcomp") or deps_of(token, "ccomp"))
        ordered = [obj, *deps_of(token, "nsubjpass")]
        if lemma in _ORDER_VERBS and complemented and any(is_military(t) for t in ordered):
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
            if is_military(subject) and modals & _MUST_WORDS:
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
        if words & _AID_NOUNS and not any(is_military(t) for t in given):
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
            trigger.event_type in POSITION_TYPES
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
        or factuality.characterising(token)
    )
