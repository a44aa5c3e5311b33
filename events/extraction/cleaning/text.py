"""Small pure helpers over text: trimming, counting, sentence ends, names, outlets."""

from __future__ import annotations

import re
import unicodedata

from events.extraction.cleaning.patterns import (
    _CLOSERS,
    _FUNCTION_WORDS,
    _LEGAL_SUFFIX,
    _MEANINGFUL_SYMBOLS,
    _SENTENCE_END,
)


def _is_name(text: str, max_words: int = 8) -> bool:
    """Return whether ``text`` reads like a short proper name (credit, author, outlet)."""
    tokens = [token for token in re.split(r"[\s/]+", text.strip()) if token]
    if not 1 <= len(tokens) <= max_words:
        return False
    joiners = {
        "via",
        "for",
        "de",
        "da",
        "di",
        "van",
        "von",
        "der",
        "al",
        "el",
        "le",
        "la",
        "and",
        "&",
        "of",
        "the",
        "bin",
        "ibn",
        "photo",
        "images",
        "press",
        "service",
        "-",
    }
    for token in tokens:
        letters = [ch for ch in token if ch.isalpha()]
        if not letters:
            return False
        if not letters[0].isupper() and token.lower() not in joiners:
            return False
    return tokens[0].lower() not in joiners or tokens[0][0].isupper()


def _clean_outlet(text: str) -> str:
    """Return the publisher named in a copyright notice or credit, without legal trimmings."""
    name = re.split(r"(?i)all rights reserved|this material|\.\s", text)[0]
    name = re.sub(r"(?i)©|\(c\)|copyright", " ", name)
    name = re.sub(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)?\d{2,4})?", " ", name)
    name = name.strip(" \t()[].,;:-–—|")
    name = _LEGAL_SUFFIX.sub("", name).strip(" \t()[].,;:-–—|")
    name = re.sub(r"\s+", " ", name)
    if not name or _word_count(name) > 6 or not _is_name(name):
        return ""
    return name


def _is_decoration(char: str) -> bool:
    if char in _MEANINGFUL_SYMBOLS:
        return False
    if char.isspace():
        return True
    category = unicodedata.category(char)
    return category in {"So", "Sk", "Co", "Cs", "Cf"} or 0xFE00 <= ord(char) <= 0xFE0F


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or unicodedata.category(raw[start]) == "Cf"):
        start += 1
    while end > start and (raw[end - 1].isspace() or unicodedata.category(raw[end - 1]) == "Cf"):
        end -= 1
    return start, end


def _is_blank(text: str) -> bool:
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def _strip_trailing_colon(text: str) -> str:
    return text.strip().rstrip(":").strip()


def _word_count(text: str) -> int:
    return len(text.split())


def _sentence_count(text: str) -> int:
    return max(1, len(re.findall(r"[.!?…][\"'”’)]*(?:\s|$)", text)))


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] in _SENTENCE_END or stripped.endswith("...")


def _is_clipped(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith(("…", "...", "[…]", "[...]")) or stripped.lower().endswith(
        ("read more", "continue reading")
    )


def _starts_new_sentence(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "\"“‘'«(")


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].lower().strip("\"'”’“‘()[]") if words else ""


def _ends_with_initial(text: str) -> bool:
    return bool(re.search(r"(?:^|\s)[A-Z]\.$", text.rstrip()))


def _word_stems(text: str) -> list[str]:
    """Return the first four letters of a text's words of four letters or more, lowered.

    Enough to match "passes" with "passed" and "airstrike" with "airstrikes".
    """
    words = re.findall(r"[^\W\d_]{4,}", text.casefold())
    return [word[:4] for word in words if word not in _FUNCTION_WORDS]
