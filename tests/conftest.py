"""Shared fixtures: the seed folder, small article files, and a memoised extraction.

Extraction is deterministic, so tests that import the same text share one run of it.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from events.importing import ChunkItem, extract_chunk

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

_EXTRACTIONS: dict = {}


def memoised_extract_chunk(texts, **options):
    """Return ``extract_chunk(texts)``, computed once per distinct chunk of texts."""
    key = (tuple(texts), tuple(sorted(options.get("boilerplate", ()))))
    if key not in _EXTRACTIONS:
        _EXTRACTIONS[key] = extract_chunk(texts, **options)
    return [ChunkItem(item.extraction, item.problem) for item in _EXTRACTIONS[key]]


def extract_chunk_as_version(version: str):
    """Return a chunk extractor whose extractions claim to come from ``version``."""

    def extract(texts, **options):
        items = memoised_extract_chunk(texts, **options)
        for item in items:
            if item.extraction is not None:
                item.extraction = dataclasses.replace(item.extraction, extractor_version=version)
        return items

    return extract


@pytest.fixture(autouse=True)
def _memoised_extraction(monkeypatch):
    monkeypatch.setattr("events.importing.batch.extract_chunk", memoised_extract_chunk)


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """Return a private copy of the seed articles (tests may add bad files beside them)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def article_file(tmp_path):
    """Return a factory writing an article file of our own making."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


STORY = (
    " date 2023-03-14 Firefighters in the port city of Gdansk battled a warehouse blaze on "
    "Monday, the regional governor Anna Kowalczyk said.\n\n"
    '"We evacuated forty workers," Kowalczyk told reporters in Gdansk.\n'
)


@pytest.fixture
def story() -> str:
    return STORY


# ---------------------------------------------------------------- API fixtures


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Let tests make as many requests as they need; test_safety turns the limit back on."""
    settings.EVENTDESK_ANON_THROTTLE_RATE = None
    settings.EVENTDESK_EXPORT_THROTTLE_RATE = None


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def editor(django_user_model):
    """Return a user in the editors group (created here if the data migration has not)."""
    from django.contrib.auth.models import Group

    from events.api.permissions import EDITORS_GROUP

    user = django_user_model.objects.create_user("editor", password="x" * 12)
    user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return user


@pytest.fixture
def viewer(django_user_model):
    """Return an API user in the *viewers* group: may read everything, write nothing."""
    from django.contrib.auth.models import Group

    from events.api.permissions import VIEWERS_GROUP

    user = django_user_model.objects.create_user("viewer", password="x" * 12)
    user.groups.add(Group.objects.get_or_create(name=VIEWERS_GROUP)[0])
    return user


@pytest.fixture
def make_article(db):
    """Return a factory of small articles; every call gets its own text and hash."""
    import datetime as dt
    import itertools

    from events.models import Article

    counter = itertools.count(1)

    def make(**fields) -> Article:
        number = next(counter)
        defaults = {
            "title": f"Article {number}",
            "body": f"Body of article {number}.",
            "raw_text": f"raw {number}",
            "outlet": "Example Post",
            "published_on": dt.date(2024, 5, number % 28 + 1),
            "content_hash": f"{number:064d}",
            "source_file": f"article-{number}.txt",
        }
        return Article.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def make_event(db, make_article):
    """Return a factory of events with places, participants (name → role) and articles."""
    import datetime as dt

    from events.models import Event, EventActor, EventMention, EventType

    def make(
        *,
        places=(),
        participants=None,
        articles=None,
        event_type="attack_on_civilians",
        **fields,
    ) -> Event:
        defaults = {"title": "An event", "start_date": dt.date(2024, 5, 1)}
        event = Event.objects.create(
            event_type=EventType.objects.get(code=event_type), **(defaults | fields)
        )
        event.places.add(*places)
        for actor, role in (participants or {}).items():
            EventActor.objects.create(event=event, actor=actor, role=role)
        for position, article in enumerate(articles if articles is not None else [make_article()]):
            EventMention.objects.create(
                event=event, article=article, start=position, end=position + 1, text="x"
            )
        return event

    return make


