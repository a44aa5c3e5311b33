"""Name a happening for the review queue: who did it, a title, a short summary.

Titles are sentences a person would write ("Arland and Belmark exchange prisoners",
"Missile strike on X kills 5"), built from the trigger, its doer, target and place as
the assembling step (``detection``) found them; nothing here reads the article again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.finders import intercepted_weapons, launched_weapons
from events.extraction.events.lexicon import (
    AIR_WORDS,
    BLAST_WORDS,
    MISSILE_WORDS,
    OVERTHROW_VERBS,
    REMOVAL_VERBS,
    SHELL_WORDS,
)
from events.extraction.events.syntax import (
    blamed_for,
    deps_of,
    forms_of,
    headline_passive,
    lemma_of,
    object_of,
    prep_objects,
    subject_of,
)
from events.extraction.events.triggers import asked_for
from events.extraction.nlp import token_children
from events.extraction.types import ActorKind

if TYPE_CHECKING:
    from events.extraction.events.article import Article
    from events.extraction.events.finders import Trigger

__all__ = ["doer_label", "event_summary", "event_title"]

_SUMMARY_LENGTH = 300


def _joint_doer(article: Article, subject, anchors, lead_key: str) -> str:
    """Return the second of two doers joined in the subject ("Arland and Belmark met")."""
    if subject is None:
        return ""
    joined = {t.i for conj in deps_of(subject, "conj") for t in conj.subtree}
    return next(
        (
            article.actors[a.key].name
            for a in anchors
            if a.key != lead_key and a.token_index in joined
        ),
        "",
    )


def doer_label(
    article: Article,
    trigger: Trigger,
    roles: tuple[tuple[str, str], ...],
    sentence_index: int,
) -> str:
    """Return a short label for whoever acted, for the title."""
    token = article.doc[trigger.token_index]
    initiators = {key for key, role in roles if role == "initiator"}
    if initiators:
        subject = subject_of(token) if token.pos_ == "VERB" else token
        pivot = subject.i if subject is not None else token.i
        anchors = [a for a in article.actor_anchors.get(sentence_index, []) if a.key in initiators]
        # The actor heading the subject ("Defence Minister X") rather than a modifier.
        lead = min(anchors, key=lambda a: abs(a.token_index - pivot))
        partner = _joint_doer(article, subject, anchors, lead.key)
        return (
            f"{article.actors[lead.key].name} and {partner}"
            if partner
            else (article.actors[lead.key].name)
        )
    if trigger.action == "thank":
        return ""
    if trigger.action == "intercept":
        return ""  # "Air defences downed drones": the title names the launchers, if told
    if token.pos_ != "VERB":
        for child in token_children(token):
            if child.dep_ == "amod" and child.ent_type_ == "NORP":
                return child.text
            if child.dep_ == "poss" and child.pos_ == "PROPN" and child.ent_type_ != "DATE":
                return child.text
        return ""
    subject = subject_of(token)
    if subject is None:
        subject = blamed_for(token)  # "assailed X for deploying troops": X deployed
    if subject is not None and subject.ent_type_ in ("DATE", "TIME"):
        return ""  # "Friday saw an explosion": a day is nobody
    if headline_passive(token):
        return ""  # "X sentenced to nine years": X did not sentence anyone
    if subject is None or subject.pos_ == "PRON" or subject.dep_ == "nsubjpass":
        if trigger.event_type == "withdrawal" and subject is not None:
            subject = subject if subject.pos_ != "PRON" else None
        else:
            return ""
    if subject is None or forms_of(subject) & (
        MISSILE_WORDS | SHELL_WORDS | AIR_WORDS | BLAST_WORDS
    ):
        return ""
    # "its prime minister" is titled "Prime minister", "the country's parliament"
    # "Parliament": a title names, a pronoun or a common noun before it only refers
    referring = {t.i for t in subject.lefts if t.dep_ == "poss" and t.pos_ in ("PRON", "NOUN")}
    left = [
        t
        for t in subject.lefts
        if t.dep_ in ("amod", "compound", "poss", "case")
        and t.pos_ != "PRON"
        and t.i not in referring
        and not (t.dep_ == "case" and t.head.i in referring)
    ]
    words = [*left, subject]
    words.sort(key=lambda t: t.i)
    label = " ".join(t.text for t in words if t.dep_ != "det").replace(" 's", "'s")
    return label if len(words) <= 5 else subject.text


def _demonym(token) -> str:
    """Return the nationality adjective qualifying a strike ("Syrian" shelling), if any."""
    holders = [token]
    if token.pos_ == "VERB":
        # "Xian missiles hit", "downed Xian drones", "Xian drones launched at Y"
        sent = intercepted_weapons(token) or launched_weapons(token) or subject_of(token)
        holders = [sent] if sent is not None else []
    for holder in holders:
        for child in token_children(holder):
            if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP":
                return child.text
    return ""


def _plural(label: str, article: Article, trigger: Trigger) -> bool:
    if " and " in label:  # "Arland and Belmark", two doers
        return True
    token = article.doc[trigger.token_index]
    subject = subject_of(token) if token.pos_ == "VERB" else None
    return subject is not None and subject.tag_ in ("NNS", "NNPS") and subject.text in label


_NOMINAL_TITLES = {
    "shelling": ("shelling", "of"),
    "missile_strike": ("missile strike", "on"),
    "air_strike": ("air strike", "on"),
    "armed_clash": ("fighting", "in"),
    "attack_on_civilians": ("attack on civilians", "in"),
}
_VERB_TITLES = {
    "withdrawal": ("withdraw", "from"),
    "capture": ("capture", ""),
    "territorial_claim": ("claim control of", ""),
    "evacuation_call": ("urge evacuation of", ""),
    "order": ("order forces to act", "in"),
    "statement": ("say", ""),
    "meeting": ("meet", ""),
    "aid_package": ("pledge support", "to"),
}
_PLACELESS_TITLES = {
    "territorial_claim": "claim territorial control",
    "evacuation_call": "urge evacuation",
}
_ANNEX_TITLES = {"invade": ("invade", ""), "annex": ("annex", ""), "launch": ("invade", "")}


def _nearest_parties(article: Article, trigger: Trigger, keys: list[str]) -> list[str]:
    """Return the names of the two parties nearest the trigger, in the text's order.

    "Speaking of last week's meeting between A and B, C said": A and B met, C spoke.
    """
    where: dict[str, int] = {}
    for anchors in article.actor_anchors.values():
        for anchor in anchors:
            if anchor.key in keys:
                distance = abs(anchor.token_index - trigger.token_index)
                if distance < abs(where.get(anchor.key, 10**9) - trigger.token_index):
                    where[anchor.key] = anchor.token_index
    people = {where[k] for k in where if article.actors[k].kind == ActorKind.PERSON}
    # "German Chancellor X": the office's mention modifies the person's; the person met.
    titled = {
        key
        for key, index in where.items()
        if article.actors[key].kind != ActorKind.PERSON and _modifies(article.doc[index], people)
    }
    # "..., according to the chancellery": the report's source, not a party to the call
    titled |= {
        key
        for key, index in where.items()
        if any(t.lower_ == "according" for t in article.doc[index].ancestors)
    }
    ranked = sorted(
        (key for key in dict.fromkeys(keys) if key not in titled),
        key=lambda key: abs(where.get(key, 10**9) - trigger.token_index),
    )[:2]
    ranked.sort(key=lambda key: where.get(key, 10**9))
    return list(dict.fromkeys(article.actors[key].name for key in ranked))


def _modifies(token, heads: set[int]) -> bool:
    """Say whether ``token`` is part of a name's title ("German Chancellor" of "X")."""
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "appos", "nmod") or token.head.i == token.i:
            return False
        token = token.head
        if token.i in heads or token.ent_type_ == "PERSON":
            return True
    return False


