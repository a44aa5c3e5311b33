"""Take the headline off the top and drop the lines that repeat it."""

from __future__ import annotations

from events.extraction.cleaning.patterns import _ATTRIBUTION_TAIL, _CLOSERS, _FUNCTION_WORDS
from events.extraction.cleaning.records import _Line, _Paragraph, _paragraph_text, _Recorder
from events.extraction.cleaning.render import _normalise_text
from events.extraction.cleaning.text import (
    _ends_sentence,
    _starts_new_sentence,
    _word_count,
    _word_stems,
)


def _take_headline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Move a first short line without final punctuation into ``title``."""
    if len(lines) < 2 or lines[0].credit:
        return lines
    raw = recorder.raw
    first, following = lines[0], lines[1]
    text = raw[first.start : first.end]
    words = text.split()
    if not 1 <= len(words) <= 25 or (
        _ends_sentence(text) and text.rstrip(_CLOSERS)[-1:] not in "?!"
    ):
        return lines
    if text.rstrip()[-1:] in ",;:-–—" or words[-1].lower() in _FUNCTION_WORDS:
        return lines
    # "..., officials said" is a lead sentence that lost its full stop, not a headline.
    if _ATTRIBUTION_TAIL.search(text):
        return lines
    if following.block == first.block:
        next_text = raw[following.start : following.end]
        if len(words) > 15 or not _starts_new_sentence(next_text):
            return lines
    title = _normalise_text(text)
    # "Headline | Outlet" is how many sites title their pages.
    head, bar, tail = title.rpartition(" | ")
    if bar and head and 1 <= len(tail.split()) <= 5:
        recorder.set_outlet(tail, rank=3)
        title = head
    recorder.title = title
    recorder.drop("headline", first.start, first.end)
    return _drop_headline_repeats(lines[1:], recorder)


def _drop_headline_repeats(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop lines that repeat the headline, whole or cut off short ("... After De")."""
    title = recorder.title.casefold()
    kept = []
    for line in lines:
        text = _normalise_text(recorder.raw[line.start : line.end]).casefold()
        if (
            _word_count(text) >= 4
            and len(text) >= 0.5 * len(title)
            and title.startswith(text)
            and not _ends_sentence(text)
        ):
            recorder.drop("headline", line.start, line.end)
        else:
            kept.append(line)
    return kept


def _drop_closing_teaser(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Drop a page's last paragraph when it is the story's teaser, cut off mid-sentence.

    Pages print the story's summary once more below it, clipped ("Arland's army has
    said to have left the port of Velmar after a we"): a short open paragraph whose words are
    mostly the headline's and the lede's. A story's own last paragraph tells something new.
    """
    if len(paragraphs) < 3 or not recorder.title:
        return paragraphs
    last = paragraphs[-1]
    text = _paragraph_text(recorder.raw, last)
    if len(last.lines) > 1 or _ends_sentence(text) or not 6 <= _word_count(text) <= 40:
        return paragraphs
    stems = _word_stems(text.rsplit(None, 1)[0])  # the last word may be cut
    title = set(_word_stems(recorder.title))
    told = title | set(_word_stems(_paragraph_text(recorder.raw, paragraphs[0])))
    if (
        len(stems) >= 5
        and sum(stem in title for stem in stems) >= 3
        and sum(stem in told for stem in stems) >= 0.7 * len(stems)
    ):
        recorder.drop("teaser", last.start, last.end)
        return paragraphs[:-1]
    return paragraphs
