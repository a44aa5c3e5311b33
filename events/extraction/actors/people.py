"""Find the people of one article with their roles; the model's name labels corrected.

The small spaCy model finds most names but mislabels some (surnames as ORG/NORP,
towns as PERSON) and misses the links between "Gov. X", "X" and "the governor".
This step corrects the labels with context, reads roles from titles and appositions,
resolves surnames, titles and reporting pronouns, and folds transliteration variants
into one actor. It only *finds*; recording is the database services' job.

Choices worth knowing:
- News agencies and newspapers cited as sources ("according to the BBC", "told
  Reuters") are not actors: they report the events, they do not take part in them.
- A country or capital used as an agent ("Moscow said", "Kiev demanded") becomes a
  ``state`` actor named after the country ("Russia"); the place stays a place too.
- Armed forces are one actor per country, named "Armed Forces of <Country>";
  ministries are "Ministry of <Topic> (<Country>)" with Defense/Defence as one.
- A single name with no full form, title or honorific anywhere in the article is
  kept only with strong support: precision matters more than recall for people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from events.extraction.actors.common import (
    _MISLABELLED_NAME_LABELS,
    DIVISION_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_HEADS,
    OUTLET_NOUNS,
    REGNAL_TITLES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_SPELLINGS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    _Article,
    _Cluster,
    _country_before,
    _country_of_tokens,
    _in_credit,
    _is_capitalised,
    _is_media,
    _is_possessive,
    _token_key,
)
from events.extraction.actors.tables import country_by_code
from events.extraction.names import (
    MATCH_THRESHOLD,
    fold_name,
    normalise_name,
)
from events.extraction.names import (
    _person_name_score as person_name_score,
)
from events.extraction.names import (
    _word_similarity as word_similarity,
)
from events.extraction.nlp import doc_ents, doc_text, doc_tokens, span_tokens, token_children
from events.extraction.types import (
    ActorKind,
    PlaceKind,
)

# --- people -----------------------------------------------------------------------


@dataclass
class _NameSpan:
    start: int  # token indices of the name itself, titles excluded
    end: int
    anchor: str  # "full", "title", "honorific", "" (a single name on its own)
    role_tokens: tuple = ()
    role_after: tuple = ()
    confidence: float = 0.8


def _role_word(token) -> str:
    key = _token_key(token)
    return TITLE_ABBREVIATIONS.get(key, key)


def _is_role_head(token) -> bool:
    return _role_word(token) in ROLE_HEADS


def _name_token_ok(token) -> bool:
    text = token.text
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    if any(ch.isdigit() for ch in text) or (token.is_stop and token.lower_ != "will"):
        return False
    key = _token_key(token)
    if key in ROLE_HEADS or key in ROLE_MODIFIERS or key in HONORIFICS:
        return False
    return key not in TITLE_ABBREVIATIONS and not _country_of_tokens([token])


def _title_before(doc, start: int) -> tuple[tuple, str]:
    """Return (role tokens, anchor kind) of a title standing right before a name."""
    all_tokens = doc_tokens(doc)
    if start == 0:
        return (), ""
    previous = all_tokens[start - 1]
    if _token_key(previous) in HONORIFICS:
        return (), "honorific"
    if not _is_role_head(previous):
        return (), ""
    first = start - 1
    sentence_start = previous.sent.start
    while first > sentence_start:
        candidate = all_tokens[first - 1]
        key = _token_key(candidate)
        if key in ROLE_MODIFIERS or _is_role_head(candidate):
            first -= 1
        elif _is_possessive(candidate) and first - 2 >= sentence_start:
            code, qualifier_start = _country_before(doc, first - 1)
            if code:
                first = qualifier_start
                break
            if _is_capitalised(all_tokens[first - 2]):  # "Kharkiv's mayor"
                first -= 2
            break
        elif _is_capitalised(candidate) and candidate.pos_ in ("PROPN", "ADJ", "NOUN"):
            first -= 1  # a demonym or place qualifying the title ("Kherson regional governor")
            # Take one more capitalised word for two-word places ("South Korean").
            if (
                first > sentence_start
                and _is_capitalised(all_tokens[first - 1])
                and (_country_of_tokens(doc[first - 1 : first + 1]))
            ):
                first -= 1
            break
        else:
            break
    return tuple(doc[first:start]), "title"


def _appositive_after(doc, end: int) -> tuple:
    """Return the tokens of ", Russia's defence minister," after a name, if any."""
    all_tokens = doc_tokens(doc)
    if end >= len(all_tokens) or all_tokens[end].text != ",":
        return ()
    tokens = []
    for token in doc[end + 1 : end + 14]:
        if token.text in (",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”"):
            break
        if token.sent.start != all_tokens[end].sent.start:
            break
        tokens.append(token)
    if not tokens or not any(_is_role_head(t) for t in tokens):
        return ()
    # A verb other than "-based" means a clause, not an apposition.
    if any(t.pos_ in ("VERB", "AUX") and t.lower_ != "based" for t in tokens):
        return ()
    if tokens[0].lower_ not in ("a", "an", "the") and not (
        _is_role_head(tokens[0])
        or _token_key(tokens[0]) in ROLE_MODIFIERS
        or _country_before(doc, tokens[1].i if len(tokens) > 1 else tokens[0].i + 1)[0]
        or _is_capitalised(tokens[0])
    ):
        return ()
    return tuple(tokens)


def _verbless(token) -> bool:
    """Return whether ``token`` stands in a fragment with no verb (a caption, author box).

    The line is checked as well as the sentence because the parser often glues a
    short furniture line ("About Jane Roe") onto the next sentence.
    """
    if not any(t.pos_ in ("VERB", "AUX") for t in token.sent):
        return True
    doc = token.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_end = text.find("\n", token.idx)
    line = doc.char_span(
        line_start, len(text) if line_end < 0 else line_end, alignment_mode="expand"
    )
    if line is None or len(line) > 8:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in line)


def _collect_name_spans(article: _Article) -> list[_NameSpan]:
    """Return candidate person names: PERSON entities and names after titles."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    spans: dict[tuple[int, int], _NameSpan] = {}

    def add(start: int, end: int) -> None:
        # The model may stop a name at its particle ("Anna von der" + "Berg"): go on.
        checked_end = end
        while (
            end < len(all_tokens)
            and all_tokens[end - 1].lower_ in NAME_PARTICLES
            and _is_capitalised(all_tokens[end])
        ):
            end += 1
        # The model may leave out a given name ("Anna [Berg]"): take it back.
        if (
            end - start == 1
            and start > 0
            and all_tokens[start - 1].pos_ == "PROPN"
            and all_tokens[start - 1].ent_type_ in ("", "PERSON")
            and _name_token_ok(all_tokens[start - 1])
            and not article.is_place_name(all_tokens[start - 1].text)
        ):
            start -= 1
        # Trim titles the model sometimes includes ("Mayor Ivan Sirko") and possessives.
        while start < end and not _name_token_ok(all_tokens[start]):
            start += 1
        while end > start and (
            _is_possessive(all_tokens[end - 1]) or not _name_token_ok(all_tokens[end - 1])
        ):
            end -= 1
        if end <= start or end - start > 4:
            return
        if any(start < e and s < end for (s, e) in spans):
            return
        start_char, end_char = (
            all_tokens[start].idx,
            all_tokens[end - 1].idx + len(all_tokens[end - 1].text),
        )
        checked = all_tokens[min(end, checked_end) - 1]
        if article.overlaps_used(start_char, end_char) or article.place_at(
            start_char, checked.idx + len(checked.text)
        ):
            return
        if _in_credit(article, start, end) or _is_media(doc[start:end].text):
            return
        name_tokens = all_tokens[start:end]
        if all(t.text.isupper() and len(t.text) > 1 for t in name_tokens):
            return  # a name only in an all-capitals teaser for another story
        if name_tokens[-1].lower_ in ORG_HEADS:
            return  # "... Republic", "... System": a body, not a person
        if start > 0 and _token_key(all_tokens[start - 1]) in OUTLET_NOUNS:
            return  # "newspaper X", "the channel X": an outlet
        role_tokens, anchor = _title_before(doc, start)
        if not anchor and end - start >= 2:
            anchor = "full"
        spans[(start, end)] = _NameSpan(
            start, end, anchor, role_tokens, _appositive_after(doc, end)
        )

    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            add(ent.start, ent.end)
        elif (
            ent.label_ in _MISLABELLED_NAME_LABELS
            and 2 <= len(ent) <= 3
            and all(_name_token_ok(t) and t.pos_ == "PROPN" for t in span_tokens(ent))
            and ent[-1].lower_ not in ORG_HEADS
            and (
                _appositive_after(doc, ent.end)
                or _title_before(doc, ent.start)[1] == "title"
                # "the Ukrainian president, X Y, said": a name in apposition to a role
                or (ent.root.dep_ == "appos" and _is_role_head(ent.root.head))
                # "X Y and Z W": listed with a person, a person too
                or _listed_with_person(ent.root)
            )
        ):
            # The model sometimes calls a name after a quotation a WORK_OF_ART or ORG;
            # a role beside it ("X Y, an adviser to ...") shows it is a person.
            add(ent.start, ent.end)
        elif ent.label_ == "ORG" and len(ent) >= 3:
            tail = _name_after_office(all_tokens, ent.start, ent.end) or _name_after_place(
                article, all_tokens, ent.start, ent.end
            )
            if tail:
                add(ent.end - tail, ent.end)
    # "Alexei Navalny" unlabelled (or called an ORG) where "Navalny" alone is a PERSON
    # elsewhere: a given name before a surname the model knows is a person's full name.
    surnames = {ent.text for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) == 1}
    for token in all_tokens:
        if (
            token.text in surnames
            and token.i > 0
            and token.ent_type_ not in ("PERSON", "GPE", "LOC")
            and all_tokens[token.i - 1].pos_ == "PROPN"
            and all_tokens[token.i - 1].ent_type_ in ("", "ORG", "NORP", "GPE")
            and _name_token_ok(all_tokens[token.i - 1])
            and all_tokens[token.i - 1].text.replace("-", "").isalpha()  # not "Outlet.com"
            and not article.is_place_name(all_tokens[token.i - 1].text)
        ):
            add(token.i - 1, token.i + 1)
    # Names the model missed or mislabelled, found by the title before them.
    for token in all_tokens:
        key = _token_key(token)
        if not (key in HONORIFICS or (_is_role_head(token) and key not in ("head", "chief"))):
            continue
        if key in HONORIFICS and not _is_capitalised(token):
            continue
        end = token.i + 1
        while end < len(all_tokens) and end - token.i <= 3 and _name_token_ok(all_tokens[end]):
            end_char = all_tokens[end].idx + len(all_tokens[end].text)
            if article.place_at(all_tokens[end].idx, end_char) or article.is_place_name(
                all_tokens[end].text
            ):
                break
            end += 1
        if end > token.i + 1:
            add(token.i + 1, end)
    return sorted(spans.values(), key=lambda span: span.start)


