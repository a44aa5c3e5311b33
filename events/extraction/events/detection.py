"""Find happenings (strikes, withdrawals, captures, calls, orders...) in one article.

Each sentence is parsed by spaCy; a happening is a *trigger* word whose lemma and
dependency structure fit one event type (``fixtures/event_types.json``), found by
``finders``. Here each trigger becomes a record: its date, places, actors and casualty
figures read from the same clause, and the checks that keep background, standing
positions and denied deeds out. ``titles`` names the record, ``reports`` folds an
article's repeats, ``salience`` ranks what is left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.extraction.events import factuality, figures, salience
from events.extraction.events.figures import parse_quantity
from events.extraction.events.finders import (
    LIGHT_VERBS,
    MILITARY_NOUNS,
    PLACE_NOUNS,
    SAYING_VERBS,
    Trigger,
    find_triggers,
    intercepted_weapons,
    is_military,
    launched_weapons,
)
from events.extraction.events.lexicon import (
    COMMUNICATION_TYPES,
    EVENT_TYPES,
    POSITION_TYPES,
    REPORTING_VERBS,
    STANCE_TYPES,
    VERB_TYPES,
    family,
)
from events.extraction.events.reports import drop_duplicates
from events.extraction.events.syntax import (
    blamed_for,
    deps_of,
    forms_of,
    headline_passive,
    lemma_of,
    object_of,
    prep_objects,
    subject_of,
    subtree_forms,
    word_set,
)
from events.extraction.events.titles import doer_label, event_summary, event_title
from events.extraction.nlp import doc_text, span_tokens, token_children
from events.extraction.types import (
    ActorKind,
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


# Happenings whose target is often a thing ("a cyber attack took down bank websites"):
# their own date makes them news without a named party.
_AIMED_AT_THINGS = frozenset({"cyberattack"})
# Nominal happenings that stand on their own without a place or date ("the summit",
# "a news conference"): the words and meetings of the day's news.
_SELF_ANCHORED_FAMILIES = frozenset({"consult", "make_statement"})
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
# Happenings told from their target's side ("was arrested", "resigned"): a doer may be unsaid.
_SUFFERED = frozenset({"coerce"})
_ASKING = frozenset({"mobilize", "request"})


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
        """Return the sentence's most specific place, not one named as a doer ("as X said")."""
        anchors = [
            a
            for a in self.place_anchors.get(sentence_index, [])
            if not _acts_as_actor(self.doc[a.token_index], self.doc[a.token_index])
        ]
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
        if lemma_of(verb) in LIGHT_VERBS and verb.pos_ in ("VERB", "AUX"):
            for subject in deps_of(verb, "nsubj", "nsubjpass"):
                own |= {t.i for t in subject.subtree}
            own |= {t.i for child in deps_of(verb, "prep") for t in child.subtree}
    # "The bridge was hit by a massive explosion": the passive's subject is where.
    if trigger_token.pos_ in ("NOUN", "PROPN") and head.dep_ == "agent":
        for subject in deps_of(head.head, "nsubjpass"):
            own |= {t.i for t in subject.subtree}
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


_LOCATIVES = frozenset({"on", "in", "at", "against", "near", "outside"})


def _verb_locatives(noun) -> set[int]:
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
        if _in_another_clause(dated, trigger_token):
            continue  # "brought down by a plan that shook markets last month": the plan's
        if expression.precision in (DatePrecision.YEAR, DatePrecision.MONTH) and any(
            t.tag_ == "JJS" for t in span_tokens(dated.sent)
        ):
            continue  # "the deadliest shipwreck this year": the span a record is set in
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


def _in_another_clause(dated, trigger_token) -> bool:
    """Return True when a date phrase and a trigger sit on two sides of a relative clause.

    "brought down by a plan that shook markets last month": last month dates the plan.
    "detained by troops who seized power, he vowed on Thursday to": Thursday dates the vow.
    """
    for one, other in ((dated, trigger_token), (trigger_token, dated)):
        clause = _relative_clause(one, stop=other)
        if clause is not None and other.i not in {t.i for t in clause.subtree}:
            return True
    return False


