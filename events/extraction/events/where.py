"""Where a happening took place: the places of its clause, not every place named near it.

An attack's place is where it struck (not where it was fired from, nor the place of
another attack named beside it); words happen where they are said; a clause without a
place may take one from the sentence before.
"""

from __future__ import annotations

from events.extraction.events.article import Article, acts_as_actor
from events.extraction.events.finders import PLACE_NOUNS, Trigger
from events.extraction.events.lexicon import ANSWER_NOUNS, COMMUNICATION_TYPES, family
from events.extraction.events.syntax import blamed_for, deps_of, lemma_of, prep_objects, word_set
from events.extraction.gazetteer import load_gazetteer
from events.extraction.types import PlaceKind, Sentence

__all__ = ["captured_places", "pick_places", "verb_locatives"]

# Where words are said: a place under one of these is the words' venue.
_SETTING_WORDS = word_set("conference briefing speech address interview meeting summit session")


_LOCATIVES = frozenset({"on", "in", "at", "against", "near", "outside"})


def verb_locatives(noun) -> set[int]:
    """Return where a verb puts its object attack: "thwarted an offensive on X".

    The parser often hangs the attack's target on the verb rather than on the noun.
    """
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return set()
    return {
        t.i
        for prep in deps_of(noun.head, "prep")
        if prep.lower_ in _LOCATIVES
        for t in prep.subtree
    }


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


def pick_places(
    article: Article, trigger: Trigger, sentence: Sentence, scope: set[int]
) -> tuple[tuple[str, ...], bool]:
    """Return the place keys of a trigger and whether they were named with it."""
    token = article.doc[trigger.token_index]
    anchors = [
        a
        for a in article.place_anchors.get(sentence.index, [])
        if not acts_as_actor(article.doc[a.token_index], token)
    ]
    attached = [a.key for a in anchors if a.token_index in scope]
    if family(trigger.event_type) == "assault":
        attached = [
            a.key
            for a in anchors
            if a.token_index in scope and not _elsewhere(article.doc[a.token_index], token)
        ]
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
    if family(trigger.event_type) == "protest" and not trigger.nominal:
        # "Police fired tear gas at protesters. Crowds gathered outside parliament in X":
        # a protest told without its place names it in the next sentence
        following = article.main_place(sentence.index + 1)
        if following and article.places[following].entry.kind != PlaceKind.COUNTRY:
            return (following,), False
    country = _country_of_its_people(article, token, scope)
    if country is not None:
        return (country,), True
    return (), False


def _country_of_its_people(article: Article, token, scope: set[int]) -> str | None:
    """Return the country of "French cities" or "Iranian towns" in the clause, if named.

    A happening told across a country's towns happened in that country, when the
    article names it.
    """
    for index in sorted(scope):
        word = article.doc[index]
        if word.ent_type_ != "NORP" or word.dep_ != "amod":
            continue
        if lemma_of(word.head) not in PLACE_NOUNS:
            continue
        code = load_gazetteer().country_of_demonym(word.text)
        for key, place in article.places.items():
            if place.entry.kind == PlaceKind.COUNTRY and place.entry.country_code == code:
                return key
    return None


# Nouns naming an attack of their own: a place inside one is that attack's, not this one's.
_ATTACK_WORDS = frozenset(
    ["attack", "strike", "raid", "bombing", "shelling", "airstrike", "assault", "bombardment"]
)


_TARGETING = frozenset(["target", "hit", "shell", "bomb"])


def _elsewhere(place_token, trigger_token) -> bool:
    """Return True for a place an attack came from or another attack named beside it hit.

    "Drones fired from X at Y": X launched them. "An attack on Y in retaliation for a
    strike on a consulate in Z": Z is the earlier strike's place.
    """
    if place_token.head.lower_ == "from" and place_token.head.dep_ == "prep":
        return True
    for ancestor in place_token.ancestors:
        if ancestor.i == trigger_token.i:
            return False
        if lemma_of(ancestor) in _ATTACK_WORDS or lemma_of(ancestor) in ANSWER_NOUNS:
            return True
        if lemma_of(ancestor) in _TARGETING and ancestor.dep_ in ("pcomp", "acl", "relcl"):
            return True  # "in response to the crime of targeting the consulate in Z"
    return False


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
            lemma_of(word) in PLACE_NOUNS
            and word.tag_ in ("NN",)
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in word.children)
            and not any(c.dep_ in ("prep", "compound", "amod", "appos") for c in word.children)
        ):
            return True
    return False


def captured_places(article: Article, token, place_keys: tuple[str, ...]) -> tuple[str, ...]:
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
