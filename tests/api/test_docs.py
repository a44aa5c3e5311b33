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
    assert "cdn" not in page.lower()