def _third_person(phrase: str) -> str:
    verb, _, rest = phrase.partition(" ")
    if verb.endswith(("s", "sh", "ch", "x")):
        verb += "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        verb = verb[:-1] + "ies"
    else:
        verb += "s"
    return f"{verb} {rest}".strip()


def _toll(fatalities: int | None, injured: int | None) -> str:
    """Return " kills 5, injures 12" for a title, or nothing."""
    figures = [f"kills {fatalities}"] if fatalities else []
    figures += [f"injures {injured}"] if injured else []
    return " " + ", ".join(figures) if figures else ""


def event_title(
    article: Article,
    trigger: Trigger,
    who: str,
    place_keys: tuple[str, ...],
    roles: tuple[tuple[str, str], ...],
    fatalities: int | None,
    injured: int | None,
) -> str:
    place = ""
    if place_keys:
        best = min(place_keys, key=lambda k: (article.specificity(k), place_keys.index(k)))
        place = article.places[best].entry.name
    token = article.doc[trigger.token_index]
    kind = trigger.event_type
    if kind in _NOMINAL_TITLES:
        noun, prep = _NOMINAL_TITLES[kind]
        if kind == "shelling" and trigger.action in ("attack", "strike"):
            noun, prep = trigger.action, "on"  # the weapon unnamed: say no more than the text
        adjective = _demonym(token)
        head = f"{adjective} {noun}" if adjective else noun
        title = f"{head} {prep} {place}" if place else head
        if who and not adjective:
            title += f" by {who}"
        title += _toll(fatalities, injured)
        return title[:1].upper() + title[1:]
    if kind == "annexation":
        verb, _ = _ANNEX_TITLES.get(trigger.action, ("invade", ""))
        taken = object_of(token) if token.pos_ == "VERB" else None
        if taken is not None and taken.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
            taken = token.head
        if not place and taken is not None and lemma_of(taken) not in ("invasion", "operation"):
            place = " ".join(t.text for t in taken.subtree if t.dep_ != "det")
        phrase = f"{verb} {place}".strip()
    elif kind == "statement":
        clause = next(iter(deps_of(token, "ccomp")), None)
        kept = list(clause.subtree) if clause is not None else []
        said = _joined(kept)
        kept = [t for t in kept if not t.is_quote]
        said = re.sub(r"^(that|,)\s+", "", said).strip(" ,:-")
        said = said.rstrip(" .,;:-\"'“”‘’")  # the quote's own closing marks
        if kept and kept[0].pos_ != "PROPN" and kept[0].text != "I":
            said = said[:1].lower() + said[1:]  # "says the talks failed", not "says The"
        words = said.split()
        said = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        phrase = f"say {said}".strip()
    elif kind in ("meeting", "phone_call") and token.pos_ != "VERB":
        noun = "Meeting" if kind == "meeting" else "Phone call"
        # People first: "German Chancellor X" names the person and the office, and a
        # call is between the people ("Phone call between X and Y").
        names = _nearest_parties(article, trigger, [key for key, _ in roles])
        if len(names) >= 2:
            return f"{noun} between {names[0]} and {names[1]}"
        return f"{noun} with {names[0]}" if names else noun
    elif kind == "resignation" and trigger.action == "collapse":
        # "Arland's government collapsed": the government falls, not the country
        return f"Government of {who} collapses" if who else "Government collapses"
    elif kind in ("meeting", "phone_call") and trigger.action in ("meet", "speak by phone with"):
        partners = [article.actors[key].name for key, role in roles if role == "target"]
        if not partners and " and " not in who:  # two doers talked with each other
            partners = [article.actors[key].name for key, role in roles if role == "other"]
        verb = "speak by phone with" if "phone" in trigger.action else "meet"
        # without a partner's name, no verb left hanging ("Arland's leader meets")
        if partners:
            phrase = f"{verb} {partners[0]}"
        elif " and " in who:  # "X and Y speak by phone": each is the other's partner
            phrase = verb.removesuffix(" with")
        else:
            phrase = _UNPARTNERED[verb]
    elif kind == "order":
        done = next(iter(deps_of(token, "xcomp")), None) or next(
            iter(deps_of(token, "ccomp")), None
        )
        ordered = object_of(token) or next(iter(deps_of(token, "nsubjpass")), None)
        what = done.lemma_ if done is not None else "act"
        if done is not None and lemma_of(done) == "continue":
            more = next(iter(deps_of(done, "xcomp", "dobj")), None)
            what = f"continue {more.text}" if more is not None else what
        whom = ordered.text if ordered is not None else "forces"
        phrase = f"order {whom} to {what}" + (f" in {place}" if place else "")
    elif kind == "aid_package":
        receivers = [article.actors[key].name for key, role in roles if role == "target"]
        phrase = "pledge support" + (f" to {receivers[0]}" if receivers else "")
    elif kind not in _VERB_TITLES:
        title = _lexicon_title(article, trigger, who, place, roles)
        if kind in _WITHOUT_DOER or kind in ("explosion", "homicide", "other_crime"):
            title += _toll(fatalities, injured)  # "Earthquake in X kills 40"
        return title
    else:
        verb, prep = _VERB_TITLES[kind]
        if trigger.action == "encircle":
            verb, prep = "encircle troops", "in"
        if place:
            phrase = f"{verb} {prep} {place}".replace("  ", " ").strip()
        else:
            phrase = _PLACELESS_TITLES.get(kind, verb)
    adjective = token.pos_ != "VERB" and any(
        c.dep_ == "amod" and c.text == who for c in token_children(token)
    )
    if who and adjective:
        # "the Russian invasion of X": the demonym qualifies the noun, it does not act
        title = f"{who} {lemma_of(token)} of {place}" if place else f"{who} {lemma_of(token)}"
    elif who:
        verb_phrase = phrase if _plural(who, article, trigger) else _third_person(phrase)
        title = f"{who} {verb_phrase}"
    else:
        title = {
            "withdrawal": f"Withdrawal from {place}" if place else "Withdrawal",
            "capture": (
                f"Encirclement of troops in {place}"
                if trigger.action == "encircle"
                else f"Capture of {place}"
            )
            if place
            else "Capture",
            "territorial_claim": f"Claim of control over {place}" if place else "Territorial claim",
            "evacuation_call": f"Call to evacuate {place}" if place else "Call to evacuate",
            "annexation": _doerless_annexation(trigger.action, place),
            # Without a doer a verb makes no title ("Meet Ukraine"): the noun does.
            "meeting": _partnered("Talks", phrase),
            "phone_call": _partnered("Call", phrase),
        }.get(kind, phrase)
    return title[:1].upper() + title[1:]