def _listed_with_person(token) -> bool:
    """Tell whether ``token`` is coordinated with a name the model calls a person."""
    if token.dep_ == "conj" and token.head.ent_type_ == "PERSON":
        return True
    return any(
        child.dep_ == "conj" and child.ent_type_ == "PERSON" for child in token_children(token)
    )


def _name_after_place(article: _Article, all_tokens: Sequence, start: int, end: int) -> int:
    """Return how many last tokens of ORG ``[start, end)`` name a person after a place.

    "the governor of [Crimea X Y]": the model runs the office's place into the name.
    """
    before = all_tokens[start - 2 : start]
    if len(before) < 2 or before[1].lower_ != "of" or not _is_role_head(before[0]):
        return 0
    place = all_tokens[start]
    name = all_tokens[start + 1 : end]
    if not article.is_place_name(place.text) or not 2 <= len(name) <= 3:
        return 0
    return len(name) if all(_name_token_ok(t) and t.pos_ == "PROPN" for t in name) else 0


def _name_after_office(all_tokens: Sequence, start: int, end: int) -> int:
    """Return how many last tokens of the ORG entity ``[start, end)`` name a person.

    "Secretary of Defense X Y", "the Foreign Intelligence Service X Y": the model runs
    a body or an office into the name of the person holding it.
    """
    for width in (3, 2):
        if end - start <= width:
            continue
        office = all_tokens[end - width - 1]
        name = all_tokens[end - width : end]
        key = _token_key(office)
        before = _token_key(all_tokens[end - width - 2]) if end - width - 2 >= 0 else ""
        # A modifier is an office only as "Secretary of Defense", not "National X".
        modifier_office = key in ROLE_MODIFIERS and before == "of"
        if not (key in ORG_HEADS or key in ROLE_HEADS or modifier_office):
            continue
        if all(_name_token_ok(t) and t.pos_ == "PROPN" and t.lower_ not in ORG_HEADS for t in name):
            return width
    return 0


