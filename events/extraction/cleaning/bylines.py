"""Read bylines and author labels; drop an author's box or biography."""

from __future__ import annotations

import re

from events.extraction.cleaning.patterns import (
    _AUTHOR_BIO,
    _AUTHOR_LABEL_LINE,
    _BYLINE_LINE,
    _BYLINE_TAIL,
    _DESK_NAME,
    _FUNCTION_WORDS,
    _MONTHS,
    _WEEKDAY_RE,
)
from events.extraction.cleaning.records import _Line, _Paragraph, _paragraph_text, _Recorder
from events.extraction.cleaning.text import _is_name, _strip_trailing_colon, _word_count


def _drop_author_bio(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Drop an author's short biography from the last paragraphs of the page."""
    kept = list(paragraphs)
    while len(kept) > 1:
        text = _paragraph_text(recorder.raw, kept[-1])
        bio = _AUTHOR_BIO.match(text)
        if _word_count(text) > 60 or not bio:
            break
        # The story's own people are named before its end; a page's author is not.
        surname = (bio["name"] or bio["name2"]).split()[-1]
        earlier = " ".join(_paragraph_text(recorder.raw, paragraph) for paragraph in kept[:-1])
        if re.search(rf"\b{re.escape(surname)}\b", earlier):
            break
        recorder.drop("author", kept[-1].start, kept[-1].end)
        kept.pop()
    return kept


def _author_label_names(text: str) -> str:
    """Return the names or initials of an "Author: ABC/ Def" line, comma-separated."""
    match = _AUTHOR_LABEL_LINE.fullmatch(_strip_trailing_colon(text))
    if not match:
        return ""
    names = match["names"].split(":")[-1]
    return ", ".join(name.strip() for name in names.split("/") if name.strip())


def _is_bio_of(raw: str, lines: list[_Line], index: int, name: str) -> bool:
    """Return whether the block at ``index`` is the biography of the boxed author."""
    block = lines[index].block
    text = " ".join(raw[line.start : line.end] for line in lines[index:] if line.block == block)
    first_word = text.split()[0].strip(",.'’") if text.split() else ""
    name_words = {word.strip(".,") for word in name.split()}
    return _word_count(text) <= 80 and (
        first_word in name_words
        or first_word in {"He", "She", "They"}
        or bool(_AUTHOR_BIO.match(text))
    )


def _byline_names(text: str, *, after_open_line: bool = False) -> list[str]:
    """Return the author names of a "By NAME" line, or [] when it is not one.

    A date, time or reading time after the names ("By Ann Lee May 3, 2024 5 min read")
    is left out of them.
    """
    match = _BYLINE_LINE.fullmatch(text.strip())
    if not match:
        return []
    # "by Ann Lee" in lower case may be a wrapped sentence's end ("... was written\nby
    # Ann Lee"): a byline only where no sentence runs into it, naming people in full.
    lowercase = not text[:1].isupper()
    if lowercase and (after_open_line or not text.startswith("by ")):
        return []
    names_text = _BYLINE_TAIL.split(match["names"], maxsplit=1)[0]
    names_text = re.split(r"\s*(?:[|•·]|\s[-–—]\s|,\s*(?=[A-Z][a-z]+\s*$))\s*", names_text)[0]
    if _DESK_NAME.fullmatch(names_text.strip()):
        return [names_text.strip()]
    names = [
        name.strip() for name in re.split(r",\s*|\s+(?:and|&|with)\s+", names_text) if name.strip()
    ]
    if not names or not all(_is_name(name, max_words=4) for name in names):
        return []
    if lowercase and not all(2 <= len(name.split()) <= 4 for name in names):
        return []
    first_word = names[0].split()[0].lower().rstrip(",")
    if (
        first_word in _MONTHS
        or re.fullmatch(_WEEKDAY_RE, first_word)
        or first_word in _FUNCTION_WORDS
    ):
        return []
    return names
