"""Merges, splits and reviews: nothing lost, everything in history with the editor's name."""

from __future__ import annotations

import collections
import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import curation, store
from events.extraction import clustering
from events.extraction.types import ExtractedActor, ExtractedEvent
from events.models import (
    Actor,
    ActorKey,
    ActorMention,
    Article,
    Deletion,
    Event,
    EventMention,
    EventType,
    Place,
    PlaceMention,
    Quote,
    ReviewStatus,
    Statement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("curator", password="a-long-test-password")


def test_review_status_set_records_history_per_record_with_the_reviewer(make_records, user):
    first, second = make_records.actor("Anna Kowalczyk"), make_records.actor("Jan Nowak")

    count = curation.review_status_set(
        records=Actor.objects.filter(pk__in=[first.pk, second.pk]), status="approved", user=user
    )

    assert count == 2
    for actor in (first, second):
        actor.refresh_from_db()
        assert actor.review_status == "approved"
        assert actor.reviewed_by == user
        latest = actor.history.first()
        assert latest.review_status == "approved"
        assert latest.history_user == user


def test_actor_merge_moves_evidence_and_keeps_the_merged_actor(make_records, user):
    article = make_records.article(body="Anna Kowalczyk met A. Kowalczyk in Gdansk.")
    kept = make_records.actor("Anna Kowalczyk")
    other = make_records.actor("A. Kowalczyk", role="governor")
    make_records.actor_mention(kept, article)
    make_records.actor_mention(other, article)
    quote = make_records.quote(article, speaker=other, text="in Gdansk")
    event = make_records.event()
    make_records.participant(event, other, role="initiator")
    make_records.participant(event, kept, role="initiator")  # same role twice: one stays

    curation.actor_merge(target=kept, others=[other], user=user)

    kept.refresh_from_db()
    other.refresh_from_db()
    assert other.merged_into == kept
    assert set(ActorMention.objects.values_list("actor_id", flat=True)) == {kept.pk}
    assert ActorMention.objects.count() == 2
    assert set(kept.aliases.values_list("name", flat=True)) >= {"Anna Kowalczyk", "A. Kowalczyk"}
    assert set(kept.keys.values_list("key", flat=True)) == {"anna kowalczyk", "a. kowalczyk"}
    assert Quote.objects.get(pk=quote.pk).speaker == kept
    assert list(event.participants.values_list("actor_id", "role")) == [(kept.pk, "initiator")]
    assert kept.role == "governor"  # a blank filled from the merged actor
    deletion = Deletion.objects.get()
    assert (deletion.model, deletion.object_id, deletion.merged_into_id, deletion.reason) == (
        "actor",
        other.pk,
        kept.pk,
        "merged",
    )
    assert kept.history.first().history_user == user
    assert other.history.first().history_user == user


def test_merging_into_a_merged_or_the_same_record_is_refused(make_records):
    first, second = make_records.actor("One Person"), make_records.actor("Two Person")
    with pytest.raises(ValueError, match="into itself"):
        curation.actor_merge(target=first, others=[first])
    curation.actor_merge(target=first, others=[second])
    with pytest.raises(ValueError, match="merged away"):
        curation.actor_merge(target=second, others=[first])


def test_a_second_merge_repoints_records_merged_earlier(make_records):
    first, second, third = (make_records.actor(n) for n in ("Aa Bb", "Cc Dd", "Ee Ff"))
    curation.actor_merge(target=second, others=[first])
    curation.actor_merge(target=third, others=[second])
    assert Actor.objects.get(pk=first.pk).merged_into_id == third.pk


def test_place_merge_moves_mentions_events_and_children(make_records, user):
    article = make_records.article(body="Fighting in Kyiv and Kiev.")
    kept, other = make_records.place("Kyiv"), make_records.place("Kiev")
    child = make_records.place("Podil", parent=other)
    make_records.place_mention(kept, article)
    make_records.place_mention(other, article)
    event = make_records.event()
    event.places.add(other)

    curation.place_merge(target=kept, others=[other], user=user)

    assert set(PlaceMention.objects.values_list("place_id", flat=True)) == {kept.pk}
    assert list(event.places.all()) == [kept]
    assert Place.objects.get(pk=child.pk).parent == kept
    assert "Kiev" in set(kept.aliases.values_list("name", flat=True))
    assert Place.objects.get(pk=other.pk).merged_into == kept
    assert Deletion.objects.filter(model="place", object_id=other.pk, reason="merged").exists()


def test_event_merge_moves_reports_and_notes_conflicting_figures(make_records, user):
    kept, other = make_records.event(fatalities=3), make_records.event(fatalities=5)
    actor = make_records.actor()
    make_records.participant(other, actor, role="target")
    make_records.event_mention(kept, make_records.article())
    make_records.event_mention(other, make_records.article())

    curation.event_merge(target=kept, others=[other], user=user)

    kept.refresh_from_db()
    assert EventMention.objects.filter(event=kept).count() == 2
    assert list(kept.participants.values_list("actor_id", flat=True)) == [actor.pk]
    assert kept.fatalities == 3
    assert kept.conflicts == [f"fatalities: 3 here, 5 in merged event {other.pk}"]
    assert "mentions" in kept.curated_fields
    assert Event.objects.get(pk=other.pk).merged_into == kept
    assert kept.history.first().history_change_reason == f"Merged event {other.pk}"


def test_event_split_moves_the_chosen_reports_to_a_new_event(make_records, user):
    event = make_records.event(fatalities=2)
    place = make_records.place()
    event.places.add(place)
    staying = make_records.event_mention(event, make_records.article())
    moving = make_records.event_mention(
        event, make_records.article(), reported_fatalities=7, reported_date="2023-03-20"
    )

    new_event = curation.event_split(event=event, mention_ids=[moving.pk], user=user)

    assert list(new_event.mentions.all()) == [moving]
    assert list(event.mentions.all()) == [staying]
    assert new_event.fatalities == 7
    assert str(new_event.start_date) == "2023-03-20"
    assert list(new_event.places.all()) == [place]
    assert "mentions" in Event.objects.get(pk=event.pk).curated_fields
    assert new_event.history.first().history_user == user


def test_event_split_refuses_to_empty_the_event_or_take_foreign_reports(make_records):
    event, stranger = make_records.event(), make_records.event()
    only = make_records.event_mention(event, make_records.article())
    foreign = make_records.event_mention(stranger, make_records.article())
    with pytest.raises(ValueError, match="at least one"):
        curation.event_split(event=event, mention_ids=[only.pk])
    with pytest.raises(ValueError, match="reports of this event"):
        curation.event_split(event=event, mention_ids=[foreign.pk])


def test_quote_merge_makes_one_statement_and_keeps_every_quote(make_records, user):
    first = make_records.quote(make_records.article(), text="forty workers")
    second = make_records.quote(make_records.article(), text="Gdansk")
    for quote in (first, second):
        quote.statement = Statement.objects.create(text=quote.text)
        quote.save()
    orphan = second.statement_id

    statement = curation.quote_merge(target=first, others=[second], user=user)

    assert set(statement.quotes.all()) == {first, second}
    assert not Statement.objects.filter(pk=orphan).exists()
    assert Deletion.objects.filter(model="statement", object_id=orphan, reason="merged").exists()
    assert "statement" in Quote.objects.get(pk=second.pk).curated_fields


def test_curated_record_save_lists_edited_fields_but_not_decisions(make_records, user):
    actor = make_records.actor()
    actor.role = "mayor"
    actor.review_status = "approved"
    curation.curated_record_save(record=actor, changed_fields=["role", "review_status"], user=user)
    actor.refresh_from_db()
    assert actor.curated_fields == ["role"]
    assert actor.reviewed_by == user


# ---------------------------------------------------------------- history of imported records


@pytest.fixture
def imported_actor(article_file, story):
    from events.importing import import_paths

    import_paths([article_file("story.txt", story)], max_bytes=100_000)
    return Actor.objects.get(aliases__name="Anna Kowalczyk")


def test_an_import_writes_no_history_rows(imported_actor):
    assert not imported_actor.history.exists()
    assert not Event.history.exists()


def test_an_editors_first_edit_keeps_the_imported_version_to_revert_to(imported_actor, user):
    imported_actor.name = "Anna M. Kowalczyk"
    curation.curated_record_save(record=imported_actor, changed_fields=["name"], user=user)

    first, second = imported_actor.history.order_by("history_date", "history_id")
    assert (first.name, first.history_change_reason, first.history_user) == (
        "Anna Kowalczyk",
        curation.IMPORT_REASON,
        None,
    )
    assert (second.name, second.history_user) == ("Anna M. Kowalczyk", user)
    first.instance.save()  # what the admin's "revert" does
    imported_actor.refresh_from_db()
    assert imported_actor.name == "Anna Kowalczyk"


def test_a_review_of_an_imported_record_follows_its_imported_version(imported_actor, user):
    curation.review_status_set(
        records=Actor.objects.filter(pk=imported_actor.pk), status="approved", user=user
    )
    statuses = list(
        imported_actor.history.order_by("history_date").values_list(
            "review_status", "history_change_reason"
        )
    )
    assert statuses == [("pending", curation.IMPORT_REASON), ("approved", "Review: approved")]


# ---------------------------------------------------------------- bounded candidate lookups


def test_actor_candidates_are_the_most_recent_namesakes_of_a_shared_name_key(
    make_records, monkeypatch
):

    monkeypatch.setattr(store.actors, "SURNAME_CANDIDATES_LIMIT", 2)
    namesakes = [make_records.actor(name) for name in ("Ola Nowak", "Jan Nowak", "Piotr Nowak")]
    ActorKey.objects.bulk_create(ActorKey(actor=actor, key="nowak") for actor in namesakes)

    (candidates,) = store.actors._actor_candidates([{"nowak"}]).by_actor

    assert [c.name for c in candidates] == ["Piotr Nowak", "Jan Nowak"]


def test_an_actor_found_by_full_name_does_not_read_its_surnames_namesakes(make_records):
    anna = make_records.actor("Anna Nowak")
    namesakes = [make_records.actor(name) for name in ("Ola Nowak", "Jan Nowak")]
    ActorKey.objects.bulk_create(
        [ActorKey(actor=anna, key="full:anna nowak"), ActorKey(actor=anna, key="sur:nowak")]
        + [ActorKey(actor=actor, key="sur:nowak") for actor in namesakes]
    )

    with CaptureQueriesContext(connection) as queries:
        found = store.actors._actor_candidates([{"full:anna nowak", "sur:nowak"}])
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = store.actors._actor_candidates([{"full:piotr nowak", "sur:nowak"}])

    def surnames_read(captured) -> bool:
        return any("= 'sur:nowak'" in q["sql"] for q in captured if "actorkey" in q["sql"])

    assert [c.name for c in found.by_actor[0]] == ["Anna Nowak"]
    assert not surnames_read(queries)
    # Anna's own keys are read (to be known, not sent again), her namesakes' are not.
    assert (anna.pk, "sur:nowak") in found.known_keys
    assert {actor_id for actor_id, _ in found.known_keys} == {anna.pk}
    # A full name not found falls back on the surname's namesakes.
    assert {c.name for c in unknown.by_actor[0]} == {"Anna Nowak", "Ola Nowak", "Jan Nowak"}
    assert surnames_read(unknown_queries)


sqlite_plan_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="reads SQLite's query plan (PostgreSQL's follows statistics)",
)