def _normalise_role(article: _Article, tokens: Sequence) -> tuple[str, str, str]:
    """Return (role, country code, name after "to") for role tokens as written.

    "Russian Defence Minister" -> "Defence Minister of Russia"; "governor of the
    Poltava region" -> "Governor of Poltava Region"; "Russia's defence minister" ->
    "Defence Minister of Russia"; "an adviser to Tremblay" -> "Adviser" + "Tremblay".
    """
    words: list[str] = []
    country_code = ""
    place = ""
    division = ""
    adviser_to = ""
    after_of = False
    index = 0
    tokens = list(tokens)
    while index < len(tokens):
        token = tokens[index]
        key = _token_key(token)
        if key == "of":
            after_of = True
        if key in ("a", "an", "the", "'s", "of", "to", "-", "based") or _is_possessive(token):
            if key == "to" and words and words[-1] in ("adviser", "aide", "advisor", "envoy"):
                adviser_to = " ".join(t.text for t in tokens[index + 1 :] if _is_capitalised(t))
                break
            index += 1
            continue
        if (
            index + 1 < len(tokens)
            and tokens[index + 1].text == "-"
            and index + 2 < len(tokens)
            and tokens[index + 2].lower_ == "based"
        ):
            index += 3  # "Kyiv-based": where the person works, not what the role is
            continue
        if key in DIVISION_WORDS and place:
            division = DIVISION_WORDS[key]
            index += 1
            continue
        code = ""
        for width in (2, 1):
            if index + width <= len(tokens) and _is_capitalised(token):
                code = _country_of_tokens(tokens[index : index + width])
                if code:
                    index += width
                    break
        if code:
            country_code = country_code or code
            continue
        role_word = _role_word(token)
        if after_of and not _is_capitalised(token):
            index += 1  # "mayor of the port city": what follows "of" names a place
            continue
        if role_word in ROLE_HEADS or role_word in ROLE_MODIFIERS:
            if role_word != "regional" or place:
                words.append(ROLE_SPELLINGS.get(role_word, role_word))
            if role_word == "regional":
                division = division or "Region"
            index += 1
            continue
        if _is_capitalised(token):
            place = f"{place} {token.text}".strip()
        index += 1
    words = [w for w in words if w != "regional"]
    if not words:
        return "", country_code, adviser_to
    role = " ".join(word.capitalize() for word in words)
    if place:
        role += f" of {place}" + (f" {division}" if division else "")
        located = _place_country(article, place)
        country_code = country_code or located
    elif country_code:
        country = country_by_code(country_code)
        if country:
            role += f" of {country.display_name}"
    return role, country_code, adviser_to


