"""A merge during an import on PostgreSQL: no evidence is left on the merged-away record."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from events import curation
from events.importing import import_paths
from events.models import Actor, ActorMention, EventActor, Quote
from tests.processes import requires_postgresql

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


def test_a_merge_waits_for_an_uncommitted_import_batch_and_moves_its_evidence(article_file, story):
    import_paths([article_file("first.txt", story)], max_bytes=100_000)
    merged_away = Actor.objects.get(aliases__name="Anna Kowalczyk")
    kept = Actor.objects.create(name="Anna M. Kowalczyk")
    second = article_file("second.txt", story.replace("Monday", "Tuesday"))
    batch_stored, commit_now = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def import_held_open():
        try:
            with transaction.atomic():  # the batch's transaction, left open for a while
                import_paths([second], max_bytes=100_000)
                batch_stored.set()
                commit_now.wait(timeout=60)
        except BaseException as exc:  # reported by the test thread
            failures.append(exc)
            batch_stored.set()
        finally:
            connection.close()

    def merge():
        try:
            curation.actor_merge(target=kept, others=[merged_away])
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    importer = threading.Thread(target=import_held_open)
    importer.start()
    assert batch_stored.wait(timeout=120)
    merger = threading.Thread(target=merge)
    merger.start()
    merger.join(timeout=2)
    assert merger.is_alive(), "the merge must wait for the uncommitted batch"
    commit_now.set()
    importer.join(timeout=60)
    merger.join(timeout=60)

    assert not failures, failures
    assert Actor.objects.get(pk=merged_away.pk).merged_into_id == kept.pk
    assert not ActorMention.objects.filter(actor=merged_away).exists()
    assert not EventActor.objects.filter(actor=merged_away).exists()
    assert not Quote.objects.filter(speaker=merged_away).exists()
    assert ActorMention.objects.filter(actor=kept).values("article").distinct().count() == 2