def _only_query_plan(read) -> list[str]:
    """Return SQLite's plan steps for the one query ``read()`` sends."""
    with CaptureQueriesContext(connection) as queries:
        read()
    (query,) = [q["sql"] for q in queries]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query)
        return [row[3] for row in cursor.fetchall()]


@sqlite_plan_only
def test_a_keys_newest_actors_are_read_from_the_index_not_sorted():
    plan = _only_query_plan(lambda: store.actors._actor_key_rows({"sur:nowak", "skel:nwk"}, set()))

    # Every namesake ever stored would be read and sorted otherwise.
    assert sum("INDEX actor_key_by_recency (key=?)" in step for step in plan) == 2, plan
    assert not [step for step in plan if "TEMP B-TREE" in step], plan


def test_a_speakers_candidate_statements_are_the_newest_not_quoted_by_the_article(
    make_records, monkeypatch
):
    monkeypatch.setattr(store.quotes, "STATEMENT_CANDIDATES_LIMIT", 2)
    speaker, other = make_records.actor("Anna Nowak"), make_records.actor("Jan Nowak")
    _oldest, older, newer, newest = Statement.objects.bulk_create(
        Statement(text=text, speaker=speaker) for text in ("one", "two", "three", "four")
    )
    Statement.objects.create(text="another speaker's", speaker=other)
    article = make_records.article()
    quoted_here = make_records.quote(article, text="forty workers")
    quoted_here.statement = newest
    quoted_here.save()

    candidates = store.quotes._recent_statements({speaker.pk}, exclude_article=article)

    # The limit counts the statements this article does not quote: two, newest first.
    assert candidates == {speaker.pk: [(newer.pk, "three"), (older.pk, "two")]}
    # A new article quotes nothing yet: nothing to leave out.
    assert store.quotes._recent_statements({speaker.pk}, exclude_article=None) == {
        speaker.pk: [(newest.pk, "four"), (newer.pk, "three")]
    }