def _object_phrase(verb) -> str:
    """Return a verb's object as written, cut short: "the independence of two regions"."""
    done_to = next(iter(deps_of(verb, "dobj") or deps_of(verb, "nsubjpass")), None)
    if done_to is None:
        return ""
    words = _joined(t for t in done_to.subtree if t.dep_ != "punct").split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:] if len(words) == 1 else ["the", *words[1:]]
    words = words[:_ASKED_WORDS]
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # "the independence of two regions of", cut short, ends on a noun
    return " ".join(words)


_BREACHES = frozenset({"leak", "rupture", "spill"})
_DANGLING = frozenset({"of", "in", "to", "for", "and", "or", "the", "a", "an", "with", "on"})


def _doerless_annexation(action: str, place: str) -> str:
    """Name a taking without its doer by the word the text used: annexed, or invaded."""
    noun = "Annexation" if action == "annex" else "Invasion"
    return f"{noun} of {place}" if place else noun


def _partnered(noun: str, phrase: str) -> str:
    """Return "Talks with X" for a doerless "meet X", "Call with X" for "speak by phone with X"."""
    for verb in ("speak by phone with", "meet"):
        if phrase.startswith(verb + " "):
            return f"{noun} with {phrase[len(verb) + 1 :]}"
    return noun


_UNPARTNERED = {"meet": "hold talks", "speak by phone with": "hold a phone call"}
# The longest "call for X" a title spells out.
_ASKED_WORDS = 7

