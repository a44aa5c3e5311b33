"""Drop whole lines of page furniture: promos, teasers, widgets, meta, boilerplate."""

from __future__ import annotations

import itertools

from events.extraction.boilerplate import MAX_BOILERPLATE_WORDS, line_fingerprint
from events.extraction.cleaning.bylines import _author_label_names, _byline_names, _is_bio_of
from events.extraction.cleaning.credits import (
    _continues_reporting_credit,
    _contributor_names,
    _is_reporting_credit,
)
from events.extraction.cleaning.datelines import (
    _find_text_date,
    _is_labelled_date,
    _parse_text_date,
)
from events.extraction.cleaning.pagehead import (
    _drop_summary_bullets,
    _is_masthead_tagline,
    _is_section_label,
)
from events.extraction.cleaning.patterns import (
    _ADVERTISEMENT_LINE,
    _AGENCY_CAPTION_START,
    _AUTHOR_BIO,
    _AUTHOR_BOX_LINE,
    _AUTHOR_CONTACT_LINE,
    _AUTHOR_LABEL_LINE,
    _BOX_HEADER_LINE,
    _BROWSER_LINE,
    _CAPITALS_TEASER_LINE,
    _CAPTION_INTRO_LINE,
    _CAPTION_LABEL,
    _CLOSERS,
    _COMMENT_BOX_LINE,
    _CONTRIBUTED_LINE,
    _DESK_NAME,
    _DISCLAIMER_LINE,
    _ELSEWHERE_IMPERATIVE,
    _ELSEWHERE_LINE,
    _GALLERY_LINE,
    _HOME_SECTION_LINE,
    _IMAGE_CREDIT_LABEL,
    _INITIALS_LINE,
    _INLINE_MARKER,
    _INLINE_TEASER_LINE,
    _ISO_DATELINE,
    _ITEM_SEPARATOR,
    _LIVE_NOTE,
    _MACHINE_VOICE_LINE,
    _MEMBERSHIP_LINE,
    _META_LINE,
    _NUMBER_LINE,
    _ORIGINALLY_PUBLISHED,
    _PARENTHESISED_NAME_LINE,
    _PARENTHESISED_STAMP,
    _PROMO_LINE,
    _READER_ADDRESS,
    _REPORTED_SPEECH,
    _SENTENCE_START,
    _SOCIAL_BUTTONS_LINE,
    _SOURCE_LABEL_LINE,
    _SOURCE_LINE,
    _TEXT_DATE_LINE,
    _TICKER_LINE,
    _TIME_LABEL_LINE,
    _VIDEO_LABEL_LINE,
    _WIDGET_HEADING_START,
    _WIDGET_MARKER,
    CAPITALS_SHARE,
)
from events.extraction.cleaning.records import _group_by_block, _Line, _Recorder
from events.extraction.cleaning.render import _normalise_text
from events.extraction.cleaning.text import (
    _ends_sentence,
    _is_clipped,
    _is_name,
    _strip_trailing_colon,
    _word_count,
)


def _drop_boilerplate(
    lines: list[_Line], recorder: _Recorder, boilerplate: frozenset[str]
) -> list[_Line]:
    """Drop lines whose fingerprint was learnt to recur across articles."""
    kept = []
    for line in lines:
        text = recorder.raw[line.start : line.end]
        if _word_count(text) <= MAX_BOILERPLATE_WORDS and line_fingerprint(text) in boilerplate:
            recorder.drop("boilerplate", line.start, line.end)
        else:
            kept.append(line)
    return kept


