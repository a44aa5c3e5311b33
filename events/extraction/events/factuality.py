"""Tell news from everything else: hypotheticals, predictions, negations and background.

A trigger word is an event only when the article reports it as having happened (or as
announced): not "could strike", "if Russia invades", "will probably attack", "did not
meet", "had annexed" (background), nor a line of another story's teaser in capitals.
Reported claims stay events; ``claimant`` says whose claim they are.
"""

from __future__ import annotations

import datetime as dt

from events.extraction.events.syntax import deps_of, lemma_of

__all__ = [
    "BACKGROUND_DAYS",
    "DECISION_TYPES",
    "characterising",
    "claimant",
    "is_background_date",
    "is_shouted",
    "negated",
    "unreal",
]

# An event dated more than this before the article is background, not news.
BACKGROUND_DAYS = 21

_HEDGE_MODALS = frozenset({"would", "could", "might", "may", "can", "should", "must", "ought"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
# A trigger under one of these did not happen (yet): "failed attempt to capture",
# "hoped to launch", "aim of seizing", "plans to meet", "is expected to visit".
_UNREAL_WORDS = frozenset(
    [
        "attempt",
        "try",
        "fail",
        "plan",
        "want",
        "hope",
        "seek",
        "aim",
        "goal",
        "intend",
        "threaten",
        "prepare",
        "expect",
        "likely",
        "unlikely",
        "whether",
        "if",
        "unless",
        "bid",
        "stage",
        "effort",
        "ambition",
        "able",
        "unable",
        "would",
        "could",
        "might",
        "may",
        "can",
        "without",
        "prevent",
        "vow",
        "pledge",
        "promise",
        "need",
        "urge",
        "ask",
        "call",
        "push",
        "avoid",
        "scenario",
        "possibility",
        "possible",
        "risk",
        "fear",
        "danger",
        "threat",
        "chance",
        "prospect",
        "ready",
        "willing",
        "consider",
        "propose",
        "suggest",
        "demand",
        "warn",
        "predict",
        "scheduled",
        "due",
        "set",
        "going",
        "about",
    ]
)
# Beliefs, decisions and fears are not deeds either ("convinced that X decided to attack",
# "a feared invasion", "a potential strike").
_UNREAL_WORDS |= frozenset(
    [
        "decide",
        "decision",
        "believe",
        "think",
        "convince",
        "convinced",
        "suspect",
        "assess",
        "estimate",
        "anticipate",
        "worry",
        "feared",
        "potential",
        "imminent",
        "looming",
        "planned",
        "expected",
        "deter",
    ]
)
# Deeds pressed for, asked or refused ("resisted pressure to send troops") were not done.
_UNREAL_WORDS |= frozenset(
    ["pressure", "request", "refuse", "resist", "reluctant", "reluctance", "reject"]
)
# Verbs that carry a decision or plan out: what it decided then happened.
_CARRYING_OUT = frozenset({"implement", "enact", "execute", "enforce", "fulfil", "fulfill"})
# Nominal happenings qualified as not (yet) real: "a feared invasion", "possible strikes".
_UNREAL_MODIFIERS = frozenset(
    [
        "feared",
        "possible",
        "potential",
        "imminent",
        "looming",
        "planned",
        "expected",
        "future",
        "hypothetical",
        "alleged",
        "threatened",
        "any",
    ]
)
# Verbs that make what they govern an announced fact: "announced that troops will deploy".
_ANNOUNCING = frozenset(
    ["announce", "decide", "order", "approve", "agree", "confirm", "authorise", "authorize", "sign"]
)
_REPORTING = frozenset(
    [
        "say",
        "tell",
        "state",
        "declare",
        "announce",
        "add",
        "stress",
        "insist",
        "claim",
        "confirm",
        "write",
        "post",
        "report",
        "allege",
        "accuse",
        "assert",
        "acknowledge",
        "admit",
        "reveal",
        "explain",
        "note",
    ]
)
_SINCE = frozenset({"since", "before", "until", "till", "ago"})


def negated(token) -> bool:
    """Return True for "did not meet", "no agreement was reached", "never signed"."""
    if deps_of(token, "neg") or any(c.lower_ in ("no", "never") for c in deps_of(token, "det")):
        return True
    if any(
        d.lower_ in ("no", "never")
        for argument in deps_of(token, "nsubjpass", "dobj")
        for d in deps_of(argument, "det", "neg")
    ):
        return True  # "no agreement was signed", "signed no deal"
    head = token.head
    if token.dep_ in ("xcomp", "pcomp", "dobj", "nsubjpass", "nsubj") and head.i != token.i:
        return bool(deps_of(head, "neg"))
    return False


def _modal(verb, *, announced: bool) -> bool:
    for aux in deps_of(verb, "aux", "auxpass"):
        lemma = lemma_of(aux)
        if lemma in _HEDGE_MODALS or aux.lower_ in _HEDGE_MODALS:
            return True
        if (lemma in _FUTURE or aux.lower_ in _FUTURE) and not announced:
            return True
    return False


# Happenings that are decided rather than predicted: "X said troops will deploy" reports
# a decision, where "X said Russia will invade" is a forecast.
DECISION_TYPES = frozenset(
    [
        "deployment",
        "mobilisation",
        "military_exercise",
        "sanctions",
        "suspension",
        "aid_package",
        "withdrawal",
        "visit",
        "meeting",
        "summit",
        "phone_call",
        "resignation",
        "appointment",
        "agreement",
        "evacuation_call",
    ]
)


def unreal(token, *, decision: bool = False) -> bool:
    """Return True for a trigger that is hoped, tried, planned, predicted or conditional.

    A future under an announcing verb ("announced that 3,000 troops will deploy") is
    an announced fact, and so is the announcing clause's own object.
    """
    sentence = token.sent
    if sentence.text.rstrip().endswith("?"):
        return True
    if token.pos_ in ("NOUN", "PROPN") and any(
        c.lower_ in _UNREAL_MODIFIERS for c in deps_of(token, "amod", "det")
    ):
        return True
    current = token
    for _ in range(6):
        head = current.head
        announcing = _ANNOUNCING | (_REPORTING if decision else frozenset())
        announced = head.i != current.i and lemma_of(head) in announcing and not unreal_verb(head)
        if current.pos_ in ("VERB", "AUX") and _modal(current, announced=announced):
            return True
        if any(c.lower_ in _CONDITIONS for c in deps_of(current, "mark", "advmod")):
            return True
        if current.dep_ == "advcl" and any(
            c.lower_ in ("when", "once", "before", "until") for c in deps_of(current, "mark")
        ):
            return True  # "when troops invade": a time clause about something yet to come
        if current.dep_ == "advcl" and _done_before(current):
            return False  # "vowed to fight on after he was detained": the detention happened
        if head.i == current.i:
            break
        if current.dep_ == "xcomp" and lemma_of(head) == "be" and current.tag_ == "VB":
            return True  # "was to meet", "is to visit": arranged, not (yet) done
        if current.dep_ in ("ccomp", "parataxis") and lemma_of(head) in _REPORTING:
            # Reported words: what the speaker says happened is reported, with a claimant.
            return _modal(head, announced=False) or bool(deps_of(head, "neg"))
        if (lemma_of(head) in _UNREAL_WORDS or head.lower_ in _UNREAL_WORDS) and not _carried_out(
            head
        ):
            return True
        if current.dep_ in ("relcl", "acl") and current.pos_ in ("VERB", "AUX"):
            break
        if current.dep_ in ("conj", "xcomp", "ccomp", "advcl") and lemma_of(head) in _ANNOUNCING:
            return False
        current = head
    return False


def _done_before(clause) -> bool:
    """Return True for a past-tense clause opened by "after" or "because": a done deed."""
    if not any(c.lower_ in ("after", "because") for c in deps_of(clause, "mark")):
        return False
    tags = {clause.tag_} | {c.tag_ for c in deps_of(clause, "aux", "auxpass")}
    return "VBD" in tags


def _carried_out(noun) -> bool:
    """Say whether a decision or plan was carried out: "implemented the decision to X"."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = noun.head
    if lemma_of(verb) in _CARRYING_OUT:
        return True
    return lemma_of(verb) == "put" and any(
        prep.lower_ == "into"
        and any(lemma_of(o) in ("effect", "force", "practice") for o in deps_of(prep, "pobj"))
        for prep in deps_of(verb, "prep")
    )


def unreal_verb(verb) -> bool:
    """Return True for a verb that is itself modal, future or conditional."""
    if _modal(verb, announced=False):
        return True
    return any(c.lower_ in _CONDITIONS for c in deps_of(verb, "mark"))


def characterising(token) -> bool:
    """Say whether a trigger only characterises someone: "the first country to recognise X".

    An infinitive hanging on a noun ranked first, last or only ("was the first leader to
    visit", "the only state to vote against") tells what distinguishes the noun, usually
    from long ago, not a happening of the day.
    """
    if token.dep_ not in ("acl", "relcl") or not any(
        c.lower_ == "to" for c in deps_of(token, "aux")
    ):
        return False
    return any(lemma_of(c) in _RANKS for c in deps_of(token.head, "amod", "advmod", "det"))


_RANKS = frozenset({"first", "last", "only", "second", "third", "latest", "sole"})


def pluperfect_background(token) -> bool:
    """Return True for "had annexed" told as history, not reported speech backshifted."""
    verb = token if token.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    if not any(lemma_of(a) == "have" and a.tag_ == "VBD" for a in deps_of(verb, "aux")):
        return False
    current = verb
    for _ in range(4):
        if current.head.i == current.i:
            return True
        if current.dep_ in ("ccomp", "parataxis") and lemma_of(current.head) in _REPORTING:
            return False
        current = current.head
    return True


def under_since(token) -> bool:
    """Return True for a trigger inside "since the invasion began" or "before the war"."""
    current = token
    for _ in range(4):
        if any(c.lower_ in _SINCE for c in deps_of(current, "mark", "prep", "advmod")) and (
            current.pos_ in ("VERB", "AUX") or current.dep_ == "pobj"
        ):
            return True
        if current.dep_ == "pobj" and current.head.lower_ in _SINCE:
            return True
        if current.head.i == current.i or current.dep_ not in ("pobj", "prep", "advcl", "pcomp"):
            break
        current = current.head
    return False


def claimant(token):
    """Return the subject of the reporting verb that governs ``token``, if any."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ in ("ccomp", "parataxis") and lemma_of(head) in _REPORTING:
            subjects = deps_of(head, "nsubj")
            return subjects[0] if subjects else None
        current = head
    return None


def is_background_date(value: dt.date | None, precision: str, published_on: dt.date | None) -> bool:
    """Return True for a date long before the article's own ("in 2014", "last year")."""
    if value is None or published_on is None:
        return False
    if precision == "year":
        return value.year < published_on.year
    return value < published_on - dt.timedelta(days=BACKGROUND_DAYS)


def is_shouted(text: str) -> bool:
    """Return True for a line in capitals: a teaser of another story, not this one's news."""
    letters = "".join(filter(str.isalpha, text))  # C loops: this runs on every trigger
    if len(letters) < 12:
        return False
    return sum(map(str.isupper, letters)) / len(letters) > 0.8
