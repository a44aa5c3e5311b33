"""Read the articles in a file of any supported format into records with their metadata.

Pure Python, no Django: each format's reader takes the decoded file and yields an
``ArticleRecord`` per article or a ``RecordProblem`` for a record that cannot be read
(a bad JSON line, a row without text), so that one bad record never stops the file.

Formats: plain text (``.txt``), JSON Lines (``.jsonl``, ``.ndjson``), JSON (``.json``:
an object, a list of objects, or an object holding such a list), CSV with a header
(``.csv``, ``.tsv``), HTML pages (``.html``, ``.htm``: main text, title, date and author
by trafilatura) and RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``: entries with their
full text, by feedparser). Field names are those the common scrapers write
(news-please, trafilatura, newspaper4k, Media Cloud, GDELT): see ``FIELD_NAMES``.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import unescape

__all__ = [
    "FIELD_NAMES",
    "FORMATS",
    "ArticleRecord",
    "RecordProblem",
    "format_of",
    "parse_published",
    "read_records",
]

# Fewer words than this extracted from a page are its furniture, not a story.
MIN_STORY_WORDS = 15
# Suffix -> format name.
FORMATS = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

# Our field -> the names scrapers give it, most specific first.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "maintext",  # news-please
        "raw_text",  # trafilatura
        "full_text",
        "article_text",
        "story_text",
        "body",
        "content",
        "article",
    ),
    "html": ("html", "raw_html", "content_html", "article_html"),
    "title": ("title", "headline", "title_page", "title_rss"),
    "url": ("url", "link", "canonical_url", "source_url", "sourceurl", "guid"),
    "published": (
        "published",
        "published_at",
        "publish_date",  # newspaper4k, Media Cloud
        "date_publish",  # news-please
        "publication_date",
        "published_date",
        "date_published",
        "pubdate",
        "date",  # trafilatura
        "datetime",
        "seendate",  # GDELT DOC API
        "sqldate",  # GDELT events
    ),
    "outlet": (
        "outlet",
        "source",
        "sitename",  # trafilatura
        "media_name",  # Media Cloud
        "source_domain",  # news-please
        "publisher",
        "site_name",
        "source_name",
        "hostname",
        "domain",  # GDELT
    ),
    "author": ("author", "authors", "byline", "creator", "creators"),
    "language": ("language", "lang", "language_code", "meta_lang"),
}


@dataclass(frozen=True)
class ArticleRecord:
    """One article read from a file, with the metadata that came with it."""

    text: str
    where: str = ""  # "line 3", "row 4", "item 2", "entry 5"; "" for a whole file
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    outlet: str = ""
    author: str = ""
    language: str = ""


@dataclass(frozen=True)
class RecordProblem:
    """A record of a file that cannot be imported, and why (one line for people)."""

    where: str
    reason: str


def format_of(suffix: str) -> str | None:
    """Return the format read for a file suffix (".jsonl"), or None if none is."""
    return FORMATS.get(suffix.lower())


def read_records(text: str, *, suffix: str) -> Iterator[ArticleRecord | RecordProblem]:
    """Yield the articles (or problems) of a decoded file of the format ``suffix`` names."""
    kind = format_of(suffix)
    if kind == "text":
        yield ArticleRecord(text=text)
    elif kind == "jsonl":
        yield from _read_json_lines(text)
    elif kind == "json":
        yield from _read_json(text)
    elif kind == "csv":
        yield from _read_csv(text, delimiter="\t" if suffix.lower() == ".tsv" else ",")
    elif kind == "html":
        yield from _read_html(text)
    elif kind == "feed":
        yield from _read_feed(text)
    else:
        yield RecordProblem("", f"not a format read here ({suffix or 'no suffix'})")


# --------------------------------------------------------------------------- JSON


def _read_json_lines(text: str) -> Iterator[ArticleRecord | RecordProblem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordProblem(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _record_from_mapping(value, where)


def _read_json(text: str) -> Iterator[ArticleRecord | RecordProblem]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RecordProblem(f"line {exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(value, Mapping):
        inner = next(
            (
                value[key]
                for key in ("articles", "items", "results", "stories", "data", "entries")
                if isinstance(value.get(key), list)
            ),
            None,
        )
        if inner is None:
            yield _record_from_mapping(value, "")
            return
        value = inner
    if not isinstance(value, list):
        yield RecordProblem("", "JSON holds neither an article object nor a list of them")
        return
    for number, item in enumerate(value, start=1):
        yield _record_from_mapping(item, f"item {number}")


def _record_from_mapping(value: object, where: str) -> ArticleRecord | RecordProblem:
    if not isinstance(value, Mapping):
        return RecordProblem(
            where, f"expected an object with the article's fields, not {_kind(value)}"
        )
    fields = {str(key).strip().lower(): item for key, item in value.items()}
    text = _field(fields, "text")
    html = _field(fields, "html")
    if not text.strip() and html.strip():
        text = _html_text(html) or ""
    if not text.strip():
        found = ", ".join(sorted(fields)) or "none"
        return RecordProblem(where, f"no article text (fields found: {found})")
    return ArticleRecord(
        text=text,
        where=where,
        title=_field(fields, "title"),
        url=_field(fields, "url"),
        published=parse_published(_field(fields, "published")),
        outlet=_field(fields, "outlet"),
        author=_field(fields, "author"),
        language=_field(fields, "language"),
    )


def _field(fields: Mapping[str, object], name: str) -> str:
    """Return the first non-empty value of a field under any of its names, as text."""
    for key in FIELD_NAMES[name]:
        value = fields.get(key)
        if isinstance(value, list):  # news-please and newspaper4k list their authors
            value = ", ".join(str(item).strip() for item in value if str(item).strip())
        elif isinstance(value, Mapping):  # {"name": ...} objects for a source or author
            value = value.get("name") or value.get("title") or ""
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str, *, delimiter: str) -> Iterator[ArticleRecord | RecordProblem]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    text_columns = set(FIELD_NAMES["text"]) | set(FIELD_NAMES["html"])
    if not text_columns & set(columns):
        shown = ", ".join(column for column in columns if column) or "none"
        yield RecordProblem(
            "",
            f"no text column (looked for text, html or {', '.join(FIELD_NAMES['text'][1:4])}; "
            f"columns found: {shown})",
        )
        return
    for number, row in enumerate(reader, start=2):  # the header is row 1
        fields = {str(key).strip().lower(): value for key, value in row.items() if key}
        record = _record_from_mapping(fields, f"row {number}")
        if isinstance(record, RecordProblem):
            record = RecordProblem(record.where, "no article text in this row")
        yield record


# --------------------------------------------------------------------------- HTML


def _read_html(text: str) -> Iterator[ArticleRecord | RecordProblem]:
    from trafilatura import bare_extraction  # loaded only when an HTML file comes

    document = bare_extraction(text, with_metadata=True, include_comments=False)
    if document is None:
        yield RecordProblem("", "no story text")
        return
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    body = found.get("text") or ""
    if len(body.split()) < MIN_STORY_WORDS:  # a menu or a sign-up box, not a story
        yield RecordProblem("", "no story text")
        return
    yield ArticleRecord(
        text=body,
        title=found.get("title") or "",
        url=found.get("url") or "",
        published=parse_published(found.get("date")),
        outlet=found.get("sitename") or found.get("hostname") or "",
        author=found.get("author") or "",
        language=found.get("language") or "",
    )


def _html_text(html: str) -> str:
    """Return the text of an HTML page or fragment: its main text, else all its text."""
    from trafilatura import extract

    if re.search(r"(?i)<(?:html|body|article)\b", html):
        main = extract(html, include_comments=False)
        if main:
            return main
    return _fragment_text(html)


_BLOCK_END_RE = re.compile(r"(?i)</(?:p|div|h[1-6]|li|blockquote|section)\s*>|<br\s*/?>")
_TAG_RE = re.compile(r"<[^>]+>")


def _fragment_text(html: str) -> str:
    """Return the text of an HTML fragment, a paragraph a block (a feed entry's content)."""
    text = _TAG_RE.sub("", _BLOCK_END_RE.sub("\n\n", html))
    paragraphs = (re.sub(r"\s+", " ", part).strip() for part in unescape(text).split("\n\n"))
    return "\n\n".join(part for part in paragraphs if part)


# --------------------------------------------------------------------------- feeds


def _read_feed(text: str) -> Iterator[ArticleRecord | RecordProblem]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        reason = "not an RSS or Atom feed with entries"
        if feed.get("bozo_exception"):
            reason += f" ({feed.bozo_exception})"
        yield RecordProblem("", reason)
        return
    outlet = (feed.feed.get("title") or "").strip()
    for number, entry in enumerate(feed.entries, start=1):
        where = f"entry {number}"
        content = entry.get("content") or []
        html = " ".join(part.get("value", "") for part in content) or entry.get("summary", "")
        body = _fragment_text(html) if "<" in html else html
        if len(body.split()) < 3 * MIN_STORY_WORDS:
            # A headline and a teaser: the feed does not carry the article's text.
            yield RecordProblem(where, "the entry carries no full text (only a summary)")
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield ArticleRecord(
            text=body,
            where=where,
            title=(entry.get("title") or "").strip(),
            url=(entry.get("link") or "").strip(),
            published=dt.date(*published[:3]) if published else None,
            outlet=outlet,
            author=(entry.get("author") or "").strip(),
            language=(feed.feed.get("language") or "").strip(),
        )


# --------------------------------------------------------------------------- dates

_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{2,6})?Z?")


def parse_published(value: object) -> dt.date | None:
    """Return the day of a publication time as scrapers write it, or None.

    ISO dates and datetimes ("2024-03-05", "2024-03-05T10:00:00Z", "2024-03-05 10:00"),
    GDELT's compact forms ("20240305", "20240305T101500Z") and RSS's RFC 2822 dates.
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    if match := _COMPACT_DATE_RE.fullmatch(text):
        return _safe_date(*map(int, match.groups()))
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", text):
        return _safe_date(*map(int, match.groups()))
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
