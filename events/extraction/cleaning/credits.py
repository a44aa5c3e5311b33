"""Cut photo credits, copyright notices and captions; read reporting credits."""

from __future__ import annotations

import bisect
import re

from events.extraction.cleaning.patterns import (
    _AGENCY_RE,
    _BARE_AGENCY,
    _BRACKETED_AGENCY,
    _CAPTION_LOOK,
    _CLOSERS,
    _COPYRIGHT_START,
    _CREDIT_AGENCY_FIRST,
    _CREDIT_AGENCY_LAST,
    _CREDIT_CANDIDATE_START,
    _CREDIT_FILE,
    _CREDIT_FOR_OUTLET,
    _CREDIT_LABELLED,
    _CREDIT_LINE,
    _CREDIT_PERSON_OUTLET,
    _CREDIT_VIA,
    _CREDIT_WORDS,
    _DATE_RUN_ON,
    _DATE_SUFFIX,
    _FUNCTION_WORDS,
    _INLINE_CREDIT,
    _LEADING_CREDIT,
    _LIVE_NOTE,
    _OPENING_QUOTES,
    _OUTLET_LOOK,
    _POSITION_MARKER,
    _REPORTED_SPEECH,
    _SENTENCE_END,
    _SENTENCE_START,
    _SLASH_CREDIT,
    _SOURCE_STAMP,
    _WIRE_VERSION_TAG,
)
from events.extraction.cleaning.records import _Line, _Paragraph, _paragraph_text, _Recorder
from events.extraction.cleaning.render import _normalise_text
from events.extraction.cleaning.text import (
    _ends_sentence,
    _is_decoration,
    _is_name,
    _last_word,
    _sentence_count,
    _trim,
    _word_count,
)


