"""The event taxonomy's codes and the predicate lexicon: which words name which happening.

The taxonomy (``fixtures/event_types.json``) has PLOVER-style families (agree, consult,
accuse, assault, ...) and the subtypes editors filter by. The word lists are general
English: verbs and their nominalisations ("met", "talks", "held a call", "imposed
sanctions", "resigned"), written from dictionaries and the references' definitions
(PLOVER, CAMEO, ACLED), never from any article.
"""

from __future__ import annotations

__all__ = [
    "AIR_WORDS",
    "ANSWER_NOUNS",
    "BLAST_WORDS",
    "COMMUNICATION_TYPES",
    "CYBER_WORDS",
    "EVENT_TYPES",
    "FAMILY_OF",
    "GOVERNED_NOUNS",
    "MISSILE_WORDS",
    "NOUN_TYPES",
    "OBJECT_TYPES",
    "OVERTHROW_VERBS",
    "POSITION_TYPES",
    "REMOVAL_VERBS",
    "REPORTING_VERBS",
    "SETTING_NOUNS",
    "SHELL_WORDS",
    "STANCE_TYPES",
    "STRIKE_TYPES",
    "TYPE_WEIGHT",
    "VERB_TYPES",
    "VIOLENT_TYPES",
    "family",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Leaf code -> family code; fixtures/event_types.json holds the same tree (a test checks).
FAMILY_OF: dict[str, str] = {
    **dict.fromkeys(("statement", "speech", "press_conference", "interview"), "make_statement"),
    **dict.fromkeys(("appeal", "evacuation_call"), "request"),
    **dict.fromkeys(("meeting", "phone_call", "visit", "summit"), "consult"),
    "endorsement": "support",
    "cooperation": "cooperate",
    "aid_package": "aid",
    "agreement": "agree",
    "concession": "concede",
    "withdrawal": "retreat",
    "accusation": "accuse",
    "rejection": "reject",
    "threat": "threaten",
    **dict.fromkeys(("demonstration", "riot", "labour_strike"), "protest"),
    **dict.fromkeys(("deployment", "mobilisation", "military_exercise", "order"), "mobilize"),
    **dict.fromkeys(("sanctions", "suspension"), "sanction"),
    **dict.fromkeys(("arrest", "legal_action", "cyberattack"), "coerce"),
    **dict.fromkeys(
        (
            "shelling",
            "missile_strike",
            "air_strike",
            "armed_clash",
            "attack_on_civilians",
            "explosion",
            "capture",
            "territorial_claim",
            "annexation",
        ),
        "assault",
    ),
    **dict.fromkeys(("election", "resignation", "appointment"), "political_process"),
    **dict.fromkeys(("earthquake", "flood", "wildfire"), "disaster"),
    **dict.fromkeys(("crash", "collapse", "fire"), "accident"),
    **dict.fromkeys(("homicide", "discovery", "other_crime"), "crime"),
}
EVENT_TYPES = frozenset(FAMILY_OF)

# Types whose substance is words: one report of a speaker's words per article.
COMMUNICATION_TYPES = frozenset(
    {
        "statement",
        "speech",
        "press_conference",
        "interview",
        "appeal",
        "accusation",
        "rejection",
        "threat",
        "endorsement",
    }
)

# Words that take a side on someone else's deed or words: who holds them judges, not acts.
STANCE_TYPES = frozenset({"threat", "accusation", "rejection", "appeal", "endorsement"})
# Stances a party holds for months: in the simple present below the lede, not news.
POSITION_TYPES = STANCE_TYPES - {"endorsement"}

# How much an editor cares about a happening of each type, before its place in the
# article is counted (a missile strike outranks a remark).
TYPE_WEIGHT: dict[str, float] = {
    **dict.fromkeys(EVENT_TYPES, 0.6),
    **dict.fromkeys(COMMUNICATION_TYPES, 0.45),
    "statement": 0.4,
    "speech": 0.55,
    "press_conference": 0.55,
    "order": 0.5,
    "territorial_claim": 0.5,
    "annexation": 0.5,
}


def family(event_type: str) -> str:
    """Return the family code of a leaf type (the type itself when unknown)."""
    return FAMILY_OF.get(event_type, event_type)


# Words that name the weapon of a strike: a missile strike, shelling or an air strike.
MISSILE_WORDS = frozenset({"missile", "missiles", "ballistic", "cruise", "iskander", "kalibr"})
# Strikes named by their weapons: one outlet's shelling is another's missile strike, and
# "fired 40 missiles and 30 drones at X" is one attack.
STRIKE_TYPES = frozenset({"shelling", "missile_strike", "air_strike"})
# Violence against people or places: two of these told in one sentence are one attack
# ("militants killed 12 in an attack on a village").
VIOLENT_TYPES = STRIKE_TYPES | {"armed_clash", "attack_on_civilians", "explosion"}
SHELL_WORDS = _words(
    "rocket artillery shell mortar howitzer barrage grad mlrs cannon shelling tank"
)
AIR_WORDS = _words(
    "drone uav aircraft warplane jet helicopter bomber air aerial airstrike plane shahed"
)

# Nouns of a deed answering an earlier one: "in retaliation for the attack on X".
ANSWER_NOUNS = _words("retaliation response revenge reprisal reaction answer")

BLAST_WORDS = _words("blast explosion bomb bombing detonation explosive device")

# Verbs that report words; the clause they govern is what was said.
REPORTING_VERBS = _words(
    "warn say tell state declare announce add stress emphasise emphasize note insist claim "
    "confirm write post tweet explain reiterate argue assert acknowledge admit reveal "
    "report comment remark respond reply suggest indicate signal predict estimate"
)

# Verbs that remove someone from office: the one removed leaves it ("X dismissed Y").
REMOVAL_VERBS = _words("dismiss sack oust depose overthrow topple")
# Removals by force: a coup, titled as one.
OVERTHROW_VERBS = _words("oust depose overthrow topple")
# Words that make an attack one made through computers ("a cyber attack", "hackers hit").
CYBER_WORDS = _words("cyber ddos hacker hackers hacking malware ransomware denial-of-service")

# Verb lemma -> type, when the verb alone names the happening (its subject does it).
VERB_TYPES: dict[str, str] = {
    **dict.fromkeys(_words("resign quit abdicate"), "resignation"),
    **dict.fromkeys(REMOVAL_VERBS, "resignation"),
    **dict.fromkeys(_words("appoint nominate inaugurate"), "appointment"),
    **dict.fromkeys(_words("arrest detain apprehend"), "arrest"),
    **dict.fromkeys(
        _words("charge indict prosecute convict sentence jail imprison sue acquit"),
        "legal_action",
    ),
    **dict.fromkeys(_words("sanction blacklist embargo"), "sanctions"),
    **dict.fromkeys(_words("expel"), "sanctions"),
    **dict.fromkeys(_words("deploy station redeploy"), "deployment"),
    **dict.fromkeys(_words("mobilise mobilize conscript"), "mobilisation"),
    **dict.fromkeys(_words("march rally protest demonstrate picket"), "demonstration"),
    **dict.fromkeys(_words("riot loot"), "riot"),
    **dict.fromkeys(
        _words(
            "accuse blame condemn denounce criticise criticize assail slam lambast rebuke castigate"
        ),
        "accusation",
    ),
    **dict.fromkeys(_words("deny reject refuse rebuff refute"), "rejection"),
    **dict.fromkeys(_words("threaten"), "threat"),
    **dict.fromkeys(_words("urge appeal demand implore"), "appeal"),
    **dict.fromkeys(_words("praise hail endorse commend"), "endorsement"),
    **dict.fromkeys(_words("visit tour"), "visit"),
    **dict.fromkeys(_words("consult"), "meeting"),
    **dict.fromkeys(_words("ratify"), "agreement"),
    **dict.fromkeys(_words("explode detonate"), "explosion"),
    **dict.fromkeys(_words("hack"), "cyberattack"),
    **dict.fromkeys(_words("murder stab assassinate"), "homicide"),
    **dict.fromkeys(_words("derail collide"), "crash"),
    **dict.fromkeys(_words("elect"), "election"),
}

# Noun lemma -> type: nominalisations that name a happening on their own ("the summit",
# "a news conference", "an explosion"), kept when a light verb or a date anchors them.
NOUN_TYPES: dict[str, str] = {
    **dict.fromkeys(_words("summit conference"), "summit"),
    **dict.fromkeys(_words("meeting talks negotiation consultation"), "meeting"),
    **dict.fromkeys(_words("teleconference videoconference"), "phone_call"),
    **dict.fromkeys(_words("visit trip"), "visit"),
    **dict.fromkeys(_words("speech address"), "speech"),
    **dict.fromkeys(_words("briefing"), "press_conference"),
    **dict.fromkeys(_words("interview"), "interview"),
    **dict.fromkeys(_words("resignation"), "resignation"),
    **dict.fromkeys(_words("coup putsch"), "resignation"),  # a leader removed by force
    **dict.fromkeys(_words("appointment nomination inauguration"), "appointment"),
    **dict.fromkeys(_words("election referendum vote ballot"), "election"),
    **dict.fromkeys(_words("arrest detention"), "arrest"),
    **dict.fromkeys(_words("trial verdict indictment tribunal lawsuit conviction"), "legal_action"),
    **dict.fromkeys(_words("sanction embargo blacklist"), "sanctions"),
    **dict.fromkeys(_words("deployment"), "deployment"),
    **dict.fromkeys(_words("mobilisation mobilization"), "mobilisation"),
    **dict.fromkeys(_words("drill exercise manoeuvre maneuver"), "military_exercise"),
    **dict.fromkeys(_words("protest rally demonstration march vigil"), "demonstration"),
    **dict.fromkeys(_words("riot unrest"), "riot"),
    **dict.fromkeys(_words("walkout stoppage"), "labour_strike"),
    **dict.fromkeys(_words("agreement deal treaty accord ceasefire truce memorandum"), "agreement"),
    **dict.fromkeys(_words("explosion blast bombing sabotage detonation"), "explosion"),
    **dict.fromkeys(_words("cyberattack cyber-attack hack ddos"), "cyberattack"),
    **dict.fromkeys(_words("earthquake quake tremor tsunami aftershock"), "earthquake"),
    **dict.fromkeys(
        _words(
            "flood flooding storm hurricane typhoon cyclone landslide mudslide tornado landfall"
        ),
        "flood",
    ),
    **dict.fromkeys(_words("wildfire bushfire"), "wildfire"),
    **dict.fromkeys(_words("blaze"), "fire"),
    **dict.fromkeys(_words("leak rupture spill"), "collapse"),
    **dict.fromkeys(_words("crash derailment collision shipwreck"), "crash"),
    **dict.fromkeys(_words("murder stabbing assassination homicide"), "homicide"),
    **dict.fromkeys(_words("robbery heist kidnapping fraud"), "other_crime"),
    **dict.fromkeys(_words("accusation"), "accusation"),
    **dict.fromkeys(_words("ultimatum"), "threat"),
    **dict.fromkeys(_words("appeal"), "appeal"),
    **dict.fromkeys(_words("resolution"), "endorsement"),
}

# Light verb + object noun -> the object's happening ("held talks", "imposed sanctions",
# "announced a package"): the verb's lemma and the object nouns that complete it.
OBJECT_TYPES: dict[str, dict[str, str]] = {
    "hold": {
        **dict.fromkeys(
            _words("talk talks meeting meetings consultation negotiation summit conversation"),
            "meeting",
        ),
        **dict.fromkeys(_words("call teleconference videoconference"), "phone_call"),
        **dict.fromkeys(_words("conference briefing"), "press_conference"),
        **dict.fromkeys(_words("election elections referendum vote"), "election"),
        **dict.fromkeys(_words("drill drills exercise exercises"), "military_exercise"),
        **dict.fromkeys(_words("rally protest demonstration vigil"), "demonstration"),
    },
    "have": {
        **dict.fromkeys(
            _words("talk talks meeting meetings consultation negotiation conversation"), "meeting"
        ),
        **dict.fromkeys(_words("call"), "phone_call"),
    },
    "catch": dict.fromkeys(_words("fire"), "fire"),  # "the jet caught fire"
    # Diplomatic relations made or broken between states.
    **dict.fromkeys(
        _words("restore establish normalise normalize resume"),
        dict.fromkeys(_words("tie ties relation relations"), "agreement"),
    ),
    **dict.fromkeys(
        _words("cut sever break downgrade"),
        dict.fromkeys(_words("tie ties relation relations"), "suspension"),
    ),
    "impose": dict.fromkeys(
        _words("sanction sanctions embargo ban cap restriction restrictions tariff"), "sanctions"
    ),
    "introduce": dict.fromkeys(_words("sanction sanctions embargo ban cap"), "sanctions"),
    "slap": dict.fromkeys(_words("sanction sanctions embargo ban tariff"), "sanctions"),
    "freeze": dict.fromkeys(_words("asset assets account accounts"), "sanctions"),
    "sign": dict.fromkeys(
        _words("agreement deal treaty accord memorandum contract ceasefire decree law"),
        "agreement",
    ),
    "reach": dict.fromkeys(_words("agreement deal accord ceasefire truce compromise"), "agreement"),
    "strike": dict.fromkeys(_words("deal agreement"), "agreement"),
    "conclude": dict.fromkeys(_words("agreement deal treaty"), "agreement"),
    "agree": dict.fromkeys(_words("deal cap ceasefire truce plan package"), "agreement"),
    "adopt": {
        **dict.fromkeys(_words("resolution declaration statement"), "endorsement"),
        **dict.fromkeys(_words("law bill measure document"), "election"),
        # "adopted a ninth package of sanctions": the measure, not the vote on it
        **dict.fromkeys(_words("sanction sanctions embargo"), "sanctions"),
    },
    "pass": dict.fromkeys(_words("resolution law bill measure"), "election"),
    # "won the presidential election", "won Sunday's runoff": the vote took place
    "win": dict.fromkeys(
        _words("election elections vote runoff run-off referendum ballot poll polls race"),
        "election",
    ),
    "approve": {
        **dict.fromkeys(_words("law bill resolution"), "election"),
        **dict.fromkeys(_words("sanction sanctions"), "sanctions"),
    },
    "deliver": dict.fromkeys(_words("speech address remarks statement lecture"), "speech"),
    "give": {
        **dict.fromkeys(_words("speech address remarks lecture"), "speech"),
        **dict.fromkeys(_words("interview"), "interview"),
        **dict.fromkeys(_words("briefing"), "press_conference"),
    },
    "make": dict.fromkeys(_words("speech address remarks"), "speech"),
    "host": {
        **dict.fromkeys(_words("summit conference"), "summit"),
        **dict.fromkeys(_words("talk talks meeting"), "meeting"),
    },
    "attend": {
        **dict.fromkeys(_words("summit conference"), "summit"),
        **dict.fromkeys(_words("meeting talks"), "meeting"),
    },
    "open": {
        **dict.fromkeys(_words("summit conference session talks"), "summit"),
        **dict.fromkeys(_words("investigation probe case"), "legal_action"),
    },
    "convene": {
        **dict.fromkeys(_words("summit conference session"), "summit"),
        **dict.fromkeys(_words("meeting talks"), "meeting"),
    },
    "announce": {
        **dict.fromkeys(_words("sanction sanctions embargo ban"), "sanctions"),
        **dict.fromkeys(_words("resignation"), "resignation"),
        **dict.fromkeys(_words("coup putsch"), "resignation"),  # a leader removed by force
        **dict.fromkeys(_words("deployment"), "deployment"),
        **dict.fromkeys(_words("mobilisation mobilization"), "mobilisation"),
        **dict.fromkeys(_words("withdrawal pullback pullout"), "withdrawal"),
        **dict.fromkeys(_words("agreement deal"), "agreement"),
        **dict.fromkeys(_words("package aid assistance"), "aid_package"),
    },
    "send": dict.fromkeys(
        _words("troop troops soldier soldiers force forces warship warships jet jets"),
        "deployment",
    ),
    "dispatch": dict.fromkeys(_words("troop troops soldier soldiers force forces"), "deployment"),
    "move": dict.fromkeys(_words("troop troops soldier soldiers force forces"), "deployment"),
    "suspend": {
        **dict.fromkeys(
            _words(
                "flight flights service services operation operations delivery deliveries "
                "supply supplies export exports import imports talks cooperation membership "
                "participation work"
            ),
            "suspension",
        )
    },
    "halt": dict.fromkeys(
        _words("flight flights delivery deliveries supply supplies export exports work"),
        "suspension",
    ),
    "cancel": dict.fromkeys(_words("flight flights visit talks meeting"), "suspension"),
    "cut": dict.fromkeys(_words("supply supplies tie ties relation relations"), "suspension"),
    # "closed its airspace to the country's airlines", "shut the border crossing"
    **dict.fromkeys(
        _words("close shut"),
        dict.fromkeys(
            _words("airspace border borders crossing crossings port ports embassy consulate"),
            "suspension",
        ),
    ),
    "ban": dict.fromkeys(
        _words(
            "import imports export exports flight flights aircraft airline airlines oil gas "
            "coal broadcast broadcasts outlet outlets channel channels entry"
        ),
        "sanctions",
    ),
    "stop": dict.fromkeys(
        _words("flight flights supply supplies delivery deliveries"), "suspension"
    ),
    **dict.fromkeys(
        _words("release exchange swap free"),
        dict.fromkeys(
            _words("prisoner prisoners hostage hostages detainee detainees captive captives pow"),
            "concession",
        ),
    ),
    "find": dict.fromkeys(_words("grave graves body bodies remains"), "discovery"),
    "discover": dict.fromkeys(_words("grave graves body bodies remains"), "discovery"),
    "uncover": dict.fromkeys(_words("grave graves body bodies"), "discovery"),
    "unveil": {
        **dict.fromkeys(_words("package plan"), "aid_package"),
        **dict.fromkeys(_words("sanction sanctions"), "sanctions"),
    },
    "stage": {
        **dict.fromkeys(_words("drill drills exercise exercises"), "military_exercise"),
        **dict.fromkeys(_words("protest rally demonstration march walkout"), "demonstration"),
    },
    "conduct": dict.fromkeys(_words("drill drills exercise exercises"), "military_exercise"),
    "launch": {
        **dict.fromkeys(_words("drill drills exercise exercises"), "military_exercise"),
        **dict.fromkeys(_words("probe investigation"), "legal_action"),
    },
    "file": dict.fromkeys(_words("lawsuit charge charges complaint"), "legal_action"),
    "issue": {
        **dict.fromkeys(_words("warrant"), "legal_action"),
        **dict.fromkeys(_words("ultimatum"), "threat"),
        **dict.fromkeys(_words("statement"), "statement"),
    },
}

# Nouns that only name a happening as the object or subject of another word: kept out of
# NOUN_TYPES because alone they are too vague ("the package", "the graves").
GOVERNED_NOUNS = frozenset(
    word for objects in OBJECT_TYPES.values() for word in objects if word not in NOUN_TYPES
)

# Where words were said: a reporting verb with one of these nearby makes a speech,
# a press conference or an interview rather than a plain statement.
SETTING_NOUNS: dict[str, str] = {
    **dict.fromkeys(_words("speech address"), "speech"),
    **dict.fromkeys(_words("conference briefing reporters journalists"), "press_conference"),
    **dict.fromkeys(_words("interview"), "interview"),
}
