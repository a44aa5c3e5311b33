"""Model constraints that keep the data honest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from events.models import Actor, ActorAlias, Article, Event, EventType, Quote

pytestmark = pytest.mark.django_db


def make_article(content_hash="h" * 64):
    return Article.objects.create(body="Body.", raw_text="Body.", content_hash=content_hash)


def test_the_same_text_is_one_article():
    make_article()
    with pytest.raises(IntegrityError):
        make_article()


def test_an_alias_is_unique_per_actor_but_shared_across_actors():
    first, second = Actor.objects.create(name="A"), Actor.objects.create(name="B")
    ActorAlias.objects.create(actor=first, name="Smith", normalized="smith")
    ActorAlias.objects.create(actor=second, name="Smith", normalized="smith")
    with pytest.raises(IntegrityError):
        ActorAlias.objects.create(actor=first, name="SMITH", normalized="smith")


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        Event.objects.create(
            title="Backwards",
            event_type=EventType.objects.get(code="statement"),
            start_date=dt.date(2024, 5, 2),
            end_date=dt.date(2024, 5, 1),
        )


def test_one_quote_per_span_of_an_article():
    article = make_article()
    Quote.objects.create(text="x", article=article, start=0, end=4)
    with pytest.raises(IntegrityError):
        Quote.objects.create(text="y", article=article, start=0, end=4)


def test_the_taxonomy_is_loaded_and_mapped_to_acled_and_cameo():
    leaves = EventType.objects.filter(parent__isnull=False)
    assert leaves.count() >= 40
    # ACLED codes political violence, protests and strategic developments, not disasters,
    # accidents or ordinary crime: those families are the only ones without its types.
    unmapped = leaves.filter(acled_event_type="").values_list("parent__code", flat=True)
    assert set(unmapped) <= {"political_process", "disaster", "accident", "crime"}
    shelling = EventType.objects.get(code="shelling")
    assert (shelling.parent.code, shelling.cameo_root_code) == ("assault", "19")
    assert EventType.objects.get(code="phone_call").parent.code == "consult"
    assert EventType.objects.get(code="cyberattack").parent.code == "coerce"


def test_new_records_wait_for_review():
    assert Actor.objects.create(name="New").review_status == "pending"
