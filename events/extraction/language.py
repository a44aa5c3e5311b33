"""Tell which language an article is written in, with a detector that ships its model.

py3langid (a fork of langid.py, its model inside the package, a few milliseconds a
text) decides; only the first thousand characters are read, which is plenty.
"""

from __future__ import annotations

import functools

__all__ = ["ENGLISH", "detect_language", "language_of"]

ENGLISH = "en"
# Characters read: the detector is sure long before the end of an article (and its time
# grows with the sample).
SAMPLE_CHARS = 1000
# Below this probability, or on texts this short, the detector's answer is not taken and
# the text is read as English (the language the pipeline knows).
MIN_PROBABILITY = 0.9
MIN_WORDS = 12
_COMMONEST_ENGLISH = frozenset({"the", "of", "and", "to"})
ENGLISH_SHARE = 0.06


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
    words = text[:SAMPLE_CHARS].lower().split()
    if len(words) < MIN_WORDS:
        return ENGLISH
    # English news is one word in eight "the", "of", "and" or "to"; no other language
    # comes near, so the detector (milliseconds a text) is asked only about the rest.
    if sum(word in _COMMONEST_ENGLISH for word in words) >= ENGLISH_SHARE * len(words):
        return ENGLISH
    language, probability = detect_language(text)
    return language if probability >= MIN_PROBABILITY else ENGLISH
