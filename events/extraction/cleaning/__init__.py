"""Separate the story from the page furniture scraped with it, keeping an exact offset map.

Scraped articles arrive with a date line, headline, photo captions and credits, bylines,
copyright notices, promos and "More stories" teasers mixed into the text, and often with
hard-wrapped lines. ``clean_article`` keeps the story as ``body`` and every removed piece
as a ``DroppedBlock`` (or as ``title``/``captions`` metadata), so nothing is silently lost.

Body conventions (downstream steps rely on them):

* Paragraphs are separated by exactly ``"\\n\\n"``; there are no single newlines. Lines
  that each end a sentence (one-sentence-per-line scrapes) become separate paragraphs;
  lines broken mid-sentence are re-joined with one space.
* Curly quotes and transliteration apostrophes become straight ``"`` and ``'`` (one
  character for one, so offsets stay exact and ``Severodonets’k`` matches ``Severodonets'k``);
  whitespace runs become one space; zero-width and soft-hyphen characters are removed.
* ``body_to_raw[i]`` is the raw offset of ``body[i]``: the character it came from, or,
  for a joining space or paragraph break, the raw newline (or whitespace) it replaces.

The rules are deliberately conservative: a story paragraph wrongly dropped costs more
than a little furniture left in, so every rule needs a strong shape before it drops text.

One module per concern, in dependency order (each imports only the ones above it):

- ``patterns``: the vocabulary and the compiled line shapes of page furniture.
- ``text``: small pure helpers over text (trimming, counting, sentence ends, names).
- ``records``: the working records: lines, paragraphs and the recorder of drops.
- ``render``: the body form of kept text, with the raw offset of every character.
- ``lines``: raw text split into lines; hard-wrapped lines re-joined into paragraphs.
- ``datelines``: leading dates and wire datelines read and cut.
- ``credits``: photo credits, copyright notices and captions cut; reporting credits read.
- ``bylines``: bylines and author labels read; author boxes and biographies dropped.
- ``headline``: the headline taken off the top, the lines repeating it, and a clipped
  teaser repeating it below the story.
- ``pagehead``: the page's head above the story: section labels, a masthead's tagline,
  summary bullets.
- ``furniture``: whole lines of page furniture dropped (promos, teasers, widgets, comment
  boxes, meta).
- this module: ``clean_article``, which runs the steps in order.
"""

from __future__ import annotations

from events.extraction.cleaning.bylines import _drop_author_bio
from events.extraction.cleaning.credits import _drop_captions, _trim_lines
from events.extraction.cleaning.datelines import _drop_wire_dateline, _strip_leading_dateline
from events.extraction.cleaning.furniture import _drop_boilerplate, _drop_furniture_lines
from events.extraction.cleaning.headline import _drop_closing_teaser, _take_headline
from events.extraction.cleaning.lines import _assemble_paragraphs, _split_lines
from events.extraction.cleaning.patterns import CAPITALS_SHARE
from events.extraction.cleaning.records import _Recorder
from events.extraction.cleaning.render import _render_body

# The tests of rendering reach these as ``cleaning._render_span`` and ``_render_chars``.
from events.extraction.cleaning.render import _render_chars as _render_chars
from events.extraction.cleaning.render import _render_span as _render_span
from events.extraction.types import CleanedArticle

__all__ = ["CAPITALS_SHARE", "clean_article"]


def clean_article(raw: str, *, boilerplate: frozenset[str] = frozenset()) -> CleanedArticle:
    """Return the article with its body separated from captions, credits and teasers.

    ``boilerplate`` holds fingerprints (``boilerplate.line_fingerprint``) of lines learnt
    to recur across articles; a line that has one is dropped as boilerplate.
    """
    recorder = _Recorder(raw)
    lines = _split_lines(raw)
    lines = _strip_leading_dateline(lines, recorder)
    lines = _trim_lines(lines, recorder)
    if boilerplate:
        lines = _drop_boilerplate(lines, recorder, boilerplate)
    lines = _drop_furniture_lines(lines, recorder)
    lines = _take_headline(lines, recorder)
    paragraphs = _assemble_paragraphs(raw, lines)
    paragraphs = _drop_captions(paragraphs, recorder)
    paragraphs = _drop_wire_dateline(paragraphs, recorder)
    paragraphs = _drop_author_bio(paragraphs, recorder)
    paragraphs = _drop_closing_teaser(paragraphs, recorder)
    body, body_to_raw = _render_body(raw, paragraphs)
    return CleanedArticle(
        raw=raw,
        body=body,
        title=recorder.title,
        dateline=recorder.dateline,
        byline=recorder.byline,
        outlet=recorder.outlet,
        captions=tuple(text for _, text in sorted(recorder.captions)),
        dropped=tuple(sorted(recorder.dropped, key=lambda block: block.raw_start)),
        body_to_raw=body_to_raw,
    )
