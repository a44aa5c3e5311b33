"""Assemble one article's actors: run the finders, then record each cluster as an actor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from events.extraction.actors.bodies import find_bodies
from events.extraction.actors.common import _Article, _Cluster
from events.extraction.actors.coreference import _resolve_titles_and_pronouns, _scan_surnames
from events.extraction.actors.organisations import (
    _find_forces_and_ministries,
    _find_known_organisations,
    _find_other_organisations,
    _find_states,
    join_parenthesised_acronyms,
)
from events.extraction.actors.people import _cluster_people, _collect_name_spans
from events.extraction.actors.tables import _SPACE_RUN
from events.extraction.names import (
    _word_similarity as word_similarity,
)
from events.extraction.names import (
    fold_name,
    fold_word,
    normalise_name,
)
from events.extraction.nlp import doc_text
from events.extraction.types import (
    ActorKind,
    ExtractedActor,
    ExtractedPlace,
    Mention,
    Sentence,
)

# --- assembly ---------------------------------------------------------------------


def _actor_key(kind: str, name: str, taken: set[str]) -> str:
    slug = fold_name(name).replace(" ", "-") or "actor"
    key = f"{kind}:{slug}"
    suffix = 2
    while key in taken:
        key = f"{kind}:{slug}-{suffix}"
        suffix += 1
    taken.add(key)
    return key


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        item = _SPACE_RUN.sub(" ", item).strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def _choose_role(roles: list[str]) -> str:
    if not roles:
        return ""
    # The most specific reading wins: "Defence Minister of Russia" over "Minister".
    return max(roles, key=lambda role: (len(role.split()), roles.count(role)))


def _person_confidence(person: _Cluster, role: str) -> float:
    confidence = person.confidence
    if " " in person.full_name:
        confidence = max(confidence, 0.8)
    if role:
        confidence += 0.1
    if len(person.mentions) > 1:
        confidence += 0.05
    return round(min(confidence, 0.98), 2)


def _place_keys_near(article: _Article, mentions: Sequence[Mention]) -> tuple[str, ...]:
    sentences = {mention.sentence_index for mention in mentions}
    keys = []
    for place in article.places:
        if any(m.sentence_index in sentences for m in place.mentions):
            keys.append(place.key)
    return _unique(keys)


def find_actors(
    doc,
    *,
    sentences: Sequence[Sentence],
    places: Sequence[ExtractedPlace],
    gazetteer,
) -> list[ExtractedActor]:
    """Return the people, organisations and states of one article, mentions merged.

    ``doc`` is the spaCy Doc of the cleaned body; ``places`` (from the places step)
    keeps towns from becoming people and supplies "Moscow said"-style agents;
    ``gazetteer`` answers whether a lone capitalised word is a place.
    """
    text = doc_text(doc)
    place_spans = sorted(
        ((m.start, m.end, place) for place in places for m in place.mentions),
        key=lambda item: item[0],
    )
    article = _Article(
        doc=doc,
        text=text,
        sentence_starts=[sentence.start for sentence in sentences] or [0],
        sentences=sentences,
        places=places,
        gazetteer=gazetteer,
        place_spans=place_spans,
    )
    clusters: dict[str, _Cluster] = {}
    _find_known_organisations(article, clusters)
    _find_forces_and_ministries(article, clusters)
    find_bodies(article, clusters)
    people = _cluster_people(article, _collect_name_spans(article))
    _scan_surnames(article, people)
    surnames = {fold_word(p.surname) for p in people if p.surname}
    _find_other_organisations(article, clusters, surnames)
    _find_states(article, clusters)
    join_parenthesised_acronyms(article, clusters)
    _resolve_titles_and_pronouns(article, people)

    actors: list[ExtractedActor] = []
    taken: set[str] = set()
    ordered = [*people, *clusters.values()]
    ordered.sort(key=lambda c: min((m.start for m in c.mentions), default=len(text)))
    for cluster in ordered:
        if not cluster.mentions:
            continue
        name = cluster.full_name
        mentions = tuple(sorted(cluster.mentions, key=lambda m: m.start))
        role = _choose_role(cluster.roles)
        if cluster.kind == ActorKind.PERSON:
            role = _adviser_role(role, cluster, people)
            confidence = _person_confidence(cluster, role)
            aliases = _unique([name, *cluster.names])
        else:
            confidence = round(cluster.confidence, 2)
            aliases = _unique([name, *cluster.names, *cluster.extra_aliases])
        actors.append(
            ExtractedActor(
                key=_actor_key(cluster.kind, name, taken),
                name=name,
                kind=cluster.kind,
                mentions=mentions,
                aliases=aliases,
                role=role,
                country_code=cluster.country_code,
                confidence=confidence,
                place_keys=_place_keys_near(article, mentions),
            )
        )
    return actors


def _adviser_role(role: str, person: _Cluster, people: list[_Cluster]) -> str:
    """Spell out "Adviser to Y" with Y's own role when Y is a known person."""
    if not person.adviser_to:
        return role
    target = person.adviser_to
    for other in people:
        if other is person:
            continue
        if any(normalise_name(target) == normalise_name(name) for name in other.names) or (
            word_similarity(normalise_name(target).split()[-1] if target else "", other.surname)
            >= 0.9
        ):
            other_role = _choose_role(other.roles)
            target = f"the {other_role}" if other_role else other.full_name
            break
    base = role or "Adviser"
    return f"{base} to {target}"
