"""Find the words that name political, legal, civil and natural happenings in a sentence.

Reads the dependency parse with the predicate lexicon (``lexicon``): a verb of the
lexicon ("resigned", "arrested"), a light verb with a happening as its object ("held
talks", "imposed sanctions"), a nominalisation anchored in the clause ("the summit
opened", "a news conference"), or a reporting verb with a named speaker (a statement,
a speech or a press conference, by where the words were said). Violence and territory
have their own finder in ``detection``; this one returns what it leaves.
"""

from __future__ import annotations

from events.extraction.actors.tables import load_media_outlets
from events.extraction.events.lexicon import (
    CYBER_WORDS,
    NOUN_TYPES,
    OBJECT_TYPES,
    REMOVAL_VERBS,
    REPORTING_VERBS,
    SETTING_NOUNS,
    STANCE_TYPES,
    VERB_TYPES,
)
from events.extraction.events.syntax import deps_of, forms_of, lemma_of, word_set
from events.extraction.nlp import span_tokens

__all__ = [
    "LexicalTrigger",
    "asked_for",
    "find_lexical_triggers",
    "hazard_subject",
    "met_with_an_answer",
]

_MILITARY = frozenset(
    [
        "troop",
        "troops",
        "force",
        "forces",
        "army",
        "military",
        "soldier",
        "soldiers",
        "unit",
        "units",
        "battalion",
        "brigade",
        "division",
        "marine",
        "marines",
        "personnel",
        "navy",
        "warship",
        "warships",
        "jet",
        "jets",
    ]
)
_STRIKE_CALLING_VERBS = frozenset(
    # "staged" as well: the lemmatizer makes it "stag"
    {"begin", "start", "launch", "stage", "staged", "hold", "call", "announce", "declare"}
)
_LABOUR = frozenset(
    [
        "worker",
        "workers",
        "union",
        "unions",
        "employee",
        "employees",
        "staff",
        "teacher",
        "teachers",
        "doctor",
        "doctors",
        "nurse",
        "nurses",
        "driver",
        "drivers",
        "miner",
        "miners",
        "docker",
        "dockers",
        "pilot",
        "pilots",
        "general",
        "labour",
        "labor",
        "national",
        "rail",
        "dock",
        "port",
    ]
)
_HAZARDS = frozenset(
    [
        "earthquake",
        "quake",
        "tremor",
        "tsunami",
        "flood",
        "flooding",
        "floodwater",
        "storm",
        "hurricane",
        "typhoon",
        "cyclone",
        "tornado",
        "landslide",
        "mudslide",
        "wildfire",
        "bushfire",
        "blaze",
        "avalanche",
        "eruption",
    ]
)
_REMAINS = frozenset(["grave", "graves", "body", "bodies", "remains", "corpse", "corpses"])
_GOVERNMENT = frozenset(["government", "coalition", "cabinet", "ministry", "parliament", "talks"])
_STRUCTURES = frozenset(
    ["building", "bridge", "mine", "roof", "dam", "tower", "block", "house", "school", "stadium"]
)
_VEHICLES = frozenset(
    [
        "plane",
        "aircraft",
        "jet",
        "helicopter",
        "train",
        "bus",
        "car",
        "truck",
        "lorry",
        "ship",
        "boat",
        "ferry",
        "vessel",
    ]
)
_PRESS = frozenset(["press", "news"])
# Who is called up in a mobilisation besides troops.
_CALLED_UP = frozenset(["reservist", "reservists", "conscript", "conscripts", "men", "citizens"])
# Who mobilises with no object: a state ("Arland mobilised on Monday").
_STATES = frozenset(["country", "government", "state", "nation", "kremlin", "army"])
# What a verb says its object is or became: "found him guilty", "declared her the winner".
_COMPLEMENTS = ("acomp", "oprd", "xcomp", "ccomp", "dobj", "attr")
_DECLARING = frozenset({"declare", "name", "proclaim", "announce", "confirm", "certify"})
_WINNERS = frozenset({"winner", "victor", "president-elect", "elect"})
_PHONE = frozenset(["phone", "telephone", "video", "videolink"])
# "renewed calls for", "issued an appeal for": an appeal made with a light verb.
_RENEWING_VERBS = frozenset({"renew", "repeat", "reiterate", "issue", "make", "voice", "echo"})
_APPEAL_NOUNS = frozenset({"call", "appeal", "plea", "demand"})
# Words that take a stance rather than do a deed.
_MILITARY_MODIFIERS = frozenset(
    [
        "military",
        "naval",
        "joint",
        "nuclear",
        "war",
        "army",
        "air",
        "combat",
        "missile",
        "strategic",
    ]
)
_ADDRESSEES = frozenset(
    [
        "nation",
        "parliament",
        "assembly",
        "congress",
        "people",
        "audience",
        "crowd",
        "rally",
        "conference",
        "summit",
        "session",
        "lawmakers",
        "legislators",
        "council",
    ]
)
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class LexicalTrigger:
    """A happening's word found by the lexicon (see ``detection.Trigger`` for the rest)."""

    __slots__ = ("action", "confidence", "event_type", "nominal", "token_index")

    def __init__(
        self, event_type: str, token_index: int, confidence: float, *, nominal=False, action=""
    ):
        self.event_type = event_type
        self.token_index = token_index
        self.confidence = confidence
        self.nominal = nominal
        self.action = action


