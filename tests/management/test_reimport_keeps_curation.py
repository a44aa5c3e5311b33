"""Re-importing after an extractor upgrade leaves every editor decision as it was.

Each test curates through the services the admin calls, then runs the real import
command again with a newer extractor version (so every article is re-extracted).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from events import curation
from events.models import Actor, Event, EventMention, Quote
from tests.conftest import extract_chunk_as_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(seeds_dir):
    call_command("import_articles", str(seeds_dir), stdout=StringIO())
    return seeds_dir


@pytest.fixture
def reimport(imported, monkeypatch):
    """Return a function re-importing the seeds with a newer extractor version."""

    def run() -> str:
        monkeypatch.setattr("events.importing.batch.EXTRACTOR_VERSION", "999")
        monkeypatch.setattr("events.importing.batch.extract_chunk", extract_chunk_as_version("999"))
        out = StringIO()
        call_command("import_articles", str(imported), stdout=out)
        assert "re-extracted" in out.getvalue()
        return out.getvalue()

    return run


def live_events():
    return Event.objects.filter(merged_into__isnull=True)


def test_a_curated_field_is_not_overwritten(reimport):
    actor = Actor.objects.exclude(role="").order_by("id").first()
    actor.role = "edited role"
    curation.curated_record_save(record=actor, changed_fields=["role"])
    event = Event.objects.filter(fatalities__isnull=False).order_by("id").first()
    event.fatalities = 1234
    curation.curated_record_save(record=event, changed_fields=["fatalities"])

    reimport()

    assert Actor.objects.get(pk=actor.pk).role == "edited role"
    assert Event.objects.get(pk=event.pk).fatalities == 1234


def test_an_approved_record_is_left_as_approved_and_not_duplicated(reimport):
    event = Event.objects.order_by("id").first()
    event.fatalities = 777  # an approved value, even without being listed as curated
    event.save()
    curation.review_status_set(records=Event.objects.all(), status="approved")
    actor = Actor.objects.filter(role="").order_by("id").first()
    curation.review_status_set(records=Actor.objects.filter(pk=actor.pk), status="approved")
    events_before, reports_before = Event.objects.count(), EventMention.objects.count()

    reimport()

    event.refresh_from_db()
    assert (event.review_status, event.fatalities) == ("approved", 777)
    assert Event.objects.count() == events_before
    assert EventMention.objects.count() == reports_before
    assert Actor.objects.get(pk=actor.pk).role == ""


def test_a_rejected_record_does_not_come_back(reimport):
    event = Event.objects.order_by("id").first()
    actor = Actor.objects.order_by("id").first()
    quote = Quote.objects.order_by("id").first()
    for records in (
        Event.objects.filter(pk=event.pk),
        Actor.objects.filter(pk=actor.pk),
        Quote.objects.filter(pk=quote.pk),
    ):
        curation.review_status_set(records=records, status="rejected")
    rejected_reports = set(event.mentions.values_list("article_id", "start", "end"))
    actor_names_before = Actor.objects.filter(name=actor.name).count()

    reimport()

    assert Event.objects.get(pk=event.pk).review_status == "rejected"
    # Its sentences stay with it rather than turning up in another (live) event.
    for article_id, start, end in rejected_reports:
        holders = EventMention.objects.filter(article_id=article_id, start__lt=end, end__gt=start)
        assert set(holders.values_list("event_id", flat=True)) == {event.pk}
    assert Actor.objects.get(pk=actor.pk).review_status == "rejected"
    assert Actor.objects.filter(name=actor.name).count() == actor_names_before
    assert not Actor.objects.get(pk=actor.pk).mentions.exists()
    assert Quote.objects.get(pk=quote.pk).review_status == "rejected"
    assert Quote.objects.filter(article=quote.article, start=quote.start).count() == 1


def test_an_actor_merge_holds(reimport):
    kept, other = Actor.objects.order_by("id")[:2]
    curation.actor_merge(target=kept, others=[other])
    mentions_after_merge = kept.mentions.count()
    actors_before = Actor.objects.filter(merged_into__isnull=True).count()

    reimport()

    assert Actor.objects.get(pk=other.pk).merged_into_id == kept.pk
    assert not Actor.objects.get(pk=other.pk).mentions.exists()
    assert kept.mentions.count() == mentions_after_merge
    assert Actor.objects.filter(merged_into__isnull=True).count() == actors_before


def test_an_event_merge_holds(reimport):
    kept, other = Event.objects.order_by("id")[:2]
    curation.event_merge(target=kept, others=[other])
    reports = set(kept.mentions.values_list("article_id", "start"))

    reimport()

    assert Event.objects.get(pk=other.pk).merged_into_id == kept.pk
    assert set(kept.mentions.values_list("article_id", "start")) == reports
    assert not Event.objects.get(pk=other.pk).mentions.exists()


def test_an_event_split_holds(reimport):
    event = (
        Event.objects.filter(mentions__isnull=False)
        .annotate(n=Count("mentions"))
        .filter(n__gte=2)
        .order_by("id")
        .first()
    )
    moving = event.mentions.order_by("id").last()
    new_event = curation.event_split(event=event, mention_ids=[moving.pk])
    staying = set(event.mentions.values_list("pk", flat=True))

    reimport()

    assert EventMention.objects.get(article=moving.article, start=moving.start).event == new_event
    assert set(event.mentions.values_list("pk", flat=True)) == staying
