"""Resolve who spoke: names, pronouns, descriptions, bodies and their documents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from events.extraction.actors.common import BODY_KINDS
from events.extraction.nlp import span_tokens
from events.extraction.quotes.common import (
    _ALL_PRONOUNS,
    _DEFINITE_DETERMINERS,
    _DOCUMENTS,
    _GROUP_PRONOUNS,
    _INDEFINITE_DETERMINERS,
    _LEADER_WORDS,
    _PERSON_PRONOUNS,
    _PERSON_TITLES,
    _POSSESSIVE_DETERMINERS,
    _SUBJECT_DEPS,
    _UNNAMED_PEOPLE,
    _Attribution,
)
from events.extraction.quotes.index import (
    _ArticleIndex,
    _is_speech_verb,
    _speaker_tokens,
    _subject_of,
)
from events.extraction.types import (
    ActorKind,
    ExtractedActor,
    Mention,
    Sentence,
)

# ---------------------------------------------------------------- speaker resolution


@dataclass(frozen=True)
class _Speaker:
    key: str | None
    name: str
    resolved_by: str  # "mention", "pronoun", "title", "alias", "unnamed", "none"


def _resolve_speaker(index: _ArticleIndex, attribution: _Attribution) -> _Speaker:
    doc, text = index.doc, index.text
    start, end = attribution.speaker_start, attribution.speaker_end
    written = text[start:end]
    head = doc[attribution.head_index]
    lowered = head.lower_
    covering = list(index.mentions_covering(start, end))
    if lowered in _PERSON_PRONOUNS | _GROUP_PRONOUNS and end - start == len(head):
        # Reading who spoke last beats a general-purpose pronoun resolution.
        kinds = (
            {ActorKind.PERSON}
            if lowered in _PERSON_PRONOUNS
            else {ActorKind.ORGANIZATION, ActorKind.STATE, ActorKind.OTHER}
        )
        found = _nearest_salient(index, start, kinds, named_only=False, pronoun=lowered)
        if found is not None:
            actor, mention = found
            return _Speaker(actor.key if actor else None, mention.text, "pronoun")
        if covering:
            return _Speaker(covering[0][2].key, covering[0][2].name, "pronoun")
        return _Speaker(None, "", "none")  # a pronoun is never served as a speaker
    first_word = doc[index.token_at(start)]
    head_covered = any(item[0] <= head.idx < item[1] for item in covering)
    if (
        head.pos_ == "NOUN"
        and not head_covered
        and (first_word.lower_ in _INDEFINITE_DETERMINERS or head.lemma_.lower() in _UNNAMED_PEOPLE)
    ):
        # "a German government official", "Pentagon officials": the body's people,
        # unnamed, speak; not the body itself. "The diplomat" may be one named before.
        if first_word.lower_ in _DEFINITE_DETERMINERS:
            words = list(doc[index.token_at(start) : attribution.head_index + 1])
            resolved = _resolve_description(index, start, words, head)
            if resolved is not None:
                return resolved
        return _Speaker(None, written, "unnamed")
    if (
        covering
        and head.lemma_.lower() in _PERSON_TITLES
        and not any(item[0] <= head.idx < item[1] for item in covering)
        and all(item[2].kind != ActorKind.PERSON for item in covering)
    ):
        # "the head of the X Commission said": its head, named earlier, speaks.
        words = list(doc[index.token_at(start) : attribution.head_index + 1])
        resolved = _resolve_description(index, start, words, head)
        if resolved is not None and resolved.key is not None:
            return resolved
    if covering:
        # "the head of the X Commission Y Z said": the person, not the body, speaks.
        person_first = head.pos_ == "NOUN" or head.lemma_.lower() in _PERSON_TITLES
        best = min(
            covering,
            key=lambda item: (
                not (item[0] <= head.idx < item[1]),
                person_first and item[2].kind != ActorKind.PERSON,
                item[1] - item[0] < 2,
            ),
        )
        _, _, actor, mention = best
        name = actor.name if mention.text.lower() in _ALL_PRONOUNS else mention.text
        return _Speaker(actor.key, name, "mention")
    if head.pos_ == "PROPN":
        actor = _actor_by_name(index, written)
        if actor is not None:
            return _Speaker(actor.key, written, "alias")
        if head.lemma_.lower() in _PERSON_TITLES:
            # "Ukraine's Minister of Internal Affairs said": the minister named elsewhere
            words = list(doc[index.token_at(start) : attribution.head_index + 1])
            resolved = _resolve_description(index, start, words, head)
            if resolved is not None and resolved.key is not None:
                return resolved
        return _Speaker(None, written, "unnamed")
    words = list(doc[index.token_at(start) : attribution.head_index + 1])
    determiner = words[0].lower_ if words else ""
    if determiner in _DEFINITE_DETERMINERS or (words and words[0].dep_ == "poss"):
        resolved = _resolve_description(index, start, words, head)
        if resolved is not None:
            return resolved
    return _Speaker(None, _named_within(doc, start, end) or written, "unnamed")


def _named_within(doc, start: int, end: int) -> str:
    """Return the person a long speaker phrase ends on: "the army's spokesman X Y"."""
    people = [
        ent
        for ent in doc.ents
        if ent.label_ == "PERSON" and start <= ent.start_char and ent.end_char <= end
    ]
    return people[-1].text if people and len(people[-1]) >= 2 else ""


def _nearest_salient(
    index: _ArticleIndex,
    offset: int,
    kinds: set[str],
    max_sentences: int = 6,
    *,
    named_only: bool = True,
    pronoun: str = "",
    named_like: frozenset[str] = frozenset(),
):
    """Return the (actor, mention) a pronoun at ``offset`` most likely refers to.

    Sentences are searched nearest first; within one, the subject of a verb of
    saying beats any other subject, which beats the sentence's other mentions. A
    named subject of a verb of saying that the actors step did not mark is matched to
    an actor by its name; unless ``named_only``, one that matches no actor is still
    the speaker, returned with actor None, rather than somebody named before.
    """
    here = index.sentence_at(offset)
    for sentence in _sentences_back(index, here, max_sentences):
        limit = min(offset, sentence.end)
        candidates: list[tuple[int, int, ExtractedActor, Mention]] = []
        for start, end, actor, mention in index.mentions_covering(sentence.start, limit):
            # Another step's reading of an earlier pronoun is no evidence of its own.
            if (
                actor.kind in kinds
                and end <= limit
                and mention.text.lower() not in _ALL_PRONOUNS
                and not _is_teaser(_line_at(index.text, start))
                and _may_be(actor, pronoun)
                and (not named_like or _named_like(actor, named_like))
                and not (pronoun and _in_reported_words(index, start))
            ):
                candidates.append((_salience_rank(index, start, end), -start, actor, mention))
        for token in index.span(sentence.start, limit):
            subject = _subject_of(token) if _is_speech_verb(token) else None
            if subject is None or subject.pos_ != "PROPN" or index.inside_quote(subject.idx):
                continue
            first, last = _speaker_tokens(index.doc, subject)
            span = index.doc[first : last + 1]
            actor = _actor_by_name(index, span.text, kinds)
            mention = Mention(span.start_char, span.end_char, span.text, sentence.index)
            if actor is not None and actor.kind in kinds:
                candidates.append((0, -span.start_char, actor, mention))
            elif not named_only and _fits_kinds(subject, kinds):
                candidates.append((0, -span.start_char, None, mention))
        if candidates:
            _, _, actor, mention = min(candidates, key=lambda item: (item[0], item[1]))
            return actor, mention
    return None


def _in_reported_words(index: _ArticleIndex, offset: int) -> bool:
    """Return True for a name inside what someone said: "he told X that Y was well".

    Y is what the sentence is about, not who "he" in the next sentence may be.
    """
    token = index.doc[index.token_at(offset)]
    return any(
        ancestor.dep_ == "ccomp" and _is_speech_verb(ancestor.head)
        for ancestor in (token, *token.ancestors)
    )


def _named_like(actor: ExtractedActor, words: frozenset[str]) -> bool:
    return any(w.casefold() in words for n in actor.aliases for w in re.findall(r"\w+", n))


def _sentences_back(index: _ArticleIndex, here: Sentence, count: int) -> list[Sentence]:
    """Return ``here`` and up to ``count`` sentences before it, nearest first.

    Sentences inside a quotation do not count: a long quote does not put its speaker
    out of a later pronoun's reach.
    """
    found, outside = [here], 0
    for sentence in reversed(index.sentences[max(0, here.index - 3 * count) : here.index]):
        if outside >= count:
            break
        if _is_teaser(sentence.text):
            continue  # a headline of another story run into the text names nobody here
        found.append(sentence)
        if not (index.inside_quote(sentence.start) or index.inside_quote(sentence.start + 1)):
            outside += 1
    return found


def _may_be(actor: ExtractedActor, pronoun: str) -> bool:
    """Tell whether ``pronoun`` may stand for ``actor``, by the pronouns used for it.

    The actors step links "he" and "she" to people; a person only ever called "he"
    is not a later "she".
    """
    if pronoun not in _PERSON_PRONOUNS:
        return True
    used = {m.text.lower() for m in actor.mentions if m.via == "pronoun"} & _PERSON_PRONOUNS
    return not used or pronoun in used


def _line_at(text: str, offset: int) -> str:
    """Return the line of ``text`` holding ``offset``."""
    end = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1 : end if end >= 0 else len(text)]


def _is_teaser(text: str) -> bool:
    """Tell whether a line is an all-capitals headline (a teaser for another story)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 20 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _fits_kinds(token, kinds: set[str]) -> bool:
    """Tell whether a name no actor holds may be of ``kinds`` by its entity label."""
    if ActorKind.PERSON in kinds:
        return token.ent_type_ in {"PERSON", ""}
    return token.ent_type_ in {"ORG", "GPE", "NORP"}