def _words_of(token) -> set[str]:
    """Return the lemmas of a noun and its compounds ("price cap", "phone call")."""
    words = {lemma_of(token), token.lower_}
    for child in deps_of(token, "compound", "amod"):
        words |= {lemma_of(child), child.lower_}
    return words


def _subjects(verb) -> list:
    subjects = deps_of(verb, "nsubj", "nsubjpass")
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        subjects = deps_of(verb.head, "nsubj", "nsubjpass")
    return subjects


def _subject(verb):
    subjects = _subjects(verb)
    return subjects[0] if subjects else None


def _subject_words(verb) -> set[str]:
    """Return the words of every subject ("A magnitude 6 quake struck" parses as two) and of
    what a quantity subject counts ("thousands of workers")."""
    subjects = _subjects(verb)
    subjects += [
        o
        for s in subjects
        for p in deps_of(s, "prep")
        if p.lower_ == "of"
        for o in deps_of(p, "pobj")
    ]
    return {word for subject in subjects for word in _words_of(subject)}


def hazard_subject(verb) -> bool:
    """Return True when a natural hazard does the verb ("an earthquake hit the coast")."""
    return bool(_subject_words(verb) & _HAZARDS)


def _walked_out(verb) -> bool:
    """Return True for "walked out", "walked off the job": a stoppage, not a stroll."""
    if any(c.lower_ == "out" for c in deps_of(verb, "prt", "advmod")):
        return True
    return any(
        prep.lower_ == "off" and any(lemma_of(o) in ("job", "work") for o in deps_of(prep, "pobj"))
        for prep in deps_of(verb, "prep", "prt")
    )


def _called_by_labour(noun) -> bool:
    """Return True for "workers began a strike", "the union launched a strike"."""
    verb = noun.head
    if noun.dep_ != "dobj" or not forms_of(verb) & _STRIKE_CALLING_VERBS:
        return False
    return bool(_subject_words(verb) & _LABOUR)


def _names_someone(token) -> bool:
    """Return True for a subject that names a speaker ("Smith", "the Foreign Ministry")."""
    if token is None or token.pos_ == "PRON":
        return False
    if token.ent_type_ in _SPEAKER_ENTITIES or token.pos_ == "PROPN":
        return True
    modifiers = deps_of(token, "compound", "poss", "amod", "appos")
    # "representatives of the ministry", "a spokesman for the government"
    modifiers += [
        o for p in deps_of(token, "prep") if p.lower_ in ("of", "for") for o in deps_of(p, "pobj")
    ]
    return any(child.ent_type_ in _SPEAKER_ENTITIES or child.pos_ == "PROPN" for child in modifiers)


def _object_type(verb) -> tuple[str, object] | None:
    table = OBJECT_TYPES.get(lemma_of(verb))
    if not table:
        return None
    objects = deps_of(verb, "dobj", "nsubjpass")
    objects += [o for prep in deps_of(verb, "prep") for o in deps_of(prep, "pobj")][:1]
    objects += [c for o in list(objects) for c in deps_of(o, "conj")]
    for obj in objects:
        for word in (lemma_of(obj), obj.lower_):
            if word in table:
                if table[word] == "meeting" and _words_of(obj) & _PHONE:
                    return "phone_call", obj  # "held a telephone conversation"
                return table[word], obj
        # "announced a new package of sanctions": the noun after "of".
        for pobj in (p for prep in deps_of(obj, "prep") for p in deps_of(prep, "pobj")):
            if lemma_of(pobj) in table:
                return table[lemma_of(pobj)], obj
    return None


