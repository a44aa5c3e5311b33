"""Find an article's quotes, marked and unmarked, each with its speaker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from events.extraction.nlp import doc_text
from events.extraction.quotes.attribution import (
    _after_window,
    _attribution_after,
    _attribution_before,
    _governing_attribution,
)
from events.extraction.quotes.common import (
    _ALL_MARKS,
    _CONFIDENCE_FULL,
    _CONFIDENCE_PARTIAL,
    _FINITE_TAGS,
    _NAMING_WORDS,
    _RESOLUTION_PENALTY,
    _WORD,
    MIN_QUOTE_WORDS,
    MarkedSpan,
    _said_on,
)
from events.extraction.quotes.dashes import _dash_quotes
from events.extraction.quotes.index import _ArticleIndex
from events.extraction.quotes.marked import find_marked_spans
from events.extraction.quotes.speakers import _resolve_speaker, _Speaker
from events.extraction.quotes.unmarked import _unmarked_quotes
from events.extraction.types import (
    ExtractedActor,
    ExtractedQuote,
    Sentence,
    TemporalExpression,
)


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
