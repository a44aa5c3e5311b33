"""Read a spaCy dependency parse: a word's lemma, its dependents, subject and object.

Small helpers shared by the steps that find and assemble happenings; they read the
tree through ``nlp.token_children`` (built once per doc) rather than spaCy's views.
"""

from __future__ import annotations

from events.extraction.nlp import token_children

__all__ = [
    "blamed_for",
    "deps_of",
    "forms_of",
    "lemma_of",
    "object_of",
    "of_quantity",
    "prep_objects",
    "subject_of",
    "subtree_forms",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """Return the space-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


def lemma_of(token) -> str:
    return token.lemma_.lower()


def forms_of(token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def deps_of(token, *deps: str) -> list:
    return [child for child in token_children(token) if child.dep_ in deps]


# "X used drones to attack Y": the drones are X's instrument, X does the attacking.
INSTRUMENT_VERBS = frozenset({"use", "employ", "utilise", "utilize"})


def subject_of(verb):
    """Return the verb's subject, following conjunctions and control verbs upwards."""
    current = verb
    for _ in range(4):
        subjects = deps_of(current, "nsubj", "nsubjpass", "csubj")
        if subjects:
            return subjects[0]
        misread = _subject_read_as_object(current)
        if misread is not None:
            return misread
        if current.dep_ == "xcomp" and lemma_of(current.head) not in INSTRUMENT_VERBS:
            objects = deps_of(current.head, "dobj")
            if objects:
                return objects[0]
        if current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "acl" and current.head.dep_ in ("dobj", "nsubjpass"):
            # "Poland implemented its decision to expel them": the decider acts
            current = current.head.head
            continue
        break
    return None


_CLAUSE_OPENERS = frozenset({"as", "while", "when", "after", "before", "since", "because"})


def _subject_read_as_object(verb):
    """Return X of "... as X launched drones", which the parser reads as "as" + object.

    The side clause's verb is then left without a subject, and its doer would be taken
    from the main clause ("sirens sounded as Iran launched": not the sirens).
    """
    if verb.dep_ != "advcl":
        return None
    for prep in deps_of(verb.head, "prep"):
        if prep.lower_ in _CLAUSE_OPENERS and prep.i < verb.i:
            for pobj in deps_of(prep, "pobj"):
                if pobj.pos_ == "PROPN" and pobj.i < verb.i:
                    return pobj
    return None


def object_of(verb):
    objects = deps_of(verb, "dobj", "attr")
    if objects:
        return objects[0]
    return None


def prep_objects(token, *preps: str) -> list:
    return [
        pobj
        for prep in token_children(token)
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for pobj in deps_of(prep, "pobj", "pcomp")
    ]


_QUANTITY_WORDS = frozenset({"most", "some", "all", "half", "part", "many", "much", "rest"})


def of_quantity(token):
    """Return what a quantity is of ("most of its staff" -> staff), else the token itself."""
    if token is not None and lemma_of(token) in _QUANTITY_WORDS:
        return next(iter(prep_objects(token, "of")), token)
    return token


def subtree_forms(token) -> set[str]:
    return {word for t in token.subtree for word in forms_of(t)}


def blamed_for(verb):
    """Return Y in "X criticised Y for doing Z": the one who did Z; None otherwise."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "for":
        return None
    governor = verb.head.head
    if governor.pos_ != "VERB":
        return None
    return object_of(governor)


# Verbs that take an object in the active: without one ("X sentenced to nine years") the
# tagger's past tense is a headline's passive.
_DONE_TO_SOMEONE = word_set(
    "sentence jail imprison convict charge indict acquit arrest detain fine elect appoint "
    "sack dismiss expel kidnap abduct"
)


def headline_passive(verb) -> bool:
    """Return True for a headline's bare participle: "Opposition leader sentenced to 9 years".

    Headlines drop the auxiliary, so the parser reads the one done to as the subject.
    """
    return (
        (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and lemma_of(verb) in _DONE_TO_SOMEONE))
        and verb.dep_ == "ROOT"
        and not deps_of(verb, "aux", "auxpass", "dobj")
        and bool(deps_of(verb, "nsubj"))
    )