def _setting(verb) -> str:
    """Return where words were said: "speech", "press_conference", "interview" or ""."""
    found = ""
    for token in verb.subtree:
        if token.i == verb.i or token.dep_ in ("ccomp",):
            continue
        word = lemma_of(token)
        if word in SETTING_NOUNS and token.pos_ == "NOUN":
            if word == "conference" and not _words_of(token) & _PRESS:
                continue
            if word == "address" and token.dep_ not in ("pobj",):
                continue
            found = SETTING_NOUNS[word]
            break
    return found


def met_with_an_answer(token) -> bool:
    """Say whether "meet" is the passive "be met with" ("met with a firm response"): no meeting."""
    return (
        lemma_of(token) == "meet"
        and bool(deps_of(token, "auxpass"))
        and any(prep.lower_ == "with" for prep in deps_of(token, "prep"))
    )


def asked_for(token):
    """Return the thing an appeal asks for: "called for X", "renewed calls for X", else None."""
    holders = [token, *(o for o in deps_of(token, "dobj") if lemma_of(o) in _APPEAL_NOUNS)]
    for holder in holders:
        for prep in deps_of(holder, "prep"):
            if prep.lower_ == "for":
                return next(iter(deps_of(prep, "pobj")), None)
    return None


# Words that make an attack one made through computers.
_CYBER_NOUNS = frozenset({"attack", "assault", "strike", "operation", "campaign"})
_ATTACKING = frozenset({"attack", "target", "hit", "strike", "breach", "disrupt", "cripple"})

# What a state recognises when recognition is a diplomatic act (CAMEO 054), not "the need".
_RECOGNISABLE = frozenset(
    {"independence", "sovereignty", "statehood", "republic", "government", "state", "annexation"}
)


def _recognised(verb) -> bool:
    """Say whether "recognised X" grants diplomatic recognition: a state or its independence."""
    if any(prep.lower_ == "for" for prep in deps_of(verb, "prep")):
        return False  # "recognised the charity for its work": an honour
    recognised = [*deps_of(verb, "dobj"), *deps_of(verb, "nsubjpass")]
    return any(
        lemma_of(obj) in _RECOGNISABLE or (obj.pos_ == "PROPN" and obj.ent_type_ != "PERSON")
        for obj in recognised
    )


_MEDIA_WORDS = word_set(
    "agency newspaper paper broadcaster television tv radio channel magazine outlet station "
    "daily website"
)


def _to_the_media(verb) -> bool:
    """Return True when a verb of speaking is told to a news outlet ("told Xinhua")."""
    partners = [
        o for prep in deps_of(verb, "prep") if prep.lower_ == "to" for o in deps_of(prep, "pobj")
    ]
    return any(
        _words_of(partner) & _MEDIA_WORDS or partner.text.lower() in load_media_outlets()
        for partner in partners
    )


