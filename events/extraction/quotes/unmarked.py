"""Find direct speech without quotation marks: "<statement>, X said"."""

from __future__ import annotations

from collections.abc import Sequence

from events.extraction.nlp import span_tokens, token_children
from events.extraction.quotes.attribution import _make_attribution
from events.extraction.quotes.common import (
    _DOUBLE_MARKS,
    _FINITE_TAGS,
    _FIRST_PERSON,
    _OBJECT_PRONOUNS,
    _RELATIVE_PRONOUNS,
    _SUBORDINATORS,
    _WORD,
    MIN_QUOTE_WORDS,
    _said_on,
    _unmarked_quote,
)
from events.extraction.quotes.index import _ArticleIndex, _is_speech_verb, _subject_of
from events.extraction.quotes.marked import _strip_span
from events.extraction.quotes.speakers import _resolve_speaker, _Speaker
from events.extraction.types import (
    ExtractedQuote,
    TemporalExpression,
)

# ---------------------------------------------------------------- unmarked speech


def _unmarked_statements(index: _ArticleIndex):
    """Yield (start, end, attribution, sentence, verb) for ``<words>, X said`` sentences."""
    doc = index.doc
    long_quotes = [
        (start, end)
        for start, end in index.quoted
        if len(_WORD.findall(index.text[start:end])) >= MIN_QUOTE_WORDS
    ]
    for sentence in doc.sents:
        if any(
            start < sentence.end_char and sentence.start_char < end for start, end in long_quotes
        ):
            continue
        found = _unmarked_in_sentence(index, sentence)
        if found is not None:
            yield found


def _unmarked_in_sentence(index: _ArticleIndex, sentence):
    doc = index.doc
    for token in span_tokens(sentence):
        if token.i < sentence.start + 4 or not _is_speech_verb(token) or not _is_finite(token):
            continue
        subject = _subject_of(token)
        if subject is not None and subject.i < token.i:
            comma = subject.left_edge.i - 1
        elif doc[token.i - 1].text == ",":
            comma = token.i - 1  # "..., said X"
            if subject is None:
                subject = next(
                    (
                        t
                        for t in doc[token.i + 1 : sentence.end]
                        if t.pos_ in {"PROPN", "NOUN", "PRON"}
                    ),
                    None,
                )
        else:
            continue
        if (
            subject is None
            or subject.lower_ in _RELATIVE_PRONOUNS | _OBJECT_PRONOUNS
            or comma <= sentence.start
        ):
            continue
        if doc[comma].text != ",":
            continue
        para_start = index.paragraph_at(doc[comma].idx)[0]
        statement = index.span(max(sentence.start_char, para_start), doc[comma].idx)
        if not _is_clause(statement) or _has_object(token):
            continue
        window_end = sentence.end_char
        attribution = _make_attribution(index, subject, doc[comma].idx, window_end)
        return statement.start_char, statement.end_char, attribution, sentence, token
    return None


def _has_object(verb) -> bool:
    """Tell whether a verb of saying says something itself ("declared war aims").

    An attribution verb's words are the statement before it; only the listener of
    "told reporters" or "warned residents" may follow it.
    """
    if verb.lemma_.lower() in {"tell", "ask", "warn", "urge", "assure", "inform"}:
        return False
    return any(
        child.dep_ in {"dobj", "ccomp", "xcomp"} and child.i > verb.i
        for child in token_children(verb)
    )


def _is_finite(verb) -> bool:
    """Tell whether a verb is finite ("said", "has said"), not "telling" or "to say"."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return True
    return any(child.dep_ == "aux" and child.tag_ in _FINITE_TAGS for child in token_children(verb))


def _is_clause(statement) -> bool:
    """Tell whether the words before ``, X said`` are a statement of their own.

    Words that hold an attribution of their own ("X said that ...") are reported
    speech, not the speaker's words.
    """
    words = [t for t in statement if not t.is_punct]
    if any(_is_speech_verb(t) and _subject_of(t) is not None for t in statement):
        return False
    if len(words) < 4 or words[0].lower_ in _SUBORDINATORS:
        return False
    if words[0].dep_ == "mark":
        return False
    return any(t.tag_ in _FINITE_TAGS for t in statement)


def _extend_to_paragraph(
    index: _ArticleIndex, sentence, verb, start: int, speaker: _Speaker
) -> int:
    """Return where the statement starts once a short closing ``he said`` takes in more.

    "It never stops. It has a job, he said." closes a paragraph of the speaker's
    words. The extension goes back sentence by sentence and stops at one that holds
    an attribution or a quote of its own or names the speaker, whose words it
    cannot be.
    """
    para_start, para_end = index.paragraph_at(start)
    if index.text[sentence.end_char : para_end].strip():
        return start
    tail = [t for t in index.doc[verb.i + 1 : sentence.end] if not t.is_punct]
    if len(tail) > 6:
        return start
    speaker_words = {w.casefold() for w in _WORD.findall(speaker.name) if w[:1].isupper()}
    current = index.sentence_at(start)
    extended = start
    for earlier in reversed(index.sentences[: current.index]):
        if earlier.end <= para_start or earlier.start < para_start:
            break
        tokens = index.span(earlier.start, earlier.end)
        if any(_is_speech_verb(t) or t.text in _DOUBLE_MARKS for t in tokens):
            break
        if speaker.key and any(
            item[2].key == speaker.key
            for item in index.mentions_covering(earlier.start, earlier.end)
        ):
            break
        if speaker_words & {t.text.casefold() for t in tokens}:
            break
        extended = earlier.start
    return extended


def _first_person_followers(index: _ArticleIndex, after: int):
    """Yield sentences after ``after`` in its paragraph that speak in the first person."""
    para_end = index.paragraph_at(after)[1]
    sentence = index.sentence_at(after)
    for following in index.sentences[sentence.index + 1 :]:
        if following.start >= para_end:
            break
        tokens = index.span(following.start, following.end)
        if any(
            _is_speech_verb(t) or t.text in _DOUBLE_MARKS or index.inside_quote(t.idx)
            for t in tokens
        ):
            break
        if not any(t.lower_ in _FIRST_PERSON for t in tokens):
            break
        yield following


def _unmarked_quotes(
    index: _ArticleIndex, temporal: Sequence[TemporalExpression]
) -> list[ExtractedQuote]:
    found = []
    for start, end, attribution, sentence, verb in _unmarked_statements(index):
        speaker = _resolve_speaker(index, attribution)
        extended = _extend_to_paragraph(index, sentence, verb, start, speaker)
        was_extended = extended < start
        start, end = _strip_span(index.text, min(start, extended), end)
        said_on, precision = _said_on(temporal, attribution.window_start, attribution.window_end)
        penalty = 0.1 if was_extended else 0.0
        found.append(
            _unmarked_quote(
                index,
                start,
                end,
                sentence_index=index.sentence_at(start).index,
                speaker=speaker,
                said_on=said_on,
                precision=precision,
                penalty=penalty,
            )
        )
        followers = list(_first_person_followers(index, attribution.window_end - 1))
        if followers:
            more_start, more_end = _strip_span(index.text, followers[0].start, followers[-1].end)
            found.append(
                _unmarked_quote(
                    index,
                    more_start,
                    more_end,
                    sentence_index=followers[0].index,
                    speaker=speaker,
                    said_on=said_on,
                    precision=precision,
                    penalty=penalty + 0.2,
                )
            )
    return found