# Titles of the lexicon's types: (phrase with a target, phrase without, noun phrase).
_LEXICON_TITLES = {
    "statement": ("comment on {target}", "make a statement", "Statement"),
    "speech": ("address {target}", "give a speech", "Speech"),
    "press_conference": ("hold a news conference", "hold a news conference", "News conference"),
    "interview": ("give an interview", "give an interview", "Interview"),
    "appeal": ("call on {target} to act", "make an appeal", "Appeal"),
    "accusation": ("accuse {target}", "make accusations", "Accusation"),
    "rejection": ("reject {target}", "reject the claims", "Rejection"),
    "threat": ("threaten {target}", "issue a threat", "Threat"),
    "endorsement": ("express support for {target}", "express support", "Expression of support"),
    "phone_call": ("speak by phone with {target}", "hold a call", "Call"),
    "visit": ("visit {target}", "make a visit", "Visit"),
    "summit": ("hold a summit with {target}", "hold a summit", "Summit"),
    "meeting": ("meet {target}", "hold talks", "Talks"),
    "cooperation": ("cooperate with {target}", "cooperate", "Cooperation"),
    "agreement": ("reach an agreement with {target}", "sign an agreement", "Agreement"),
    "concession": ("make a concession to {target}", "make a concession", "Concession"),
    "sanctions": ("impose sanctions on {target}", "impose sanctions", "Sanctions"),
    "suspension": ("suspend ties with {target}", "suspend services", "Suspension"),
    "arrest": ("arrest {target}", "make arrests", "Arrests"),
    "legal_action": ("take legal action against {target}", "take legal action", "Legal action"),
    "deployment": ("deploy troops to {target}", "deploy troops", "Troop deployment"),
    "mobilisation": ("mobilise troops", "mobilise troops", "Mobilisation"),
    "military_exercise": ("hold military drills", "hold military drills", "Military drills"),
    "demonstration": ("protest against {target}", "hold a protest", "Protest"),
    "riot": ("riot", "riot", "Riot"),
    "labour_strike": ("go on strike", "go on strike", "Strike"),
    "election": ("vote", "vote", "Vote"),
    "resignation": ("resign", "resign", "Resignation"),
    "appointment": ("appoint {target}", "make an appointment", "Appointment"),
    "explosion": ("set off an explosion", "set off an explosion", "Explosion"),
    "earthquake": ("report an earthquake", "report an earthquake", "Earthquake"),
    "flood": ("report flooding", "report flooding", "Flooding"),
    "wildfire": ("report a wildfire", "report a wildfire", "Wildfire"),
    "crash": ("crash", "crash", "Crash"),
    "collapse": ("collapse", "collapse", "Collapse"),
    "fire": ("report a fire", "report a fire", "Fire"),
    "homicide": ("kill {target}", "commit a killing", "Killing"),
    "discovery": ("find graves", "find graves", "Graves found"),
    "other_crime": ("commit a crime", "commit a crime", "Crime"),
    "cyberattack": ("launch a cyberattack on {target}", "launch a cyberattack", "Cyberattack"),
}
# Types whose title says where it happened: "Protest in Lyon", "Earthquake in Izmir".
_TITLED_WITH_PLACE = frozenset(
    [
        "speech",
        "press_conference",
        "visit",
        "summit",
        "meeting",
        "deployment",
        "military_exercise",
        "demonstration",
        "riot",
        "labour_strike",
        "election",
        "explosion",
        "earthquake",
        "flood",
        "wildfire",
        "crash",
        "collapse",
        "fire",
        "homicide",
        "discovery",
        "other_crime",
        "arrest",
    ]
)
# A court's decisions, titled by the one they fall on: "X sentenced", "Y charged".
_COURT_PARTICIPLES = {
    "charge": "charged",
    "indict": "indicted",
    "prosecute": "prosecuted",
    "convict": "convicted",
    "sentence": "sentenced",
    "jail": "jailed",
    "imprison": "imprisoned",
    "acquit": "acquitted",
}
# Natural and accidental happenings: titled by what happened, never by a "doer".
_WITHOUT_DOER = frozenset(["earthquake", "flood", "wildfire", "crash", "collapse", "fire"])


