"""Find quotations in an article and attribute each to the actor who said it.

Two kinds of statement are found:

* **marked quotes**, between quotation marks of any common style (straight, curly,
  single, guillemets), including a quote whose closing mark is missing (it then ends
  with its paragraph) and a quote running over several paragraphs (each continued
  paragraph re-opens with a mark, the house style of English news);
* **unmarked direct speech** of the form ``<statement>, X said ...`` or
  ``<statement>, said X``, where everything before the comma is the speaker's words.
  Ordinary indirect speech (``X said that ...``) is reported content, not the
  speaker's words, and is left alone.

Partial quotes embedded in a sentence (``described the shelling as "very chaotic
and random"``) are kept with a lower confidence; fragments of one or two words are
scare quotes or names, not statements, and are skipped.

The speaker is the subject of the verb of saying next to the quote. A pronoun or a
description ("he", "the official", "the French president", "its general staff") is
resolved to the nearest compatible actor mentioned earlier; an unnamed speaker ("a
senior defence official") keeps its words as ``speaker_name`` and no actor key.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.extraction.nlp import doc_text, doc_tokens, span_tokens, token_children
from events.extraction.types import (
    ActorKind,
    ExtractedActor,
    ExtractedQuote,
    Mention,
    Sentence,
    TemporalExpression,
)

__all__ = ["MIN_QUOTE_WORDS", "SPEECH_VERBS", "MarkedSpan", "find_marked_spans", "find_quotes"]


def _wordset(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list written as prose."""
    return frozenset(words.split())


# A marked fragment of this many words or fewer is a scare quote or a name
# ("very chaotic", "terrorist act"), not a statement worth recording.
MIN_QUOTE_WORDS = 3

# Lemmas (and a few irregular forms the lemmatizer may miss) of verbs that
# introduce somebody's words.
SPEECH_VERBS = _wordset(
    """
    say says said tell told add warn write wrote state insist claim vow declare announce
    explain note stress emphasize emphasise acknowledge admit argue assert report reply
    respond answer ask urge describe comment remark conclude predict promise pledge
    threaten tweet post confirm deny suggest recall quip complain lament maintain
    observe estimate reiterate caution allege contend concede boast cry shout exclaim
    point recount testify read
    """
)

