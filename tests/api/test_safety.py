"""Safety: bad parameters answered with 400, anonymous throttling, CORS, page-size cap."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/events/", {"start_date__gte": "2024-13-45"}),
        ("/api/events/", {"place": "kharkiv"}),
        ("/api/events/", {"actor": "1.5"}),
        ("/api/events/", {"article": "99999999999999999999999"}),
        ("/api/events/", {"min_confidence": "high"}),
        ("/api/events/", {"has_fatalities": "maybe"}),
        ("/api/events/", {"review_status": "perhaps"}),
        ("/api/events/", {"ordering": "secret_field"}),
        ("/api/events/", {"ordering": "-start_date,nope"}),
        ("/api/events/", {"expand": "everything"}),
        ("/api/events/", {"format": "pdf"}),
        ("/api/events/", {"updated_since": "yesterday"}),
        ("/api/events/", {"page": "two"}),
        ("/api/events/", {"page_size": "-3"}),
        ("/api/quotes/", {"speaker": "abc"}),
        ("/api/quotes/", {"is_marked": "sometimes"}),
        ("/api/quotes/", {"said_on__lte": "soon"}),
        ("/api/places/", {"within": "0"}),
        ("/api/articles/", {"published_on__gte": "2024-02-30"}),
        ("/api/deletions/", {"since": "2024-99-01T00:00"}),
        ("/api/deletions/", {"since": "0001-01-01T00:00:00+05:00"}),
    ],
)
def test_bad_parameters_get_400_with_a_message(api_client, path, query):
    response = api_client.get(path, query)
    assert response.status_code == 400
    (name,) = query
    assert name in response.json()
    assert response.json()[name]


def test_page_size_is_capped(api_client, make_article):
    for _ in range(3):
        make_article()
    response = api_client.get("/api/articles/", {"page_size": 100000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_anonymous_clients_are_throttled(api_client, settings):
    settings.EVENTDESK_ANON_THROTTLE_RATE = "2/minute"
    cache.clear()
    try:
        assert api_client.get("/api/articles/").status_code == 200
        assert api_client.get("/api/articles/").status_code == 200
        refused = api_client.get("/api/articles/")
        assert refused.status_code == 429
        assert "Retry-After" in refused
    finally:
        cache.clear()


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(api_client, settings):
    settings.EVENTDESK_ANON_THROTTLE_RATE = "2/minute"
    cache.clear()
    try:
        answers = [
            api_client.get("/api/articles/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
            for n in range(4)
        ]
        assert answers == [200, 200, 429, 429]
    finally:
        cache.clear()


def test_behind_a_configured_proxy_the_address_it_saw_is_the_client(api_client, settings):
    settings.EVENTDESK_ANON_THROTTLE_RATE = "1/minute"
    settings.NUM_PROXIES = 1
    cache.clear()
    try:
        first = api_client.get("/api/articles/", HTTP_X_FORWARDED_FOR="198.51.100.1")
        other = api_client.get("/api/articles/", HTTP_X_FORWARDED_FOR="198.51.100.2")
        # What the client wrote itself (left of our proxy's entry) is not trusted.
        forged = api_client.get("/api/articles/", HTTP_X_FORWARDED_FOR="192.0.2.77, 198.51.100.1")
        assert (first.status_code, other.status_code, forged.status_code) == (200, 200, 429)
    finally:
        cache.clear()


def test_exports_have_a_budget_of_their_own(api_client, settings, viewer):
    settings.EVENTDESK_EXPORT_THROTTLE_RATE = "2/minute"
    cache.clear()
    try:
        exports = [api_client.get("/api/events/", {"format": "csv"}) for _ in range(3)]
        assert [response.status_code for response in exports] == [200, 200, 429]
        assert "Retry-After" in exports[-1]
        assert api_client.get("/api/events/").status_code == 200  # pages are not exports
        # Signed-in users have their own budget, not the anonymous address's.
        api_client.force_authenticate(viewer)
        assert api_client.get("/api/quotes/", {"format": "csv"}).status_code == 200
    finally:
        cache.clear()


def test_signed_in_users_are_not_throttled_as_anonymous(api_client, settings, viewer):
    settings.EVENTDESK_ANON_THROTTLE_RATE = "1/minute"
    cache.clear()
    api_client.force_authenticate(viewer)
    try:
        assert [api_client.get("/api/articles/").status_code for _ in range(3)] == [200] * 3
    finally:
        cache.clear()


def test_cors_allows_only_configured_origins(api_client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://map.example.org"]
    allowed = api_client.get("/api/events/", HTTP_ORIGIN="https://map.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://map.example.org"
    other = api_client.get("/api/events/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other


def test_no_origin_is_allowed_by_default(api_client):
    response = api_client.get("/api/events/", HTTP_ORIGIN="https://map.example.org")
    assert "Access-Control-Allow-Origin" not in response
