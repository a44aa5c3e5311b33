"""Find spans between quotation marks: straight, curly, single, guillemets, run-on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from events.extraction.quotes.common import (
    _ALL_MARKS,
    _DOUBLE_CLOSE,
    _DOUBLE_OPEN,
    _ELISION,
    _LINE_BREAK,
    _PARAGRAPH_BREAK,
    _SINGLE_CLOSE,
    _SINGLE_OPEN,
    _TRAILING_PUNCT,
    MarkedSpan,
)

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
