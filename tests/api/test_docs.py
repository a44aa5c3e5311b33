"""The OpenAPI schema is a tested artefact, and its docs page is served offline."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_or_errors(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=StringIO()
    )
    schema = target.read_text()
    assert "/api/events/" in schema
    assert "/api/deletions/" in schema


def test_schema_documents_filters_expansion_and_exports(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    events = schema["paths"]["/api/events/"]["get"]
    parameters = {parameter["name"] for parameter in events["parameters"]}
    assert {"start_date__gte", "place", "has_fatalities", "expand", "format", "search"} <= (
        parameters
    )
    assert {"updated_since", "ordering"} <= parameters
    assert set(events["responses"]["200"]["content"]) == {
        "application/json",
        "text/csv",
        "application/geo+json",
    }


def test_docs_page_loads_nothing_from_a_cdn(api_client):
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert re.findall(r"""(?:src|href)=["']?(https?:)?//""", page) == []
    # "cdn" as a word or host part; a random nonce in the page may hold the letters
    assert re.findall(r"\bcdn", page, flags=re.IGNORECASE) == []


def test_schema_documents_each_error_answer_and_its_parameters_limits(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    patch = schema["paths"]["/api/events/{id}/"]["patch"]
    assert {"200", "400", "401", "403", "404", "429"} <= set(patch["responses"])
    listing = schema["paths"]["/api/events/"]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in listing["parameters"]}
    assert parameters["page"]["minimum"] == 1
    assert parameters["place"]["minimum"] == 1
    assert "shelling" in parameters["event_type"]["enum"]
    assert "-start_date" in parameters["ordering"]["items"]["enum"]
    assert {} in listing["security"]  # reading needs no account


def test_an_expanded_speaker_matches_one_branch_of_its_schema_only(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    assert schema["components"]["schemas"]["Speaker"]["additionalProperties"] is False


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/events/1.5/"), ("post", "/api/events/x/merge/"), ("delete", "/api/nothing/")],
)
def test_an_address_no_route_has_is_a_json_404(api_client, method, path):
    response = getattr(api_client, method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_method_an_operation_lacks_is_405_even_with_an_export_format(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.generic("TRACE", "/api/events/?format=csv")
    assert response.status_code == 405
