"""Resolve in-article references to people: surnames, titles and reporting pronouns."""

from __future__ import annotations

import bisect

from events.extraction.actors.common import (
    COREFERENT_TITLES,
    ROLE_MODIFIERS,
    SPEECH_VERBS,
    _Article,
    _Cluster,
    _country_of_tokens,
    _is_capitalised,
    _token_key,
)
from events.extraction.actors.people import (
    _add_person_mention,
    _appositive_after,
    _name_token_ok,
    _NameSpan,
    _person_for_surname,
    _role_word,
    _title_before,
    _token_at,
)
from events.extraction.names import (
    _word_similarity as word_similarity,
)
from events.extraction.names import (
    fold_word,
    normalise_name,
)
from events.extraction.nlp import doc_tokens
from events.extraction.types import (
    Mention,
)


def _scan_surnames(article: _Article, people: list[_Cluster]) -> None:
    """Add surname mentions the model tagged as ORG/NORP/GPE or not at all."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    index: dict[str, list[_Cluster]] = {}
    for person in people:
        if len({normalise_name(name) for name in person.names}) and person.full_name.count(" "):
            index.setdefault(fold_word(person.surname), []).append(person)
    if not index:
        return
    # Read again only when a mention adds a name: working a surname out costs more
    # than comparing it, and every capitalised word is compared with every surname.
    surnames = [(p, p.surname) for ps in index.values() for p in ps]
    for token in all_tokens:
        if not _is_capitalised(token) or token.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB"):
            continue
        start, end = token.idx, token.idx + len(token.text)
        if article.overlaps_used(start, end):
            continue
        folded = fold_word(normalise_name(token.text) or "-")
        candidates = index.get(folded)
        if candidates is None and len(folded) < 4:
            candidates = []
        elif candidates is None:
            # Transliteration variants in one article (Heitmar/Haitmar).
            normalised = normalise_name(token.text)
            candidates = [
                p for p, surname in surnames if word_similarity(normalised, surname) >= 0.85
            ]
        if not candidates or article.place_at(start, end):
            continue
        # The next token being a capitalised name means this is someone else's first name.
        if token.i + 1 < len(all_tokens) and all_tokens[token.i + 1].ent_type_ == "PERSON":
            continue
        person = _person_for_surname(article, candidates, token.text, start)
        if person is None:
            continue
        first = token.i
        previous = all_tokens[first - 1] if first > 0 else None
        # A given name the model left untagged ("Yevhen Tkachenko") is another spelling
        # of the full name: record it as one, with any title or apposition around it.
        if (
            previous is not None
            and _name_token_ok(previous)
            and previous.pos_ == "PROPN"
            and not article.overlaps_used(previous.idx, start)
            and not article.is_place_name(previous.text)
        ):
            first -= 1
        role_tokens, anchor = _title_before(doc, first)
        span = _NameSpan(
            first, token.i + 1, anchor or "full", role_tokens, _appositive_after(doc, token.i + 1)
        )
        _add_person_mention(article, person, span, "name" if first < token.i else "surname")
        surnames = [(p, p.surname) for ps in index.values() for p in ps]


def _resolve_titles_and_pronouns(article: _Article, people: list[_Cluster]) -> None:
    """Link "the governor", "the Russian president" and "he said" to named people."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    events: list[tuple[int, _Cluster | None]] = []  # (char, speaker) in text order
    for person in people:
        for mention in person.mentions:
            events.append((mention.start, person))
    events.sort(key=lambda event: event[0])
    starts = [event[0] for event in events]

    def people_before(char: int) -> list[_Cluster]:
        position = bisect.bisect_left(starts, char)
        ordered = []
        for _, person in reversed(events[:position]):
            if person is not None and person not in ordered:
                ordered.append(person)
        return ordered

    added: list[tuple[_Cluster, Mention]] = []
    pronouns: dict[int, set[str]] = {}  # "he" or "she" already used for a person
    for token in all_tokens:
        # --- "the governor", "the Russian president", "the prime minister" ---
        if token.lower_ == "the" and token.i + 1 < len(all_tokens):
            end = token.i + 1
            code = ""
            while end < len(all_tokens) and (
                _token_key(all_tokens[end]) in ROLE_MODIFIERS
                or _country_of_tokens([all_tokens[end]])
            ):
                code = code or _country_of_tokens([all_tokens[end]])
                end += 1
            if end >= len(all_tokens) or _role_word(all_tokens[end]) not in COREFERENT_TITLES:
                continue
            head_word = _role_word(all_tokens[end])
            after = all_tokens[end + 1] if end + 1 < len(all_tokens) else None
            if after is not None and (after.ent_type_ == "PERSON" or after.pos_ == "NOUN"):
                continue  # "the governor Pavlo ..." is a title, "the mayor office" a noun
            start_char, end_char = token.idx, all_tokens[end].idx + len(all_tokens[end].text)
            if article.overlaps_used(start_char, end_char):
                continue
            for person in people_before(start_char):
                roles = " ".join(person.roles).lower()
                if head_word in roles.split() and (not code or person.country_code == code):
                    mention = article.mention(start_char, end_char, "title", 0.7)
                    added.append((person, mention))
                    break
            continue
        # --- "he said", "she warned" ---
        if token.lower_ in ("he", "she") and token.dep_ == "nsubj":
            if token.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            candidates = [
                person
                for person in people_before(token.idx)
                if pronouns.get(id(person), {token.lower_}) == {token.lower_}
            ]
            person = _previous_speaker(article, candidates, token)
            if person is not None:
                mention = article.mention(token.idx, token.idx + len(token.text), "pronoun", 0.6)
                added.append((person, mention))
                pronouns.setdefault(id(person), set()).add(token.lower_)
    for person, mention in added:
        person.mentions.append(mention)


def _previous_speaker(article: _Article, candidates: list[_Cluster], pronoun) -> _Cluster | None:
    """Return the person a reporting pronoun most likely refers to, or None.

    An unnamed speaker in between ("a senior official said ... he said") blocks the
    link, because the pronoun then refers to someone who is not an actor.
    """
    if not candidates:
        return None
    person = _speaking_candidate(article, candidates[:3], pronoun) or candidates[0]
    last = max(m.start for m in person.mentions if m.start < pronoun.idx)
    if article.sentence_index(pronoun.idx) - article.sentence_index(last) > 3:
        return None
    doc = article.doc
    span = doc.char_span(last, pronoun.idx, alignment_mode="expand")
    if span is None:
        return person
    all_tokens = doc_tokens(doc)
    for token in all_tokens[span.start : span.end]:
        if (
            token.dep_ == "nsubj"
            and token.pos_ == "NOUN"
            and token.head.lemma_.lower() in SPEECH_VERBS
            and token.i < pronoun.i
            and token.sent.start > all_tokens[span.start].sent.start - 1
        ):
            return None
    return person


def _speaking_candidate(article: _Article, candidates: list[_Cluster], pronoun) -> _Cluster | None:
    """Return the nearest candidate that was the subject of a verb of saying just before.

    "X said she wanted Y to go. '...,' she told": the speaker X, not Y named after her.
    """
    here = article.sentence_index(pronoun.idx)
    for person in candidates:
        for mention in person.mentions:
            if mention.start >= pronoun.idx or here - mention.sentence_index > 1:
                continue
            token = _token_at(article.doc, max(mention.start, mention.end - 1))
            if token.dep_ == "appos":
                token = token.head  # "The X chief, Y Z, said"
            if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS:
                return person
    return None
