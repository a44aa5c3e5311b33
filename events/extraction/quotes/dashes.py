"""Find speech set off by dashes, as press translated from Slavic languages writes it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from events.extraction.quotes.attribution import _attribution_before, _make_attribution
from events.extraction.quotes.common import (
    _AFTER_QUOTE_VERBS,
    _ALL_MARKS,
    _WORD,
    MIN_QUOTE_WORDS,
    _Attribution,
    _said_on,
    _unmarked_quote,
)
from events.extraction.quotes.index import (
    _ArticleIndex,
    _is_speech_verb,
    _named_before,
    _subject_within,
)
from events.extraction.quotes.marked import _strip_span
from events.extraction.quotes.speakers import _resolve_speaker
from events.extraction.types import (
    ExtractedQuote,
    TemporalExpression,
)

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
    return _unmarked_quote(
        index,
        start,
        end,
        sentence_index=index.sentence_at(start).index,
        speaker=speaker,
        said_on=said_on,
        precision=precision,
        penalty=0.0,
    )
