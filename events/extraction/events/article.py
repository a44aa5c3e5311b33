"""An article's indexes for the event steps: sentences, mention heads and date phrases.

Built once per article by ``detection`` and read by the steps that place a happening
(``where``) and name its parties (``who``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from events.extraction.events.finders import LIGHT_VERBS, PLACE_NOUNS, is_military
from events.extraction.events.lexicon import REPORTING_VERBS, STANCE_TYPES, VERB_TYPES
from events.extraction.events.syntax import lemma_of, word_set
from events.extraction.nlp import doc_text
from events.extraction.types import (
    ExtractedActor,
    ExtractedPlace,
    PlaceKind,
    Sentence,
    TemporalExpression,
)

__all__ = ["Anchor", "Article", "acts_as_actor", "judging"]

# Holders of an office: a place they are "of" names whom they act for.
_OFFICE_NOUNS = word_set(
    "official officials authority authorities government leader leaders spokesman "
    "spokeswoman spokesperson diplomat diplomats minister ministry administration"
)


_SPECIFICITY = {PlaceKind.SITE: 0, PlaceKind.CITY: 1, PlaceKind.REGION: 2, PlaceKind.COUNTRY: 3}


@dataclass(frozen=True)
class Anchor:
    """A resolved place or actor mention tied to the token that heads it."""

    key: str
    token_index: int
    sentence_index: int


class Article:
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

    def _anchors(self, keyed_mentions) -> dict[int, list[Anchor]]:
        by_sentence: dict[int, list[Anchor]] = {}
        for key, mentions in keyed_mentions:
            for mention in mentions:
                token = self._head_token(mention.start, mention.end)
                if token is None:
                    continue
                index = mention.sentence_index
                by_sentence.setdefault(index, []).append(Anchor(key, token, index))
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
            if not acts_as_actor(self.doc[a.token_index], self.doc[a.token_index])
        ]
        if not anchors:
            return None
        best = min(anchors, key=lambda a: (self.specificity(a.key), a.token_index))
        return best.key

    def specificity(self, key: str) -> int:
        return _SPECIFICITY.get(self.places[key].entry.kind, 2)


def acts_as_actor(place_token, trigger_token) -> bool:
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


def judging(verb) -> bool:
    """Say whether a verb judges or reports a deed ("condemned the attack"), not does it."""
    lemma = lemma_of(verb)
    return lemma in REPORTING_VERBS or VERB_TYPES.get(lemma) in STANCE_TYPES
