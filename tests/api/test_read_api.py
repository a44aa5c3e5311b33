"""The read contract: paths, pagination shape and field names tools rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from events.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
    PlaceAlias,
    Quote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def records():
    article = Article.objects.create(
        title="Blaze in the port",
        body="Firefighters battled a blaze in Gdansk, Anna Nowak said.",
        raw_text="raw",
        outlet="Example Post",
        published_on=dt.date(2023, 3, 14),
        date_source="dateline",
        source_file="blaze.txt",
        content_hash="a" * 64,
    )
    actor = Actor.objects.create(name="Anna Nowak", kind="person", role="Governor")
    ActorAlias.objects.create(actor=actor, name="Nowak", normalized="nowak")
    place = Place.objects.create(
        name="Gdansk", kind="city", country_code="PL", latitude=54.35, longitude=18.65
    )
    PlaceAlias.objects.create(place=place, name="Danzig", normalized="danzig")
    quote = Quote.objects.create(
        text="We evacuated forty workers",
        speaker=actor,
        speaker_name="Nowak",
        article=article,
        start=0,
        end=10,
        is_marked=True,
    )
    event = Event.objects.create(
        title="Warehouse fire in Gdansk",
        event_type=EventType.objects.get(code="attack_on_civilians"),
        start_date=dt.date(2023, 3, 13),
        date_precision="day",
        fatalities=0,
    )
    event.places.add(place)
    EventActor.objects.create(event=event, actor=actor, role="other")
    EventMention.objects.create(event=event, article=article, start=0, end=20, text="x")
    return {"article": article, "actor": actor, "place": place, "quote": quote, "event": event}


CONTRACT = {
    "articles": {"id", "title", "outlet", "published_on", "date_source", "source_file", "body"},
    "actors": {"id", "name", "kind", "role", "aliases"},
    "places": {"id", "name", "kind", "country_code", "latitude", "longitude", "aliases"},
    "quotes": {"id", "text", "speaker", "speaker_name", "article", "is_marked"},
    "events": {
        "id",
        "title",
        "event_type",
        "start_date",
        "end_date",
        "date_precision",
        "places",
        "actors",
        "articles",
        "fatalities",
    },
}


@pytest.mark.parametrize("name", CONTRACT)
def test_lists_are_paginated_with_contract_fields(client, records, name):
    response = client.get(f"/api/{name}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert CONTRACT[name] <= set(body["results"][0])


@pytest.mark.parametrize("name", CONTRACT)
def test_details_are_served_by_id(client, records, name):
    record = records[name.rstrip("s")]
    response = client.get(f"/api/{name}/{record.pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == record.pk


def test_references_have_the_documented_shapes(client, records):
    quote = client.get(f"/api/quotes/{records['quote'].pk}/").json()
    assert quote["speaker"] == {"id": records["actor"].pk, "name": "Anna Nowak"}
    assert quote["article"] == records["article"].pk
    event = client.get(f"/api/events/{records['event'].pk}/").json()
    assert event["places"] == [records["place"].pk]
    assert event["actors"] == [records["actor"].pk]
    assert event["articles"] == [records["article"].pk]
    assert event["event_type"] == "attack_on_civilians"
    actor = client.get(f"/api/actors/{records['actor'].pk}/").json()
    assert actor["aliases"] == ["Nowak"]


def test_actors_are_found_by_any_alias(client, records):
    assert client.get("/api/actors/", {"name": "nowak"}).json()["count"] == 1
    assert client.get("/api/places/", {"name": "Danzig"}).json()["count"] == 1
    assert client.get("/api/actors/", {"name": "Somebody Else"}).json()["count"] == 0


def test_merged_away_records_are_not_listed(client, records):
    duplicate = Actor.objects.create(name="A. Nowak", merged_into=records["actor"])
    ids = [a["id"] for a in client.get("/api/actors/").json()["results"]]
    assert duplicate.pk not in ids


@override_settings(EVENTDESK_PUBLIC_API=False)
def test_a_setting_closes_the_api_to_anonymous_readers(client, records, django_user_model):
    from django.contrib.auth.models import Group

    assert client.get("/api/events/").status_code == 403
    reader = django_user_model.objects.create_user("reader", password="x" * 12)
    client.force_authenticate(reader)
    assert client.get("/api/events/").status_code == 403  # signed in, with no view permission
    reader.groups.add(Group.objects.get(name="viewers"))
    reader = django_user_model.objects.get(pk=reader.pk)  # permissions are cached per instance
    client.force_authenticate(reader)
    assert client.get("/api/events/").status_code == 200


def test_anonymous_clients_cannot_write(client, records):
    assert client.post("/api/actors/", {"name": "X"}).status_code in (403, 405)


def test_event_list_query_count_does_not_grow_with_page_size(
    client, records, django_assert_max_num_queries
):
    base = records["event"]
    for day in range(1, 30):
        event = Event.objects.create(
            title=f"Event {day}", event_type=base.event_type, start_date=dt.date(2023, 1, day)
        )
        event.places.add(records["place"])
        EventActor.objects.create(event=event, actor=records["actor"], role="initiator")
        EventMention.objects.create(event=event, article=records["article"], start=day, end=day + 1)
    with django_assert_max_num_queries(6):
        small = client.get("/api/events/", {"page_size": 2})
    with django_assert_max_num_queries(6):
        large = client.get("/api/events/", {"page_size": 30})
    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 30


@pytest.mark.parametrize(
    ("serializer_name", "selector_name", "expand"),
    [
        ("EventSerializer", "event_list", ()),
        ("EventSerializer", "event_list", ("places", "actors", "articles")),
        ("QuoteSerializer", "quote_list", ()),
        ("QuoteSerializer", "quote_list", ("speaker", "article")),
        ("ActorSerializer", "actor_list", None),
        ("PlaceSerializer", "place_list", None),
        ("ArticleSerializer", "article_list", None),
    ],
)
def test_the_lean_read_path_renders_what_drf_would(records, serializer_name, selector_name, expand):
    from events import selectors
    from events.api import serializers

    child = Place.objects.create(name="Old Town", kind="site", parent=records["place"])
    Event.objects.create(
        title="Undated", event_type=EventType.objects.get(code="shelling"), start_date=None
    ).places.add(child)
    selector = getattr(selectors, selector_name)
    queryset = selector(expand=expand) if expand is not None else selector()
    serializer = getattr(serializers, serializer_name)(context={"expand": frozenset(expand or ())})
    records = list(queryset)
    assert records
    for record in records:
        assert serializer.to_representation(record) == serializer.drf_representation(record)


def test_a_field_read_through_a_missing_record_is_rendered_as_drf_would(records):
    from rest_framework import serializers as drf

    from events.api.serializers import LeanReadSerializer

    class QuoteWithSpeakerKind(LeanReadSerializer):
        speaker_kind = drf.CharField(source="speaker.kind", read_only=True)

        class Meta:
            model = Quote
            fields = ["id", "speaker_kind"]

    unattributed = Quote.objects.create(
        text="Nobody would say who fired first", article=records["article"], start=0, end=5
    )
    serializer = QuoteWithSpeakerKind()
    for quote in (records["quote"], unattributed):
        assert serializer.to_representation(quote) == serializer.drf_representation(quote)
    assert serializer.to_representation(records["quote"])["speaker_kind"] == "person"
    assert "speaker_kind" not in serializer.to_representation(unattributed)  # as DRF omits it


def test_the_lean_read_path_follows_a_change_of_settings(client, records):
    from django.conf import settings

    assert isinstance(client.get("/api/events/").json()["results"][0]["id"], int)
    as_text = settings.REST_FRAMEWORK | {"COERCE_BIGINT_TO_STRING": True}
    with override_settings(REST_FRAMEWORK=as_text):
        assert client.get("/api/events/").json()["results"][0]["id"] == str(records["event"].pk)
    assert isinstance(client.get("/api/events/").json()["results"][0]["id"], int)
