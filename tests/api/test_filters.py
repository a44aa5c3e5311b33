"""List filters, ordering and search: what a client can narrow a list down to."""

from __future__ import annotations

import datetime as dt

import pytest

from events.models import Actor, ActorKey, Quote

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["results"]]


def test_an_unknown_event_type_code_is_refused_naming_the_valid_ones(api_client, make_event):
    shelling = make_event(event_type="shelling")
    response = api_client.get("/api/events/", {"event_type": "no-such-type"})
    assert response.status_code == 400
    message = response.json()["event_type"][0]
    assert "no-such-type" in message
    assert shelling.event_type.code in message


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("/api/actors/", "kind"), ("/api/events/", "review_status"), ("/api/events/", "actor_role")],
)
def test_an_unknown_choice_is_refused_naming_the_valid_ones(api_client, path, parameter):
    response = api_client.get(path, {parameter: "no-such-choice"})
    assert response.status_code == 400
    message = response.json()[parameter][0]
    assert "no-such-choice" in message
    assert "use one of:" in message


def test_events_are_filtered_by_date_range(api_client, make_event):
    april = make_event(start_date=dt.date(2024, 4, 30))
    may = make_event(start_date=dt.date(2024, 5, 15))
    make_event(start_date=dt.date(2024, 6, 1))
    response = api_client.get(
        "/api/events/", {"start_date__gte": "2024-04-30", "start_date__lte": "2024-05-31"}
    )
    assert sorted(ids(response)) == sorted([april.pk, may.pk])


def test_a_category_code_matches_its_sub_types(api_client, make_event):
    shelling = make_event(event_type="shelling")
    make_event(event_type="aid_package")
    assert ids(api_client.get("/api/events/", {"event_type": "assault"})) == [shelling.pk]
    assert ids(api_client.get("/api/events/", {"event_type": "shelling"})) == [shelling.pk]


def test_a_country_finds_events_in_its_regions_and_cities(api_client, make_event, geography):
    in_city = make_event(places=[geography["kharkiv"]], start_date=dt.date(2024, 5, 3))
    in_region = make_event(places=[geography["oblast"]], start_date=dt.date(2024, 5, 2))
    make_event(places=[geography["gdansk"]])
    response = api_client.get("/api/events/", {"place": geography["ukraine"].pk})
    assert ids(response) == [in_city.pk, in_region.pk]
    assert ids(api_client.get("/api/events/", {"place": geography["kharkiv"].pk})) == [in_city.pk]


def test_places_within_a_country_include_every_level(api_client, geography):
    response = api_client.get("/api/places/", {"within": geography["ukraine"].pk})
    assert {place["name"] for place in response.json()["results"]} == {
        "Ukraine",
        "Kharkiv Oblast",
        "Kharkiv",
    }


def test_events_are_filtered_by_actor_article_status_confidence_and_fatalities(
    api_client, make_event, make_article
):
    actor = Actor.objects.create(name="Anna Nowak")
    article = make_article()
    deadly = make_event(
        participants={actor: "initiator"},
        articles=[article],
        fatalities=3,
        confidence=0.9,
        review_status="approved",
    )
    harmless = make_event(fatalities=0, confidence=0.2)
    unknown = make_event(fatalities=None, confidence=0.5)
    assert ids(api_client.get("/api/events/", {"actor": actor.pk})) == [deadly.pk]
    assert ids(api_client.get("/api/events/", {"article": article.pk})) == [deadly.pk]
    assert ids(api_client.get("/api/events/", {"review_status": "approved"})) == [deadly.pk]
    assert ids(api_client.get("/api/events/", {"min_confidence": "0.8"})) == [deadly.pk]
    assert ids(api_client.get("/api/events/", {"has_fatalities": "true"})) == [deadly.pk]
    assert sorted(ids(api_client.get("/api/events/", {"has_fatalities": "false"}))) == sorted(
        [harmless.pk, unknown.pk]
    )


def test_quotes_are_filtered_by_speaker_article_and_date(api_client, make_article):
    speaker = Actor.objects.create(name="Anna Nowak")
    article = make_article()
    said = Quote.objects.create(
        text="We will rebuild",
        speaker=speaker,
        article=article,
        start=0,
        end=5,
        said_on=dt.date(2024, 5, 2),
    )
    Quote.objects.create(text="Other words", article=make_article(), start=0, end=5)
    assert ids(api_client.get("/api/quotes/", {"speaker": speaker.pk})) == [said.pk]
    assert ids(api_client.get("/api/quotes/", {"article": article.pk})) == [said.pk]
    dates = {"said_on__gte": "2024-05-01", "said_on__lte": "2024-05-31"}
    assert ids(api_client.get("/api/quotes/", dates)) == [said.pk]