def _lexicon_title(
    article: Article,
    trigger: Trigger,
    who: str,
    place: str,
    roles: tuple[tuple[str, str], ...],
) -> str:
    kind = trigger.event_type
    with_target, alone, noun = _LEXICON_TITLES.get(kind, ("act", "act", kind.replace("_", " ")))
    token = article.doc[trigger.token_index]
    if kind == "collapse" and lemma_of(token) in _BREACHES:
        noun = token.text.lower().capitalize()  # "Leaks in X": the word the text used
    initiators = {key for key, role in roles if role == "initiator"}
    targets = [
        article.actors[key].name
        for key, role in roles
        if role == "target" and key not in initiators
    ]
    target = targets[0] if targets else _named_object(token, kind)
    where = f" in {place}" if place and kind in _TITLED_WITH_PLACE else ""
    if kind == "cyberattack" and place and not target:
        where = f" in {place}"  # "Cyberattack in X"; "on <target>" names it better
    if kind == "suspension" and trigger.action in ("close", "shut"):
        verb = article.doc[trigger.token_index]
        closed = _object_phrase(verb)
        barred = next(iter(prep_objects(verb, "to")), None)  # "closed its airspace to X"
        if closed and barred is not None:
            closed += " to " + " ".join(t.text for t in barred.subtree if t.dep_ != "punct")
        with_target = alone = f"close {closed}" if closed else "close its borders"
        noun = f"Closure of {closed}" if closed else "Closure"
    if kind == "sanctions" and trigger.action == "ban":
        banned = _object_phrase(article.doc[trigger.token_index])
        with_target = alone = f"ban {banned}" if banned else alone
    if kind == "resignation" and trigger.action in OVERTHROW_VERBS | {"seize power", "coup"}:
        with_target, alone, noun = "overthrow {target}", "seize power", "Coup"
        where = f" in {place}" if place else ""  # "Coup in X"
    elif kind == "resignation" and trigger.action in REMOVAL_VERBS:
        with_target, alone, noun = "dismiss {target}", "dismiss officials", "Dismissal"
    if kind == "cooperation" and trigger.action == "recognise":
        recognised = _object_phrase(article.doc[trigger.token_index])
        with_target = alone = f"recognise {recognised}" if recognised else "grant recognition"
        noun = f"Recognition of {recognised}" if recognised else "Recognition"
    if kind == "concession" and trigger.action in ("release", "exchange", "swap", "free"):
        verb = "exchange" if trigger.action in ("exchange", "swap") else "release"
        with_target, alone, noun = (
            f"{verb} prisoners with {{target}}",
            f"{verb} prisoners",
            ("Prisoner exchange" if verb == "exchange" else "Release of prisoners"),
        )
    if kind == "riot" and trigger.action == "clash":
        return f"Protesters clash with police{where}"
    if kind == "demonstration" and trigger.action == "disperse":
        with_target = alone = "disperse protesters"
        noun = "Protest dispersed"
    if kind == "election" and trigger.action == "win":
        with_target = alone = "win the vote"  # "X wins the vote", not "X votes"
    if kind == "appeal" and trigger.action == "call for":
        asked = _asked_phrase(article.doc[trigger.token_index])
        if asked:
            with_target = alone = f"call for {asked}"
    if who and kind not in _WITHOUT_DOER:
        phrase = (
            with_target.format(target=target) if target and "{target}" in with_target else alone
        )
        if "{target}" in with_target and not target and kind == "visit" and place:
            phrase, where = f"visit {place}", ""
        plural = _plural(who, article, trigger)
        title = f"{who} {phrase if plural else _third_person(phrase)}{where}"
    elif target and kind == "legal_action" and trigger.action in _COURT_PARTICIPLES:
        title = f"{target} {_COURT_PARTICIPLES[trigger.action]}{where}"  # "X sentenced"
    elif target and kind == "arrest":
        title = f"{target} detained{where}"  # "X detained", not "Arrests of X"
    elif target and kind in ("resignation", "appointment", "visit", "phone_call"):
        title = f"{noun} of {target}{where}" if kind != "phone_call" else f"Call with {target}"
    else:
        title = f"{noun}{where}"
    return title[:1].upper() + title[1:]


