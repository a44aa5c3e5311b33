"""``?expand=`` nests related records, and no list's query count grows with its page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Actor, ActorAlias, Place, PlaceAlias, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_records(make_event, make_article, geography):
    """Make 120 of each kind of record, every one with relations to fetch."""
    actor = Actor.objects.create(name="Anna Nowak")
    ActorAlias.objects.create(actor=actor, name="Nowak", normalized="nowak")
    PlaceAlias.objects.create(place=geography["kharkiv"], name="Charkow", normalized="charkow")
    for number in range(120):
        article = make_article()
        make_event(
            title=f"Event {number}",
            places=[geography["kharkiv"], geography["oblast"]],
            participants={actor: "initiator"},
            articles=[article],
        )
        Quote.objects.create(text=f"Words {number}", speaker=actor, article=article, start=0, end=5)
        other = Actor.objects.create(name=f"Actor {number}")
        ActorAlias.objects.create(actor=other, name=f"A{number}", normalized=f"a{number}")
        place = Place.objects.create(name=f"Village {number}", parent=geography["oblast"])
        PlaceAlias.objects.create(place=place, name=f"V{number}", normalized=f"v{number}")
    return {"actor": actor}


def query_count(client, path: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == params["page_size"]
    return len(queries)


@pytest.mark.parametrize(
    ("path", "expand"),
    [
        ("/api/events/", ""),
        ("/api/events/", "places,actors,articles"),
        ("/api/quotes/", ""),
        ("/api/quotes/", "speaker,article"),
        ("/api/articles/", ""),
        ("/api/actors/", ""),
        ("/api/places/", ""),
    ],
)
def test_query_count_is_the_same_for_page_sizes_10_and_100(
    api_client, many_records, django_assert_num_queries, path, expand
):
    params = {"expand": expand} if expand else {}
    small = query_count(api_client, path, params | {"page_size": 10})
    with django_assert_num_queries(small):
        large = api_client.get(path, params | {"page_size": 100})
    assert len(large.json()["results"]) == 100


def test_expanded_events_nest_places_actors_and_articles(api_client, many_records):
    plain = api_client.get("/api/events/", {"page_size": 1}).json()["results"][0]
    expanded = api_client.get(
        "/api/events/", {"page_size": 1, "expand": "places,actors,articles"}
    ).json()["results"][0]
    assert [place["id"] for place in expanded["places"]] == plain["places"]
    assert {"Kharkiv", "Kharkiv Oblast"} == {place["name"] for place in expanded["places"]}
    kharkiv = next(place for place in expanded["places"] if place["name"] == "Kharkiv")
    assert kharkiv["aliases"] == ["Charkow"]
    assert expanded["actors"][0]["name"] == "Anna Nowak"
    assert expanded["actors"][0]["aliases"] == ["Nowak"]
    assert [article["id"] for article in expanded["articles"]] == plain["articles"]
    assert "body" not in expanded["articles"][0]
    assert expanded["articles"][0]["title"].startswith("Article")


def test_expanded_quotes_nest_speaker_and_article(api_client, many_records):
    quote = api_client.get("/api/quotes/", {"page_size": 1, "expand": "speaker,article"})
    nested = quote.json()["results"][0]
    assert nested["speaker"]["aliases"] == ["Nowak"]
    assert nested["article"]["outlet"] == "Example Post"


def test_detail_pages_expand_too(api_client, many_records):
    event_id = api_client.get("/api/events/", {"page_size": 1}).json()["results"][0]["id"]
    event = api_client.get(f"/api/events/{event_id}/", {"expand": "actors"}).json()
    assert event["actors"][0]["name"] == "Anna Nowak"


@pytest.mark.parametrize(
    ("path", "expand"),
    [("/api/events/", "places,speaker"), ("/api/quotes/", "places"), ("/api/actors/", "events")],
)
def test_unknown_expansions_are_refused_with_a_message(api_client, path, expand):
    response = api_client.get(path, {"expand": expand})
    assert response.status_code == 400
    assert "Cannot expand" in response.json()["expand"][0]
