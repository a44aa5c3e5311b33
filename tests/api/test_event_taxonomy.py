"""The taxonomy's upper level, CAMEO code and counted figures, served by the API and CSV."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_an_event_serves_its_family_cameo_code_and_count(api_client, make_event):
    make_event(event_type="deployment", affected=3000)
    [served] = api_client.get("/api/events/").json()["results"]
    assert served["event_type"] == "deployment"
    assert served["event_family"] == "mobilize"
    assert served["cameo_root_code"] == "15"
    assert served["acled_event_type"] == "Strategic developments"
    assert served["affected"] == 3000


def test_the_csv_carries_the_family_and_cameo_code(api_client, make_event):
    make_event(event_type="phone_call")
    response = api_client.get("/api/events/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["eventdesk_event_type"], row["event_family"], row["cameo_root_code"]) == (
        "phone_call",
        "consult",
        "04",
    )


def test_a_disaster_is_no_acled_event_and_has_no_cameo_code(api_client, make_event):
    make_event(event_type="earthquake")
    [served] = api_client.get("/api/events/").json()["results"]
    assert (served["event_family"], served["cameo_root_code"]) == ("disaster", "")
