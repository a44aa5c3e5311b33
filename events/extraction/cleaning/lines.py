"""Split the raw text into lines and re-join hard-wrapped lines into paragraphs."""

from __future__ import annotations

import re

from events.extraction.cleaning.patterns import _ABBREVIATIONS, _FUNCTION_WORDS
from events.extraction.cleaning.records import _Line, _Paragraph
from events.extraction.cleaning.text import (
    _ends_sentence,
    _ends_with_initial,
    _is_blank,
    _last_word,
    _starts_new_sentence,
    _trim,
    _word_count,
)


def _split_lines(raw: str) -> list[_Line]:
    """Return the non-blank raw lines, trimmed, numbered by blank-line-separated block."""
    lines: list[_Line] = []
    block = 0
    position = 0
    for text in raw.splitlines(keepends=True):
        start, end = _trim(raw, position, position + len(text))
        position += len(text)
        if _is_blank(raw[start:end]):
            block += 1
            continue
        lines.append(_Line(start, end, block))
    return lines


def _assemble_paragraphs(raw: str, lines: list[_Line]) -> list[_Paragraph]:
    """Re-join hard-wrapped lines; every line that ends a sentence ends its paragraph."""
    paragraphs: list[_Paragraph] = []
    block_longest: dict[int, int] = {}
    for line in lines:
        block_longest[line.block] = max(block_longest.get(line.block, 0), line.end - line.start)
    previous: _Line | None = None
    for line in lines:
        joiner = None
        if previous is not None and previous.block == line.block and not previous.credit:
            joiner = _joiner(raw, previous, line, block_longest[line.block])
        if joiner is None:
            paragraphs.append(_Paragraph([line], [""]))
        else:
            paragraphs[-1].lines.append(line)
            paragraphs[-1].joiners.append(joiner)
        previous = line
    return paragraphs


def _joiner(raw: str, previous: _Line, line: _Line, longest: int) -> str | None:
    """Return how to join two lines of one block: " ", "" (hyphen) or None (new paragraph)."""
    before = raw[previous.start : previous.end]
    after = raw[line.start : line.end]
    first_char = after[:1]
    if re.search(r"[^\W\d_]-$", before) and first_char.isalpha():
        return ""
    if first_char.islower():
        return " "
    if before[-1:] in ",;:-–—(" or _last_word(before) in _FUNCTION_WORDS:
        return " "
    if _ends_sentence(before):
        return (
            " "
            if _last_word(before).rstrip(".") in _ABBREVIATIONS or _ends_with_initial(before)
            else None
        )
    # No final punctuation and a capital next: a wrapped sentence, unless the line is a
    # short subheading standing well short of the block's wrap width.
    is_subheading = (
        _word_count(before) <= 8
        and (previous.end - previous.start) < 0.6 * longest
        and _starts_new_sentence(after)
    )
    return None if is_subheading else " "
