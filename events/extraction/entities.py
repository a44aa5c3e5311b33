"""Find actors: people, organisations and states (STUB: replaced by the actors step)."""

from __future__ import annotations

from events.extraction.types import ActorKind, ExtractedActor, Mention

__all__ = ["find_actors"]


def find_actors(doc, *, sentences, places, gazetteer) -> list[ExtractedActor]:
    by_name: dict[str, list[Mention]] = {}
    kinds = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION}
    found: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in kinds:
            continue
        sentence = next(s for s in sentences if s.start <= ent.start_char < s.end)
        by_name.setdefault(ent.text, []).append(
            Mention(ent.start_char, ent.end_char, ent.text, sentence.index, 0.5)
        )
        found[ent.text] = kinds[ent.label_]
    return [
        ExtractedActor(
            key=f"actor:{i}", name=name, kind=found[name], mentions=tuple(mentions),
            aliases=(name,), confidence=0.5,
        )
        for i, (name, mentions) in enumerate(by_name.items())
    ]
