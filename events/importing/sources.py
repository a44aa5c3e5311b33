"""Read article files safely: every way a file can be unusable gets a named, one-line reason."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from events.importing import readers

__all__ = [
    "DEFAULT_FALLBACK_ENCODINGS",
    "SourceError",
    "SourceFile",
    "content_hash",
    "iter_source_paths",
    "path_text",
    "read_source",
    "read_sources",
]

DEFAULT_FALLBACK_ENCODINGS = ("cp1252",)
ARTICLE_SUFFIXES = set(readers.FORMATS)
# Share of control characters above which a decoded file is treated as binary.
CONTROL_CHARACTER_LIMIT = 0.02
# The NLP model's own limit on one text (spaCy's ``max_length``): a longer article is
# refused when read, not after minutes of cleaning.
MAX_ARTICLE_CHARACTERS = 1_000_000
# Unicode's control characters (category Cc) but for line breaks, tabs and form feeds.
_CONTROL_CHARACTER_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class SourceError(Exception):
    """A file that cannot be imported; ``code`` is stable for scripts, the message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SourceFile:
    """One article's text as read, with the metadata its file gave (``readers``)."""

    path: Path
    text: str
    encoding: str
    content_hash: str
    where: str = ""  # the record in a many-article file: "line 3", "row 4", "entry 2"
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    outlet: str = ""
    author: str = ""
    language: str = ""

    @property
    def name(self) -> str:
        name = path_text(self.path.name)
        return f"{name}, {self.where}" if self.where else name

    @property
    def label(self) -> Path:
        """Return the path shown for this article: the file's, with the record's place."""
        return self.path.with_name(self.name) if self.where else self.path


def path_text(path: str | Path) -> str:
    """Return a path as text that prints and stores anywhere: bytes not in UTF-8 as ``\\xNN``.

    File names are bytes on Linux; one that is not UTF-8 (a Latin-1 name copied from an
    old disk) reaches Python with surrogates that neither a terminal nor a database takes.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def content_hash(text: str) -> str:
    """Return the identity of an article's text: the same story saved twice is one article.

    Line endings, Unicode normal form and surrounding whitespace do not change it.
    """
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return hashlib.sha256(normalised.strip().encode("utf-8")).hexdigest()


def iter_source_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield files: named files as given, folders' files in order (hidden ones left out).

    A folder's files of formats not read here are yielded too, so that the import lists
    them as skipped and says why; so are links that lead nowhere (broken or looping) and
    sub-folders that cannot be read, which ``read_source`` then names.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(_folder_entries(path), key=os.fsencode)
        else:
            yield path


def _folder_entries(folder: Path) -> Iterator[Path]:
    unreadable: list[Path] = []
    for root, folders, files in os.walk(
        folder, onerror=lambda e: unreadable.append(Path(e.filename))
    ):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(root, name)
    yield from unreadable


def read_sources(
    path: Path,
    *,
    max_bytes: int,
    fallback_encodings: Iterable[str] = DEFAULT_FALLBACK_ENCODINGS,
) -> Iterator[SourceFile | tuple[Path, SourceError]]:
    """Yield each article of a file, or (its label, the error) for one that cannot be read.

    A file of a format not read here raises ``SourceError`` ("unsupported") at once.
    """
    if readers.format_of(path.suffix) is None:
        formats = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise SourceError(
            "unsupported", f"not an article format ({path.suffix or 'no suffix'}); read: {formats}"
        )
    source = read_source(path, max_bytes=max_bytes, fallback_encodings=fallback_encodings)
    for record in readers.read_records(source.text, suffix=path.suffix):
        if (
            not isinstance(record, readers.RecordProblem)
            and len(record.text) > MAX_ARTICLE_CHARACTERS
        ):
            record = readers.RecordProblem(
                record.where,
                f"article of {len(record.text):,} characters, over the NLP model's "
                f"{MAX_ARTICLE_CHARACTERS:,}",
            )
        if isinstance(record, readers.RecordProblem):
            label = path.with_name(f"{path.name}, {record.where}") if record.where else path
            no_story = record.reason == "no story text" or "no full text" in record.reason
            code = "no-story" if no_story else "record"
            yield label, SourceError(code, record.reason)
            continue
        if record.text is source.text:
            yield replace(source, language=record.language)
            continue
        yield replace(
            source,
            text=record.text,
            content_hash=content_hash(record.text),
            where=record.where,
            title=record.title,
            url=record.url,
            published=record.published,
            outlet=record.outlet,
            author=record.author,
            language=record.language,
        )


def read_source(
    path: Path,
    *,
    max_bytes: int,
    fallback_encodings: Iterable[str] = DEFAULT_FALLBACK_ENCODINGS,
) -> SourceFile:
    """Return the decoded file or raise ``SourceError`` saying why it cannot be imported."""
    if path.is_symlink() and not path.exists():
        raise SourceError("broken-link", _broken_link(path))
    if not path.exists():
        raise SourceError("missing", "no such file")
    if path.is_dir():
        raise SourceError("unreadable", "folder cannot be read (permission denied)")
    if not path.is_file():
        raise SourceError("not-a-file", "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            "too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError("unreadable", f"file cannot be read ({exc.strerror.lower()})") from None
    if not data.strip():
        raise SourceError("empty", "file is empty")
    text, encoding = _decode_utf16(data) or (None, None)
    if text is None:
        if b"\x00" in data:
            raise SourceError("binary", "binary file (contains NUL bytes), not text")
        text, encoding = _decode(data, fallback_encodings)
    controls = len(_CONTROL_CHARACTER_RE.findall(text))
    if controls / len(text) > CONTROL_CHARACTER_LIMIT:
        raise SourceError("binary", "binary file (control characters), not text")
    if not text.strip():
        raise SourceError("empty", "file has no text")
    return SourceFile(path=path, text=text, encoding=encoding, content_hash=content_hash(text))


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop so
        return "symbolic link in a loop (it leads back to itself)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link in a loop (it leads back to itself)"
    return f"broken symbolic link (its target {path_text(os.readlink(path))} does not exist)"


_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def _decode_utf16(data: bytes) -> tuple[str, str] | None:
    """Return UTF-16 text (with a byte-order mark, or without one when every other byte is
    NUL, as in English text saved by Windows' "Unicode" option), else None."""
    encoding = _UTF16_BOMS.get(data[:2])
    if encoding is None and len(data) >= 8:
        odd_nuls, even_nuls = data[1::2].count(0), data[0::2].count(0)
        half = len(data) // 2
        if odd_nuls > 0.9 * half and even_nuls < 0.05 * half:
            encoding = "utf-16-le"
        elif even_nuls > 0.9 * half and odd_nuls < 0.05 * half:
            encoding = "utf-16-be"
    if encoding is None:
        return None
    body = data[2:] if data[:2] in _UTF16_BOMS else data
    try:
        return body.decode(encoding), "utf-16"
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, fallback_encodings: Iterable[str]) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    tried = ["utf-8"]
    for encoding in fallback_encodings:
        tried.append(encoding)
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise SourceError(
        "encoding",
        f"not valid text in {', '.join(tried)} (byte {utf8_error.start}: "
        f"{data[utf8_error.start : utf8_error.start + 1]!r}); pass --encoding to name it",
    )
