"""Tell whether two articles of one import report the same story, from their words alone.

An article without a date of its own may borrow one from another article only when the
two are shown to report the same story: sharing a country's name or a leader's is not
enough (every article about a war does), sharing the story's distinctive words is. The
test is the cosine of the articles' TF-IDF vectors over content words, the inverse
document frequency taken from the articles imported together, smoothed so that a batch
of two still weighs words sensibly.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = [
    "SAME_STORY_SIMILARITY",
    "best_same_story",
    "lead_paragraphs",
    "lead_similarities",
    "similarity",
    "story_terms",
    "story_vectors",
]

# Cosine (words and word pairs) from which two articles are taken to report the same
# story. Articles on one topic (a war's daily reports) mostly score 0.03-0.09 with each
# other; two reports of one happening score from about 0.10 up.
SAME_STORY_SIMILARITY = 0.10
# A second candidate this close to the best, dated differently, makes the match ambiguous.
RIVAL_SHARE = 0.85
AGREEING_DAYS = 7

_WORD_RE = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")
_PARAGRAPH_RE = re.compile(r"\n\s*")
# A paragraph shorter than this is a label or a teaser, not part of the story.
_PARAGRAPH_WORDS = 6
# A lead and a passage are this many paragraphs.
_LEAD_PARAGRAPHS = 2


def story_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Return one unit-length TF-IDF vector per text over its content words."""
    counts = [story_terms(text) for text in texts]
    documents = len(counts)
    frequency: Counter = Counter(word for count in counts for word in count)
    vectors = []
    for count in counts:
        weights = {
            word: (1 + math.log(n)) * (math.log((documents + 1) / (frequency[word] + 1)) + 1)
            for word, n in count.items()
        }
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        vectors.append({word: weight / norm for word, weight in weights.items()})
    return vectors


def story_terms(text: str) -> Counter:
    """Count a text's content words and its pairs of adjacent words ("eastern flank").

    Pairs tell one story from another of the same topic far better than words alone.
    """
    words = [match.group().lower() for match in _WORD_RE.finditer(text)]
    terms: Counter = Counter(word for word in words if word not in STOP_WORDS)
    terms.update(
        f"{first} {second}"
        for first, second in itertools.pairwise(words)
        if first not in STOP_WORDS and second not in STOP_WORDS
    )
    return terms


def similarity(first: dict[str, float], second: dict[str, float]) -> float:
    """Return the cosine of two unit vectors from ``story_vectors``."""
    if len(second) < len(first):
        first, second = second, first
    # Only the shared words, in the order of ``first``: the products left out are zeros,
    # so the float is the same as summing over every word, in half the time (each undated
    # article of a chunk is compared with each dated one).
    shared = list(filter(second.__contains__, first))
    return sum(
        map(operator.mul, map(first.__getitem__, shared), map(second.__getitem__, shared)), 0.0
    )


def _paragraphs(text: str) -> list[str]:
    return [p for p in _PARAGRAPH_RE.split(text) if len(p.split()) >= _PARAGRAPH_WORDS]


def lead_paragraphs(text: str, count: int = _LEAD_PARAGRAPHS) -> str:
    """Return the text's first ``count`` paragraphs of story (labels and teasers skipped)."""
    return " ".join(_paragraphs(text)[:count])


def lead_similarities(
    undated: dict[int, str], dated: dict[int, str]
) -> dict[int, dict[int, float]]:
    """Return, for each undated article, how well its lead fits each dated article.

    A roundup reports many stories, so its whole text is far from a single-story
    article reporting one of them; the passage (two paragraphs) of the roundup that
    tells that story is close to the article's lead. The score is the best cosine of the
    lead against the dated article's passages, weighed over all of them.
    """
    leads = {key: lead_paragraphs(text) for key, text in undated.items()}
    passages = []
    for key, text in dated.items():
        paragraphs = _paragraphs(text)
        windows = range(max(1, len(paragraphs) - _LEAD_PARAGRAPHS + 1))
        passages += [(key, " ".join(paragraphs[i : i + _LEAD_PARAGRAPHS])) for i in windows]
    vectors = story_vectors([*leads.values(), *(passage for _, passage in passages)])
    lead_vectors = dict(zip(leads, vectors, strict=False))
    scores: dict[int, dict[int, float]] = {key: {} for key in leads}
    for (key, _), vector in zip(passages, vectors[len(leads) :], strict=True):
        for undated_key, lead in lead_vectors.items():
            best = scores[undated_key]
            best[key] = max(best.get(key, 0.0), similarity(lead, vector))
    return scores


def best_same_story(
    vector: dict[str, float],
    candidates: Sequence[tuple[int, dict[str, float], dt.date]],
    *,
    threshold: float = SAME_STORY_SIMILARITY,
    lead_scores: dict[int, float] | None = None,
) -> tuple[int, float] | None:
    """Return (key, similarity) of the dated candidate surely reporting the same story.

    A candidate's similarity is that of the whole texts, or the lead's to one of its
    passages (``lead_scores`` by key, from ``lead_similarities``) when higher. None when
    no candidate is similar enough, or when another nearly as similar one is dated more
    than ``AGREEING_DAYS`` apart: the text then fits two stories, not one.
    """
    lead_scores = lead_scores or {}
    scored = sorted(
        (
            (max(similarity(vector, other), lead_scores.get(key, 0.0)), key, day)
            for key, other, day in candidates
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < threshold:
        return None
    best_score, best_key, best_day = scored[0]
    for score, _key, day in scored[1:]:
        if score < RIVAL_SHARE * best_score:
            break
        if abs((day - best_day).days) > AGREEING_DAYS:
            return None
    return best_key, best_score
