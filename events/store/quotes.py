"""Storing quotes: each linked to the statement it reports, found among its speaker's recent ones.

Candidates: ``_recent_statements`` (a speaker's newest statements). Matching:
``statements.same_statement``. Recording: ``quotes_record``, for ``record.article_record``.
"""

from __future__ import annotations

from events.extraction import statements
from events.models import Article, Quote, Statement
from events.store.rows import column, rows_created, table, union_fetched

__all__ = ["STATEMENT_CANDIDATES_LIMIT", "STATEMENT_MATCH_THRESHOLD", "quotes_record"]


STATEMENT_MATCH_THRESHOLD = 0.6


# Statements of one speaker compared with a new quote, most recent first.
STATEMENT_CANDIDATES_LIMIT = 200


def _recent_statements(
    speaker_ids: set[int], *, exclude_article: Article | None
) -> dict[int, list[tuple[int, str]]]:
    """Return each speaker's most recent statements, newest first.

    As (id, text): up to ``STATEMENT_CANDIDATES_LIMIT`` a speaker, most only compared,
    none quoted by ``exclude_article`` (an article re-extracted; a new one quotes none).
    Each speaker's are read from the newest end of the (speaker, id) index in a ``LIMIT``
    branch of its own, as actor keys are: a window over all of a speaker's statements
    read every one ever stored, more with every article.
    """
    if not speaker_ids:
        return {}
    speaker, statement = column(Statement, "speaker_id"), column(Statement, "id")
    not_quoted_here, excluded = "", []
    if exclude_article is not None:
        not_quoted_here = (
            f"AND NOT EXISTS (SELECT 1 FROM {table(Quote)} "
            f"WHERE {column(Quote, 'article_id')} = %s "
            f"AND {column(Quote, 'statement_id')} = {statement}) "
        )
        excluded = [exclude_article.pk]
    branches = [  # (SQL, parameters)
        (
            f"SELECT * FROM (SELECT {speaker}, {statement}, {column(Statement, 'text')} "
            f"FROM {table(Statement)} WHERE {speaker} = %s {not_quoted_here}"
            f"ORDER BY {statement} DESC LIMIT %s) AS recent_{index}",
            [speaker_id, *excluded, STATEMENT_CANDIDATES_LIMIT],
        )
        for index, speaker_id in enumerate(sorted(speaker_ids))
    ]
    by_speaker: dict[int, list[tuple[int, str]]] = {}
    for speaker_id, statement_id, text in union_fetched(branches):
        by_speaker.setdefault(speaker_id, []).append((statement_id, text))
    for candidates in by_speaker.values():  # a UNION ALL promises no order
        candidates.sort(reverse=True)
    return by_speaker


_QUOTE_FIELDS = (
    "text",
    "speaker",
    "speaker_name",
    "article",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "is_marked",
    "said_on",
    "said_on_precision",
    "statement",
    "confidence",
)


def quotes_record(article, extracted_quotes, actor_ids, sentences, created, reextracted) -> None:
    """Store the article's quotes, each linked to the statement it reports."""
    kept_spans = (
        set(Quote.objects.filter(article=article).values_list("start", "end"))
        if reextracted
        else set()
    )
    new_quotes = [q for q in extracted_quotes if (q.start, q.end) not in kept_spans]
    speakers = [actor_ids.get(q.speaker_key or "") for q in new_quotes]
    candidates = _recent_statements(
        set(speakers) - {None}, exclude_article=article if reextracted else None
    )
    # A known statement's id, or the index of a new statement in ``new_statements``
    linked: list[tuple[bool, int]] = []
    new_statements: list[tuple[str, int | None]] = []  # (text, speaker id)
    for extracted, speaker_id in zip(new_quotes, speakers, strict=True):
        statement = None
        for candidate_id, text in candidates.get(speaker_id, ()) if speaker_id is not None else ():
            if statements.same_statement(extracted.text, text, STATEMENT_MATCH_THRESHOLD):
                statement = (True, candidate_id)
                break
        if statement is None:
            statement = (False, len(new_statements))
            new_statements.append((extracted.text, speaker_id))
        linked.append(statement)
    new_statement_ids = rows_created(Statement, ("text", "speaker"), new_statements)
    quotes = []
    for extracted, speaker_id, (known, statement) in zip(new_quotes, speakers, linked, strict=True):
        sentence = sentences.get(extracted.sentence_index)
        quotes.append(
            (
                extracted.text,
                speaker_id,
                extracted.speaker_name[:300],
                article.pk,
                extracted.start,
                extracted.end,
                sentence.start if sentence else extracted.start,
                sentence.end if sentence else extracted.end,
                extracted.is_marked,
                extracted.said_on,
                extracted.said_on_precision or "",
                statement if known else new_statement_ids[statement],
                extracted.confidence,
            )
        )
    rows_created(Quote, _QUOTE_FIELDS, quotes)
    created["quotes"] += len(quotes)