def _place_country(article: _Article, name: str) -> str:
    place = article.folded_places.get(fold_name(name))
    return place.entry.country_code if place else ""


def _cluster_people(article: _Article, spans: list[_NameSpan]) -> list[_Cluster]:
    """Group name spans into people: full names first, then single names onto them."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    people: list[_Cluster] = []
    singles: list[_NameSpan] = []
    for span in spans:
        if span.end - span.start < 2:
            singles.append(span)
            continue
        name = doc[span.start : span.end].text
        normalised = normalise_name(name)
        best, best_score = None, 0.0
        for person in people:
            for known in person.names:
                score, bare = person_name_score(normalised, normalise_name(known))
                if not bare and score > best_score:
                    best, best_score = person, score
        if best is None or best_score < MATCH_THRESHOLD:
            best = _Cluster(kind=ActorKind.PERSON, anchored=True, confidence=0.8)
            people.append(best)
        _add_person_mention(article, best, span, "name")
    leftovers: list[_NameSpan] = []
    for span in singles:
        person = _person_for_surname(
            article, people, all_tokens[span.start].text, all_tokens[span.start].idx
        )
        if person is not None:
            _add_person_mention(article, person, span, "surname")
        elif span.anchor in ("title", "honorific"):
            person = _Cluster(kind=ActorKind.PERSON, anchored=True, confidence=0.6)
            people.append(person)
            _add_person_mention(article, person, span, "name")
        else:
            leftovers.append(span)
    _keep_supported_single_names(article, people, leftovers)
    # A name alone in a verbless fragment ("About Jane Roe") is an author box or a
    # caption that cleaning missed, unless a role shows it belongs to the story.
    return [
        person
        for person in people
        if person.roles or not all(_verbless(_token_at(doc, m.start)) for m in person.mentions)
    ]


def _token_at(doc, char: int):
    all_tokens = doc_tokens(doc)
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return all_tokens[span.start] if span is not None else all_tokens[0]


def _add_person_mention(article, person: _Cluster, span: _NameSpan, via: str) -> None:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    start_char = all_tokens[span.start].idx
    end_char = all_tokens[span.end - 1].idx + len(all_tokens[span.end - 1].text)
    if any(m.start == start_char for m in person.mentions):
        return
    confidence = 0.9 if via == "name" else 0.8
    person.mentions.append(article.mention(start_char, end_char, via, confidence))
    person.names.append(doc[span.start : span.end].text)
    if span.end - span.start == 1 and span.role_tokens:
        # Popes and monarchs are known by title and one name ("Pope Leo", "King Olaf").
        title = span.role_tokens[-1]
        if _token_key(title) in REGNAL_TITLES:
            person.names.append(f"{title.text.capitalize()} {all_tokens[span.start].text}")
    article.used.append((start_char, end_char))
    for role_tokens in (span.role_tokens, span.role_after):
        if not role_tokens:
            continue
        role, code, adviser_to = _normalise_role(article, role_tokens)
        if role == "Mayor":
            role, mayor_country = _mayor_of(article, start_char)
            code = code or mayor_country
        if role:
            person.roles.append(role)
            person.anchored = True
        if code and not person.country_code:
            person.country_code = code
        if adviser_to and not person.adviser_to:
            person.adviser_to = adviser_to
        # A body named in the role ("director of the X Service") is an actor of its own.
        article.used.extend(
            (t.idx, t.idx + len(t.text)) for t in role_tokens if t.ent_type_ != "ORG"
        )


def _mayor_of(article: _Article, char: int) -> tuple[str, str]:
    """Return ("Mayor of X", country) when X is the only city the sentence names."""
    sentence = article.sentence_index(char)
    cities = {
        place.key: place
        for start, _, place in article.place_spans
        if place.entry.kind == PlaceKind.CITY and article.sentence_index(start) == sentence
    }
    if len(cities) != 1:
        return "Mayor", ""
    place = next(iter(cities.values()))
    name = next(
        (m.text for m in place.mentions if article.sentence_index(m.start) == sentence),
        place.entry.name,
    )
    return f"Mayor of {name}", place.entry.country_code


def _person_for_surname(article, people: list[_Cluster], word: str, char: int):
    """Return the person whose surname ``word`` is, preferring the nearest before ``char``."""
    normalised = normalise_name(word)
    if not normalised or " " in normalised:
        return None
    matches = []
    for person in people:
        surnames = {normalise_name(name).split()[-1] for name in person.names if name}
        score = max((word_similarity(normalised, surname) for surname in surnames), default=0)
        if score >= 0.82:
            last_before = max((m.start for m in person.mentions if m.start < char), default=-1)
            matches.append((score >= 0.97, last_before, person))
    if not matches:
        return None
    matches.sort(key=lambda match: (match[0], match[1]), reverse=True)
    return matches[0][2]


def _keep_supported_single_names(article, people: list[_Cluster], spans: list[_NameSpan]) -> None:
    """Keep a lone single name only when repeated, speaking, and not a place."""
    doc = article.doc
    all_tokens = doc_tokens(doc)
    by_word: dict[str, list[_NameSpan]] = {}
    for span in spans:
        by_word.setdefault(fold_name(all_tokens[span.start].text), []).append(span)
    for group in by_word.values():
        word = doc[group[0].start].text
        if len(group) < 2 or article.is_place_name(word):
            continue
        speaking = any(
            all_tokens[span.start].dep_ == "nsubj"
            and all_tokens[span.start].head.lemma_ in SPEECH_VERBS
            for span in group
        )
        if not speaking or all(_verbless(all_tokens[span.start]) for span in group):
            continue
        person = _Cluster(kind=ActorKind.PERSON, anchored=False, confidence=0.4)
        people.append(person)
        for span in group:
            _add_person_mention(article, person, span, "name")