def test_actor_names_match_across_transliterations(api_client):
    haidai = Actor.objects.create(name="Oleksandr Haidai")
    ActorKey.objects.bulk_create(
        [ActorKey(actor=haidai, key=key) for key in ("full:oleksandr haidai", "sur:haidai")]
    )
    Actor.objects.create(name="Anna Nowak")
    assert ids(api_client.get("/api/actors/", {"name": "Gaidai"})) == [haidai.pk]
    assert ids(api_client.get("/api/actors/", {"name": "Oleksandr Gaidai"})) == [haidai.pk]
    assert ids(api_client.get("/api/actors/", {"name": "Petro Gaidai"})) == []


def test_actors_and_places_are_filtered_by_kind_and_country(api_client, geography):
    Actor.objects.create(name="Ministry", kind="organization", country_code="UA")
    Actor.objects.create(name="Anna Nowak", kind="person", country_code="PL")
    response = api_client.get("/api/actors/", {"kind": "organization", "country": "ua"})
    assert [actor["name"] for actor in response.json()["results"]] == ["Ministry"]
    response = api_client.get("/api/places/", {"kind": "city", "country": "PL"})
    assert [place["name"] for place in response.json()["results"]] == ["Gdansk"]


def test_articles_are_filtered_by_date_and_outlet(api_client, make_article):
    wanted = make_article(outlet="Kyiv Independent", published_on=dt.date(2024, 5, 2))
    make_article(outlet="Kyiv Independent", published_on=dt.date(2024, 7, 1))
    make_article(outlet="Example Post", published_on=dt.date(2024, 5, 2))
    query = {"outlet": "Kyiv Independent", "published_on__lte": "2024-06-01"}
    assert ids(api_client.get("/api/articles/", query)) == [wanted.pk]


def test_lists_are_ordered_by_dates_and_names(api_client, make_event):
    first = make_event(title="Alpha", start_date=dt.date(2024, 1, 1))
    second = make_event(title="Beta", start_date=dt.date(2024, 2, 1))
    assert ids(api_client.get("/api/events/", {"ordering": "start_date"})) == [first.pk, second.pk]
    assert ids(api_client.get("/api/events/", {"ordering": "-title"})) == [second.pk, first.pk]


def test_search_finds_words_in_titles_bodies_and_quotes(api_client, make_article, make_event):
    article = make_article(title="Port blaze", body="Firefighters evacuated the warehouse.")
    make_article(title="Election", body="Votes were counted.")
    Quote.objects.create(text="We evacuated forty workers", article=article, start=0, end=5)
    event = make_event(title="Warehouse fire in Gdansk")
    make_event(title="Shelling of Kharkiv")
    assert ids(api_client.get("/api/articles/", {"search": "evacuated"})) == [article.pk]
    assert len(ids(api_client.get("/api/quotes/", {"search": "evacuated"}))) == 1
    assert ids(api_client.get("/api/events/", {"search": "warehouse"})) == [event.pk]


def test_updated_since_returns_only_recent_changes(api_client, make_event):
    old = make_event(title="Old")
    recent = make_event(title="Recent")
    type(old).objects.filter(pk=old.pk).update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    for path in ("/api/events/", "/api/articles/", "/api/actors/", "/api/places/", "/api/quotes/"):
        assert api_client.get(path, {"updated_since": "2021-01-01T00:00:00Z"}).status_code == 200
    response = api_client.get("/api/events/", {"updated_since": "2021-01-01T00:00:00Z"})
    assert ids(response) == [recent.pk]


@pytest.mark.parametrize(
    "query",
    ["kind=", "review_status=", "parent=", "updated_since=", "ordering="],
)
def test_a_parameter_given_empty_is_refused_not_ignored(api_client, query):
    response = api_client.get(f"/api/places/?{query}")
    assert response.status_code == 400, response.content
    assert query.rstrip("=") in response.json()


def test_an_id_no_record_has_matches_nothing_rather_than_failing(api_client, geography):
    assert ids(api_client.get("/api/places/", {"parent": 999_999})) == []
    assert ids(api_client.get("/api/quotes/", {"speaker": 999_999})) == []
