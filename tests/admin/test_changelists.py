"""Change lists: review-queue filters, the index's pending counts, and constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.admin.base import EstimatedCountPaginator
from events.models import Event

pytestmark = pytest.mark.django_db

EVENT_LIST = reverse("admin:events_event_changelist")


def listed(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return sorted(str(record) for record in response.context["cl"].result_list)


def test_index_counts_pending_records_per_model(editor_client, make_records):
    make_records.event(title="Pending one")
    make_records.event(title="Pending two")
    make_records.event(title="Done", review_status="approved")
    make_records.actor()

    page = editor_client.get(reverse("admin:index")).content.decode()

    assert "Review queue" in page
    assert '<strong class="pending-count">2</strong> pending' in page  # events
    assert f"{EVENT_LIST}?review_status__exact=pending" in page
    assert "Site administration" in page  # the default index is still there


def test_filters_by_status_confidence_and_dates(editor_client, make_records):
    make_records.event(title="Low", confidence=0.2, start_date="2023-01-05")
    make_records.event(title="High", confidence=0.9, review_status="approved")

    assert listed(editor_client, EVENT_LIST + "?review_status__exact=approved") == ["High"]
    assert listed(editor_client, EVENT_LIST + "?confidence_band=low") == ["Low"]
    assert listed(editor_client, EVENT_LIST + "?starts_until=2023-02-01") == ["Low"]
    assert listed(editor_client, EVENT_LIST + "?starts_from=2023-02-01") == ["High"]


def test_filters_by_place_actor_and_article_take_an_id_or_a_name(editor_client, make_records):
    gdansk, kyiv = make_records.place("Gdansk"), make_records.place("Kyiv")
    anna = make_records.actor("Anna Kowalczyk")
    article = make_records.article(title="Fire report")
    fire, war = make_records.event(title="Fire"), make_records.event(title="War")
    fire.places.add(gdansk)
    war.places.add(kyiv)
    make_records.participant(fire, anna)
    make_records.event_mention(war, article)

    assert listed(editor_client, f"{EVENT_LIST}?place={gdansk.pk}") == ["Fire"]
    assert listed(editor_client, f"{EVENT_LIST}?place=kyi") == ["War"]
    assert listed(editor_client, f"{EVENT_LIST}?actor=kowalczyk") == ["Fire"]
    assert listed(editor_client, f"{EVENT_LIST}?article={article.pk}") == ["War"]
    page = editor_client.get(f"{EVENT_LIST}?place={gdansk.pk}&confidence_band=medium")
    html = page.content.decode()
    assert "<strong>Gdansk</strong>" in html  # the chosen place, named
    assert 'type="hidden" name="confidence_band" value="medium"' in html  # other filters kept


def test_merged_records_are_hidden_unless_asked_for(editor_client, make_records):
    kept = make_records.actor("Kept Person")
    make_records.actor("Gone Person", merged_into=kept)
    url = reverse("admin:events_actor_changelist")
    assert listed(editor_client, url) == ["Kept Person"]
    assert listed(editor_client, url + "?merged=yes") == ["Gone Person"]
    assert listed(editor_client, url + "?merged=any") == ["Gone Person", "Kept Person"]


def test_autocomplete_offers_only_live_records(editor_client, make_records):
    kept = make_records.actor("Anna Kowalczyk")
    make_records.actor("Anna K.", merged_into=kept)
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Anna", "app_label": "events", "model_name": "quote", "field_name": "speaker"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["Anna Kowalczyk"]


def _query_count(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _events_with_evidence(make_records, count: int) -> None:
    place, actor = make_records.place(), make_records.actor()
    for n in range(count):
        event = make_records.event(title=f"Event {n}", conflicts=["fatalities: 1 vs 2"])
        event.places.add(place)
        make_records.participant(event, actor)
        make_records.event_mention(event, make_records.article())


@pytest.mark.parametrize(
    ("model", "make_rows"),
    [
        ("event", _events_with_evidence),
        ("actor", lambda records, n: [records.actor(f"Person {i}") for i in range(n)]),
        ("place", lambda records, n: [records.place(f"Town {i}") for i in range(n)]),
        (
            "quote",
            lambda records, n: [
                records.quote(records.article(), speaker=records.actor(f"Speaker {i}"))
                for i in range(n)
            ],
        ),
        ("article", lambda records, n: [records.article() for _ in range(n)]),
    ],
)
def test_change_list_query_count_does_not_grow_with_rows(
    admin_client, make_records, model, make_rows
):
    url = reverse(f"admin:events_{model}_changelist")
    make_rows(make_records, 5)
    with_five = _query_count(admin_client, url)
    make_rows(make_records, 45)
    assert _query_count(admin_client, url) == with_five


@pytest.mark.parametrize("model", ["event", "actor", "place"])
def test_change_page_query_count_does_not_grow_with_mentions(admin_client, make_records, model):
    record = {
        "event": make_records.event,
        "actor": make_records.actor,
        "place": make_records.place,
    }[model]()

    def add_mentions(count):
        for _ in range(count):
            article = make_records.article()
            if model == "event":
                make_records.event_mention(record, article)
            elif model == "actor":
                make_records.actor_mention(record, article, word="Anna Kowalczyk")
            else:
                make_records.place_mention(record, article, word="Gdansk")

    url = reverse(f"admin:events_{model}_change", args=[record.pk])
    add_mentions(3)
    with_three = _query_count(admin_client, url)
    add_mentions(27)
    assert _query_count(admin_client, url) == with_three


def test_article_page_query_count_does_not_grow_with_mentions(admin_client, make_records):
    body = "Anna Kowalczyk visited Gdansk. " * 30
    article = make_records.article(body=body)
    url = reverse("admin:events_article_change", args=[article.pk])

    def add(count, offset):
        for n in range(offset, offset + count):
            start = n * 31
            actor = make_records.actor(f"Person {n}")
            actor.mentions.create(
                article=article, start=start, end=start + 14, text="Anna Kowalczyk"
            )
            event = make_records.event(title=f"Visit {n}")
            event.mentions.create(article=article, start=start, end=start + 30, text="x")

    add(3, 0)
    with_three = _query_count(admin_client, url)
    add(27, 3)
    assert _query_count(admin_client, url) == with_three


def test_estimated_paginator_counts_exactly_on_small_tables(make_records):
    for n in range(3):
        make_records.event(title=f"E{n}")
    paginator = EstimatedCountPaginator(Event.objects.filter(confidence__gte=0), 2)
    assert paginator.count == 3
    assert paginator.num_pages == 2


def test_the_map_page_makes_the_same_queries_for_many_events_as_for_few(
    editor_client, make_records
):
    place = make_records.place("Harbourtown", latitude=54.3, longitude=18.6)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(f"{EVENT_LIST}map/").status_code == 200
        return len(captured)

    make_records.event(title="First").places.add(place)
    few = queries()
    for number in range(20):
        make_records.event(title=f"Event {number}").places.add(place)
    assert queries() == few