def _salience_rank(index: _ArticleIndex, start: int, end: int) -> int:
    """Rank a mention by its role: 0 speaking subject, 1 other subject, 2 anything else,
    3 anything inside reported words."""
    tokens = index.span(start, end)
    if not len(tokens):
        return 2
    # The mention's head word is the one whose own head lies outside the mention.
    head = next((t for t in tokens if not (start <= t.head.idx < end) or t.head == t), tokens[0])
    if head.dep_ == "appos":
        head = head.head  # "The X chief, Y Z, said": the name stands for the subject
    if _reported(head):
        return 3  # "saying Y will attack": Y is talked about, not a later "he said"
    if head.dep_ not in _SUBJECT_DEPS:
        return 2
    return 0 if _is_speech_verb(head.head) else 1


def _reported(token) -> bool:
    """Say whether a token lies in what somebody said ("said [that Y will attack]")."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "ccomp" and _is_speech_verb(ancestor.head):
            return True
    return False


def _actor_by_name(
    index: _ArticleIndex, written: str, kinds: Iterable[str] | None = None
) -> ExtractedActor | None:
    """Return the actor of one of ``kinds`` named ``written``, in full or by surname."""
    wanted = _fold(written)
    wanted_last = wanted.split()[-1] if wanted.split() else ""
    allowed = set(kinds) if kinds is not None else None
    candidates = [a for a in index.actors if allowed is None or a.kind in allowed]
    for actor in candidates:
        if any(_fold(name) == wanted for name in (actor.name, *actor.aliases)):
            return actor
    if len(wanted_last) < 3:
        return None
    for actor in candidates:
        if actor.kind == ActorKind.PERSON and any(
            _fold(name).split()[-1:] == [wanted_last] for name in (actor.name, *actor.aliases)
        ):
            return actor
    return None


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").split())


# Members, in the plural, and the bodies they sit in.
_LEGISLATURES = frozenset(
    {"parliament", "congress", "assembly", "senate", "duma", "rada", "sejm", "bundestag"}
)
_BODY_OF_MEMBERS = {
    "senator": frozenset({"senate"}),
    "lawmaker": _LEGISLATURES,
    "legislator": _LEGISLATURES,
    "deputy": _LEGISLATURES,
    "mp": _LEGISLATURES,
    "judge": frozenset({"court", "tribunal"}),
    "councillor": frozenset({"council"}),
    "councilor": frozenset({"council"}),
}


# What an army is called when its name was given before: "the military said".
_ARMED_FORCES = frozenset({"military", "army", "forces", "defence", "defense"})


def _resolve_description(index: _ArticleIndex, start: int, words, head) -> _Speaker | None:
    """Resolve "the official", "the French president" or "its general staff"."""
    text = index.text[start : head.idx + len(head)]
    head_word = head.lemma_.lower()
    heads = _LEADER_WORDS if head_word in _LEADER_WORDS else {head_word, head.lower_}
    # "the senators said": the members speak for their chamber, named earlier
    members_of = _BODY_OF_MEMBERS.get(head_word) if head.tag_ == "NNS" else None
    if members_of:
        heads = members_of
    required = [
        t.lower_[:5]
        for t in words[1:-1]
        if t.pos_ in {"PROPN", "ADJ"} and t.text[:1].isupper() and t.dep_ != "poss"
    ]
    modifiers = {t.lower_ for t in words[1:-1] if t.pos_ in {"ADJ", "NOUN", "PROPN"}}
    best: tuple[int, ExtractedActor] | None = None
    for mention_start, mention_end, actor, _mention in index.mentions_before(start):
        if members_of and actor.kind == ActorKind.PERSON:
            continue
        if actor.kind == ActorKind.PERSON:
            described = set(index.mention_context(mention_start, mention_end))
            described.update(w.casefold() for w in re.findall(r"\w+", actor.role))
        else:
            # "director of the X Service" describes the director, not the service.
            described = {w.casefold() for n in actor.aliases for w in re.findall(r"\w+", n)}
        if not (heads & described):
            continue
        if any(not any(word.startswith(r) for word in described) for r in required):
            continue
        # "the prime minister" fits a prime minister better than a defence minister.
        score = len(modifiers & described)
        if best is None or score > best[0]:
            best = (score, actor)
    if best is not None:
        return _Speaker(best[1].key, text, "title")
    if words and words[0].lower_ in _POSSESSIVE_DETERMINERS and len(words) > 1:
        # "its spokesman said": the organisation speaks through its staff.
        kinds = {ActorKind.ORGANIZATION, ActorKind.STATE, ActorKind.OTHER}
        found = _nearest_salient(index, start, kinds)
        if found is not None:
            return _Speaker(found[0].key, text, "title")
        group = _nearest_speaking_group(index, start)
        if group:
            return _Speaker(None, group, "title")
    if head_word in _DOCUMENTS:
        # "the report said": a document speaks for the body that issued it.
        kinds = {ActorKind.ORGANIZATION, ActorKind.OTHER}
        found = _nearest_salient(index, start, kinds, max_sentences=6)
        if found is not None:
            return _Speaker(found[0].key, text, "title")
    if head_word in _ARMED_FORCES:
        # "the military said": the armed forces named before speak
        found = _nearest_salient(
            index, start, {ActorKind.ORGANIZATION}, max_sentences=8, named_like=_ARMED_FORCES
        )
        if found is not None:
            return _Speaker(found[0].key, text, "title")
    if head_word in BODY_KINDS and head.tag_ == "NN":
        # "the company said": the firm named just before speaks
        found = _nearest_salient(index, start, {ActorKind.ORGANIZATION}, max_sentences=4)
        if found is not None:
            return _Speaker(found[0].key, text, "title")
    earlier = _earlier_unnamed(index, start, head_word)
    if earlier:
        return _Speaker(None, earlier, "unnamed")
    if head_word in _PERSON_TITLES:
        # A writer names a leader once and then calls him by his office only.
        found = _nearest_salient(index, start, {ActorKind.PERSON}, max_sentences=8)
        if found is not None:
            described = index.mention_context(found[1].start, found[1].end)
            if not (described & _PERSON_TITLES) or head_word in described:
                return _Speaker(found[0].key, text, "guess")
    return None


def _nearest_speaking_group(index: _ArticleIndex, offset: int, max_sentences: int = 3) -> str:
    """Return the words naming the last body that spoke ("the army said ...").

    "Its spokesman said" speaks for that body even when no actor was found for it.
    """
    here = index.sentence_at(offset)
    for sentence in reversed(index.sentences[max(0, here.index - max_sentences) : here.index + 1]):
        for token in reversed(index.span(sentence.start, min(offset, sentence.end))):
            subject = _subject_of(token) if _is_speech_verb(token) else None
            if subject is None or subject.pos_ != "NOUN" or index.inside_quote(subject.idx):
                continue
            first, last = _speaker_tokens(index.doc, subject)
            if index.doc[first].lower_ not in _INDEFINITE_DETERMINERS:
                return index.doc[first : last + 1].text
    return ""


def _earlier_unnamed(index: _ArticleIndex, offset: int, head_word: str) -> str:
    """Return an earlier "a senior official" that a later "the official" refers back to."""
    here = index.sentence_at(offset).index
    first_sentence = index.sentences[max(0, here - 6)].start
    span = index.span(first_sentence, offset)
    # A chunk's root is one of the span's words. Without the word in it, spaCy is spared
    # finding the noun chunks of the whole doc, which Span.noun_chunks does every call.
    if all(token.lemma_.lower() != head_word for token in span_tokens(span)):
        return ""
    for chunk in reversed(list(span.noun_chunks)):
        if chunk.root.lemma_.lower() == head_word and chunk[0].lower_ in _INDEFINITE_DETERMINERS:
            return chunk.text
    return ""