@sqlite_plan_only
def test_a_speakers_newest_statements_are_read_from_the_index_not_sorted(make_records):
    article = make_records.article()
    plan = _only_query_plan(
        lambda: store.quotes._recent_statements({1, 2}, exclude_article=article)
    )

    # Every statement the speaker ever made would be read and ranked otherwise.
    assert sum("INDEX statement_by_recency (speaker_id=?)" in step for step in plan) == 2, plan
    assert not [step for step in plan if "TEMP B-TREE" in step], plan


def test_an_actors_shared_places_come_from_its_most_recent_mentions(make_records, monkeypatch):
    actor = make_records.actor("Anna Kowalczyk")
    gdansk, sopot = make_records.place("Gdansk"), make_records.place("Sopot")
    earlier = make_records.article("Anna Kowalczyk spoke in Gdansk.")
    later = make_records.article("Anna Kowalczyk spoke in Sopot.")
    for article, place in ((earlier, gdansk), (later, sopot)):
        make_records.actor_mention(actor, article)
        make_records.place_mention(place, article)
    places = {gdansk.pk, sopot.pk}

    assert store.actors._places_shared_with({actor.pk}, places) == {actor.pk: places}
    monkeypatch.setattr(store.actors, "SHARED_PLACES_MENTIONS_LIMIT", 1)
    assert store.actors._places_shared_with({actor.pk}, places) == {actor.pk: {sopot.pk}}


