"""Find organisations, armed forces, ministries and acting states in one article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from events.extraction.actors.common import (
    _FORCE_OR_MINISTRY_FIRST_WORDS,
    _FORCE_PHRASES,
    _MINISTRY_TOPIC_WORDS,
    AGENT_VERBS,
    BODY_KINDS,
    MINISTRY_TOPICS,
    ORG_HEADS,
    _Article,
    _Cluster,
    _country_before,
    _country_of_tokens,
    _in_credit,
    _is_capitalised,
    _is_media,
    _is_possessive,
    _strip_article,
)
from events.extraction.actors.tables import (
    _known_organisation_spans,
    country_by_code,
    load_countries,
    load_organisations,
)
from events.extraction.names import (
    fold_name,
    fold_word,
    normalise_name,
)
from events.extraction.nlp import doc_ents, doc_tokens, span_tokens, token_children
from events.extraction.types import (
    ActorKind,
    ExtractedPlace,
    PlaceKind,
)

# --- organisations ----------------------------------------------------------------


def _find_known_organisations(article: _Article, clusters: dict[str, _Cluster]) -> None:
    organisations = load_organisations()
    found = _known_organisation_spans(article.text)
    # Longest first so that "UN refugee agency" hides the "UN" inside it.
    for start, end, index in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if article.overlaps_used(start, end):
            continue
        org = organisations[index]
        cluster = clusters.setdefault(
            f"org:{org.name}",
            _Cluster(kind=org.kind, canonical=org.name, country_code=org.country_code),
        )
        cluster.anchored = True
        cluster.confidence = max(cluster.confidence, 0.9)
        cluster.mentions.append(article.mention(start, end, "alias", 0.9))
        cluster.extra_aliases.append(article.text[start:end])
        article.used.append((start, end))


def _forces_cluster(clusters: dict[str, _Cluster], code: str) -> _Cluster:
    country = country_by_code(code)
    name = f"Armed Forces of {country.display_name if country else code}"
    cluster = clusters.setdefault(
        f"forces:{code}",
        _Cluster(kind=ActorKind.ORGANIZATION, canonical=name, country_code=code, anchored=True),
    )
    if country and country.demonyms:
        cluster.extra_aliases.append(f"{country.demonyms[0]} Armed Forces")
    return cluster


def _ministry_cluster(clusters: dict[str, _Cluster], topic: str, code: str) -> _Cluster:
    country = country_by_code(code) if code else None
    base = f"Ministry of {topic}"
    name = f"{base} ({country.name})" if country else base
    cluster = clusters.setdefault(
        f"ministry:{topic}:{code}",
        _Cluster(kind=ActorKind.ORGANIZATION, canonical=name, country_code=code, anchored=True),
    )
    if country:
        cluster.extra_aliases.append(f"{base} of {country.display_name}")
    return cluster


def _nearest_country_before(article: _Article, clusters: dict[str, _Cluster], char: int) -> str:
    """Return the country of the nearest organisation or country named before ``char``.

    Resolves "its" in "its general staff" and "its troops": an armed-forces mention
    within the last three sentences wins, then any country name or demonym.
    """
    sentence = article.sentence_index(char)
    best_char, best_code = -1, ""
    for key, cluster in clusters.items():
        if not key.startswith(("forces:", "state:", "ministry:")) or not cluster.country_code:
            continue
        for mention in cluster.mentions:
            recent = mention.end <= char and sentence - mention.sentence_index <= 3
            if recent and mention.start > best_char:
                best_char, best_code = mention.start, cluster.country_code
    if best_code:
        return best_code
    doc = article.doc
    all_tokens = doc_tokens(doc)
    token_index = doc.char_span(char, char + 1, alignment_mode="expand")
    position = token_index.start if token_index is not None else len(all_tokens)
    window = []
    for token in reversed(all_tokens[:position]):
        if article.sentence_index(token.idx) < sentence - 2:
            break
        window.append(token)
    # "its" stands for the subject before it sooner than for any country named.
    for subjects_only in (True, False):
        for token in window:
            if subjects_only and token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            code = _country_of_tokens([token])
            if code and _is_capitalised(token):
                return code
    return ""


def _find_forces_and_ministries(article: _Article, clusters: dict[str, _Cluster]) -> None:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    lowered = [token.lower_ for token in all_tokens]
    index = 0
    while index < len(all_tokens):
        if lowered[index] not in _FORCE_OR_MINISTRY_FIRST_WORDS:  # most words: nothing to match
            index += 1
            continue
        token = all_tokens[index]
        if article.overlaps_used(token.idx, token.idx + len(token.text)):
            index += 1
            continue
        matched_end = _match_forces(article, clusters, index, lowered)
        if not matched_end:
            matched_end = _match_ministry(article, clusters, index, lowered)
        index = matched_end or index + 1


def _match_forces(article, clusters, index: int, lowered: list[str]) -> int:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    for parts in _FORCE_PHRASES:
        if lowered[index : index + len(parts)] != parts:
            continue
        end = index + len(parts)
        after = all_tokens[end] if end < len(all_tokens) else None
        # "military operation", "army base": the word modifies a noun, no actor.
        if after is not None and after.pos_ in ("NOUN", "PROPN") and not _is_possessive(after):
            return 0
        if index > 0 and lowered[index - 1] in ("its", "their"):
            code = _nearest_country_before(article, clusters, all_tokens[index - 1].idx)
            start_token, via, confidence = index - 1, "pronoun", 0.7
        else:
            code, start_token = _country_before(doc, index)
            via, confidence = "alias", 0.85
        if not code:
            return 0
        start_char = all_tokens[start_token].idx
        end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
        if article.overlaps_used(start_char, end_char):
            return 0
        cluster = _forces_cluster(clusters, code)
        cluster.confidence = max(cluster.confidence, confidence)
        cluster.mentions.append(article.mention(start_char, end_char, via, confidence))
        if via == "alias":
            cluster.extra_aliases.append(article.text[start_char:end_char])
        article.used.append((start_char, end_char))
        return end
    return 0


def _ministry_topic(words: Sequence[str]) -> str:
    key = " ".join(words).lower()
    return MINISTRY_TOPICS.get(key, " ".join(word.capitalize() for word in words))


def _match_ministry(article, clusters, index: int, lowered: list[str]) -> int:
    doc = article.doc
    all_tokens = doc_tokens(doc)
    if lowered[index] != "ministry":
        return 0
    if index + 1 < len(all_tokens) and lowered[index + 1] in ("of", "for"):
        # "Ministry of Defence", "Ministry of Foreign Affairs", "ministry for economic affairs"
        topic_end = index + 2
        while topic_end < len(all_tokens) and (
            _is_capitalised(all_tokens[topic_end])
            or lowered[topic_end] in _MINISTRY_TOPIC_WORDS
            or (lowered[topic_end] == "affairs" and topic_end > index + 2)
            or (
                lowered[topic_end] == "and"
                and topic_end + 1 < len(all_tokens)
                and _is_capitalised(all_tokens[topic_end + 1])
            )
        ):
            topic_end += 1
        topic_words = [t.text for t in doc[index + 2 : topic_end]]
        qualifier_end, end = index, topic_end
    else:
        # "Defense Ministry", "Foreign Ministry"
        topic_start = index
        while topic_start > 0 and lowered[topic_start - 1] in _MINISTRY_TOPIC_WORDS:
            topic_start -= 1
        topic_words = [t.text for t in doc[topic_start:index]]
        qualifier_end, end = topic_start, index + 1
    if not topic_words:
        return 0
    topic = _ministry_topic(topic_words)
    code, start_token = _country_before(doc, qualifier_end)
    if not code and qualifier_end > 0 and lowered[qualifier_end - 1] in ("its", "their"):
        code = _nearest_country_before(article, clusters, all_tokens[qualifier_end - 1].idx)
        start_token = qualifier_end - 1 if code else start_token
    if not code:
        # "the Defence Ministry" again: the ministry of that topic already named.
        for key in clusters:
            if key.startswith(f"ministry:{topic}:"):
                code = key.rsplit(":", 1)[1]
                break
    start_char = all_tokens[start_token].idx
    end_char = all_tokens[end - 1].idx + len(all_tokens[end - 1].text)
    if article.overlaps_used(start_char, end_char):
        return 0
    cluster = _ministry_cluster(clusters, topic, code)
    confidence = 0.85 if code else 0.5
    cluster.confidence = max(cluster.confidence, confidence)
    cluster.mentions.append(article.mention(start_char, end_char, "alias", confidence))
    cluster.extra_aliases.append(_strip_article(article.text[start_char:end_char]))
    article.used.append((start_char, end_char))
    return end


def _find_other_organisations(
    article: _Article, clusters: dict[str, _Cluster], person_surnames: set[str]
) -> None:
    """Add ORG entities that passed the filters for places, outlets and surnames."""
    candidates: dict[str, list] = {}
    for ent in doc_ents(article.doc):
        # The model calls some bodies people ("the X Observatory said").
        misread = ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ in ORG_HEADS
        if ent.label_ != "ORG" and not misread:
            continue
        tokens = span_tokens(ent)
        if tokens[0].lower_ == "the":
            tokens = [t for t in tokens if t.lower_ != "the"]
        while tokens and _is_possessive(tokens[-1]):
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = article.text[start:end]
        if article.overlaps_used(start, end) or article.place_at(start, end):
            continue
        if _is_media(text) or _in_credit(article, tokens[0].i, tokens[-1].i + 1):
            continue
        if any(t.lower_ == "and" for t in tokens) or any(t.like_num for t in tokens):
            continue
        if tokens[-1].lower_ in _GATHERINGS or text.lower() in _SITE_FURNITURE:
            continue  # "the Munich X Conference", "Terms of Service": no one who acts
        if _names_a_model(tokens[-1]):
            continue  # "X hypersonic missiles", "Y tanks": a weapon's or a vehicle's name
        if len(tokens) == 1:
            if fold_word(normalise_name(text)) in person_surnames:
                continue
            if article.is_place_name(text) or _country_of_tokens(tokens):
                continue
        candidates.setdefault(fold_name(text), []).append((start, end, tokens))
    for key, found in candidates.items():
        tokens = found[0][2]
        known = _known_by_head_word(clusters, tokens)
        if known is not None:
            # "the Senate" after "Poland's Senate": the body already named.
            for start, end, _ in found:
                known.mentions.append(article.mention(start, end, "alias", known.confidence))
                article.used.append((start, end))
            continue
        has_head = tokens[-1].lower_ in ORG_HEADS and len(tokens) > 1
        # A lone unknown word the model calls ORG is often a town or a surname:
        # keep it only when the article repeats it.
        if not has_head and len(found) < 2 and not _introduced_as_a_body(article.doc, tokens):
            continue
        confidence = 0.7 if has_head else 0.5
        cluster = clusters.setdefault(
            f"ner-org:{key}",
            _Cluster(kind=ActorKind.ORGANIZATION, anchored=True, confidence=confidence),
        )
        for start, end, _ in found:
            cluster.names.append(article.text[start:end])
            cluster.mentions.append(article.mention(start, end, "name", confidence))
            article.used.append((start, end))


# Things named by a model name before them ("X missiles", "Y drones"): not bodies.
_MODELLED_THINGS = frozenset(
    {
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "drone",
        "drones",
        "jet",
        "jets",
        "tank",
        "tanks",
        "system",
        "systems",
        "launcher",
        "launchers",
        "howitzer",
        "howitzers",
        "helicopter",
        "helicopters",
        "aircraft",
        "fighter",
        "fighters",
        "bomb",
        "bombs",
        "warship",
        "submarine",
    }
)


def _names_a_model(last) -> bool:
    """Return True for a name that qualifies a weapon noun: "Kh-101 cruise missiles"."""
    head = last
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
        if head.lower_ in _MODELLED_THINGS:
            return True
    return False


def _introduced_as_a_body(doc, tokens) -> bool:
    """Say whether a one-word name is introduced by its kind ("the company X", "X, a firm")."""
    first, last = tokens[0], tokens[-1]
    if first.i > 0 and doc[first.i - 1].lower_ in BODY_KINDS:
        return True
    return any(
        child.dep_ == "appos" and child.lemma_.lower() in BODY_KINDS for child in last.children
    )


# Names of gatherings, not of bodies: the happening where actors meet. (They stay in
# ``ORG_HEADS`` so that the people step does not take "X Prayer Breakfast" for a person.)
_GATHERINGS = frozenset(
    {"conference", "summit", "breakfast", "games", "olympics", "festival", "championship"}
)
# A site's legal pages, named in page furniture the cleaning step may leave.
_SITE_FURNITURE = frozenset(
    {"terms of service", "terms of use", "privacy policy", "cookie policy", "privacy notice"}
)


def _known_by_head_word(clusters: dict[str, _Cluster], tokens: Sequence) -> _Cluster | None:
    """Return the one known organisation whose name holds ``tokens``' single word."""
    if len(tokens) != 1 or not _is_capitalised(tokens[0]):
        return None
    word = tokens[0].text
    matches = [
        cluster
        for key, cluster in clusters.items()
        if key.startswith("org:") and word in cluster.canonical.split()
    ]
    return matches[0] if len(matches) == 1 else None


