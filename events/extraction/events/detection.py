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

from events.extraction.events import factuality, figures, salience
from events.extraction.events.article import Article, judging
from events.extraction.events.figures import parse_quantity
from events.extraction.events.finders import (
    LIGHT_VERBS,
    Trigger,
    find_triggers,
)
from events.extraction.events.lexicon import (
    ANSWER_NOUNS,
    COMMUNICATION_TYPES,
    EVENT_TYPES,
    POSITION_TYPES,
    VERB_TYPES,
    family,
)
from events.extraction.events.reports import drop_duplicates
from events.extraction.events.syntax import (
    deps_of,
    forms_of,
    lemma_of,
    prep_objects,
    subject_of,
    word_set,
)
from events.extraction.events.titles import doer_label, event_summary, event_title
from events.extraction.events.where import captured_places, pick_places, verb_locatives
from events.extraction.events.who import bystander, pick_actors
from events.extraction.nlp import span_tokens, token_children
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


_HARM_WORDS = figures.KILLED_WORDS | figures.INJURED_WORDS | figures.DAMAGE_WORDS
_UNDATED_DAYS_BEFORE = 1  # an undated happening told in the past: on D-1 or D
# Families whose happenings are acts of named parties: a noun of theirs with nobody
# doing it or done to is a topic ("sanctions hurt the economy"), not a happening.
_PARTY_FAMILIES = frozenset(
    {"sanction", "coerce", "agree", "support", "aid", "political_process", "accuse", "reject"}
)
_REPORTED_LATE = frozenset({"assault", "retreat", "disaster", "accident", "crime"})


# Happenings whose target is often a thing ("a cyber attack took down bank websites"):
# their own date makes them news without a named party.
_AIMED_AT_THINGS = frozenset({"cyberattack"})
# Nominal happenings that stand on their own without a place or date ("the summit",
# "a news conference"): the words and meetings of the day's news.
_SELF_ANCHORED_FAMILIES = frozenset({"consult", "make_statement"})
_PEOPLE_NOUNS = word_set("people person resident civilian inhabitant citizen family")
_STAYING_WORDS = word_set("remain stay live leave evacuate flee trap")
_PEOPLE_WINDOW = 3  # the call's sentence and the two after it
_HABITUAL_ADVERBS = word_set("repeatedly often frequently regularly routinely constantly long")
_SPANS_OF_TIME = word_set("day week month year decade")
# Happenings told from their target's side ("was arrested", "resigned"): a doer may be unsaid.
_SUFFERED = frozenset({"coerce"})
_ASKING = frozenset({"mobilize", "request"})


# --- assembling records ------------------------------------------------------------


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
        if inner.dep_ in ("acl", "relcl") and inner.i != trigger_token.i and judging(inner):
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
    article: Article,
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


def _assemble(
    article: Article,
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
        scope |= verb_locatives(token)
    date = _pick_date(article, trigger, sentence, published_on)
    if date is None:
        return None
    start_date, end_date, precision, explicit_date, date_token = date
    place_keys, named_place = pick_places(article, trigger, sentence, scope)
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
        place_keys = captured_places(article, token, place_keys)
        if not place_keys:
            return None  # "the city's capture", "seized a province of <country>": no target
    roles = pick_actors(article, trigger, sentence)
    speakers = [k for k, role in roles if role == "initiator"]
    if (
        trigger.event_type == "statement"
        and speakers
        and all(bystander(article, k) for k in speakers)
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
    article: Article, assembled: list[tuple[Trigger, ExtractedEvent]]
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


def _answered(token) -> bool:
    """Return True for the happening a deed answers: "a retaliation for the attack",
    "in response to the crime of targeting the consulate"."""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.lower_ in ("for", "to") and lemma_of(ancestor.head) in ANSWER_NOUNS:
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


def _people_to_move(article: Article, event: ExtractedEvent) -> int | None:
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
    article = Article(doc, sentences, actors, places, temporal)
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
