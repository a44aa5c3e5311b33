"""Who did what to whom: a happening's initiators and targets from its clause's structure.

Subjects, objects, prepositional roles and passives, with pronouns read back to the
names they stand for; a witness quoted for what they saw is no party.
"""

from __future__ import annotations

from events.extraction.events.article import Article, judging
from events.extraction.events.finders import (
    MILITARY_NOUNS,
    SAYING_VERBS,
    Trigger,
    intercepted_weapons,
    launched_weapons,
)
from events.extraction.events.lexicon import family
from events.extraction.events.syntax import (
    blamed_for,
    deps_of,
    headline_passive,
    lemma_of,
    object_of,
    prep_objects,
    subject_of,
    subtree_forms,
    word_set,
)
from events.extraction.nlp import token_children
from events.extraction.types import ActorKind, Sentence

__all__ = ["bystander", "pick_actors"]


_SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})


def pick_actors(
    article: Article, trigger: Trigger, sentence: Sentence
) -> tuple[tuple[str, str], ...]:
    token = article.doc[trigger.token_index]
    initiators: set[int] = set()
    targets: set[int] = set()
    weapons = intercepted_weapons(token) if trigger.action == "intercept" else None
    if weapons is not None:
        # "Air defences downed 20 Russian drones launched by X": the launcher attacked,
        # the one that shot them down was attacked.
        initiators |= _launchers(weapons)
        subject = subject_of(token)
        if subject is not None:
            targets |= _phrase(subject)
    elif token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is not None and headline_passive(token):
            targets |= _phrase(subject)  # "X sentenced to nine years": X is sentenced
            subject = None
        if token.dep_ == "acl" and launched_weapons(token) is not None:
            # "drones launched by X", "Xian missiles fired at Y": not the clause's subject
            initiators |= _launchers(token.head)
            subject = None
            defender = token.head.head
            shooter = subject_of(defender) if intercepted_weapons(defender) is not None else None
            if shooter is not None:
                targets |= _phrase(shooter)  # who shot them down was attacked
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
        # "vowed to fight on after he was detained": he is the main clause's subject
        passive = [_antecedent_in_sentence(token, p) or p for p in deps_of(token, "nsubjpass")]
        receivers = [object_of(token), *passive, *prep_objects(token, "on", "against", "at", "to")]
        deployed = object_of(token)
        if (
            family(trigger.event_type) == "mobilize"
            and deployed is not None
            and subtree_forms(deployed) & MILITARY_NOUNS
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
                and not (token.dep_ == "dobj" and judging(verb))
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


def _launchers(weapons) -> set[int]:
    """Return who sent ``weapons``: their demonym or owner, or the agent of "launched by"."""
    found = {
        t.i
        for child in token_children(weapons)
        if child.dep_ in ("amod", "compound", "poss", "nmod")
        for t in child.subtree
    }
    for clause in token_children(weapons):
        if clause.dep_ == "acl":
            found |= {t.i for agent in prep_objects(clause, "by") for t in agent.subtree}
    return found


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
    if verb.dep_ in ("acl", "ccomp") and lemma_of(verb.head) in _CLAIM_NOUNS:
        # "Russia's claim that it is moving troops": the claimant
        owner = next(iter(deps_of(verb.head, "poss")), None)
        return owner if owner is not None and owner.pos_ != "PRON" else None
    if verb.dep_ != "ccomp":
        return None
    reporting = verb.head
    if reporting.pos_ != "VERB" or lemma_of(reporting) not in SAYING_VERBS:
        return None
    speaker = subject_of(reporting)
    if speaker is None or speaker.pos_ == "PRON" or speaker.dep_ == "nsubjpass":
        return None
    return speaker


# Nouns of saying whose clause is the owner's words: "X's claim that it withdrew".
_CLAIM_NOUNS = word_set(
    "claim assertion statement announcement insistence assurance pledge promise denial "
    "warning contention"
)


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
                # "President X" heads on the title, with the name as its apposition
                for named in (subject, *deps_of(subject, "appos")):
                    if named.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                        return named
                return None
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


# People quoted for what they saw or lived through, not for any office they hold.
_BYSTANDERS = word_set(
    "villager villagers resident residents witness eyewitness survivor shopkeeper "
    "neighbour neighbor passenger passengers relative relatives mother father farmer "
    "student bystander local"
)


def bystander(article: Article, key: str) -> bool:
    """Return True for an actor introduced as a witness: "villager X", "X, a resident"."""
    actor = article.actors[key]
    if actor.kind != ActorKind.PERSON or actor.role:
        return False
    if any(word.lower() in _BYSTANDERS for word in actor.name.split()):
        return True
    for anchors in article.actor_anchors.values():
        for anchor in anchors:
            if anchor.key != key:
                continue
            head = article.doc[anchor.token_index]
            near = [*deps_of(head, "appos", "compound", "amod"), head.head]
            previous = article.doc[head.i - 2] if head.i >= 2 else None
            if any(lemma_of(t) in _BYSTANDERS for t in near) or (
                previous is not None and lemma_of(previous) in _BYSTANDERS
            ):
                return True
    return False
