"""Incremental sync: changes since a moment, and the deletions a copy must apply."""

from __future__ import annotations

import datetime as dt

import pytest

from events import curation
from events.models import Actor, Deletion, Quote

pytestmark = pytest.mark.django_db


def test_deleting_a_record_logs_it_with_cascaded_records(api_client, make_article):
    article = make_article()
    quote = Quote.objects.create(text="Words", article=article, start=0, end=5)
    expected = {("article", article.pk), ("quote", quote.pk)}
    article.delete()
    rows = api_client.get("/api/deletions/").json()["results"]
    assert {(row["model"], row["object_id"]) for row in rows} == expected


def test_deletions_since_a_moment_are_listed_with_their_target(api_client, editor):
    kept = Actor.objects.create(name="Anna Nowak")
    duplicate = Actor.objects.create(name="A. Nowak")
    gone = Actor.objects.create(name="Nobody")
    gone_id = gone.pk
    Deletion.objects.create(model="actor", object_id=999)
    Deletion.objects.filter(object_id=999).update(deleted_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    curation.actor_merge(target=kept, others=[duplicate], user=editor)
    curation.record_delete(record=gone, user=editor)
    response = api_client.get("/api/deletions/", {"since": "2021-01-01T00:00:00Z"})
    assert response.status_code == 200
    rows = [
        (row["model"], row["object_id"], row["merged_into_id"], row["reason"])
        for row in response.json()["results"]
    ]
    assert rows == [
        ("actor", duplicate.pk, kept.pk, "merged"),
        ("actor", gone_id, None, "deleted"),
    ]


def test_a_deletion_is_logged_once(make_article):
    article = make_article()
    article_id = article.pk
    curation.record_delete(record=article, user=None)
    assert Deletion.objects.filter(model="article", object_id=article_id).count() == 1


def test_a_bad_since_is_refused(api_client):
    response = api_client.get("/api/deletions/", {"since": "last tuesday"})
    assert response.status_code == 400
    assert "since" in response.json()


def test_since_accepts_any_utc_offset(api_client):
    response = api_client.get("/api/deletions/", {"since": "2024-01-01T00:00:00-18:27"})
    assert response.status_code == 200