def test_shared_places_are_read_only_for_candidates_they_could_decide(make_records):
    sure = make_records.actor("Anna Kowalczyk")
    namesake = make_records.actor("Kowalczyk")
    scored = [
        [(sure, 0.95, 1.0), (namesake, 0.5, 0.65)],
        [(sure, 0.7, 0.75), (namesake, 0.6, 0.75)],
        [(namesake, 0.45, 0.6)],
    ]
    thresholds = [0.75, 0.75, 0.5]

    sensitive = store.actors._place_sensitive(scored, thresholds, [frozenset({1})] * 3)

    # The first group is decided by name: its namesake cannot reach 0.95 even with places.
    assert store.actors._place_sensitive(scored[:1], thresholds[:1], [frozenset({1})]) == set()
    # In the others, shared places could lift either candidate over the threshold.
    assert sensitive == {sure.pk, namesake.pk}
    assert store.actors._place_sensitive(scored[2:], thresholds[2:], [frozenset({1})]) == {
        namesake.pk
    }
    assert not store.actors._place_sensitive(scored, thresholds, [frozenset()] * 3)


def test_a_bare_surname_still_matches_through_shared_places(make_records):
    gdansk, sopot = make_records.place("Gdansk"), make_records.place("Sopot")
    anna, jan = store.actors_resolve(
        extracted_actors=[
            ExtractedActor(key=key, name=name, kind="person", mentions=(), aliases=())
            for key, name in (("a1", "Anna Kowalczyk"), ("a2", "Jan Kowalczyk"))
        ],
        place_ids=[frozenset(), frozenset()],
    )
    make_records.actor_mention(anna, article := make_records.article("Anna Kowalczyk, Gdansk."))
    make_records.place_mention(gdansk, article)
    bare = ExtractedActor(key="a1", name="Kowalczyk", kind="person", mentions=(), aliases=())

    (elsewhere,) = store.actors_resolve(extracted_actors=[bare], place_ids=[frozenset({sopot.pk})])
    (here,) = store.actors_resolve(extracted_actors=[bare], place_ids=[frozenset({gdansk.pk})])

    assert elsewhere not in (anna, jan)  # two namesakes, nothing to tell them apart
    assert here == anna


def test_records_created_in_bulk_get_their_ids_and_every_field_back(db):
    event_type = EventType.objects.order_by("code").first()
    events = [
        Event(title=f"Fire {n}", event_type=event_type, start_date=dt.date(2023, 3, n))
        for n in (1, 2)
    ]
    events[1].conflicts = [{"field": "fatalities", "values": [3, 4]}]

    store.rows.instances_created(Event, events)

    stored = Event.objects.in_bulk([e.pk for e in events])
    assert [stored[e.pk].title for e in events] == ["Fire 1", "Fire 2"]
    assert stored[events[1].pk].start_date == dt.date(2023, 3, 2)
    assert stored[events[1].pk].conflicts == [{"field": "fatalities", "values": [3, 4]}]
    assert stored[events[0].pk].created_at is not None
    assert not events[0]._state.adding


def test_records_created_together_share_one_creation_time(db):
    event_type = EventType.objects.order_by("code").first()
    events = [Event(title=f"Fire {n}", event_type=event_type) for n in range(3)]

    store.rows.instances_created(Event, events)

    stored = Event.objects.filter(pk__in=[e.pk for e in events])
    assert len({(e.created_at, e.updated_at) for e in stored}) == 1
    assert {e.created_at for e in events} == {stored[0].created_at}


def test_reads_written_as_sql_give_the_instances_the_orm_gives(make_records):
    article = make_records.article(captions=["A caption"])
    first = make_records.event("Fire", start_date="2023-03-01", curated_fields=["title"])
    second = make_records.event("Flood", start_date="2023-03-02", end_date="2023-03-04")
    where, params = store.rows.where_in(store.rows.column(Event, "id"), {first.pk, second.pk})

    events = store.rows.instances_fetched(
        Event, where, params, order_by=store.rows.default_order(Event)
    )
    (stored_article,) = store.rows.instances_fetched(
        Article, f"{store.rows.column(Article, 'id')} = %s", [article.pk]
    )

    by_orm = list(Event.objects.filter(pk__in=[first.pk, second.pk]))
    assert events == by_orm == [second, first]  # the model's ordering, newest first
    for made, expected in zip(events, by_orm, strict=True):
        for field in Event._meta.concrete_fields:
            assert getattr(made, field.attname) == getattr(expected, field.attname)
    assert events[0].end_date == dt.date(2023, 3, 4)
    assert events[1].curated_fields == ["title"]
    assert stored_article.captions == ["A caption"]
    assert stored_article.published_on == dt.date(2023, 3, 14)
    assert not events[0]._state.adding


def test_a_read_written_as_sql_defers_the_fields_it_does_not_name(make_records):
    event = make_records.event("Fire", summary="A warehouse burnt.")
    where, params = store.rows.where_in(store.rows.column(Event, "id"), {event.pk})

    with CaptureQueriesContext(connection) as queries:
        (read,) = store.rows.instances_fetched(
            Event, where, params, only=("title", "event_type_id")
        )
        assert (read.title, read.event_type_id) == ("Fire", event.event_type_id)
    assert len(queries) == 1
    assert {"summary", "start_date"} <= read.get_deferred_fields()
    assert read.summary == "A warehouse burnt."  # loaded when asked for, as with only()