# --- states -----------------------------------------------------------------------


def _is_agent(token) -> bool:
    """Return whether ``token`` is the subject of an agentive verb ("Moscow said")."""
    # "from X, which holds the presidency": the relative pronoun stands for X.
    for child in token_children(token):
        if (
            child.dep_ == "relcl"
            and child.lemma_.lower() in AGENT_VERBS
            and any(
                grandchild.dep_ == "nsubj" and grandchild.lower_ in ("which", "that", "who")
                for grandchild in token_children(child)
            )
        ):
            return True
    if token.dep_ == "conj" and token.head.dep_ == "nsubj" and token.head.i != token.i:
        return _is_agent(token.head)  # "Russia and Ukraine exchanged prisoners"
    if (
        token.dep_ == "pobj"
        and token.head.dep_ == "agent"
        and token.head.head.lemma_.lower() in AGENT_VERBS
    ):
        return True  # "drones launched by Moscow", "was invaded by X"
    if token.dep_ not in ("nsubj", "poss") or token.head.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    head = token.head
    if token.dep_ == "poss":
        return head.lemma_.lower() in {"demand", "claim", "statement", "decision", "order"}
    if head.lemma_.lower() in AGENT_VERBS:
        return True
    # "Moscow has said", "Kiev on Tuesday demanded": the parser may attach to an auxiliary.
    # "Belgrade could reverse its course and impose sanctions": a verb joined to it.
    return any(
        child.lemma_.lower() in AGENT_VERBS
        for child in token_children(head)
        if child.dep_ in ("xcomp", "conj")
    )


