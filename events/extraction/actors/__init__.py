"""Find the actors of one article: people, organisations and states, with every mention.

One module per concern; each *finds* into working clusters and ``assembly`` records
them as ``ExtractedActor`` dataclasses (storing them is the store's job):

- ``tables``: shipped world knowledge (countries, well-known organisations, outlets).
- ``common``: vocabulary and the working records the finders share.
- ``organisations``: organisations, armed forces, ministries, acting states.
- ``people``: people's names and roles.
- ``coreference``: surnames, titles and reporting pronouns resolved to people.
- ``assembly``: ``find_actors``, which runs the finders and records the result.
"""

from __future__ import annotations

from events.extraction.actors.assembly import find_actors
from events.extraction.actors.tables import (
    Country,
    InternationalOrganisation,
    country_by_code,
    load_countries,
    load_media_outlets,
    load_organisations,
)

__all__ = [
    "Country",
    "InternationalOrganisation",
    "country_by_code",
    "find_actors",
    "load_countries",
    "load_media_outlets",
    "load_organisations",
]