def test_matched_actors_come_with_every_actor_they_were_merged_into(make_records):
    first, second, third = (make_records.actor(n) for n in ("Anna", "Anna K.", "Anna Kowal"))
    first.merged_into, second.merged_into = second, third
    Actor.objects.bulk_update([first, second], ["merged_into"])

    with CaptureQueriesContext(connection) as queries:
        matched = store.actors._actors_with_merges({first.pk})
        assert store.evidence.follow_merges(matched[first.pk]) == third
    assert list(matched) == [first.pk]
    assert len(queries) == 3  # one a level of merges, none when following them


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_records_updated_in_bulk_keep_each_records_own_values(
    make_records, monkeypatch, batch_size
):
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: batch_size)
    first, second = make_records.event("Fire"), make_records.event("Flood")
    first.end_date, first.fatalities = dt.date(2023, 3, 20), 4
    second.end_date, second.conflicts = None, [{"field": "fatalities"}]
    before = second.updated_at

    store.rows.instances_updated(
        Event, {first.pk: first, second.pk: second}, {"end_date", "fatalities", "conflicts"}
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.end_date, first.fatalities) == (dt.date(2023, 3, 20), 4)
    assert (second.end_date, second.conflicts) == (None, [{"field": "fatalities"}])
    assert second.updated_at > before


def _report(event_type: str, start_date: str, precision: str = "day") -> ExtractedEvent:
    return ExtractedEvent(
        event_type=event_type,
        title="",
        summary="",
        sentence_index=0,
        start=0,
        end=1,
        start_date=dt.date.fromisoformat(start_date),
        end_date=None,
        date_precision=precision,
    )


def _candidate_titles(article, report, places) -> set[str]:
    cache = store.StoreCache.read()
    parent_of = store.events._parents_read(set(places), {}, cache.place_parents)
    own_places = store.events._with_ancestors(places, store.events._ancestors(parent_of))
    candidates, _, _ = store.events._event_candidates(
        article, [(report, own_places)], parent_of, reextracted=False, cache=cache
    )
    return {candidate.event.title for candidate in candidates}


def test_event_candidates_are_the_events_whose_places_can_nest_with_the_report(make_records):
    poland = make_records.place("Poland")
    pomerania = make_records.place("Pomerania", parent=poland)
    gdansk = make_records.place("Gdansk", parent=pomerania)
    docks = make_records.place("Gdansk docks", parent=gdansk)
    sopot = make_records.place("Sopot", parent=pomerania)
    krakow = make_records.place("Krakow", parent=make_records.place("Lesser Poland", parent=poland))
    for title, places in {
        "in Gdansk": [gdansk],
        "in the region": [pomerania, poland],
        "in the docks": [docks],
        "nowhere named": [],
        "in Sopot": [sopot],
        "in Krakow and Poland": [krakow, poland],
    }.items():
        make_records.event(title).places.set(places)
    article = make_records.article()
    report = _report(make_records.event("same type").event_type.code, "2023-03-13")

    # Sopot and Krakow only share containers with Gdansk: they could never be merged.
    assert _candidate_titles(article, report, [gdansk.pk]) == {
        "in Gdansk",
        "in the region",
        "in the docks",
        "nowhere named",
        "same type",
    }
    # A report placed in the country alone nests with every event in the country.
    assert len(_candidate_titles(article, report, [poland.pk])) == 7


def test_the_database_leaves_out_the_events_whose_places_cannot_nest(make_records):
    poland = make_records.place("Poland")
    pomerania = make_records.place("Pomerania", parent=poland)
    gdansk = make_records.place("Gdansk", parent=pomerania)
    nesting = ("in Gdansk", "in the region", "in the docks", "nowhere named")
    events = {
        title: make_records.event(title) for title in (*nesting, "in Sopot", "in Krakow and Poland")
    }
    events["in Gdansk"].places.set([gdansk])
    events["in the region"].places.set([pomerania, poland])
    docks = make_records.place("Gdansk docks", parent=gdansk)
    events["in the docks"].places.set([docks])
    events["in Sopot"].places.set([make_records.place("Sopot", parent=pomerania)])
    lesser_poland = make_records.place("Lesser Poland", parent=poland)
    events["in Krakow and Poland"].places.set(
        [make_records.place("Krakow", parent=lesser_poland), poland]
    )
    types = (events["in Gdansk"].event_type_id,)
    window = (dt.date(2023, 3, 12), dt.date(2023, 3, 14))
    titles = {event.pk: title for title, event in events.items()}

    def selected(branches, placed_branches) -> set[str]:
        _, rows = store.events._events_in_windows(
            branches,
            placed_branches,
            store.events._places_nesting_sql({gdansk.pk, pomerania.pk, poland.pk}, {gdansk.pk}),
            None,
        )
        return {titles[event_id] for event_id, _, _ in rows}

    # A report in Gdansk: Sopot and Krakow are not even read.
    assert selected([], [(types, None, window)]) == set(nesting)
    # Another report names no place: every event of its window is read.
    assert selected([(types, None, window)], [(types, None, window)]) == set(titles.values())