def _drop_furniture_lines(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop whole lines that are page furniture, and the teasers after a widget marker."""
    raw = recorder.raw
    kept: list[_Line] = []
    index = 0
    story_started = lede_seen = False
    # A wire story written wholly in capitals has no headlines to tell by their capitals.
    shouting_article = _capitals_share(raw[:2000]) >= CAPITALS_SHARE
    latin_article = _other_script_share(raw[:5000]) < 0.5
    lines = _drop_comment_box(lines, recorder)
    lines = _drop_summary_bullets(lines, recorder)
    while index < len(lines):
        line = lines[index]
        text = raw[line.start : line.end]
        if _repeats_next_line(raw, lines, index) or _repeats_later_line(raw, lines, index):
            recorder.drop("duplicate", line.start, line.end)
            _mark_repeated_caption(raw, lines, index + 1)
            index += 1
            continue
        plain = _strip_trailing_colon(text)
        previous = lines[index - 1] if index else None
        after_open_line = (
            previous is not None
            and previous.block == line.block
            and not previous.credit
            and not _ends_sentence(raw[previous.start : previous.end])
        )
        kind = _furniture_kind(text, plain, after_open_line=after_open_line)
        if kind == "widget":
            resume = _find_story_resumption(raw, lines, index + 1)
            recorder.drop("teaser", line.start, lines[resume - 1].end)
            index = resume
            continue
        if kind == "inline-marker":
            end_index = index + 1
            while end_index < len(lines) and _looks_like_teaser(raw, lines[end_index]):
                end_index += 1
            recorder.drop("teaser", line.start, lines[end_index - 1].end)
            index = end_index
            continue
        if kind == "author-box":
            recorder.drop("author", line.start, line.end)
            index += 1
            name = _AUTHOR_BOX_LINE.fullmatch(plain)
            if name and index < len(lines) and _is_bio_of(raw, lines, index, name["name"]):
                block = lines[index].block
                bio_start = lines[index].start
                while index < len(lines) and lines[index].block == block:
                    index += 1
                recorder.drop("author", bio_start, lines[index - 1].end)
            continue
        if not kind and story_started and not shouting_article and _is_shouting(text):
            kind = "teaser"
        if not kind and not story_started and _place_in_capitals(plain):
            kind = "dateline"  # "NEW YORK" on its own line above the lede
        if not kind and not lede_seen and _is_section_label(plain):
            kind = "menu"  # "World News" above the headline or the lede
        if not kind and not lede_seen and _is_masthead_tagline(raw, kept, text):
            name_line = kept.pop()  # the outlet's name and its tagline
            recorder.drop("menu", name_line.start, line.end)
            index += 1
            continue
        if not kind and latin_article and _in_other_script(text):
            kind = "foreign"  # "Read in Russian", a browser notice in another script
        # An author's name and biography sit at the top, by the headline.
        if not kind and index < 8 and kept and _is_bio_under_name(raw, kept[-1], text):
            name_line = kept.pop()
            recorder.drop("author", name_line.start, line.end)
            index += 1
            continue
        if kind == "date" and not story_started and recorder.dateline is None:
            recorder.dateline = _parse_text_date(plain)
        # "By Ola Berg | May 3, 2024 at 7:45 PM", "Posted : 3 May, 2024  Hits : 1,204".
        if kind in {"byline", "meta"} and not lede_seen and recorder.dateline is None:
            recorder.dateline = _find_text_date(text)
        if kind:
            last = _credit_end(raw, lines, index) if kind == "credit" else index
            if last > index:  # one credit over two lines: "...; Editing by\nBo Park"
                line = _Line(line.start, lines[last].end, line.block, line.credit)
                text = raw[line.start : line.end]
            _record_furniture(kind, line, text, recorder)
            index = last + 1
            continue
        story_started = story_started or (_word_count(text) >= 12 and not line.credit)
        # A long headline starts the story above; only a finished sentence is its lede.
        lede_seen = lede_seen or (story_started and _ends_sentence(text))
        kept.append(line)
        index += 1
    return kept


def _credit_end(raw: str, lines: list[_Line], index: int) -> int:
    """Return the index of a reporting credit's last line, the credit wrapped onto the next."""
    last = index
    if not _is_reporting_credit(raw[lines[index].start : lines[index].end]):
        return last
    while (
        last + 1 < len(lines)
        and lines[last + 1].block == lines[last].block
        and not _ends_sentence(raw[lines[last].start : lines[last].end])
        and _continues_reporting_credit(raw[lines[last + 1].start : lines[last + 1].end])
    ):
        last += 1
    return last


def _drop_comment_box(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop a comment box's lines and the short lines beside them that speak to the reader.

    "The floor is all yours." alone could be a story's words; beside "Comments are closed."
    it is the box's.
    """
    raw = recorder.raw
    texts = [raw[line.start : line.end] for line in lines]
    boxed = {
        index
        for index, text in enumerate(texts)
        if _word_count(text) <= 40
        and _COMMENT_BOX_LINE.fullmatch(_strip_trailing_colon(text))
        and not _tells_speech(text)  # "Ola Berg said the comments you post can ..."
    }
    for index in sorted(boxed):
        for step in (-1, 1):
            beside = index + step
            while (
                0 <= beside < len(lines)
                and abs(beside - index) <= 2
                and (beside in boxed or _speaks_to_reader(texts[beside]))
            ):
                boxed.add(beside)
                beside += step
    for index in sorted(boxed):
        recorder.drop("comments", lines[index].start, lines[index].end)
    return [line for index, line in enumerate(lines) if index not in boxed]


def _speaks_to_reader(text: str) -> bool:
    """Return whether a short line addresses the reader, not telling what someone said."""
    return (
        _word_count(text) <= 15 and bool(_READER_ADDRESS.search(text)) and not _tells_speech(text)
    )


def _tells_speech(text: str) -> bool:
    """Return whether a line reports or quotes speech, as a story does and a widget not."""
    return bool(_REPORTED_SPEECH.search(text)) or any(mark in text for mark in '"“”')


def _repeats_later_line(raw: str, lines: list[_Line], index: int) -> bool:
    """Return whether a line is the start of one of the next three lines, cut short.

    A summary box prints the lede's first words again, perhaps after a byline:
    "By Ann Lee PORT ELSA (Reuters) - The army said on ..." above the full lede.
    """
    text = _normalise_text(raw[lines[index].start : lines[index].end])
    if _word_count(text) < 10:
        return False
    for following in lines[index + 1 : index + 4]:
        later = _normalise_text(raw[following.start : following.end])
        opening = " ".join(later.split()[:6])
        position = text.find(opening)
        if _word_count(later) < 12 or position < 0 or _word_count(text[:position]) > 6:
            continue
        repeated = text[position:]
        if len(repeated) < len(later) and later.startswith(repeated):
            return _word_count(repeated) >= 8
    return False


def _other_script_share(text: str) -> float:
    """Return the share of a text's letters written in a script other than Latin."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    # Latin letters, accented ones too, all come before U+0250.
    return sum(1 for char in letters if char > "\u024f") / len(letters)


def _in_other_script(text: str) -> bool:
    """Return whether a line is written in another script than the article's Latin one.

    Such lines are links and notices for other readers ("Read in Russian"). A quote in
    another language is quoted, and stays.
    """
    letters = sum(1 for char in text if char.isalpha())
    return (
        letters >= 6
        and _word_count(text) <= 60
        and not any(mark in text for mark in '"“”„«»')
        and _other_script_share(text) >= 0.9
    )


def _is_bio_under_name(raw: str, name_line: _Line, text: str) -> bool:
    """Return whether ``text`` is an author's biography under the line of their name alone.

    "Ola Berg" over "Ola lives in Norway and writes about ...", above the story.
    """
    name = raw[name_line.start : name_line.end].strip()
    bio = _AUTHOR_BIO.match(text)
    if not bio or _word_count(text) > 50 or not 2 <= len(name.split()) <= 4:
        return False
    if not _is_name(name, max_words=4) or any(char.isdigit() for char in name):
        return False
    bio_name = (bio["name"] or bio["name2"]).split()
    return bio_name[0] in name.split()


def _place_in_capitals(text: str) -> bool:
    """Return True for a dateline's place alone on a line: "NEW YORK", "KYIV"."""
    words = text.split()
    letters = "".join(words).replace("-", "").replace(".", "")
    return 1 <= len(words) <= 3 and len(letters) >= 4 and letters.isalpha() and letters.isupper()


def _repeats_next_line(raw: str, lines: list[_Line], index: int) -> bool:
    """Return whether a line of five words or more is repeated word for word by the next.

    Pages print a picture's alt text and then its caption, or a paragraph twice.
    """
    if index + 1 >= len(lines):
        return False
    line, following = lines[index], lines[index + 1]
    text = _normalise_text(raw[line.start : line.end])
    return _word_count(text) >= 5 and text == _normalise_text(raw[following.start : following.end])


def _mark_repeated_caption(raw: str, lines: list[_Line], index: int) -> None:
    """Mark the kept copy of a repeated line as a caption when it reads as one.

    A headline is short and a story sentence ends with a full stop; an open line longer
    than a headline, printed twice, is a picture's alt text and caption.
    """
    line = lines[index]
    text = raw[line.start : line.end]
    if not line.credit and _word_count(text) > 15 and not _ends_sentence(text):
        line.credit = "strong"


def _run_together_menu(text: str) -> bool:
    """Return True for menu items scraped without spaces: "EnglishFrançaisDeutsch…".

    No word of a story runs five capitalised words together.
    """
    word = max(text.split(), key=len, default="")
    inner_capitals = sum(
        1 for before, char in itertools.pairwise(word) if char.isupper() and before.islower()
    )
    return len(word) >= 25 and inner_capitals >= 4


def _furniture_kind(
    text: str, plain: str, *, after_open_line: bool = False, whole_line: bool = True
) -> str:
    """Return what kind of furniture a whole line is, or "" for story text.

    ``after_open_line``: the line before, in the same block, runs on into this one.
    ``whole_line``: the text is a whole line, not one item of it (see ``_meta_items_kind``).
    """
    words = _word_count(text)
    if words <= 150 and _DISCLAIMER_LINE.fullmatch(text):
        return "notice"  # "Disclaimer: The copyright of this article belongs to ..."
    if words > 60:
        return ""
    if _ADVERTISEMENT_LINE.fullmatch(plain):
        return "advertisement"
    if words <= 2 and _run_together_menu(plain):
        return "menu"
    if words <= 4 and (_HOME_SECTION_LINE.fullmatch(plain) or _BOX_HEADER_LINE.fullmatch(plain)):
        return "menu"  # "HomeWorld News", "Key Points"
    if words <= 8 and _WIDGET_MARKER.fullmatch(plain):
        return "widget"
    if words <= 3 and _INLINE_MARKER.fullmatch(plain):
        return "inline-marker"
    if words <= 30 and (
        _INLINE_TEASER_LINE.fullmatch(text) or _CAPITALS_TEASER_LINE.fullmatch(text)
    ):
        return "teaser"
    if words <= 5 and (author := _AUTHOR_BOX_LINE.fullmatch(plain)):
        name = author["name"]
        if name.lower() in {"author", "us", "me"} or (
            _is_name(name) and 2 <= len(name.split()) <= 4
        ):
            return "author-box"
    if words <= 40 and _PROMO_LINE.fullmatch(text):
        return "promo"
    if words <= 50 and (_is_reporting_credit(text) or _CONTRIBUTED_LINE.fullmatch(text)):
        return "credit"
    if words <= 20 and _byline_names(text, after_open_line=after_open_line):
        return "byline"
    if words <= 8 and _IMAGE_CREDIT_LABEL.fullmatch(text):
        return "credit"
    if (label := _CAPTION_LABEL.fullmatch(text)) and words <= 60:
        return "credit" if _word_count(label["text"]) <= 6 else "caption"
    if words <= 8 and _source_name(text):
        return "source"
    if words <= 14 and (_TEXT_DATE_LINE.fullmatch(plain) or _ISO_DATELINE.fullmatch(plain)):
        return "date"
    if words <= 14 and _is_labelled_date(plain):
        return "date"
    if words <= 14 and (
        _META_LINE.fullmatch(plain)
        or _TIME_LABEL_LINE.fullmatch(plain)
        or _MACHINE_VOICE_LINE.fullmatch(plain)
    ):
        return "meta"
    stamp = _PARENTHESISED_STAMP.fullmatch(plain) if words <= 14 else None
    if stamp and _is_date_stamp(stamp["stamp"]):
        return "meta"  # "(Updated 4:17 pm)"
    if words <= 12 and _MEMBERSHIP_LINE.fullmatch(text):
        return "promo"
    if words <= 14 and _SOCIAL_BUTTONS_LINE.fullmatch(plain):
        return "promo"  # "Facebook Twitter WhatsApp Email"
    if words <= 12 and _AUTHOR_CONTACT_LINE.fullmatch(plain):
        return "author"  # "Follow @handle", "Contact the author"
    # A number alone is a counter ("2,628"), unless a sentence wrapped onto it.
    if words == 1 and not after_open_line and _NUMBER_LINE.fullmatch(plain):
        return "meta"
    kind = _line_feature_kind(text, plain, words)
    if not kind and whole_line and words <= 40:
        kind = _meta_items_kind(text)
    return kind


# The kinds of furniture a page's meta line strings together.
_META_ITEM_KINDS = frozenset({"date", "meta", "source", "promo", "author", "byline", "credit"})


def _meta_items_kind(text: str) -> str:
    """Return "meta" for a line of meta items set side by side, else "".

    "Posted : Friday, 3 May, 2024 at 9:12 AM  Hits : 1,204", "May 3, 2024 9:05 am(Updated
    11:40 am)", "Tweet Share | Source: Velmar Daily": every item alone is furniture.
    """
    items = [item for item in _ITEM_SEPARATOR.split(text) if item.strip()]
    if len(items) < 2:
        return ""
    for item in items:
        kind = _furniture_kind(item, _strip_trailing_colon(item), whole_line=False)
        if kind not in _META_ITEM_KINDS:
            return ""
    return "meta"


def _source_name(text: str) -> str:
    """Return the name a "Source: NAME" line credits, or "" when the line is no such label.

    "Source: officials in Velmar said ..." names no one: it is a sentence, and stays.
    """
    source = _SOURCE_LINE.fullmatch(text) or _SOURCE_LABEL_LINE.fullmatch(text)
    return source["who"] if source and _is_name(source["who"]) else ""


def _is_date_stamp(text: str) -> bool:
    """Return whether text is a date or a time, perhaps labelled: "Updated: March 3, 2023"."""
    return bool(
        _TEXT_DATE_LINE.fullmatch(text)
        or _ISO_DATELINE.fullmatch(text)
        or _TIME_LABEL_LINE.fullmatch(text)
        or _is_labelled_date(text)
    )


def _line_feature_kind(text: str, plain: str, words: int) -> str:
    """Return the furniture kind a line's general features give it, or "" for story text.

    Video labels and captions, lines sending the reader elsewhere, sign-off initials,
    widget headings run into their teasers, gallery captions and lone photo credits.
    """
    if (
        _GALLERY_LINE.fullmatch(text)
        or _CAPTION_INTRO_LINE.fullmatch(text)
        or _AGENCY_CAPTION_START.fullmatch(text)
    ):
        return "caption-line"
    if words <= 4 and (name := _PARENTHESISED_NAME_LINE.fullmatch(text)):
        name_words = name["name"].split()
        if len(name_words) >= 2 and _is_name(name["name"], max_words=4):
            return "photo-credit"
    if words <= 30 and _VIDEO_LABEL_LINE.fullmatch(plain):
        return "video"
    if words <= 30 and _ELSEWHERE_LINE.fullmatch(text):
        return "promo"
    if words <= 20 and _ELSEWHERE_IMPERATIVE.fullmatch(text) and not _ends_sentence(text):
        return "promo"
    if words <= 8 and _AUTHOR_LABEL_LINE.fullmatch(plain) and "/" in plain:
        return "byline"
    if words <= 6 and _INITIALS_LINE.fullmatch(plain):
        return "credit"
    if words <= 8 and (_TICKER_LINE.fullmatch(plain) or _BROWSER_LINE.fullmatch(plain)):
        return "meta"
    if words <= 8 and _DESK_NAME.fullmatch(plain):
        return "byline"  # "The Velmar Post news desk" signing off
    if words <= 30 and all(_LIVE_NOTE.fullmatch(part) for part in _SENTENCE_START.split(text)):
        return "promo"
    if _WIDGET_HEADING_START.match(text) and not _ends_sentence(text[:60]):
        heading = _WIDGET_HEADING_START.match(text)[0]
        if (
            heading.split()[0].lower() in {"other", "related", "recommended"}
            or len(heading.split()) >= 3
        ):
            return "teaser"
    return ""


def _is_shouting(text: str) -> bool:
    """Return whether a line is written in capitals (a teaser headline), not a sentence."""
    if len(text) > 400 or len(text.split()) < 3 or text.rstrip(_CLOSERS).endswith("."):
        return False
    return _capitals_share(text) >= CAPITALS_SHARE


def _capitals_share(text: str) -> float:
    """Return the share of a text's cased letters written in capitals (0 for too few)."""
    capitals = sum(map(str.isupper, text))  # map over str methods: no Python-level loop
    lowercase = sum(map(str.islower, text))
    if capitals + lowercase < 12:
        return 0.0
    return capitals / (capitals + lowercase)


def _record_furniture(kind: str, line: _Line, text: str, recorder: _Recorder) -> None:
    """Record a furniture line and the metadata it carries."""
    if kind == "byline" and not recorder.byline:
        recorder.byline = ", ".join(_byline_names(text)) or _author_label_names(text)
    elif kind == "credit":
        published = _ORIGINALLY_PUBLISHED.search(text)
        if published:
            recorder.set_outlet(published["who"], rank=1)
        elif not recorder.byline and not _IMAGE_CREDIT_LABEL.fullmatch(text):
            names, outlet = _contributor_names(text)
            recorder.byline = ", ".join(names) or _normalise_text(text)
            if outlet:
                recorder.set_outlet(outlet, rank=4)
    elif kind == "source":
        recorder.set_outlet(_source_name(text), rank=4)
        kind = "credit"
    elif kind == "copyright":
        recorder.set_outlet(text, rank=0)
    elif kind == "caption":
        caption = _CAPTION_LABEL.fullmatch(text)["text"]
        recorder.captions.append((line.start, _normalise_text(caption)))
    elif kind == "caption-line":
        recorder.captions.append((line.start, _normalise_text(text)))
        kind = "caption"
    elif kind == "photo-credit":  # a photographer, not the article's author
        kind = "credit"
    recorder.drop(kind, line.start, line.end)


def _find_story_resumption(raw: str, lines: list[_Line], start: int) -> int:
    """Return the index where the story resumes after a teaser widget, or ``len(lines)``.

    Teaser widgets list headlines and clipped excerpts; two full, unclipped paragraphs in a
    row are taken as the story carrying on (rare: widgets almost always end the page).
    """
    blocks = _group_by_block(lines[start:])
    offset = start
    for position, block in enumerate(blocks):
        if position + 1 < len(blocks) and all(
            _looks_like_story(raw, candidate) for candidate in (block, blocks[position + 1])
        ):
            return offset
        offset += len(block)
    return len(lines)


def _looks_like_story(raw: str, block: list[_Line]) -> bool:
    text = " ".join(raw[line.start : line.end] for line in block)
    return _word_count(text) >= 20 and _ends_sentence(text) and not _is_clipped(text)


def _looks_like_teaser(raw: str, line: _Line) -> bool:
    """Return whether a line after an inline "Read more" marker is a linked headline."""
    text = raw[line.start : line.end]
    return _word_count(text) <= 25 and (not _ends_sentence(text) or _is_clipped(text))
