"""Read article files safely: every way a file can be unusable gets a named, one-line reason."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_FALLBACK_ENCODINGS",
    "SourceError",
    "SourceFile",
    "content_hash",
    "iter_source_paths",
    "read_source",
]

DEFAULT_FALLBACK_ENCODINGS = ("cp1252",)
ARTICLE_SUFFIXES = {".txt"}
# Share of control characters above which a decoded file is treated as binary.
CONTROL_CHARACTER_LIMIT = 0.02
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
    path: Path
    text: str
    encoding: str
    content_hash: str

    @property
    def name(self) -> str:
        return self.path.name


def content_hash(text: str) -> str:
    """Return the identity of an article's text: the same story saved twice is one article.

    Line endings, Unicode normal form and surrounding whitespace do not change it.
    """
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return hashlib.sha256(normalised.strip().encode("utf-8")).hexdigest()


def iter_source_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield article files: named files as given, folders searched for ``.txt`` files in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        else:
            yield path


def read_source(
    path: Path,
    *,
    max_bytes: int,
    fallback_encodings: Iterable[str] = DEFAULT_FALLBACK_ENCODINGS,
) -> SourceFile:
    """Return the decoded file or raise ``SourceError`` saying why it cannot be imported."""
    if not path.exists():
        raise SourceError("missing", "no such file")
    if not path.is_file():
        raise SourceError("not-a-file", "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            "too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise SourceError("empty", "file is empty")
    if b"\x00" in data:
        raise SourceError("binary", "binary file (contains NUL bytes), not text")
    text, encoding = _decode(data, fallback_encodings)
    controls = len(_CONTROL_CHARACTER_RE.findall(text))
    if controls / len(text) > CONTROL_CHARACTER_LIMIT:
        raise SourceError("binary", "binary file (control characters), not text")
    if not text.strip():
        raise SourceError("empty", "file has no text")
    return SourceFile(path=path, text=text, encoding=encoding, content_hash=content_hash(text))


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