# Types whose object is the party acted on: "accused Arland", "threatened Belmark".
_PARTY_OBJECT_TYPES = frozenset({"accusation", "threat", "sanctions", "appeal"})


def _named_object(token, kind: str) -> str:
    """Return a named object the actors step did not make a party: "accused Arland"."""
    if kind not in _PARTY_OBJECT_TYPES or token.pos_ != "VERB":
        return ""
    obj = object_of(token) or next(iter(prep_objects(token, "on")), None)
    if obj is None or obj.pos_ != "PROPN" or obj.ent_type_ not in ("GPE", "ORG", "NORP", "PERSON"):
        return ""
    return " ".join(t.text for t in obj.subtree if t.dep_ in ("compound", "flat") or t.i == obj.i)


def _asked_phrase(token) -> str:
    """Return what an appeal asks for, short enough for a title ("tougher sanctions")."""
    thing = asked_for(token)
    if thing is None:
        return ""
    words = sorted(thing.subtree, key=lambda t: t.i)
    if len(words) > _ASKED_WORDS:
        # the noun with its own modifiers, then "against X" / "on X" if still short
        words = [t for t in thing.lefts if t.dep_ not in ("det", "predet")] + [thing]
        for prep in deps_of(thing, "prep"):
            tail = sorted(prep.subtree, key=lambda t: t.i)
            if prep.lower_ in ("against", "on", "to") and len(words) + len(tail) <= _ASKED_WORDS:
                words += tail
            break
    if any(t.is_punct and t.text not in "-'’" for t in words):
        return ""
    return _joined(words) if len(words) <= _ASKED_WORDS else ""


def _joined(tokens) -> str:
    """Return tokens as written, with their own spacing ("Russia's", not "Russia 's")."""
    text = "".join(t.whitespace_ if t.is_quote else t.text_with_ws for t in tokens)
    return " ".join(text.split())


def event_summary(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _SUMMARY_LENGTH:
        return flat
    cut = flat[:_SUMMARY_LENGTH].rsplit(" ", 1)[0]
    return cut + "…"