def test_the_database_reads_every_event_whose_places_nest_with_a_report(make_records):
    """Checked against ``clustering.places_nest`` on random places four levels deep."""
    rng = random.Random(7)
    levels = [[make_records.place("country")]]
    for depth in range(1, 5):
        levels.append(
            [make_records.place(f"level {depth}", parent=rng.choice(levels[-1])) for _ in range(3)]
        )
    places = [place for level in levels for place in level]
    parent_of = {p.pk: p.parent_id for p in places}
    ancestors = store.events._ancestors(parent_of)
    events = []
    for index in range(40):
        event = make_records.event(f"event {index}")
        event.places.set(rng.sample(places, rng.choice([0, 1, 1, 2, 3])))
        events.append(
            (event, store.events._with_ancestors([p.pk for p in event.places.all()], ancestors))
        )
    types = (events[0][0].event_type_id,)
    window = (dt.date(2023, 3, 12), dt.date(2023, 3, 14))

    for _ in range(30):
        reports = [
            store.events._with_ancestors(
                [p.pk for p in rng.sample(places, rng.choice([1, 2]))], ancestors
            )
            for _ in range(rng.choice([1, 2]))
        ]
        under = {max(r, key=lambda p: (len(ancestors[p]), p)) for r in reports}
        _, rows = store.events._events_in_windows(
            [],
            [(types, None, window)],
            store.events._places_nesting_sql(set().union(*reports), under),
            None,
        )
        nesting = {
            event.pk
            for event, contained in events
            if any(clustering.places_nest(report, contained) for report in reports)
        }
        assert nesting <= {event_id for event_id, _, _ in rows}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's planner may hash a subquery (SQLite's plan is read above)",
)
def test_the_places_condition_reads_the_candidates_places_not_every_events(make_records):
    """As the database grows, reading every event's places for each article would too."""
    poland = make_records.place("Poland")
    gdansk = make_records.place("Gdansk", parent=poland)
    code = make_records.event("a fire").event_type.code
    event_type = EventType.objects.get(code=code)
    events = Event.objects.bulk_create(  # 150 in the report's window
        Event(title=f"fire {n}", event_type=event_type, start_date=dt.date(2023 - n % 20, 3, 13))
        for n in range(3000)
    )
    Event.places.through.objects.bulk_create(
        Event.places.through(event=event, place=gdansk if index % 2 else poland)
        for index, event in enumerate(events)
    )
    store.statistics_refresh()
    cache = store.StoreCache.read()
    parent_of = store.events._parents_read({gdansk.pk}, {}, cache.place_parents)
    own_places = store.events._with_ancestors([gdansk.pk], store.events._ancestors(parent_of))
    with CaptureQueriesContext(connection) as queries:
        store.events._event_candidates(
            make_records.article(),
            [(_report(code, "2023-03-13"), own_places), (_report(code, "2023-03-14"), frozenset())],
            parent_of,
            reextracted=False,
            cache=cache,
        )
    (window_query,) = [q["sql"] for q in queries if " BETWEEN " in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + window_query)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "hashed SubPlan" not in plan, plan
    assert "Seq Scan on events_event_places outside" not in plan, plan
    assert "Seq Scan on events_event_places here" not in plan, plan


def test_a_coarser_dated_event_is_a_candidate_as_far_away_as_its_precision_allows(
    make_records,
):
    make_records.event("the week of the 20th", start_date="2023-03-20", date_precision="week")
    make_records.event("the 16th", start_date="2023-03-16")
    article = make_records.article()
    code = make_records.event("a year later", start_date="2024-03-20").event_type.code

    assert _candidate_titles(article, _report(code, "2023-03-13"), []) == {"the week of the 20th"}


def test_a_report_is_scored_against_its_likeliest_candidates_however_many_a_window_holds(
    make_records,
):
    """A bigger database holds more events in a window: reading and scoring them must not grow."""
    limit = clustering.CANDIDATES_PER_REPORT
    for index in range(limit + 10):
        make_records.event(f"the 14th, {index}", start_date="2023-03-14")
    make_records.event("the 13th, oldest")
    article = make_records.article()
    code = make_records.event("the 13th, newest").event_type.code
    report = _report(code, "2023-03-13")
    cache = store.StoreCache.read()

    candidates, _, (shortlist,) = store.events._event_candidates(
        article, [(report, frozenset())], {}, reextracted=False, cache=cache
    )

    titles = {candidate.event.pk: candidate.event.title for candidate in candidates}
    assert len(candidates) == limit
    assert [titles[event_id] for event_id in shortlist[:3]] == [
        "the 13th, newest",
        "the 13th, oldest",
        f"the 14th, {limit + 9}",
    ]


@sqlite_plan_only
@pytest.mark.parametrize("placed", [(), (0,), (0, 1)], ids=["no place", "some", "every"])
def test_event_candidates_are_read_by_type_and_date_range_not_every_event_of_the_type(
    make_records, placed
):
    article = make_records.article()
    code = make_records.event("a fire").event_type.code
    gdansk = make_records.place("Gdansk")
    reports = [_report(code, "2023-03-13"), _report(code, "2023-01-02", precision="month")]
    parent_of: dict = {gdansk.pk: None}
    with CaptureQueriesContext(connection) as queries:
        store.events._event_candidates(
            article,
            [
                (report, frozenset({gdansk.pk}) if index in placed else frozenset())
                for index, report in enumerate(reports)
            ],
            parent_of,
            reextracted=False,
            cache=store.StoreCache.read(),
        )
    (window_query,) = [q["sql"] for q in queries if " BETWEEN " in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + window_query)
        event_reads = [row[3] for row in cursor.fetchall() if "events_event " in row[3] + " "]

    # Each window is one index range; a bare type lookup would read all of the type's events.
    assert event_reads
    assert all("start_date>? AND start_date<?" in read for read in event_reads), event_reads


