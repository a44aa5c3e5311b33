"""Evidence as HTML: the sentences that mention a record, and an article's marked-up body.

Every piece of article text goes through ``format_html``/``conditional_escape``; the
only markup is ours.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

__all__ = ["KIND_COLOURS", "Span", "evidence_list", "legend", "marked_body", "marked_sentence"]

# One background colour per kind of record, also used by the legend.
KIND_COLOURS = {
    "event": "#ead9ff",
    "quote": "#d3f0c4",
    "actor": "#ffe08a",
    "place": "#b9e0ff",
}


@dataclasses.dataclass(frozen=True)
class Span:
    """A stretch of the article body that belongs to a record."""

    start: int
    end: int
    kind: str
    url: str
    label: str


def admin_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def marked_sentence(body: str, *, sentence: tuple[int, int], words: tuple[int, int]) -> SafeString:
    """Return the sentence with the mentioned words in ``<mark>``, everything escaped."""
    sentence_start, sentence_end = sentence
    start, end = words
    if sentence_end <= sentence_start:  # no sentence recorded: show the words alone
        sentence_start, sentence_end = start, end
    start, end = max(start, sentence_start), min(end, sentence_end)
    return format_html(
        "{}<mark>{}</mark>{}",
        body[sentence_start:start],
        body[start:end],
        body[end:sentence_end],
    )


def _outlet_and_date(article) -> str:
    """Return "Outlet, 06 Jul 2022", leaving out what the article does not say."""
    published = f"{article.published_on:%d %b %Y}" if article.published_on else ""
    return ", ".join(part for part in (article.outlet, published) if part)


def evidence_list(rows: Iterable, *, total: int | None = None, more_url: str = "") -> SafeString:
    """Return one list item per mention: article, outlet and date, and the marked sentence.

    ``rows`` are mentions or quotes with ``article`` already fetched. When ``total``
    exceeds the rows shown, a link leads to the full list.
    """
    rows = list(rows)
    if not rows:
        return format_html("<p>{}</p>", "No sentence in any article mentions this record.")
    items = format_html_join(
        "",
        '<li style="margin-bottom:.6em;list-style:none"><a href="{}">{}</a>'
        ' <span style="color:var(--body-quiet-color)">{}</span>'
        '<div style="margin:.2em 0 0 1em">{}</div></li>',
        (
            (
                admin_url(row.article),
                row.article,
                _outlet_and_date(row.article),
                marked_sentence(
                    row.article.body,
                    sentence=(row.sentence_start, row.sentence_end),
                    words=(row.start, row.end),
                ),
            )
            for row in rows
        ),
    )
    more = ""
    if total is not None and total > len(rows):
        more = format_html(
            '<p><a href="{}">All {} mentions</a> (the first {} are shown).</p>',
            more_url,
            total,
            len(rows),
        )
    return format_html('<ul style="margin:0;padding:0">{}</ul>{}', items, more)


def marked_body(body: str, spans: Iterable[Span]) -> SafeString:
    """Return the body with each span in a coloured ``<mark>`` linking to its record.

    Spans nest (an actor inside a quote inside an event's sentence); a span that
    crosses the end of the one it starts in is cut there. Links wrap only text runs,
    never another mark, so no link sits inside another.
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    parts: list[str] = []
    stack: list[Span] = []
    position = 0

    def emit_text(upto: int) -> None:
        nonlocal position
        if upto <= position:
            return
        text = conditional_escape(body[position:upto])
        if stack:
            top = stack[-1]
            text = format_html('<a href="{}" title="{}">{}</a>', top.url, top.label, text)
        parts.append(text)
        position = upto

    def close_through(limit: int) -> None:
        while stack and stack[-1].end <= limit:
            emit_text(stack[-1].end)
            parts.append("</mark>")
            stack.pop()

    for span in ordered:
        if span.start < position or span.end <= span.start:
            continue  # overlaps text already written, or empty
        close_through(span.start)
        end = min(span.end, stack[-1].end) if stack else span.end
        emit_text(span.start)
        span = dataclasses.replace(span, end=end)
        parts.append(
            format_html(
                '<mark class="ed-{}" style="background:{};color:inherit;padding:0 1px">',
                span.kind,
                KIND_COLOURS.get(span.kind, "#eee"),
            )
        )
        stack.append(span)
    close_through(len(body))
    emit_text(len(body))
    # Every part is escaped text or markup built by format_html above.
    return mark_safe("".join(str(part) for part in parts))


def legend() -> SafeString:
    """Return the colour key for ``marked_body``."""
    return format_html_join(
        " ",
        '<mark style="background:{};color:inherit;padding:0 4px">{}</mark>',
        ((colour, kind) for kind, colour in KIND_COLOURS.items()),
    )
