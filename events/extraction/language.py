"""Tell which language an article is written in, with a detector that ships its model.

py3langid (a fork of langid.py, its model inside the package, a few milliseconds a
text) decides; only the first few thousand characters are read, which is plenty.
"""

from __future__ import annotations

import functools

__all__ = ["ENGLISH", "detect_language", "language_of"]

ENGLISH = "en"
# Characters read: the detector is sure long before the end of an article.
SAMPLE_CHARS = 3000
# Below this probability, or on texts this short, the detector's answer is not taken and
# the text is read as English (the language the pipeline knows).
MIN_PROBABILITY = 0.9
MIN_WORDS = 12


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for a text."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def language_of(text: str, *, given: str = "") -> str:
    """Return the article's language: the one given with it, else the one detected.

    A given tag is cut to its language ("en-GB" -> "en"). A short text or an unsure
    detection counts as English.
    """
    if given.strip():
        return given.strip().lower().replace("_", "-").split("-")[0]
    if len(text.split()) < MIN_WORDS:
        return ENGLISH
    language, probability = detect_language(text)
    return language if probability >= MIN_PROBABILITY else ENGLISH