def _verb_trigger(token) -> LexicalTrigger | None:
    lemma = lemma_of(token)
    appealing = (lemma == "call" and token.pos_ == "VERB") or lemma in _RENEWING_VERBS
    if appealing and asked_for(token) is not None:
        return LexicalTrigger("appeal", token.i, 0.55, action="call for")
    found = _object_type(token)
    if found is not None:
        event_type, obj = found
        if event_type == "deployment" and not _words_of(obj) & _MILITARY:
            return None
        return LexicalTrigger(event_type, token.i, 0.6, action=lemma)
    if (
        lemma in _ATTACKING
        and (subject := _subject(token)) is not None
        and _words_of(subject) & CYBER_WORDS
        and lemma_of(subject) not in _CYBER_NOUNS  # "a cyber attack hit": the noun is the record
    ):
        return LexicalTrigger("cyberattack", token.i, 0.6, action="cyberattack")
    if lemma in ("recognise", "recognize") and token.pos_ == "VERB" and _recognised(token):
        return LexicalTrigger("cooperation", token.i, 0.65, action="recognise")
    subject = _subject(token)
    subject_words = _subject_words(token)
    if lemma == "collapse" and subject is not None:
        if subject_words & _GOVERNMENT:
            return LexicalTrigger("resignation", token.i, 0.6, action="collapse")
        if subject_words & _STRUCTURES:
            return LexicalTrigger("collapse", token.i, 0.6, action="collapse")
        return None
    if lemma == "find" and any(
        child.lower_ in ("guilty", "liable") for child in deps_of(token, *_COMPLEMENTS)
    ):
        return LexicalTrigger("legal_action", token.i, 0.65, action="find guilty")
    if lemma in _DECLARING and any(
        t.lower_ in _WINNERS for child in deps_of(token, *_COMPLEMENTS) for t in child.subtree
    ):
        return LexicalTrigger("election", token.i, 0.6, action="declare winner")
    if lemma == "burst" and any(
        lemma_of(o) in ("flame", "flames", "fire")
        for prep in deps_of(token, "prep")
        for o in deps_of(prep, "pobj")
    ):
        return LexicalTrigger("fire", token.i, 0.6, action="burst into flames")
    if lemma in ("crash", "sink", "capsize") and subject_words & _VEHICLES:
        return LexicalTrigger("crash", token.i, 0.6, action=lemma)
    if lemma in ("hit", "strike", "jolt", "rock", "shake", "devastate", "ravage", "sweep"):
        for word, event_type in (("earthquake", "earthquake"), ("wildfire", "wildfire")):
            if subject_words & ({word} | {w for w in _HAZARDS if NOUN_TYPES.get(w) == event_type}):
                return LexicalTrigger(event_type, token.i, 0.65, action="hit")
        if subject_words & _HAZARDS:
            return LexicalTrigger("flood", token.i, 0.6, action="hit")
    if lemma == "strike" and subject_words & _LABOUR:
        return LexicalTrigger("labour_strike", token.i, 0.6, action="strike")
    if lemma == "flood" and token.pos_ == "VERB":
        return LexicalTrigger("flood", token.i, 0.55, action="flood")
    if lemma in ("speak", "talk") and token.pos_ == "VERB" and _to_the_media(token):
        # "speaking to a news agency by phone": an interview, not a call between leaders
        return LexicalTrigger("interview", token.i, 0.55, action="speak to")
    if lemma in ("speak", "talk") and any(
        lemma_of(o) in _PHONE for prep in deps_of(token, "prep") for o in deps_of(prep, "pobj")
    ):
        return LexicalTrigger("phone_call", token.i, 0.7, action="speak by phone with")
    if met_with_an_answer(token):
        return None
    if lemma in ("talk", "speak", "meet") and token.pos_ == "VERB":
        partners = [
            o
            for prep in deps_of(token, "prep")
            if prep.lower_ in ("to", "with")
            for o in deps_of(prep, "pobj")
        ]
        if any(lemma_of(o) in ("reporter", "journalist", "press", "medium") for o in partners):
            return LexicalTrigger("press_conference", token.i, 0.55, action="speak to reporters")
        if any(_names_someone(o) for o in partners):
            return LexicalTrigger("meeting", token.i, 0.55, action="meet")
    if lemma in ("stop", "halt", "suspend", "cease", "end") and any(
        lemma_of(x) in ("fly", "operate", "deliver", "supply", "sell", "buy", "export", "import")
        for x in deps_of(token, "xcomp")
    ):
        return LexicalTrigger("suspension", token.i, 0.6, action=lemma)
    if lemma == "warn" and deps_of(token, "dobj") and deps_of(token, "xcomp"):
        return LexicalTrigger("appeal", token.i, 0.5, action="warn")
    if lemma == "warn" and any(prep.lower_ in ("of", "against") for prep in deps_of(token, "prep")):
        return LexicalTrigger("threat", token.i, 0.5, action="warn")
    if lemma == "address" and any(lemma_of(o) in _ADDRESSEES for o in deps_of(token, "dobj")):
        return LexicalTrigger("speech", token.i, 0.65, action="address")
    if lemma in ("step", "stand") and any(
        c.lower_ == "down" for c in deps_of(token, "prt", "advmod")
    ):
        return LexicalTrigger("resignation", token.i, 0.65, action="step down")
    if lemma == "call" and any(c.lower_ == "up" for c in deps_of(token, "prt")):
        return LexicalTrigger("mobilisation", token.i, 0.55, action="call up")
    if lemma in ("go", "be", "remain", "stay") and any(
        lemma_of(o) == "strike"
        for prep in deps_of(token, "prep")
        if prep.lower_ == "on"
        for o in deps_of(prep, "pobj")
    ):
        return LexicalTrigger("labour_strike", token.i, 0.65, action="go on strike")
    if lemma == "walk" and subject_words & _LABOUR and _walked_out(token):
        return LexicalTrigger("labour_strike", token.i, 0.6, action="go on strike")
    event_type = VERB_TYPES.get(lemma)
    if lemma in ("seize", "take", "grab", "assume") and any(
        lemma_of(o) == "power" for o in deps_of(token, "dobj")
    ):
        return LexicalTrigger("resignation", token.i, 0.65, action="seize power")  # a coup
    if lemma in REMOVAL_VERBS and not _removes_someone(token):
        return None  # "dismissed the arguments": a rejection of words, not of a person
    if event_type is not None:
        return _checked_verb(token, event_type, subject, subject_words)
    if lemma in REPORTING_VERBS and _names_someone(subject) and deps_of(token, "ccomp", "dobj"):
        as_said = any(c.lower_ == "as" for c in deps_of(token, "mark"))
        if token.dep_ in ("relcl", "acl", "advcl", "amod") and not as_said:
            return None  # "..., said X, who ...": a side remark, not the report
        setting = _setting(token) or ("press_conference" if _told_reporters(token) else "")
        return LexicalTrigger(setting or "statement", token.i, 0.45, action="say")
    return None