def _trim_lines(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Cut decoration, notices and credits off every line's ends (``_trim_line_ends``).

    A photo credit alone on its line ("-/AFP or licensors") credits the line above it in
    its block, perhaps across a copyright notice, as if it were cut from that line's end.
    """
    kept: list[_Line] = []
    for line in lines:
        pieces, alone = _trim_line_ends(line, recorder)
        if alone and not pieces and kept and kept[-1].block == line.block and not kept[-1].credit:
            kept[-1].credit = alone
        kept.extend(pieces)
    return kept


def _trim_line_ends(line: _Line, recorder: _Recorder) -> tuple[list[_Line], str]:
    """Cut decoration, glued copyright notices and photo credits off a line's ends.

    Return the pieces left, and the strength of a photo credit that was the whole line.
    """
    raw = recorder.raw
    start, end = _strip_decoration(raw, line.start, line.end, recorder)
    if end <= start:
        return [], ""
    copyright_start = _find_copyright(raw[start:end])
    if copyright_start is not None:
        notice_start = start + copyright_start
        recorder.drop("copyright", notice_start, end)
        recorder.set_outlet(raw[notice_start:end], rank=0)
        start, end = _strip_decoration(raw, start, notice_start, recorder)
        if end <= start:
            return [], ""
    if tag := _WIRE_VERSION_TAG.search(raw, start, end):
        recorder.drop("label", tag.start(), end)
        start, end = _trim(raw, start, tag.start())
    leading = _LEADING_CREDIT.match(raw, start, end)
    if leading and _word_count(raw[leading.end() : end]) >= 8:
        recorder.drop("credit", start, leading.end())
        start = leading.end()
    pieces: list[_Line] = []
    # A parenthesised credit inside the line ends a caption; story text may follow it.
    for match in _INLINE_CREDIT.finditer(raw, start, end):
        after = raw[match.end() : end].strip()
        if not after:
            break
        before_start, before_end = _trim(raw, start, match.start())
        recorder.drop("credit", match.start(), match.end())
        strength = (
            "weak" if raw[match.start() + 1 :].lstrip().lower().startswith("source") else "strong"
        )
        # Inside a sentence the credit is only cut out; the sentence is re-joined around it.
        if not _ends_sentence(raw[before_start:before_end]):
            strength = ""
        if before_end > before_start:
            pieces.append(_Line(before_start, before_end, line.block, strength))
        start, end = _trim(raw, match.end(), end)
    if note := _find_live_notes(raw[start:end]):
        recorder.drop("promo", start + note, end)
        start, end = _trim(raw, start, start + note)
    if stamp := _find_source_stamp(raw[start:end]):
        who, stamp_start = stamp
        recorder.drop("meta", start + stamp_start, end)
        recorder.set_outlet(who, rank=4)
        start, end = _trim(raw, start, start + stamp_start)
    # A line that the next one carries on ("... on Monday. Reuters\nreported ...") may end
    # in an agency's name that is no credit.
    wrapped = bool(re.match(r"[ \t]*\r?\n[ \t]*\S", raw[line.end : line.end + 80]))
    credit = _find_trailing_credit(raw[start:end], wrapped=wrapped)
    strength = ""
    if credit is not None:
        credit_start, strength = credit
        recorder.drop("credit", start + credit_start, end)
        start, end = _strip_decoration(raw, start, start + credit_start, recorder)
    if end > start:
        pieces.append(_Line(start, end, line.block, strength))
        return pieces, ""
    return pieces, strength


def _find_source_stamp(text: str) -> tuple[str, int] | None:
    """Return the source named and the start of a header's "Source: NAME DATE ..." tail.

    Only after a finished sentence, with no sentence after it: "... the army said.
    Source: Velmar Daily Monday, May 6, 2024 | 14:20 Tweet Share Ola Berg/AP".
    """
    for match in _SENTENCE_START.finditer(text):
        stamp = _SOURCE_STAMP.fullmatch(text, match.end())
        if stamp and _word_count(stamp[0]) <= 30 and _is_name(stamp["who"]):
            return stamp["who"], match.end()
    return None


def _drop_captions(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Move photo captions into ``captions``; keep the text when only a credit was cut."""
    kept: list[_Paragraph] = []
    for position, paragraph in enumerate(paragraphs):
        text = _paragraph_text(recorder.raw, paragraph)
        # A scrape cut short leaves its last paragraph open: that is no sign of a caption.
        is_last = position == len(paragraphs) - 1
        if _is_caption(text, paragraph.credit, open_ended=not is_last and not _ends_sentence(text)):
            # A picture's alt text above its caption opens with the caption's first words.
            if kept and kept[-1] is paragraphs[position - 1]:
                above = _paragraph_text(recorder.raw, kept[-1])
                if _word_count(above) <= 100 and _same_opening(above, text):
                    recorder.drop("caption", kept[-1].start, kept[-1].end)
                    recorder.captions.append((kept[-1].start, _normalise_text(above)))
                    kept.pop()
            recorder.drop("caption", paragraph.start, paragraph.end)
            recorder.captions.append((paragraph.start, _normalise_text(text)))
        else:
            kept.append(paragraph)
    return kept


def _same_opening(text: str, other: str, words: int = 5) -> bool:
    """Return whether two texts open with the same ``words`` words, case aside."""
    opening = _normalise_text(text).casefold().split()[:words]
    return len(opening) == words and opening == _normalise_text(other).casefold().split()[:words]


_CONTRIBUTORS = re.compile(r"(?P<who>.+?)\s+(?:also\s+)?contributed\b", re.IGNORECASE)
_CREDITED_BY = re.compile(r"\bby\s+([^;()]+?)\s*(?:[;()]|$)", re.IGNORECASE)
_OUTLETS_REPORTER = re.compile(
    r"(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?P<name>[A-Z].+)"
)


def _contributor_names(text: str) -> tuple[list[str], str]:
    """Return the people and the outlet of "Outlet's Ann Lee and Bo Park contributed ...".

    The names become the article's byline, never actors: the line is out of the body.
    """
    text = _normalise_text(text)
    match = _CONTRIBUTORS.match(text)
    if match:
        parts = [match["who"]]
    else:  # "Reporting by Ann Lee; Editing by Bo Park"
        parts = [found.group(1) for found in _CREDITED_BY.finditer(text)]
        if not parts:
            return [], ""
    outlet = ""
    names = []
    pieces = [piece for part in parts for piece in re.split(r",\s*|\s+and\s+|\s*&\s*", part)]
    for part in pieces:
        part = part.strip()
        reporter = _OUTLETS_REPORTER.fullmatch(part)
        if reporter:
            outlet = outlet or reporter["outlet"]
            part = reporter["name"]
        if _is_name(part, max_words=4):
            names.append(part)
    return names, outlet


def _is_caption(text: str, credit: str, *, open_ended: bool = False) -> bool:
    """Return whether a paragraph is a photo caption, given the credit cut from its end.

    ``open_ended``: the paragraph stops without a full stop, not at the end of the page.
    """
    words = _word_count(text)
    if not text or words > 120:
        return False
    # A wire caption places its people: "Ola Berg (2ndR) and Ivo Kral (L) attend ...".
    markers = [marker["ordinal"] or marker[0] for marker in _POSITION_MARKER.finditer(text)]
    if len(markers) >= 2 and set(markers) != {"(R)"}:
        return True
    if words > 80:
        return False
    has_quote = any(mark in text for mark in '"“”')
    caption_look = bool(_CAPTION_LOOK.match(text)) or bool(_DATE_SUFFIX.search(text))
    reported = bool(_REPORTED_SPEECH.search(text))
    if credit == "strong":
        return caption_look or (
            words <= 40 and not has_quote and not reported and _sentence_count(text) <= 2
        )
    if credit == "weak":
        return caption_look and words <= 60 and not has_quote
    # No credit: only a present-tense scene, dated like a wire caption or, far longer than
    # a headline, left without the full stop every story sentence has.
    dated = bool(_DATE_SUFFIX.search(text) or _DATE_RUN_ON.search(text))
    return (
        bool(_CAPTION_LOOK.match(text))
        and (dated or (open_ended and words >= 25 and not reported))
        and words <= 50
        and not has_quote
        and _sentence_count(text) <= 2
    )


def _find_trailing_credit(text: str, *, wrapped: bool = False) -> tuple[int, str] | None:
    """Return where a photo credit at the end of ``text`` starts and how sure it is.

    The strength is "" for a credit cut that gives no sign of a caption. ``wrapped``: the
    next line carries the text on.
    """
    if not text:
        return None
    starts = [0] + [match.end() for match in _CREDIT_CANDIDATE_START.finditer(text)]
    # A later start leaves fewer words: skip at once to the first that leaves 12 or less
    # (a paragraph has dozens of starts, and counting each one's words was quadratic).
    first = bisect.bisect_left(starts, True, key=lambda start: _word_count(text[start:]) <= 12)
    for start in starts[first:]:
        fragment = text[start:]
        strength = _credit_strength(fragment)
        # "Name for The Outlet" is a credit only after a caption's finished sentence.
        if not strength and start and _CREDIT_FOR_OUTLET.fullmatch(fragment.strip()):
            strength = "strong"
        before = text[:start]
        # A bare "Reuters" ends a caption, never a sentence that talked to Reuters. After a
        # finished sentence it signs off a caption or a story: cut, it tells neither.
        bare = _BARE_AGENCY.fullmatch(fragment.strip()) or (
            _BRACKETED_AGENCY.fullmatch(fragment.strip()) and fragment.strip()[1:2].isupper()
        )
        if not strength and start and bare:
            if _reads_as_caption(before):
                return start, "strong"
            if _ends_sentence(before) and (not wrapped or fragment.lstrip()[:1] == "("):
                return start, ""
        if strength and (start == 0 or before.strip()):
            return start, strength
    return None


def _reads_as_caption(text: str) -> bool:
    """Return whether text before a bare agency name is a short present-tense caption.

    "Soldiers patrol near the port Reuters" is one; "The army told Reuters" and "..., the
    army said" are story sentences, with reported speech or a word leading to the agency.
    """
    return (
        _word_count(text) <= 40
        and bool(_CAPTION_LOOK.match(text))
        and not _REPORTED_SPEECH.search(text)
        and not any(mark in text for mark in '"“”')
        and _last_word(text).strip(".,;:") not in _FUNCTION_WORDS
    )


def _find_live_notes(text: str) -> int | None:
    """Return where a live page's notes glued after a finished sentence start, if any.

    "... in Ukraine. Follow the day's events on our liveblog. All times are Oslo time."
    """
    position = len(text)
    while True:
        before = text[:position].rstrip()
        for match in _SENTENCE_START.finditer(before):
            if _LIVE_NOTE.fullmatch(before[match.end() :]):
                position = match.end()
                break
        else:
            break
    return position if position < len(text) and text[:position].strip() else None


def _credit_strength(fragment: str) -> str:
    """Return "strong"/"weak" if the whole fragment is a photo credit, else ""."""
    fragment = fragment.strip()
    # Some sites bracket their credits: "[AFP]", "[Ola Berg/Reuters]".
    if fragment.startswith("[") and fragment.rstrip(".").endswith("]"):
        inner = fragment.rstrip(".")[1:-1].strip()
        if re.fullmatch(_AGENCY_RE, inner, re.IGNORECASE):
            return "strong"
        fragment = f"({inner})"
    if _CREDIT_FILE.fullmatch(fragment) or _SLASH_CREDIT.fullmatch(fragment):
        return "strong"
    if (match := _CREDIT_PERSON_OUTLET.fullmatch(fragment)) and _is_outlet(
        match["outlet_coded"] or match["outlet"], coded=bool(match["outlet_coded"])
    ):
        return "strong"
    if match := _CREDIT_LABELLED.fullmatch(fragment):
        if match["alone"]:  # "(Courtesy)": a credit that names no one
            return "strong"
        label = match["label"].lower()
        parenthesised = fragment.startswith("(")
        if label == "source":
            return "weak" if parenthesised and _is_name(match["who"]) else ""
        separated = parenthesised or ":" in fragment[: len(label) + 3] or " by " in fragment
        who = match["who"]
        # "Image: Ola Berg/AP/picture alliance": a label before an agency's credit.
        named = _is_name(who) or (separated and bool(_credit_strength(who)))
        return "strong" if separated and named else ""
    if match := _CREDIT_AGENCY_FIRST.fullmatch(fragment):
        if match["who"] and _is_name(match["who"]):
            return "strong"
        if match["photo"] and not match["who"]:
            return "strong"
    if (match := _CREDIT_AGENCY_LAST.fullmatch(fragment)) and _is_name(match["who"]):
        return "strong"
    if (match := _CREDIT_VIA.fullmatch(fragment)) and (not match["who"] or _is_name(match["who"])):
        return "strong"
    return ""


def _is_outlet(text: str, *, coded: bool) -> bool:
    """Return whether a credit's second name is an outlet: one that reads as one, or coded."""
    return (coded or bool(_OUTLET_LOOK.fullmatch(text))) and _is_name(text, max_words=6)


def _find_copyright(text: str) -> int | None:
    """Return where a copyright notice glued to the end of a line starts."""
    for match in _COPYRIGHT_START.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        # Only at the line start or after a finished sentence: never inside a sentence.
        if before and before[-1] not in _SENTENCE_END + _CLOSERS:
            continue
        notice = text[start:]
        if _word_count(notice) <= 25:
            return start
    return None


def _is_reporting_credit(text: str) -> bool:
    """Return whether a line is "Reporting by NAME; Editing by NAME" rather than a sentence."""
    if not _CREDIT_LINE.fullmatch(text):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    loose = [word for word in words if word[0].islower() and word.lower() not in _CREDIT_WORDS]
    return len(loose) <= 2


def _continues_reporting_credit(text: str) -> bool:
    """Return whether a line carries on a reporting credit's names: "and Bo Park"."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return (
        _word_count(text) <= 12
        and any(word[0].isupper() for word in words)
        and all(word[0].isupper() or word.lower() in _CREDIT_WORDS for word in words)
    )


def _strip_decoration(raw: str, start: int, end: int, recorder: _Recorder) -> tuple[int, int]:
    """Trim decoration symbols (emoji, bullets, a stray opening quote) off both ends."""
    start, end = _trim(raw, start, end)
    new_start = start
    while new_start < end and (_is_decoration(raw[new_start]) or raw[new_start] in "•·▪"):
        new_start += 1
    new_end = end
    while new_end > new_start and _is_decoration(raw[new_end - 1]):
        new_end -= 1
    trimmed_start, trimmed_end = _trim(raw, new_start, new_end)
    # An opening quote left after a finished sentence opens nothing.
    if (
        trimmed_end - trimmed_start > 2
        and raw[trimmed_end - 1] in _OPENING_QUOTES
        and raw[trimmed_end - 2].isspace()
        and raw[trimmed_start : trimmed_end - 1].rstrip()[-1:] in _SENTENCE_END + '"”’'
    ):
        trimmed_start, trimmed_end = _trim(raw, trimmed_start, trimmed_end - 1)
    if trimmed_start > start:
        recorder.drop("symbol", start, trimmed_start)
    if trimmed_end < end:
        recorder.drop("symbol", trimmed_end, end)
    return trimmed_start, trimmed_end
