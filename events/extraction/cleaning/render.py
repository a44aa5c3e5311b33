"""Render kept text in its body form, keeping the raw offset of every character."""

from __future__ import annotations

import unicodedata

from events.extraction.cleaning.patterns import _QUOTE_MAP, _QUOTE_TABLE
from events.extraction.cleaning.records import _Paragraph


def _render_body(raw: str, paragraphs: list[_Paragraph]) -> tuple[str, tuple[int, ...]]:
    """Return the normalised body text and the raw offset of each of its characters."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_end: int | None = None
    for paragraph in paragraphs:
        paragraph_chars: list[str] = []
        paragraph_offsets: list[int] = []
        for position, line in enumerate(paragraph.lines):
            if position and paragraph.joiners[position] == " ":
                gap = _gap_offset(raw, paragraph.lines[position - 1].end, line.start, last=False)
                if paragraph_chars and paragraph_chars[-1] != " ":
                    paragraph_chars.append(" ")
                    paragraph_offsets.append(gap)
            _render_span(raw, line.start, line.end, paragraph_chars, paragraph_offsets)
        while paragraph_chars and paragraph_chars[-1] == " ":
            paragraph_chars.pop()
            paragraph_offsets.pop()
        if not paragraph_chars:
            continue
        if previous_end is not None:
            chars.extend("\n\n")
            offsets.append(_gap_offset(raw, previous_end, paragraph.start, last=False))
            offsets.append(_gap_offset(raw, previous_end, paragraph.start, last=True))
        chars.extend(paragraph_chars)
        offsets.extend(paragraph_offsets)
        previous_end = paragraph.end
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return "".join(chars), tuple(offsets)


def _render_span(raw: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    """Append the body form of ``raw[start:end]`` to ``chars``, its raw offsets to ``offsets``.

    Most spans are printable text with single spaces: their only change is the quotes,
    so they are appended whole. Character by character, rendering was half the cleaning.
    """
    segment = raw[start:end]
    if segment.isprintable() and "  " not in segment:  # no space but " ", no control
        if segment[:1] == " " and (not chars or chars[-1] == " "):
            segment, start = segment[1:], start + 1
        chars.extend(segment.translate(_QUOTE_TABLE))
        offsets.extend(range(start, end))
        return
    _render_chars(raw, start, end, chars, offsets)


def _render_chars(raw: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    for position in range(start, end):
        normalised = _normalise_char(raw[position])
        if normalised is None:
            continue
        if normalised == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(normalised)
        offsets.append(position)


def _normalise_char(char: str) -> str | None:
    """Return the body form of one raw character, or None to leave it out."""
    if char in _QUOTE_MAP:
        return _QUOTE_MAP[char]
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in {"Cf", "Cc", "Cs", "Co"}:
        return None
    return char


def _normalise_text(text: str) -> str:
    chars: list[str] = []
    _render_span(text, 0, len(text), chars, [])
    return "".join(chars).strip()


def _gap_offset(raw: str, previous_end: int, next_start: int, *, last: bool) -> int:
    """Return the raw newline (else whitespace) between two spans that a joiner stands for."""
    gap = raw[previous_end:next_start]
    position = gap.rfind("\n") if last else gap.find("\n")
    if position < 0:
        spaces = [index for index, char in enumerate(gap) if char.isspace()]
        if not spaces:
            return max(previous_end - 1, 0) if not last else next_start
        position = spaces[-1] if last else spaces[0]
    return previous_end + position