_OFFICES = frozenset(
    {
        "minister", "official", "chief", "head", "commander", "government", "governor",
        "mayor", "director", "prosecutor", "general", "cabinet", "president", "premier",
        "leader", "deputy", "ambassador", "envoy", "adviser", "advisor", "spokesman",
    }
)  # fmt: skip


def _removes_someone(verb) -> bool:
    """Say whether "dismissed X" removes a person from office, not an argument."""
    removed = deps_of(verb, "dobj") + deps_of(verb, "nsubjpass")
    return any(
        token.ent_type_ == "PERSON" or lemma_of(token) in _OFFICES
        for obj in removed
        for token in (obj, *deps_of(obj, "compound", "appos"))
    )


def _told_reporters(verb) -> bool:
    return lemma_of(verb) == "tell" and any(
        lemma_of(o) in ("reporter", "journalist", "press") for o in deps_of(verb, "dobj")
    )


def _checked_verb(token, event_type: str, subject, subject_words) -> LexicalTrigger | None:
    """Return a trigger for a lexicon verb whose arguments fit its type, else None."""
    lemma = lemma_of(token)
    objects = deps_of(token, "dobj", "nsubjpass", "ccomp", "xcomp")
    preps = {prep.lower_ for prep in deps_of(token, "prep")}
    if event_type == "demonstration" and (subject_words & _MILITARY or subject is None):
        return None
    if event_type == "deployment" and not (
        subject_words & _MILITARY or any(_words_of(o) & _MILITARY for o in objects) or objects
    ):
        return None
    if event_type == "mobilisation" and not (
        subject_words & _MILITARY
        or any(_words_of(o) & (_MILITARY | _CALLED_UP) for o in objects)
        or (not objects and subject_words & _STATES)
    ):
        return None  # "the unions mobilised their members": a protest's, not an army's
    if event_type in ("accusation", "rejection") and not (objects or preps & {"of", "for"}):
        return None
    if event_type in ("appeal",) and not (objects or preps & {"for", "on"}):
        return None
    if event_type in STANCE_TYPES and token.dep_ == "relcl":
        return None  # "the actions Arland is threatening": a stance named in passing
    if event_type in ("arrest", "legal_action", "appointment", "sanctions") and not (
        objects or subject is not None
    ):
        return None
    if event_type in ("visit", "meeting") and not objects:
        return None
    if event_type == "resignation" and subject is None:
        return None
    confidence = 0.55 if event_type not in ("accusation", "rejection", "appeal") else 0.5
    return LexicalTrigger(event_type, token.i, confidence, action=lemma)