# Verbs that attribute a quote only right after one ('"...," he continued').
_AFTER_QUOTE_VERBS = frozenset(
    {"continue", "address", "conclude", "summarise", "summarize", "agree", "write"}
)
# Prepositions that follow a speaker's name to say where or when, not who.
_WHERE_AND_WHEN = _wordset("in on at during after before while via through outside inside")
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
_ALL_PRONOUNS = _PERSON_PRONOUNS | _GROUP_PRONOUNS | {"i", "we", "you"}
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
_POSSESSIVE_DETERMINERS = frozenset({"its", "their"})
_DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "its", "their"})
_INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another"})
_SUBORDINATORS = _wordset(
    """
    after although as because before if once since though unless until when whenever
    where whereas while despite
    """
)
# Offices that name one known person; "official" or "spokesman" name nobody in particular.
_PERSON_TITLES = _wordset(
    """
    president minister governor mayor premier chancellor king queen prince general
    commander chief leader secretary adviser advisor ambassador envoy senator head
    director chairman chairwoman pope prosecutor
    """
)
# Documents that speak for whoever issued them.
_DOCUMENTS = _wordset(
    """
    report statement assessment update bulletin communique communiqué study survey
    document analysis briefing release resolution declaration letter
    """
)
# People a body speaks through, named by their function only.
_UNNAMED_PEOPLE = _wordset(
    """
    official spokesman spokeswoman spokesperson source diplomat aide analyst expert
    representative member lawmaker officer insider employee staffer
    """
)
# Words for whoever leads a body; "the head of X" may be "X's director" elsewhere.
_LEADER_WORDS = frozenset({"head", "chief", "director", "leader", "boss", "chairman", "chairwoman"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose", "what"})
_NAMING_WORDS = frozenset(
    {"called", "dubbed", "named", "nicknamed", "codenamed", "titled", "so-called"}
)
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Quote marks: which may open, which may close.
_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_STRAIGHT = "\"'"
_DOUBLE_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_ALL_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE + _STRAIGHT
# Elisions that put an apostrophe before a word: ’90s, ’em, rock ’n’ roll, ’til.
_ELISION = re.compile(r"['’](?:\d\d?s?\b|em\b|til\b|n\b|cause\b|tis\b|twas\b)", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_TRAILING_PUNCT = ",;: \t\n"

_CONFIDENCE_FULL = 0.9
_CONFIDENCE_PARTIAL = 0.6
_CONFIDENCE_UNMARKED = 0.65
# How much less sure a quote is when its speaker was only inferred.
_RESOLUTION_PENALTY = {"pronoun": 0.1, "title": 0.1, "guess": 0.2, "previous": 0.05, "none": 0.3}


@dataclass(frozen=True)
class MarkedSpan:
    """Words between quotation marks; offsets exclude the marks themselves."""

    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when it is missing
    start: int
    end: int
    text: str  # marks of continued paragraphs removed, whitespace collapsed
    family: str  # "double" or "single"


@dataclass(frozen=True)
class _Attribution:
    speaker_start: int
    speaker_end: int
    head_index: int  # token index of the speaker's head word
    window_start: int  # the attribution clause, where its date is read from
    window_end: int


# ---------------------------------------------------------------- marked quotes


@dataclass(frozen=True)
class _Mark:
    at: int
    family: str
    can_open: bool
    can_close: bool
    possessive: bool = False  # "farmers’ fields": a closing mark only if nothing better


def _classify_mark(text: str, at: int) -> _Mark | None:
    """Return how the quote character at ``at`` may act, or None for an apostrophe."""
    char = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    space_before = before.isspace() or before in "([{—–-/" or before in _ALL_MARKS
    space_after = after.isspace() or after in ".,;:!?)]}—–-…" or after in _ALL_MARKS
    if char in "'’‘":
        if before.isalnum() and after.isalnum():
            return None  # don't, the city’s
        if _ELISION.match(text, at) and not before.isalnum():
            return None
    family = "single" if char in _SINGLE_OPEN + _SINGLE_CLOSE + "'" else "double"
    if char in _DOUBLE_OPEN + _SINGLE_OPEN:
        # Some sites use the opening glyph on both sides; read it by its context.
        if space_after and not space_before:
            return _Mark(at, family, can_open=False, can_close=True)
        return _Mark(at, family, can_open=not space_after, can_close=False)
    if char in _DOUBLE_CLOSE + _SINGLE_CLOSE:
        if space_before and not space_after:
            return _Mark(at, family, can_open=True, can_close=False)
        if family == "single" and before.isalnum() and not space_after:
            return None
        possessive = family == "single" and before in "sS" and after.isspace()
        return _Mark(
            at,
            family,
            can_open=False,
            can_close=not space_before or space_after,
            possessive=possessive and text[at + 1 : at + 3].strip()[:1].isalpha(),
        )
    # Straight marks: direction from the spacing around them.
    if space_before and not space_after:
        return _Mark(at, family, can_open=True, can_close=False)
    if space_after and not space_before:
        return _Mark(at, family, can_open=False, can_close=True)
    if family == "single":
        return None
    return _Mark(at, family, can_open=True, can_close=True)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the paragraphs of ``text`` as (start, end) spans.

    Blank lines separate paragraphs; a text without any blank line is taken to put
    one paragraph on each line.
    """
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans, start = [], 0
    for match in breaker.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _opens_with_mark(text: str, start: int, end: int, family: str) -> _Mark | None:
    """Return the opening mark at the head of a paragraph, if it is of ``family``."""
    while start < end and text[start].isspace():
        start += 1
    if start >= end or text[start] not in _ALL_MARKS:
        return None
    mark = _classify_mark(text, start)
    if mark and mark.can_open and mark.family == family:
        return mark
    return None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``[start, end)`` without surrounding space and trailing commas."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        end -= 1
    return start, end


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Return every stretch of ``text`` between matching quotation marks.

    Marks of the other family inside an open quote are a quote within the quote and
    are ignored; a closing mark with nothing open is a stray and is ignored. A quote
    left open at the end of a paragraph continues when the next paragraph opens with
    a mark of its family, and otherwise ends with its paragraph.
    """
    paragraphs = _paragraph_spans(text)
    found: list[MarkedSpan] = []
    pending: tuple[_Mark, list[tuple[int, int]]] | None = None  # continued quote
    for number, (para_start, para_end) in enumerate(paragraphs):
        marks = [
            mark
            for at in range(para_start, para_end)
            if text[at] in _ALL_MARKS and (mark := _classify_mark(text, at))
        ]
        opened: _Mark | None = None
        segment_start = para_start
        segments: list[tuple[int, int]] = []
        if pending is not None:
            opened, segments = pending
            continuation = _opens_with_mark(text, para_start, para_end, opened.family)
            segment_start = continuation.at + 1 if continuation else para_start
            marks = [m for m in marks if continuation is None or m.at != continuation.at]
            pending = None
        for index, mark in enumerate(marks):
            if opened is None:
                if not mark.can_open:
                    continue  # stray closing mark
                if mark.family == "single" and not _single_quote_closes(
                    text, marks[index + 1 :], paragraphs, number
                ):
                    continue  # a lone single mark is an apostrophe, not a quote
                opened, segments, segment_start = mark, [], mark.at + 1
                continue
            if mark.family != opened.family:
                continue
            if mark.possessive and any(
                later.family == "single" and later.can_close and not later.possessive
                for later in marks[index + 1 :]
            ):
                continue  # "the farmers’ fields": a closing mark comes later
            if mark.can_close:
                segments.append((segment_start, mark.at))
                found.append(_make_span(text, opened, mark.at, segments))
                opened = None
            elif mark.can_open:
                # A new quote opens before the last one closed: the mark was lost.
                segments.append((segment_start, mark.at))
                found.append(_make_span(text, opened, None, segments))
                opened, segments, segment_start = mark, [], mark.at + 1
        if opened is None:
            continue
        segments.append((segment_start, para_end))
        next_paragraph = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if next_paragraph and _opens_with_mark(text, *next_paragraph, opened.family):
            pending = (opened, segments)
        else:
            found.append(_make_span(text, opened, None, segments))
    return [span for span in found if span.text]


def _single_quote_closes(
    text: str, later: Sequence[_Mark], paragraphs: list[tuple[int, int]], number: int
) -> bool:
    """Tell whether a single opening mark is answered in its paragraph or continued."""
    if any(mark.family == "single" and mark.can_close for mark in later):
        return True
    if number + 1 < len(paragraphs):
        return _opens_with_mark(text, *paragraphs[number + 1], "single") is not None
    return False


def _make_span(
    text: str, opened: _Mark, close_at: int | None, segments: list[tuple[int, int]]
) -> MarkedSpan:
    pieces = []
    for seg_start, seg_end in segments:
        seg_start, seg_end = _strip_span(text, seg_start, seg_end)
        if seg_end > seg_start:
            pieces.append((seg_start, seg_end))
    if not pieces:
        return MarkedSpan(opened.at, close_at, opened.at + 1, opened.at + 1, "", opened.family)
    joined = " ".join(text[s:e] for s, e in pieces)
    return MarkedSpan(
        open_at=opened.at,
        close_at=close_at,
        start=pieces[0][0],
        end=pieces[-1][1],
        text=re.sub(r"\s+", " ", joined),
        family=opened.family,
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


# ---------------------------------------------------------------- attribution


def _attribution_after(index: _ArticleIndex, start: int, end: int) -> _Attribution | None:
    """Return the ``, X said`` or ``, said X`` clause right after a quote, if any."""
    doc = index.doc
    tokens = [i for i in index.tokens_between(start, end) if not doc[i].is_space]
    leading = [i for i in tokens if not doc[i].is_punct]
    if not leading:
        return None
    first_word = leading[0]
    for i in leading[:14]:
        token = doc[i]
        if token.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            objects = [c for c in token_children(doc[i + 1]) if c.dep_ == "pobj"]
            if objects and i == first_word:
                return _make_attribution(index, objects[0], start, end)
            continue
        if not (_is_speech_verb(token) or token.lemma_.lower() in _AFTER_QUOTE_VERBS):
            continue
        subject = _subject_of(token)
        if subject is not None and not (start <= subject.idx < end):
            # A headline or the quote itself parsed as the subject: look in the clause.
            subject = _subject_within(token, start, end) or _named_before(index, token, start)
        if subject is not None and subject.i < token.i:
            if subject.left_edge.i <= first_word or i == first_word:
                return _make_attribution(index, subject, start, end)
            return None
        if i == first_word:
            # "..., said X": the subject follows the verb
            if subject is None:
                subject = next(
                    (t for t in doc[i + 1 : i + 8] if t.pos_ in {"PROPN", "NOUN", "PRON"}), None
                )
                while (
                    subject is not None
                    and subject.head.i != subject.i
                    and (subject.dep_ in {"compound", "amod", "det", "poss"})
                ):
                    subject = subject.head
            if subject is not None and subject.i > token.i:
                return _make_attribution(index, subject, start, end)
        return None
    return None


def _attribution_before(
    index: _ArticleIndex, start: int, end: int, *, max_gap: int | None
) -> _Attribution | None:
    """Return the nearest ``X said:`` clause before a quote within ``[start, end)``.

    ``max_gap`` limits how many words may stand between the verb and the quote.
    """
    doc = index.doc
    token_range = [
        i for i in index.tokens_between(start, end) if not index.inside_quote(doc[i].idx)
    ]
    for position, i in enumerate(reversed(token_range)):
        if max_gap is not None and position > max_gap:
            return None
        token = doc[i]
        if token.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            objects = [c for c in token_children(doc[i + 1]) if c.dep_ == "pobj"]
            if objects:
                return _make_attribution(index, objects[0], start, end)
        if not _is_speech_verb(token):
            continue
        subject = _subject_within(token, start, end)
        if subject is None and token.dep_ in {"conj", "xcomp", "advcl"}:
            subject = _subject_within(token.head, start, end)  # "X vowed to win but said"
        if subject is None:
            subject = _named_before(index, token, start)
        if subject is not None:
            return _make_attribution(index, subject, start, end)
    return None


def _make_attribution(index: _ArticleIndex, head, start: int, end: int) -> _Attribution:
    first, last = _speaker_tokens(index.doc, head)
    first = min(max(first, index.token_at(start)), head.i)  # the parse may reach back
    doc = index.doc
    return _Attribution(
        speaker_start=doc[first].idx,
        speaker_end=doc[last].idx + len(doc[last]),
        head_index=head.i,
        window_start=start,
        window_end=end,
    )


def _after_window(index: _ArticleIndex, span_end: int, next_open: int) -> tuple[int, int]:
    """Return where the clause after a quote may hold its attribution."""
    paragraph_end = index.paragraph_at(span_end)[1]
    token = index.token_at(span_end)
    if token < len(index.doc):
        sentence_end = index.doc[token].sent.end_char
        # The parser may end the sentence at the closing mark itself.
        if sentence_end <= span_end + 1 and token + 1 < len(index.doc):
            sentence_end = index.doc[token + 1].sent.end_char
    else:
        sentence_end = paragraph_end
    return span_end, min(sentence_end, next_open, paragraph_end)


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
        return _Speaker(None, written, "unnamed")
    words = list(doc[index.token_at(start) : attribution.head_index + 1])
    determiner = words[0].lower_ if words else ""
    if determiner in _DEFINITE_DETERMINERS or (words and words[0].dep_ == "poss"):
        resolved = _resolve_description(index, start, words, head)
        if resolved is not None:
            return resolved
    return _Speaker(None, written, "unnamed")


def _nearest_salient(
    index: _ArticleIndex,
    offset: int,
    kinds: set[str],
    max_sentences: int = 6,
    *,
    named_only: bool = True,
    pronoun: str = "",
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
    """Rank a mention by its role: 0 speaking subject, 1 other subject, 2 anything else."""
    tokens = index.span(start, end)
    if not len(tokens):
        return 2
    # The mention's head word is the one whose own head lies outside the mention.
    head = next((t for t in tokens if not (start <= t.head.idx < end) or t.head == t), tokens[0])
    if head.dep_ == "appos":
        head = head.head  # "The X chief, Y Z, said": the name stands for the subject
    if head.dep_ not in _SUBJECT_DEPS:
        return 2
    return 0 if _is_speech_verb(head.head) else 1


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


def _resolve_description(index: _ArticleIndex, start: int, words, head) -> _Speaker | None:
    """Resolve "the official", "the French president" or "its general staff"."""
    text = index.text[start : head.idx + len(head)]
    head_word = head.lemma_.lower()
    heads = _LEADER_WORDS if head_word in _LEADER_WORDS else {head_word, head.lower_}
    required = [
        t.lower_[:5]
        for t in words[1:-1]
        if t.pos_ in {"PROPN", "ADJ"} and t.text[:1].isupper() and t.dep_ != "poss"
    ]
    modifiers = {t.lower_ for t in words[1:-1] if t.pos_ in {"ADJ", "NOUN", "PROPN"}}
    best: tuple[int, ExtractedActor] | None = None
    for mention_start, mention_end, actor, _mention in index.mentions_before(start):
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


# ---------------------------------------------------------------- unmarked speech


def _unmarked_statements(index: _ArticleIndex):
    """Yield (start, end, attribution, sentence, verb) for ``<words>, X said`` sentences."""
    doc = index.doc
    long_quotes = [
        (start, end)
        for start, end in index.quoted
        if len(_WORD.findall(index.text[start:end])) >= MIN_QUOTE_WORDS
    ]
    for sentence in doc.sents:
        if any(
            start < sentence.end_char and sentence.start_char < end for start, end in long_quotes
        ):
            continue
        found = _unmarked_in_sentence(index, sentence)
        if found is not None:
            yield found


def _unmarked_in_sentence(index: _ArticleIndex, sentence):
    doc = index.doc
    for token in span_tokens(sentence):
        if token.i < sentence.start + 4 or not _is_speech_verb(token) or not _is_finite(token):
            continue
        subject = _subject_of(token)
        if subject is not None and subject.i < token.i:
            comma = subject.left_edge.i - 1
        elif doc[token.i - 1].text == ",":
            comma = token.i - 1  # "..., said X"
            if subject is None:
                subject = next(
                    (
                        t
                        for t in doc[token.i + 1 : sentence.end]
                        if t.pos_ in {"PROPN", "NOUN", "PRON"}
                    ),
                    None,
                )
        else:
            continue
        if (
            subject is None
            or subject.lower_ in _RELATIVE_PRONOUNS | _OBJECT_PRONOUNS
            or comma <= sentence.start
        ):
            continue
        if doc[comma].text != ",":
            continue
        para_start = index.paragraph_at(doc[comma].idx)[0]
        statement = index.span(max(sentence.start_char, para_start), doc[comma].idx)
        if not _is_clause(statement) or _has_object(token):
            continue
        window_end = sentence.end_char
        attribution = _make_attribution(index, subject, doc[comma].idx, window_end)
        return statement.start_char, statement.end_char, attribution, sentence, token
    return None


def _has_object(verb) -> bool:
    """Tell whether a verb of saying says something itself ("declared war aims").

    An attribution verb's words are the statement before it; only the listener of
    "told reporters" or "warned residents" may follow it.
    """
    if verb.lemma_.lower() in {"tell", "ask", "warn", "urge", "assure", "inform"}:
        return False
    return any(
        child.dep_ in {"dobj", "ccomp", "xcomp"} and child.i > verb.i
        for child in token_children(verb)
    )


def _is_finite(verb) -> bool:
    """Tell whether a verb is finite ("said", "has said"), not "telling" or "to say"."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return True
    return any(child.dep_ == "aux" and child.tag_ in _FINITE_TAGS for child in token_children(verb))


def _is_clause(statement) -> bool:
    """Tell whether the words before ``, X said`` are a statement of their own.

    Words that hold an attribution of their own ("X said that ...") are reported
    speech, not the speaker's words.
    """
    words = [t for t in statement if not t.is_punct]
    if any(_is_speech_verb(t) and _subject_of(t) is not None for t in statement):
        return False
    if len(words) < 4 or words[0].lower_ in _SUBORDINATORS:
        return False
    if words[0].dep_ == "mark":
        return False
    return any(t.tag_ in _FINITE_TAGS for t in statement)


def _extend_to_paragraph(
    index: _ArticleIndex, sentence, verb, start: int, speaker: _Speaker
) -> int:
    """Return where the statement starts once a short closing ``he said`` takes in more.

    "It never stops. It has a job, he said." closes a paragraph of the speaker's
    words. The extension goes back sentence by sentence and stops at one that holds
    an attribution or a quote of its own or names the speaker, whose words it
    cannot be.
    """
    para_start, para_end = index.paragraph_at(start)
    if index.text[sentence.end_char : para_end].strip():
        return start
    tail = [t for t in index.doc[verb.i + 1 : sentence.end] if not t.is_punct]
    if len(tail) > 6:
        return start
    speaker_words = {w.casefold() for w in _WORD.findall(speaker.name) if w[:1].isupper()}
    current = index.sentence_at(start)
    extended = start
    for earlier in reversed(index.sentences[: current.index]):
        if earlier.end <= para_start or earlier.start < para_start:
            break
        tokens = index.span(earlier.start, earlier.end)
        if any(_is_speech_verb(t) or t.text in _DOUBLE_MARKS for t in tokens):
            break
        if speaker.key and any(
            item[2].key == speaker.key
            for item in index.mentions_covering(earlier.start, earlier.end)
        ):
            break
        if speaker_words & {t.text.casefold() for t in tokens}:
            break
        extended = earlier.start
    return extended


def _first_person_followers(index: _ArticleIndex, after: int):
    """Yield sentences after ``after`` in its paragraph that speak in the first person."""
    para_end = index.paragraph_at(after)[1]
    sentence = index.sentence_at(after)
    for following in index.sentences[sentence.index + 1 :]:
        if following.start >= para_end:
            break
        tokens = index.span(following.start, following.end)
        if any(
            _is_speech_verb(t) or t.text in _DOUBLE_MARKS or index.inside_quote(t.idx)
            for t in tokens
        ):
            break
        if not any(t.lower_ in _FIRST_PERSON for t in tokens):
            break
        yield following


# ---------------------------------------------------------------- public API


def _said_on(
    temporal: Iterable[TemporalExpression], start: int, end: int
) -> tuple[dt.date | None, str]:
    for expression in temporal:
        if start <= expression.start and expression.end <= end and expression.value:
            return expression.value, expression.precision
    return None, ""


def _continues(index: _ArticleIndex, earlier: MarkedSpan, earlier_end: int, span) -> bool:
    """Tell whether an unattributed quote goes on with the previous quote's speaker.

    English news attributes a run of quotes once: a later quote in the same
    paragraph, or a paragraph that is only a quote right after the paragraph that
    ended with an attributed one, is the same speaker's.
    """
    text = index.text
    if not text[earlier_end : span.open_at].strip():
        return True
    earlier_end = max(earlier_end, earlier.close_at + 1 if earlier.close_at else earlier.end)
    earlier_paragraph = index.paragraph_at(earlier.open_at)
    paragraph = index.paragraph_at(span.open_at)
    if earlier_paragraph == paragraph:
        # Nobody else is named speaking in between.
        return not any(
            item[3].via != "pronoun" for item in index.mentions_covering(earlier_end, span.open_at)
        )
    starts_paragraph = not text[paragraph[0] : span.open_at].strip()
    earlier_ends_paragraph = not text[earlier_end : earlier_paragraph[1]].strip(" \t\n.,;:")
    adjacent = not text[earlier_paragraph[1] : paragraph[0]].strip()
    return starts_paragraph and adjacent and (earlier_ends_paragraph or earlier.close_at is None)


def _governing_attribution(
    index: _ArticleIndex, start: int, span: MarkedSpan
) -> _Attribution | None:
    """Return the subject of the verb a partial quote depends on ("X thanked Y for "..."")."""
    doc = index.doc
    tokens = index.tokens_between(span.start, span.end)
    if not len(tokens):
        return None
    token = doc[tokens.start]
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"}:
            subject = _subject_within(token, start, span.open_at)
            if subject is not None and (
                subject.pos_ == "PROPN"
                or subject.lemma_.lower() in _PERSON_TITLES | _DOCUMENTS
                or any(index.mentions_covering(subject.idx, subject.idx + len(subject)))
            ):
                return _make_attribution(index, subject, start, span.open_at)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_partial(text: str, span: MarkedSpan) -> bool:
    """Tell whether a marked span sits inside a sentence of the writer's own."""
    before = text[: span.open_at].rstrip()
    if "\n" in text[len(before) : span.open_at]:
        return False  # the quote opens a line of its own
    # After a comma stands 'He said, "We go."', not a fragment.
    return bool(before) and before[-1] not in ".!?:;,\n" + _ALL_MARKS


def _is_name(text: str, span: MarkedSpan, index: _ArticleIndex) -> bool:
    """Tell whether a short marked span is a title or name ('the so-called "X"')."""
    preceding = text[max(0, span.open_at - 20) : span.open_at].split()
    if preceding and preceding[-1].lower() in _NAMING_WORDS:
        return not any(
            index.doc[i].tag_ in _FINITE_TAGS for i in index.tokens_between(span.start, span.end)
        )
    return False


def find_quotes(
    doc,
    *,
    sentences: Sequence[Sentence],
    actors: Sequence[ExtractedActor],
    temporal: Sequence[TemporalExpression],
    published_on: dt.date | None,
) -> list[ExtractedQuote]:
    """Return the article's quotes, marked and unmarked, each with its speaker.

    ``published_on`` is accepted for the pipeline's uniform call; a quote's date is
    read only from the words of its attribution ("said on Monday").
    """
    text = doc_text(doc)
    marked = find_marked_spans(text)
    index = _ArticleIndex(
        doc, sentences, actors, [(s.open_at, (s.close_at or s.end - 1) + 1) for s in marked]
    )
    found: list[ExtractedQuote] = []
    previous: tuple[MarkedSpan, ExtractedQuote, int] | None = None  # span, quote, attr end
    for number, span in enumerate(marked):
        words = _WORD.findall(span.text)
        if len(words) < MIN_QUOTE_WORDS or _is_name(text, span, index):
            continue
        partial = _is_partial(text, span)
        span_end = span.close_at + 1 if span.close_at is not None else span.end
        next_open = marked[number + 1].open_at if number + 1 < len(marked) else len(text)
        sentence_start = index.sentence_at(span.open_at).start
        paragraph_start = index.paragraph_at(span.open_at)[0]
        before_start = max(sentence_start, paragraph_start)
        attribution = None
        if partial:
            attribution = _attribution_before(index, before_start, span.open_at, max_gap=None)
        if attribution is None:
            attribution = _attribution_after(index, *_after_window(index, span_end, next_open))
        if attribution is None and not partial:
            attribution = _attribution_before(index, before_start, span.open_at, max_gap=8)
        if attribution is None and partial:
            attribution = _governing_attribution(index, before_start, span)
        confidence = _CONFIDENCE_PARTIAL if partial else _CONFIDENCE_FULL
        if len(words) <= 4:
            confidence -= 0.1
        if span.close_at is None:
            confidence -= 0.1
        said_on, precision = None, ""
        if attribution is not None:
            speaker = _resolve_speaker(index, attribution)
            said_on, precision = _said_on(
                temporal, attribution.window_start, attribution.window_end
            )
            attribution_end = attribution.window_end
        elif previous is not None and _continues(index, previous[0], previous[2], span):
            # The next fragment of the same speaker: "We go," he said. "It is hard."
            earlier = previous[1]
            speaker = _Speaker(earlier.speaker_key, earlier.speaker_name, "previous")
            said_on, precision = earlier.said_on, earlier.said_on_precision
            attribution_end = span_end
        else:
            speaker = _Speaker(None, "", "none")
            attribution_end = span_end
        confidence -= _RESOLUTION_PENALTY.get(speaker.resolved_by, 0.0)
        quote = ExtractedQuote(
            text=span.text,
            start=span.start,
            end=span.end,
            sentence_index=index.sentence_at(span.start).index,
            speaker_key=speaker.key,
            speaker_name=speaker.name,
            is_marked=True,
            said_on=said_on,
            said_on_precision=precision,
            confidence=round(max(0.1, confidence), 2),
        )
        found.append(quote)
        previous = (span, quote, attribution_end)
    found.extend(_unmarked_quotes(index, temporal))
    taken = [(quote.start, quote.end) for quote in found]
    found.extend(_dash_quotes(index, temporal, taken))
    found.sort(key=lambda quote: quote.start)
    return found


def _unmarked_quotes(
    index: _ArticleIndex, temporal: Sequence[TemporalExpression]
) -> list[ExtractedQuote]:
    found = []
    for start, end, attribution, sentence, verb in _unmarked_statements(index):
        speaker = _resolve_speaker(index, attribution)
        extended = _extend_to_paragraph(index, sentence, verb, start, speaker)
        was_extended = extended < start
        start, end = _strip_span(index.text, min(start, extended), end)
        said_on, precision = _said_on(temporal, attribution.window_start, attribution.window_end)
        confidence = _CONFIDENCE_UNMARKED - (0.1 if was_extended else 0.0)
        confidence -= _RESOLUTION_PENALTY.get(speaker.resolved_by, 0.0)
        found.append(
            ExtractedQuote(
                text=re.sub(r"\s+", " ", index.text[start:end]),
                start=start,
                end=end,
                sentence_index=index.sentence_at(start).index,
                speaker_key=speaker.key,
                speaker_name=speaker.name,
                is_marked=False,
                said_on=said_on,
                said_on_precision=precision,
                confidence=round(confidence, 2),
            )
        )
        followers = list(_first_person_followers(index, attribution.window_end - 1))
        if followers:
            more_start, more_end = _strip_span(index.text, followers[0].start, followers[-1].end)
            found.append(
                ExtractedQuote(
                    text=re.sub(r"\s+", " ", index.text[more_start:more_end]),
                    start=more_start,
                    end=more_end,
                    sentence_index=followers[0].index,
                    speaker_key=speaker.key,
                    speaker_name=speaker.name,
                    is_marked=False,
                    said_on=said_on,
                    said_on_precision=precision,
                    confidence=round(confidence - 0.2, 2),
                )
            )
    return found


# ---------------------------------------------------------------- dash speech

# A dash opening a line, or right after a sentence's end, starts direct speech in
# press translated from Polish, Russian or Ukrainian ("- We will win - he said.").
_DASH_OPEN = re.compile(r"(?:^|(?<=[.!?\"”]))[ \t]*[-–—][ \t]+(?=\S)", re.MULTILINE)
_DASH_CLOSE = re.compile(r"[ \t]+[-–—][ \t]+|\n\s*[-–—][ \t]+")
_ATTRIBUTION_WORDS = 12


def _dash_quotes(
    index: _ArticleIndex, temporal: Sequence[TemporalExpression], taken: list[tuple[int, int]]
) -> list[ExtractedQuote]:
    """Return speech set off by dashes, attributed by the clause after its closing dash.

    "- Words. More words - he said." and a paragraph of speech followed by a line
    "- said X" are both quotes; a dash that no verb of saying follows is a
    parenthesis, not speech.
    """
    text = index.text
    found: list[ExtractedQuote] = []
    previous: ExtractedQuote | None = None
    for opening in _DASH_OPEN.finditer(text):
        start = opening.end()
        paragraph_end = index.paragraph_at(start)[1]
        closing = _attributed_close(index, start, paragraph_end)
        if closing is None:
            # 'X said that "...".- More words.': the speaker named before in the paragraph.
            paragraph_start = index.paragraph_at(start)[0]
            attribution = _attribution_before(index, paragraph_start, opening.start(), max_gap=None)
            if attribution is None or paragraph_start == opening.start():
                continue
            closing = paragraph_end, attribution
        end, attribution = closing
        start, end = _strip_span(text, start, end)
        if len(_WORD.findall(text[start:end])) < MIN_QUOTE_WORDS:
            continue
        if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            continue
        found.append(_quote_with(index, temporal, start, end, attribution))
        taken.append((start, end))
        previous = found[-1]
    del previous
    # A paragraph of speech, then a line of its own naming the speaker: "- said X."
    for opening in _DASH_OPEN.finditer(text):
        paragraph_start, _ = index.paragraph_at(opening.start())
        if text[paragraph_start : opening.start()].strip() or paragraph_start == 0:
            continue
        attribution = _dash_attribution(
            index, opening.end(), index.paragraph_at(opening.end())[1], leading=True
        )
        if attribution is None:
            continue
        before_start, before_end = index.paragraph_at(paragraph_start - 1)
        start, end = _strip_span(text, before_start, before_end)
        if len(_WORD.findall(text[start:end])) < MIN_QUOTE_WORDS or _DASH_OPEN.match(text, start):
            continue
        if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            continue
        found.append(_quote_with(index, temporal, start, end, attribution))
        taken.append((start, end))
    return found


def _attributed_close(
    index: _ArticleIndex, start: int, paragraph_end: int
) -> tuple[int, _Attribution] | None:
    """Return (end of the speech, attribution) for dash speech opening at ``start``."""
    text = index.text
    for closing in _DASH_CLOSE.finditer(text, start, min(len(text), paragraph_end + 2)):
        attribution = _dash_attribution(index, closing.end(), paragraph_end)
        if attribution is not None:
            return closing.start(), attribution
    return None


def _dash_attribution(
    index: _ArticleIndex, start: int, paragraph_end: int, *, leading: bool = False
) -> _Attribution | None:
    """Return the speaker of "he said", "said X" or "X added" opening at ``start``.

    With ``leading``, the verb of saying must open the clause ("- said X", "- with
    these words X addressed ..."): a line of speech of its own is not an attribution.
    """
    doc = index.doc
    tokens = [i for i in index.tokens_between(start, paragraph_end) if not doc[i].is_space]
    words = tokens[: 5 if leading else _ATTRIBUTION_WORDS]
    if not words:
        return None
    end = paragraph_end
    for i in words:
        if doc[i].text in {".", "!", "?"} or doc[i].text in _ALL_MARKS:
            end = doc[i].idx
            break
    for position, i in enumerate(words):
        token = doc[i]
        if token.idx >= end:
            return None
        if not (_is_speech_verb(token) or token.lemma_.lower() in _AFTER_QUOTE_VERBS):
            continue
        subject = _subject_within(token, start, end)
        if subject is None and (position == 0 or doc[words[0]].lower_ == "with"):
            # "said X", "emphasized the American president": the speaker follows.
            subject = next(
                (t for t in doc[i + 1 : i + 8] if t.idx < end and t.pos_ in {"PROPN", "NOUN"}),
                None,
            )
            while (
                subject is not None
                and subject.head.i != subject.i
                and subject.dep_
                in {
                    "compound",
                    "amod",
                    "det",
                    "poss",
                }
            ):
                subject = subject.head
        if subject is None:
            subject = _named_before(index, token, start)
        if subject is None or not (start <= subject.idx < end):
            return None
        return _make_attribution(index, subject, start, end)
    return None


def _quote_with(
    index: _ArticleIndex,
    temporal: Sequence[TemporalExpression],
    start: int,
    end: int,
    attribution: _Attribution,
) -> ExtractedQuote:
    speaker = _resolve_speaker(index, attribution)
    said_on, precision = _said_on(temporal, attribution.window_start, attribution.window_end)
    confidence = _CONFIDENCE_UNMARKED - _RESOLUTION_PENALTY.get(speaker.resolved_by, 0.0)
    return ExtractedQuote(
        text=re.sub(r"\s+", " ", index.text[start:end]),
        start=start,
        end=end,
        sentence_index=index.sentence_at(start).index,
        speaker_key=speaker.key,
        speaker_name=speaker.name,
        is_marked=False,
        said_on=said_on,
        said_on_precision=precision,
        confidence=round(confidence, 2),
    )