def _relative_clause(token, *, stop):
    """Return the relative or "after" clause ``token`` stands in, below ``stop``; or None."""
    for ancestor in (token, *token.ancestors):
        if ancestor.i == stop.i:
            return None
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        if ancestor.dep_ == "relcl" or (
            ancestor.dep_ == "advcl"
            and any(c.lower_ in ("after", "because", "since") for c in deps_of(ancestor, "mark"))
        ):
            return ancestor  # "vowed on Thursday to go on after he was detained"
    return None


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
        return lemma_of(place_token.head) not in PLACE_NOUNS
    if place_token.dep_ in ("compound", "amod") and (
        lemma_of(place_token.head) in _OFFICE_NOUNS or is_military(place_token.head)
    ):
        # "Moscow officials said", "deployed U.S. troops": people, not a place
        return True
    if place_token.dep_ in ("nsubj", "agent") or (
        place_token.head.dep_ == "agent" and place_token.dep_ == "pobj"
    ):
        verb = place_token.head
        light = lemma_of(verb) in LIGHT_VERBS and verb.i != trigger_token.i
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
    return (), False


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
        if lemma_of(ancestor) in _ATTACK_WORDS or lemma_of(ancestor) in _ANSWERS:
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
    if trigger.nominal and family(trigger.event_type) == "assault":
        scope |= _verb_locatives(token)
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
    if trigger.event_type == "armed_clash" and not (
        (own_date and (precision == DatePrecision.DAY or published_on is None))
        or (sentence.index == 0 and _done_in_the_lede(token))
        or fatalities
        or injured
    ):
        return None  # "the battle for the region" is a campaign, not one happening
    if trigger.nominal and _looks_back(token) and not (own_date or fatalities or injured):
        return None  # "The withdrawal prompted...": a happening the article already told
    if _answered(token) and not own_date:
        return None  # "in retaliation for an attack on X": the earlier happening, recalled
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
    if trigger.event_type in POSITION_TYPES and _standing(
        token, sentence, explicit_date, denial=trigger.event_type == "rejection"
    ):
        return None  # "X denies planning an attack", "X demands guarantees": standing lines
    if trigger.event_type == "statement" and not deps_of(token, "ccomp"):
        return None  # "Ukraine says", "he said.": no words an editor could check
    if trigger.event_type == "statement" and _anonymous(token, sentence):
        return None  # "an official told a newspaper": colour, not a happening
    if trigger.event_type not in COMMUNICATION_TYPES and _tally(token, sentence, explicit_date):
        return None  # "has arrested tens of thousands": a running total, not one happening
    if trigger.event_type == "capture":
        place_keys = _captured(article, token, place_keys)
        if not place_keys:
            return None  # "the city's capture", "seized a province of <country>": no target
    roles = _pick_actors(article, trigger, sentence)
    speakers = [k for k, role in roles if role == "initiator"]
    if (
        trigger.event_type == "statement"
        and speakers
        and all(_bystander(article, k) for k in speakers)
    ):
        return None  # "villager X said", "X, a shopkeeper, said": a witness's colour
    if (
        trigger.lexical
        and trigger.nominal
        and family(trigger.event_type) in _PARTY_FAMILIES
        and not (own_date and any(role != "other" for _, role in roles))
        and not (own_date and trigger.event_type in _AIMED_AT_THINGS)
        and not (own_date and trigger.action in ("coup", "putsch"))  # nobody named, often
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


def _without_sources(
    article: _Article, assembled: list[tuple[Trigger, ExtractedEvent]]
) -> list[ExtractedEvent]:
    """Drop a statement whose words are a deed recorded from the same sentence.

    "The air force said it shot down 20 drones": the attack is the news, the air force
    its source (kept on the quote), as ACLED codes it.
    """
    deeds = {
        trigger.token_index
        for trigger, event in assembled
        if event.event_type not in COMMUNICATION_TYPES
    }
    kept = []
    for trigger, event in assembled:
        if event.event_type == "statement" and deeds:
            said = deps_of(article.doc[trigger.token_index], "ccomp")
            if any(t.i in deeds for clause in said for t in clause.subtree):
                continue
        kept.append(event)
    return kept


def _done_in_the_lede(token) -> bool:
    """Return True for a fight the lede tells as done: "stormed", "repelled an offensive"."""
    if token.pos_ == "VERB":
        return True
    return token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB"


_ANSWERS = frozenset(["retaliation", "response", "revenge", "reprisal", "reaction", "answer"])


def _answered(token) -> bool:
    """Return True for the happening a deed answers: "a retaliation for the attack",
    "in response to the crime of targeting the consulate"."""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.lower_ in ("for", "to") and lemma_of(ancestor.head) in _ANSWERS:
            return True
        if ancestor.pos_ == "VERB" and ancestor.dep_ not in ("pcomp", "acl", "relcl"):
            return False
    return False


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


_OPENING_SENTENCES = 2  # the headline and the lede: where the present tense is the news


def _denied(token) -> bool:
    """Say whether a deed is named inside a denial: what is denied, not what was done."""
    return any(
        ancestor.pos_ in ("VERB", "AUX") and VERB_TYPES.get(lemma_of(ancestor)) == "rejection"
        for ancestor in itertools.islice(token.ancestors, 4)
    )


def _standing(verb, sentence: Sentence, explicit_date: bool, *, denial: bool = False) -> bool:
    """Say whether a stance in the present tense is a standing position, not news.

    Wire copy repeats "X denies planning an attack" or "X demands guarantees" in story
    after story: the simple present, with no date, below the lede. A headline or lede in
    the present tense ("X denies the report") is the news itself, and so is a dated one.
    A denial in the present perfect ("X has denied it plans to attack") stands as well;
    "X has accused Y of ..." is more often the day's news.
    """
    if explicit_date or sentence.index < _OPENING_SENTENCES or verb.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = deps_of(verb, "aux", "auxpass")
    if verb.tag_ == "VBN":  # "has denied it intends to attack": as standing as "denies"
        perfect = [(lemma_of(a), a.tag_ in ("VBZ", "VBP")) for a in auxiliaries]
        return denial and perfect == [("have", True)]
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries


# People quoted for what they saw or lived through, not for any office they hold.
_BYSTANDERS = word_set(
    "villager villagers resident residents witness eyewitness survivor shopkeeper "
    "neighbour neighbor passenger passengers relative relatives mother father farmer "
    "student bystander local"
)


def _bystander(article: _Article, key: str) -> bool:
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


def _anonymous(verb, sentence: Sentence) -> bool:
    """Say whether words below the lede come from someone unnamed ("a senior official").

    Stories quote unnamed officials for colour; what they say is a record only when it
    is the story's news, in the headline or lede (or a deed it reports, found apart).
    """
    if sentence.index < _OPENING_SENTENCES:
        return False
    speaker = subject_of(verb)
    if speaker is None or speaker.pos_ != "NOUN" or lemma_of(speaker) not in _UNNAMED_SOURCES:
        return False
    determiners = {lemma_of(d) for d in deps_of(speaker, "det")}
    return bool(determiners & {"a", "an", "one", "another"}) or (
        not determiners and speaker.tag_ == "NNS"
    )


_UNNAMED_SOURCES = word_set(
    "official source diplomat aide adviser advisor insider spokesman spokeswoman "
    "spokesperson officer analyst expert"
)


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
        assembled = [
            (trigger, event)
            for trigger in find_triggers(span, place_token_ids)
            if (event := _assemble(article, trigger, sentence, published_on)) is not None
        ]
        found += _without_sources(article, assembled)
    found = [
        dataclasses.replace(event, affected=_people_to_move(article, event))
        if event.event_type == "evacuation_call" and event.affected is None
        else event
        for event in found
    ]
    countries = frozenset(
        key for key, place in article.places.items() if place.entry.kind == PlaceKind.COUNTRY
    )
    country_of = {key: place.entry.country_code for key, place in article.places.items()}
    return salience.rank_events(drop_duplicates(found, countries, country_of), published_on)