def _noun_trigger(token) -> LexicalTrigger | None:
    # A lowercase word tagged as a name is a common noun the tagger took for one
    # ("to march across the city" read as the month).
    common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.islower())
    if not common or (token.ent_type_ in ("DATE", "TIME") and token.text[:1].isupper()):
        return None
    lemma = lemma_of(token)
    words = _words_of(token)
    if lemma in _HAZARDS and lemma_of(token.head) == "feel" and token.dep_ == "nsubjpass":
        return None  # "the quake was felt in X": where it reached, not where it struck
    if lemma == "conference" and words & _PRESS:
        return LexicalTrigger("press_conference", token.i, 0.55, nominal=True, action=lemma)
    if lemma == "call" and words & {"phone", "telephone", "video"}:
        return LexicalTrigger("phone_call", token.i, 0.6, nominal=True, action="call")
    if lemma == "strike" and (words & _LABOUR or _called_by_labour(token)):
        return LexicalTrigger("labour_strike", token.i, 0.55, nominal=True, action="strike")
    if lemma in _CYBER_NOUNS and words & CYBER_WORDS:
        return LexicalTrigger("cyberattack", token.i, 0.6, nominal=True, action="cyberattack")
    if (
        lemma == "fire"
        and lemma_of(token.head) in ("break", "engulf", "rage", "gut", "destroy")
        and not words & {"artillery", "rocket", "mortar", "tank", "sniper", "machine", "gun"}
    ):
        return LexicalTrigger("fire", token.i, 0.5, nominal=True, action="fire")
    if lemma == "landing" and words & {"emergency", "crash", "forced"}:
        return LexicalTrigger("crash", token.i, 0.55, nominal=True, action="emergency landing")
    if lemma == "collapse":
        owners = [o for prep in deps_of(token, "prep") for o in deps_of(prep, "pobj")]
        owner_words = {w for o in owners for w in _words_of(o)}
        if owner_words & _GOVERNMENT:
            return LexicalTrigger("resignation", token.i, 0.5, nominal=True, action="collapse")
        if owner_words & _STRUCTURES:
            return LexicalTrigger("collapse", token.i, 0.5, nominal=True, action="collapse")
        return None
    if lemma in ("discovery", "finding"):
        # "the discovery of (hundreds of) graves"
        found = [o for p in deps_of(token, "prep") if p.lower_ == "of" for o in p.subtree]
        if any(lemma_of(o) in _REMAINS or o.lower_ in _REMAINS for o in found[:8]):
            return LexicalTrigger("discovery", token.i, 0.55, nominal=True, action="find")
        return None
    event_type = NOUN_TYPES.get(lemma)
    if event_type is None:
        return None
    if event_type == "military_exercise" and not (
        lemma == "drill" or words & _MILITARY_MODIFIERS or words & {"war"}
    ):
        return None
    if lemma == "address" and not deps_of(token, "poss", "amod"):
        return None  # "an address" without a speaker: rather a street's or an e-mail's
    if lemma == "vote" and token.tag_ == "NNS":
        return None  # "92 votes": the tally of a vote, reported with the vote itself
    if lemma in ("visit", "trip") and not deps_of(token, "prep", "poss", "amod", "compound"):
        return None
    return LexicalTrigger(event_type, token.i, 0.5, nominal=True, action=lemma)


_OPENING_QUOTES = frozenset({'"', "“", "'", "‘"})


def _in_a_title(token) -> bool:
    """Say whether a capitalised word mid-sentence opens a quoted title ("Meet the Press")."""
    # Cheapest test first: this runs for every token, and ``token.sent`` walks the parse.
    if token.i == 0 or not token.text[:1].isupper():
        return False
    if token.doc[token.i - 1].text not in _OPENING_QUOTES or token.ent_type_:
        return False
    return token.i != token.sent.start


def find_lexical_triggers(span, taken: frozenset[int] = frozenset()) -> list[LexicalTrigger]:
    """Return the lexicon's happenings in one parsed sentence (tokens in ``taken`` skipped).

    Factuality (hypotheticals, negation, background) is judged by the caller.
    """
    found: list[LexicalTrigger] = []
    used: set[int] = set(taken)
    for token in span_tokens(span):
        if token.i in used:
            continue
        trigger = None
        if _in_a_title(token):
            continue  # "on NBC's Meet the Press": the name of a programme or a book
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            trigger = _verb_trigger(token)
            if trigger is not None and trigger.event_type != "statement":
                # The object that made the verb's type is not a second happening.
                used |= {c.i for c in deps_of(token, "dobj", "nsubjpass")}
            if trigger is not None and trigger.event_type == "legal_action":
                # "found guilty of murder", "charged with arson": the charge, not a crime told
                used |= {t.i for t in token.subtree}
        elif token.pos_ in ("NOUN", "PROPN"):
            trigger = _noun_trigger(token)
        if trigger is not None:
            found.append(trigger)
            used.add(token.i)
    return found
