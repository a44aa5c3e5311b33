"""The opt-in Server-Timing header: the request's own SQL time and query count."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventType

pytestmark = pytest.mark.django_db

SERVER_TIMING = re.compile(
    r'^db;dur=(?P<db>\d+\.\d);desc="(?P<queries>\d+) queries", app;dur=(?P<app>\d+\.\d)$'
)


@pytest.fixture
def two_events():
    violence = EventType.objects.get(code="shelling")
    for title in ("Shelling of a depot", "Shelling of a bridge"):
        Event.objects.create(title=title, event_type=violence)


@override_settings(EVENTDESK_SERVER_TIMING=True)
def test_a_response_says_how_many_queries_it_ran_and_how_long_they_took(two_events):
    with CaptureQueriesContext(connection) as captured:
        response = Client().get("/api/events/", {"expand": "places,actors"})
    assert response.status_code == 200
    timing = SERVER_TIMING.match(response.headers["Server-Timing"])
    assert timing, response.headers["Server-Timing"]
    assert int(timing["queries"]) == len(captured.captured_queries) > 0
    assert float(timing["db"]) <= float(timing["app"])


@override_settings(EVENTDESK_SERVER_TIMING=True)
def test_a_streamed_export_has_no_header_its_sql_would_not_be_counted_in(two_events):
    response = Client().get("/api/events/", {"format": "csv"})
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\r\n") == 3  # header and two rows
    assert "Server-Timing" not in response.headers


def test_responses_say_nothing_of_their_timing_by_default(two_events):
    response = Client().get("/api/events/")
    assert response.status_code == 200
    assert "Server-Timing" not in response.headers
