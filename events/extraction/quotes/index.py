"""Look-ups over one parsed article that the quote finders share."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from events.extraction.nlp import doc_text, doc_tokens, token_children
from events.extraction.quotes.common import (
    _PERSON_TITLES,
    _RELATIVE_PRONOUNS,
    _SUBJECT_DEPS,
    _WHERE_AND_WHEN,
    SPEECH_VERBS,
)
from events.extraction.quotes.marked import _paragraph_spans
from events.extraction.types import (
    ActorKind,
    ExtractedActor,
    Mention,
    Sentence,
)

# ---------------------------------------------------------------- the article's index


class _ArticleIndex:
    """Look-ups over one parsed article, built once per call of ``find_quotes``."""

    def __init__(
        self,
        doc,
        sentences: Sequence[Sentence],
        actors: Sequence[ExtractedActor],
        quoted: Sequence[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.sentences = list(sentences) or [
            Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
        ]
        self.sentence_starts = [s.start for s in self.sentences]
        self.token_starts = [token.idx for token in doc_tokens(doc)]
        self.paragraphs = _paragraph_spans(self.text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.quoted = sorted(quoted)
        self.quoted_starts = [start for start, _ in self.quoted]
        self.actors = list(actors)
        self.mentions: list[tuple[int, int, ExtractedActor, Mention]] = sorted(
            (
                (mention.start, mention.end, actor, mention)
                for actor in actors
                for mention in actor.mentions
                if not self.inside_quote(mention.start)
            ),
            key=lambda item: (item[0], item[1]),
        )
        self.mention_starts = [item[0] for item in self.mentions]
        self._context_cache: dict[tuple[int, int], frozenset[str]] = {}

    def sentence_at(self, offset: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)
        return self.sentences[index]

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)
        return self.paragraphs[index]

    def token_at(self, offset: int) -> int:
        """Return the index of the token covering or following ``offset``."""
        index = bisect.bisect_right(self.token_starts, offset) - 1
        if index < 0:
            return 0
        token = self.doc[index]
        if offset >= token.idx + len(token) and index + 1 < len(self.doc):
            return index + 1
        return index

    def tokens_between(self, start: int, end: int) -> range:
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return range(first, last)

    def span(self, start: int, end: int):
        """Return the tokens starting within ``[start, end)``."""
        tokens = self.tokens_between(start, end)
        return self.doc[tokens.start : tokens.stop]

    def inside_quote(self, offset: int) -> bool:
        index = bisect.bisect_right(self.quoted_starts, offset) - 1
        return index >= 0 and self.quoted[index][0] <= offset < self.quoted[index][1]

    def mentions_covering(self, start: int, end: int):
        """Yield mentions overlapping ``[start, end)``."""
        index = bisect.bisect_left(self.mention_starts, start)
        # Back up over mentions that start earlier but reach into the span.
        while index > 0 and self.mentions[index - 1][1] > start:
            index -= 1
        for item in self.mentions[index:]:
            if item[0] >= end:
                break
            if item[1] > start:
                yield item

    def mentions_before(self, offset: int):
        """Yield mentions ending before ``offset``, nearest first."""
        index = bisect.bisect_left(self.mention_starts, offset)
        for item in reversed(self.mentions[:index]):
            if item[1] <= offset:
                yield item

    def mention_context(self, start: int, end: int) -> frozenset[str]:
        """Return the lower-cased words describing a mention: its titles and appositive.

        "French President X", "X, an adviser to Y," and "France's defence minister, X"
        all describe X; matching a later "the president" or "the adviser" needs them.
        """
        key = (start, end)
        if key in self._context_cache:
            return self._context_cache[key]
        doc, words = self.doc, set()
        first = self.token_at(start)
        last = self.token_at(max(start, end - 1))
        index = first - 1
        while index >= 0 and first - index <= 8:
            token = doc[index]
            if token.pos_ in {"PROPN", "NOUN", "ADJ", "PART"} or token.text in {".", "-"}:
                words.add(token.lower_)
                index -= 1
                continue
            if token.lower_ in {"of", "the"} and index > 0 and doc[index - 1].pos_ != "VERB":
                index -= 1  # "the chairwoman of the X Commission Y Z"
                continue
            if token.text == "," and index > 0:
                # "France's defence minister, X": an appositive before the name
                for back in range(index - 1, max(-1, index - 7), -1):
                    if doc[back].is_punct or doc[back].pos_ in {"VERB", "AUX", "ADP"}:
                        break
                    words.add(doc[back].lower_)
            break
        if last + 1 < len(doc) and doc[last + 1].text == ",":
            for index in range(last + 2, min(len(doc), last + 12)):
                token = doc[index]
                if token.is_punct or token.pos_ in {"VERB", "AUX"}:
                    break
                words.add(token.lower_)
        context = frozenset(words)
        self._context_cache[key] = context
        return context


def _is_speech_verb(token) -> bool:
    if token.pos_ not in {"VERB", "AUX"} and token.lower_ not in {"said", "says", "told"}:
        return False
    return token.lemma_.lower() in SPEECH_VERBS or token.lower_ in SPEECH_VERBS


def _subject_of(token):
    for child in token_children(token):
        if child.dep_ in _SUBJECT_DEPS:
            return child
    return None


def _subject_within(token, start: int, end: int):
    """Return the subject of ``token`` nearest to it within ``[start, end)``, if any.

    A headline run into the next sentence gives the parser two subjects for one verb;
    the one inside the attribution's window is the speaker.
    """
    found = None
    for child in token_children(token):
        if child.dep_ in _SUBJECT_DEPS and start <= child.idx < end:
            found = child if found is None or child.i > found.i else found
    return found


def _named_before(index: _ArticleIndex, verb, start: int):
    """Return the last name before ``verb`` in its clause when the parse gave it no subject.

    "At a conference in X, Y's foreign minister, Z, said": the parser may hang the
    name on the place; the nearest person or body named before the verb spoke.
    """
    doc = index.doc
    for i in range(verb.i - 1, index.token_at(start) - 1, -1):
        token = doc[i]
        if token.text in {".", "!", "?", ";", ":"} or token.pos_ == "VERB":
            return None
        if index.inside_quote(token.idx):
            return None
        if token.ent_type_ == "PERSON" or any(
            item[2].kind != ActorKind.STATE
            for item in index.mentions_covering(token.idx, token.idx + len(token))
        ):
            return _office_holder(token)
    return None


def _office_holder(token):
    """Return the office whose body ``token`` names ("the head of the X Commission")."""
    preposition = token.head
    if token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.i != preposition.i:
        office = preposition.head
        if office.lemma_.lower() in _PERSON_TITLES and office.i < token.i:
            return office
    return token


def _speaker_tokens(doc, head) -> tuple[int, int]:
    """Return the token range naming the speaker headed by ``head``, appositive cut off."""
    first, last = head.left_edge.i, head.i
    for token in doc[head.i : head.right_edge.i + 1]:
        if token.text in {",", "(", "—", "–"} or token.lower_ in _RELATIVE_PRONOUNS:
            break
        if token.i > head.i and token.head.i == head.i and token.lower_ in _WHERE_AND_WHEN:
            break  # "X in Warsaw on Friday": where and when, not who
        last = token.i
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return first, last
