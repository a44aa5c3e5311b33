"""The page's head above the story: section labels, a masthead's tagline, summary bullets."""

from __future__ import annotations

import re

from events.extraction.cleaning.patterns import _OUTLET_LOOK
from events.extraction.cleaning.records import _Line, _Recorder
from events.extraction.cleaning.text import _ends_sentence, _is_name, _word_count, _word_stems

# A section's label over the headline or the story: "World News", "U.S. News". Matched
# case-sensitively and only above the story.
_SECTION_LABEL = re.compile(r"(?:[A-Z][\w.'’&-]*\s+){0,2}News")
# A line that opens a list item: "- Text", "– Text", "* Text" (a "•" is cut off as a symbol
# before, so it is looked for in the raw text before the line).
_BULLET_START = re.compile(r"[-–—*]\s+(?=\S)")
_BULLET_MARKS = "•▪·◦‣●"


def _is_section_label(text: str) -> bool:
    """Return whether a line above the story is a section's label: "U.S. News"."""
    return _word_count(text) <= 3 and bool(_SECTION_LABEL.fullmatch(text.strip()))


def _is_masthead_tagline(raw: str, kept: list[_Line], text: str) -> bool:
    """Return whether a short line is the tagline under the outlet's name, in the page's head.

    "Velmar Tribune" over "Your trusted voice from the Arland coast", below the headline.
    The name must read as an outlet; the tagline is a short phrase with no full stop.
    """
    if len(kept) < 2:  # the first line kept is the headline, never an outlet's name
        return False
    name = raw[kept[-1].start : kept[-1].end].strip()
    words = text.split()
    return (
        1 <= _word_count(name) <= 4
        and _is_name(name, max_words=4)
        and bool(_OUTLET_LOOK.fullmatch(name))
        and not _ends_sentence(name)
        and 3 <= len(words) <= 10
        and text[:1].isupper()
        and any(word.islower() for word in words[1:])
        and not _ends_sentence(text)
        and not any(char.isdigit() or char in ':"“”' for char in text)
    )


def _drop_summary_bullets(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop the list of key points above the story that the story then tells again.

    "- Arland's army leaves the port" ... above the headline or the lede: two bullets or
    more, before any story sentence, most of whose words the story repeats. A list that a
    line ending with ":" introduces is the story's own.
    """
    raw = recorder.raw
    first = next((i for i, line in enumerate(lines[:8]) if _is_bullet(raw, line)), None)
    if first is None:
        return lines
    for line in lines[:first]:
        text = raw[line.start : line.end]
        if (_word_count(text) >= 12 and _ends_sentence(text)) or text.rstrip().endswith(":"):
            return lines
    end = first
    while end < len(lines) and _is_bullet(raw, lines[end]):
        end += 1
    run, rest = lines[first:end], lines[end:]
    run_texts = [raw[line.start : line.end] for line in run]
    rest_text = " ".join(raw[line.start : line.end] for line in rest)
    if len(run) < 2 or any(_word_count(text) > 35 for text in run_texts):
        return lines
    if _word_count(rest_text) < max(40, 2 * sum(map(_word_count, run_texts))):
        return lines
    stems = [stem for text in run_texts for stem in _word_stems(text)]
    told = set(_word_stems(rest_text))
    if len(stems) < 6 or sum(stem in told for stem in stems) < 0.7 * len(stems):
        return lines
    recorder.drop("summary", run[0].start, run[-1].end)
    return lines[:first] + rest


def _is_bullet(raw: str, line: _Line) -> bool:
    text = raw[line.start : line.end]
    line_start = raw.rfind("\n", 0, line.start) + 1
    return bool(_BULLET_START.match(text)) or any(
        mark in raw[line_start : line.start] for mark in _BULLET_MARKS
    )