def test_candidate_windows_are_compacted_into_fewer_branches_selecting_the_same_events():
    day = dt.date.fromisoformat
    march = (day("2023-03-01"), day("2023-03-10"))
    branches = {
        ((1,), None, march),
        ((1,), None, (day("2023-03-08"), day("2023-03-20"))),  # overlaps the first
        ((1,), None, (day("2023-03-21"), day("2023-03-25"))),  # starts the day after
        ((1,), "week", (day("2023-03-02"), day("2023-03-09"))),  # inside an any-precision one
        ((1,), "month", (day("2023-01-01"), day("2023-05-31"))),  # reaches further: kept
        ((2,), None, march),  # other types, the same window: one branch
        ((3,), None, march),
    }

    assert set(store.events._branches_compacted(branches)) == {
        ((1,), None, (day("2023-03-01"), day("2023-03-25"))),
        ((1,), "month", (day("2023-01-01"), day("2023-05-31"))),
        ((2, 3), None, march),
    }


def test_a_chunks_articles_share_the_event_types_and_place_parents_read_once(make_records):
    poland = make_records.place("Poland")
    gdansk = make_records.place("Gdansk", parent=poland)
    cache = store.StoreCache.read()

    first = store.events._parents_read({gdansk.pk}, {}, cache.place_parents)
    with CaptureQueriesContext(connection) as queries:
        again = store.events._parents_read({gdansk.pk}, {}, cache.place_parents)

    assert first == again == {gdansk.pk: poland.pk, poland.pk: None}
    assert len(queries) == 0
    assert cache.event_type_ids  # read with the cache, by code


def test_rows_insert_skips_rows_that_exist_and_stores_dates(make_records):
    event, article = make_records.event(), make_records.article()
    row = (article.pk, 0, 4, "fire", 0, 10, 0.9, event.pk, dt.date(2023, 3, 13), 4, None)

    store.rows.rows_insert(EventMention, store.evidence.EVENT_MENTION_FIELDS, [row])
    store.rows.rows_insert(EventMention, store.evidence.EVENT_MENTION_FIELDS, [row])

    (mention,) = EventMention.objects.filter(event=event)
    assert (mention.text, mention.reported_date, mention.reported_fatalities) == (
        "fire",
        dt.date(2023, 3, 13),
        4,
    )


def _mention_row(article, event, start: int) -> tuple:
    return (article.pk, start, start + 4, "fire", 0, 10, 0.9, event.pk, None, None, None)


def test_inserts_deferred_sends_the_rows_when_the_block_ends(make_records):
    event, article = make_records.event(), make_records.article()

    with store.inserts_deferred():
        store.rows.rows_insert(
            EventMention, store.evidence.EVENT_MENTION_FIELDS, [_mention_row(article, event, 0)]
        )
        with store.inserts_deferred():  # an inner block is the outer one's
            store.rows.rows_insert(
                EventMention, store.evidence.EVENT_MENTION_FIELDS, [_mention_row(article, event, 5)]
            )
        held = EventMention.objects.filter(event=event).count()

    assert held == 0
    assert sorted(EventMention.objects.filter(event=event).values_list("start", flat=True)) == [
        0,
        5,
    ]


def test_inserts_deferred_sends_nothing_when_the_block_fails(make_records):
    event, article = make_records.event(), make_records.article()

    def failing_store():
        with store.inserts_deferred():
            store.rows.rows_insert(
                EventMention, store.evidence.EVENT_MENTION_FIELDS, [_mention_row(article, event, 0)]
            )
            raise ValueError("the article's store failed")

    with pytest.raises(ValueError, match="store failed"):
        failing_store()
    store.rows.rows_insert(  # and the next statement is not held
        EventMention, store.evidence.EVENT_MENTION_FIELDS, [_mention_row(article, event, 5)]
    )

    assert list(EventMention.objects.filter(event=event).values_list("start", flat=True)) == [5]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one statement per call")
def test_inserts_deferred_are_one_round_trip_on_postgresql(make_records):
    event, article = make_records.event(), make_records.article()
    place = make_records.place("Gdansk")

    with CaptureQueriesContext(connection) as queries, store.inserts_deferred():
        store.rows.rows_insert(
            EventMention, store.evidence.EVENT_MENTION_FIELDS, [_mention_row(article, event, 0)]
        )
        store.rows.rows_insert(Event.places.through, ("event", "place"), [(event.pk, place.pk)])

    assert len(queries) == 1
    assert EventMention.objects.filter(event=event).exists()
    assert list(event.places.all()) == [place]