def _state_code_for_place(place: ExtractedPlace) -> str:
    entry = place.entry
    if entry.kind == PlaceKind.COUNTRY:
        return entry.country_code
    tables = load_countries()
    for name in (entry.name, *place.aliases):
        if tables.by_capital.get(name.lower()) == entry.country_code:
            return entry.country_code
    return ""


def _find_states(article: _Article, clusters: dict[str, _Cluster]) -> None:
    doc = article.doc
    tables = load_countries()
    for place in article.places:
        if not place.acts_as_actor:
            continue
        code = _state_code_for_place(place)
        if not code:
            continue
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and _is_agent(span.root):
                add_state_mention(article, clusters, code, mention.start, mention.end)
    for ent in doc_ents(doc):
        if ent.label_ not in ("GPE", "PERSON", "ORG", "LOC") or not _is_capitalised(ent[0]):
            continue
        lowered = ent.text.lower()
        code = tables.by_name.get(lowered) or tables.by_capital.get(lowered)
        if code and _is_agent(ent.root):
            add_state_mention(article, clusters, code, ent.start_char, ent.end_char)


def add_state_mention(article, clusters, code: str, start: int, end: int) -> None:
    """Record ``[start, end)`` as a mention of the state with country ``code``."""
    country = country_by_code(code)
    if country is None:
        return
    cluster = clusters.setdefault(
        f"state:{code}",
        _Cluster(kind=ActorKind.STATE, canonical=country.name, country_code=code, anchored=True),
    )
    if any(m.start == start for m in cluster.mentions):
        return
    cluster.confidence = max(cluster.confidence, 0.7)
    cluster.mentions.append(article.mention(start, end, "name", 0.7))
    cluster.extra_aliases.append(article.text[start:end])
    cluster.extra_aliases.append(f"Government of {country.name}")