@pytest.fixture
def geography(db):
    """Return a small place tree: Ukraine > Kharkiv Oblast > Kharkiv, and Poland > Gdansk."""
    from events.models import Place

    ukraine = Place.objects.create(name="Ukraine", kind="country", country_code="UA")
    oblast = Place.objects.create(
        name="Kharkiv Oblast",
        kind="region",
        country_code="UA",
        parent=ukraine,
        latitude=49.5,
        longitude=36.5,
    )
    kharkiv = Place.objects.create(
        name="Kharkiv",
        kind="city",
        country_code="UA",
        admin_region="Kharkiv Oblast",
        parent=oblast,
        latitude=49.99,
        longitude=36.23,
    )
    poland = Place.objects.create(name="Poland", kind="country", country_code="PL")
    gdansk = Place.objects.create(
        name="Gdansk",
        kind="city",
        country_code="PL",
        admin_region="Pomerania",
        parent=poland,
        latitude=54.35,
        longitude=18.65,
    )
    return {
        "ukraine": ukraine,
        "oblast": oblast,
        "kharkiv": kharkiv,
        "poland": poland,
        "gdansk": gdansk,
    }


# ---------------------------------------------------------------- records and people


@pytest.fixture
def make_records(db):
    """Return a factory building a small set of records with evidence, without the NLP."""
    from events.models import (
        Actor,
        ActorAlias,
        ActorKey,
        ActorMention,
        Article,
        Event,
        EventActor,
        EventMention,
        EventType,
        Place,
        PlaceMention,
        Quote,
    )

    counter = {"n": 0}

    def article(body="Governor Anna Kowalczyk said forty workers left Gdansk.", **fields):
        counter["n"] += 1
        defaults = {
            "title": f"Story {counter['n']}",
            "raw_text": "RAW " + body,
            "outlet": "Baltic Post",
            "content_hash": f"hash-{counter['n']}",
            "published_on": "2023-03-14",
        }
        return Article.objects.create(body=body, **{**defaults, **fields})

    def actor(name="Anna Kowalczyk", **fields):
        record = Actor.objects.create(name=name, **fields)
        ActorAlias.objects.create(actor=record, name=name, normalized=name.lower())
        ActorKey.objects.create(actor=record, key=name.lower())
        return record

    def actor_mention(actor, article, word=None):
        word = word or actor.name
        start = article.body.index(word)
        return ActorMention.objects.create(
            actor=actor,
            article=article,
            start=start,
            end=start + len(word),
            text=word,
            sentence_start=0,
            sentence_end=len(article.body),
        )

    def place(name="Gdansk", **fields):
        return Place.objects.create(name=name, **fields)

    def place_mention(place, article, word=None):
        word = word or place.name
        start = article.body.index(word)
        return PlaceMention.objects.create(
            place=place, article=article, start=start, end=start + len(word), text=word,
            sentence_start=0, sentence_end=len(article.body),
        )  # fmt: skip

    def event(title="Warehouse fire in Gdansk", **fields):
        event_type = EventType.objects.order_by("code").first()
        fields.setdefault("start_date", "2023-03-13")
        return Event.objects.create(title=title, event_type=event_type, **fields)

    def event_mention(event, article, **fields):
        return EventMention.objects.create(
            event=event, article=article, start=0, end=len(article.body),
            text=article.body[:1000], sentence_start=0, sentence_end=len(article.body),
            **fields,
        )  # fmt: skip

    def participant(event, actor, role="other"):
        return EventActor.objects.create(event=event, actor=actor, role=role)

    def quote(article, speaker=None, text="forty workers"):
        start = article.body.index(text)
        return Quote.objects.create(
            article=article, speaker=speaker, text=text, start=start, end=start + len(text),
            sentence_start=0, sentence_end=len(article.body),
        )  # fmt: skip

    return SimpleNamespace(
        article=article,
        actor=actor,
        actor_mention=actor_mention,
        place=place,
        place_mention=place_mention,
        event=event,
        event_mention=event_mention,
        participant=participant,
        quote=quote,
    )


def _member_of(django_user_model, group_name: str, username: str):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_editor(db, django_user_model):
    """Return a staff user in the *editors* group made by migration 0004."""
    return _member_of(django_user_model, "editors", "staff-editor")


@pytest.fixture
def staff_viewer(db, django_user_model):
    """Return a staff user in the *viewers* group."""
    return _member_of(django_user_model, "viewers", "staff-viewer")


@pytest.fixture
def editor_client(client, staff_editor):
    """Return a test client logged in to the admin as a member of *editors*."""
    client.force_login(staff_editor)
    return client