def test_created_records_keep_the_values_their_fields_convert(make_records):
    """Values sent as they are (strings, numbers) and values the fields convert (dates,
    JSON, choices) come back as given."""
    event = Event(
        title="Shelling of a market",
        event_type=make_records.event().event_type,
        start_date=dt.date(2023, 3, 13),
        fatalities=4,
        confidence=0.75,
        conflicts=[{"field": "fatalities", "values": [3, 4]}],
        review_status=ReviewStatus.PENDING,
    )

    store.rows.instances_created(Event, [event])

    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.start_date, stored.fatalities, stored.confidence) == (
        "Shelling of a market",
        dt.date(2023, 3, 13),
        4,
        0.75,
    )
    assert stored.conflicts == [{"field": "fatalities", "values": [3, 4]}]
    assert stored.review_status == ReviewStatus.PENDING
    assert stored.created_at is not None
    assert stored.updated_at is not None


def test_resolving_a_known_actor_again_sends_none_of_its_keys_and_spellings(db):
    extracted = ExtractedActor(
        key="a1", name="Anna Kowalczyk", kind="person", mentions=(), aliases=("A. Kowalczyk",)
    )
    (actor,) = store.actors_resolve(extracted_actors=[extracted], place_ids=[frozenset()])
    keys, aliases = actor.keys.count(), actor.aliases.count()

    with CaptureQueriesContext(connection) as queries:
        (resolved,) = store.actors_resolve(extracted_actors=[extracted], place_ids=[frozenset()])

    assert resolved == actor
    assert (keys, aliases) == (actor.keys.count(), actor.aliases.count()) != (0, 0)
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert not [sql for sql in inserts if "events_actorkey" in sql or "events_actoralias" in sql]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="planner statistics are PostgreSQL's (SQLite plans without them)",
)
def test_statistics_refresh_analyses_the_tables_candidate_lookups_read():
    def times_analysed() -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT relname, analyze_count FROM pg_stat_user_tables"
                " WHERE relname IN ('events_event', 'events_actorkey')"
            )
            return dict(cursor.fetchall())

    before = times_analysed()
    store.statistics_refresh()
    assert times_analysed() == {table: count + 1 for table, count in before.items()}


def test_places_resolve_creates_containers_first_and_follows_editors_decisions():
    from events.extraction.types import GazetteerEntry

    country = GazetteerEntry(geonames_id=1, name="Freedonia", kind="country", country_code="FD")
    region = GazetteerEntry(
        geonames_id=2, name="North", kind="region", country_code="FD", parent_geonames_id=1
    )
    town = GazetteerEntry(
        geonames_id=3, name="Harbor", kind="city", country_code="FD", parent_geonames_id=2
    )
    village = GazetteerEntry(
        geonames_id=4, name="Hill", kind="city", country_code="FD", parent_geonames_id=2
    )
    gazetteer = {entry.geonames_id: entry for entry in (country, region, town, village)}
    created = collections.Counter()

    resolved = store.places_resolve(entries=[town], gazetteer=gazetteer, created=created)

    assert created["places"] == 3
    harbor = Place.objects.get(geonames_id=3)
    assert harbor.parent.geonames_id == 2
    assert harbor.parent.parent.geonames_id == 1
    assert resolved[3].pk == harbor.pk
    assert resolved[3].parent_id == harbor.parent_id
    assert resolved[3].name == "Harbor"

    # An editor merges the town into another place and rejects the region.
    target = Place.objects.create(name="Harbour", kind="city", country_code="FD")
    Place.objects.filter(pk=harbor.pk).update(merged_into=target)
    Place.objects.filter(geonames_id=2).update(review_status=ReviewStatus.REJECTED)

    again = store.places_resolve(entries=[town, village], gazetteer=gazetteer)

    assert again[3].pk == target.pk
    assert again[2] is None
    assert again[1].pk == Place.objects.get(geonames_id=1).pk
    hill = Place.objects.get(geonames_id=4)
    assert again[4].pk == hill.pk
    assert hill.parent.geonames_id == 2
    assert Place.objects.count() == 5


def _merge_report(event, report) -> None:
    profile = clustering.EventProfile(
        event_type=report.event_type,
        start_date=report.start_date,
        date_precision=report.date_precision,
    )
    store.events._report_merge(event, profile, report, profile)


def test_a_merged_report_with_a_finer_date_redates_the_event(make_records):
    event = make_records.event("undated", start_date="2023-03-20", date_precision="week")
    _merge_report(event, _report(event.event_type.code, "2023-03-19"))
    assert (str(event.start_date), event.date_precision) == ("2023-03-19", "day")


@pytest.mark.parametrize(
    ("event_precision", "report_precision"), [("day", "day"), ("day", "week"), ("week", "month")]
)
def test_a_merged_report_no_finer_dated_leaves_the_date(
    make_records, event_precision, report_precision
):
    event = make_records.event("dated", start_date="2023-03-20", date_precision=event_precision)
    _merge_report(event, _report(event.event_type.code, "2023-03-18", report_precision))
    assert (str(event.start_date), event.date_precision) == ("2023-03-20", event_precision)


def test_an_editors_date_is_kept_when_a_finer_report_merges(make_records):
    event = make_records.event("kept", start_date="2023-03-20", date_precision="week")
    event.curated_fields = ["start_date"]
    _merge_report(event, _report(event.event_type.code, "2023-03-19"))
    assert str(event.start_date) == "2023-03-20"
