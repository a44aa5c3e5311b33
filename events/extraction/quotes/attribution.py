"""Find the clause that attributes a quote: "X said", "said X", "according to X"."""

from __future__ import annotations

from events.extraction.nlp import token_children
from events.extraction.quotes.common import (
    _AFTER_QUOTE_VERBS,
    _DOCUMENTS,
    _PERSON_TITLES,
    MarkedSpan,
    _Attribution,
)
from events.extraction.quotes.index import (
    _ArticleIndex,
    _is_speech_verb,
    _named_before,
    _speaker_tokens,
    _subject_of,
    _subject_within,
)

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
