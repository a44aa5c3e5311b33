"""Read and cut datelines: a leading date, a wire's place and agency, a labelled date."""

from __future__ import annotations

import datetime as dt

from events.extraction.cleaning.patterns import (
    _ISO_DATELINE,
    _LABEL_SEPARATOR,
    _MONTHS,
    _NUMERIC_DATELINE,
    _PLACE_DATELINE,
    _TEXT_DATE_LINE,
    _WIRE_DATELINE,
    _WIRE_DATELINE_DATED,
)
from events.extraction.cleaning.records import _Line, _Paragraph, _Recorder
from events.extraction.cleaning.text import _ends_sentence, _trim, _word_count


def _strip_leading_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Remove a leading ``date YYYY-MM-DD`` and keep what follows it on the same line."""
    lines = _strip_iso_dateline(lines, recorder)
    return _strip_numeric_dateline(lines, recorder)


def _strip_numeric_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Remove a "DD.MM.YYYY HH:MM" opening the first line, glued to the story or alone."""
    if not lines:
        return lines
    first = lines[0]
    match = _NUMERIC_DATELINE.match(recorder.raw, first.start, first.end)
    if not match:
        return lines
    if recorder.dateline is None:
        try:
            recorder.dateline = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return lines
    recorder.drop("dateline", match.start(), match.end())
    rest_start, rest_end = _trim(recorder.raw, match.end(), first.end)
    rest = [_Line(rest_start, rest_end, first.block)] if rest_end > rest_start else []
    return [*rest, *lines[1:]]


def _strip_iso_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    for index, line in enumerate(lines[:3]):
        match = _ISO_DATELINE.match(recorder.raw, line.start, line.end)
        # Below the first line only a labelled date ("date ...", "Published ...") counts.
        if not match or (index and not recorder.raw[line.start].isalpha()):
            continue
        try:
            recorder.dateline = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return lines
        recorder.drop("dateline", match.start(), match.end())
        rest_start, rest_end = _trim(recorder.raw, match.end(), line.end)
        rest = [_Line(rest_start, rest_end, line.block)] if rest_end > rest_start else []
        return [*lines[:index], *rest, *lines[index + 1 :]]
    return lines


def _drop_wire_dateline(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Cut a wire dateline ("LAGOS, July 5 (Reuters) - ") off the first paragraph.

    Dates read its day from the dropped block (``dates.infer_publication_date``).
    """
    if not paragraphs:
        return paragraphs
    first_line = paragraphs[0].lines[0]
    match = (
        _WIRE_DATELINE.match(recorder.raw, first_line.start, first_line.end)
        or _WIRE_DATELINE_DATED.match(recorder.raw, first_line.start, first_line.end)
        or _PLACE_DATELINE.match(recorder.raw, first_line.start, first_line.end)
    )
    if not match or match.end() >= first_line.end:
        return paragraphs
    recorder.drop("dateline", match.start(), match.end())
    if match.groupdict().get("agency"):
        recorder.set_outlet(match["agency"], rank=2)
    first_line.start = match.end()
    return paragraphs


def _is_labelled_date(text: str) -> bool:
    """Return whether a line is a date beside short labels: "N/A • 10 March 2023 02:52"."""
    parts = _LABEL_SEPARATOR.split(text)
    if len(parts) < 2:
        return False
    dated = [part for part in parts if _parse_text_date(part) or _NUMERIC_DATELINE.fullmatch(part)]
    labels = [part for part in parts if part not in dated]
    return bool(dated) and all(
        _word_count(label) <= 4 and not _ends_sentence(label) for label in labels
    )


def _parse_text_date(text: str) -> dt.date | None:
    match = _TEXT_DATE_LINE.fullmatch(text)
    if match:
        day = match["d1"] or match["d2"]
        month = _MONTHS[(match["m1"] or match["m2"]).lower()]
        year = match["y1"] or match["y2"]
        try:
            return dt.date(int(year), month, int(day))
        except ValueError:
            return None
    match = _ISO_DATELINE.fullmatch(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def _find_text_date(text: str) -> dt.date | None:
    """Return the first date written out in a line: a byline's or a line of meta items."""
    for match in _TEXT_DATE_LINE.finditer(text):
        if date := _parse_text_date(match[0].strip()):
            return date
    return None