# --- acronyms ---------------------------------------------------------------------

_PARENTHESISED_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z.&]{1,9})\s*\)")


def join_parenthesised_acronyms(article: _Article, clusters: dict[str, _Cluster]) -> None:
    """Make "the X Y Z (XYZ)" and every later "XYZ" one organisation.

    An acronym the article defines in brackets after a name is that body's; an
    organisation found under the bare acronym joins it, and its other bare uses become
    mentions of it.
    """
    text = article.text
    for match in _PARENTHESISED_ACRONYM.finditer(text):
        acronym = match.group(1)
        owner = _cluster_ending_at(article, clusters, match.start())
        if owner is None:
            continue
        for key, cluster in list(clusters.items()):
            if cluster is not owner and cluster.full_name == acronym:
                owner.mentions.extend(cluster.mentions)
                del clusters[key]
        owner.extra_aliases.append(acronym)
        taken = {mention.start for mention in owner.mentions}
        for found in re.finditer(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", text):
            start, end = found.span()
            if start in taken or article.overlaps_used(start, end):
                continue
            owner.mentions.append(article.mention(start, end, "alias", owner.confidence))
            article.used.append((start, end))


def _cluster_ending_at(article: _Article, clusters: dict[str, _Cluster], char: int):
    """Return the organisation with a mention ending right before ``char``, if any."""
    for cluster in clusters.values():
        if cluster.kind == ActorKind.STATE:
            continue
        for mention in cluster.mentions:
            if mention.end <= char and not article.text[mention.end : char].strip():
                return cluster
    return None
