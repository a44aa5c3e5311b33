"""``EVENTDESK_PUBLIC_READ=approved``: no pending record reaches an anonymous reader, by any path.

Lists, details, nested records, exports and the deletion log follow one rule
(``selectors.visible``); each path is checked here with an approved record beside a
pending one, and a viewer (who may see pending records) as the control.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from events import curation
from events.models import ReviewStatus

pytestmark = pytest.mark.django_db

APPROVED = ReviewStatus.APPROVED


@pytest.fixture(autouse=True)
def _approved_only(settings):
    settings.EVENTDESK_PUBLIC_READ = "approved"


@pytest.fixture
def newsroom(make_records):
    """Return an approved event naming an approved and a pending actor and place."""
    public_actor = make_records.actor("Marta Lis", review_status=APPROVED)
    secret_actor = make_records.actor("Unconfirmed Source")
    public_place = make_records.place(
        "Harbourtown", kind="city", latitude=10.0, longitude=20.0, review_status=APPROVED
    )
    secret_place = make_records.place("Hidden Quay", kind="site", latitude=11.0, longitude=21.0)
    event = make_records.event("Dock strike", review_status=APPROVED)
    event.places.add(public_place, secret_place)
    make_records.participant(event, public_actor, role="initiator")
    make_records.participant(event, secret_actor, role="target")
    article = make_records.article(body="Marta Lis said the docks stay shut, a source said.")
    public_quote = make_records.quote(article, speaker=secret_actor, text="the docks stay shut")
    public_quote.review_status = APPROVED
    public_quote.save()
    return {
        "event": event,
        "public_actor": public_actor,
        "secret_actor": secret_actor,
        "public_place": public_place,
        "secret_place": secret_place,
        "quote": public_quote,
    }


def _read(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def _csv(client, url) -> list[dict]:
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_expanded_actors_and_places_are_only_approved_ones(api_client, newsroom):
    (event,) = _read(api_client, "/api/events/", expand="actors,places")["results"]
    assert [actor["name"] for actor in event["actors"]] == ["Marta Lis"]
    assert [place["name"] for place in event["places"]] == ["Harbourtown"]
    detail = _read(api_client, f"/api/events/{newsroom['event'].pk}/", expand="actors,places")
    assert [actor["name"] for actor in detail["actors"]] == ["Marta Lis"]
    assert [place["name"] for place in detail["places"]] == ["Harbourtown"]


def test_ids_and_participants_name_no_pending_record(api_client, newsroom):
    (event,) = _read(api_client, "/api/events/")["results"]
    assert event["actors"] == [newsroom["public_actor"].pk]
    assert event["places"] == [newsroom["public_place"].pk]
    assert [p["name"] for p in event["participants"]] == ["Marta Lis"]


def test_a_pending_speaker_is_not_named_on_a_quote(api_client, newsroom):
    (quote,) = _read(api_client, "/api/quotes/", expand="speaker")["results"]
    assert quote["speaker"] is None
    (quote,) = _read(api_client, "/api/quotes/")["results"]
    assert quote["speaker"] is None
    assert _read(api_client, f"/api/quotes/{newsroom['quote'].pk}/")["speaker"] is None


def test_a_pending_parent_is_not_named_by_its_place(api_client, newsroom):
    child = newsroom["public_place"]
    child.parent = newsroom["secret_place"]
    child.save()
    assert _read(api_client, f"/api/places/{child.pk}/")["parent"] is None
    (event,) = _read(api_client, "/api/events/", expand="places")["results"]
    assert event["places"][0]["parent"] is None


def test_exports_leave_pending_actors_places_and_speakers_out(api_client, newsroom):
    (row,) = _csv(api_client, "/api/events/")
    assert (row["actor1"], row["actor2"], row["place_names"]) == ("Marta Lis", "", "Harbourtown")
    assert row["location"] == "Harbourtown"  # not the finer, pending site
    (quote_row,) = _csv(api_client, "/api/quotes/")
    assert (quote_row["speaker_id"], quote_row["speaker"]) == ("", "")
    response = api_client.get("/api/events/", {"format": "geojson"})
    (feature,) = json.loads(b"".join(response.streaming_content))["features"]
    assert feature["geometry"]["coordinates"] == [20.0, 10.0]
    assert feature["properties"]["actor2"] == ""


def test_the_deletion_log_lists_only_records_that_were_once_public(
    api_client, newsroom, make_records, django_user_model
):
    pending_twin = make_records.actor("Unconfirmed Source Two")
    curation.actor_merge(target=newsroom["secret_actor"], others=[pending_twin])
    approved_twin = make_records.actor("M. Lis")
    curation.review_status_set(
        records=type(approved_twin).objects.filter(pk=approved_twin.pk), status=APPROVED
    )
    curation.actor_merge(target=newsroom["public_actor"], others=[approved_twin])
    public_place_id = newsroom["public_place"].pk
    curation.record_delete(record=newsroom["secret_place"])
    curation.record_delete(record=newsroom["public_place"])

    deletions = _read(api_client, "/api/deletions/")["results"]
    logged = {(deletion["model"], deletion["object_id"]) for deletion in deletions}
    assert logged == {("actor", approved_twin.pk), ("place", public_place_id)}


def test_viewers_see_every_record_and_every_deletion(api_client, newsroom, viewer):
    curation.record_delete(record=newsroom["secret_place"])
    api_client.force_authenticate(viewer)
    (event,) = _read(api_client, "/api/events/", expand="actors")["results"]
    assert sorted(p["name"] for p in event["participants"]) == ["Marta Lis", "Unconfirmed Source"]
    assert _read(api_client, "/api/quotes/")["results"][0]["speaker"]["name"] == (
        "Unconfirmed Source"
    )
    assert _read(api_client, "/api/deletions/")["count"] == 1
    (row,) = _csv(api_client, "/api/events/")
    assert row["actor2"] == "Unconfirmed Source"


def test_signed_in_users_without_the_view_permission_read_as_the_public(
    api_client, newsroom, django_user_model
):
    api_client.force_authenticate(django_user_model.objects.create_user("reader"))
    (event,) = _read(api_client, "/api/events/")["results"]
    assert [p["name"] for p in event["participants"]] == ["Marta Lis"]
    assert _read(api_client, "/api/actors/")["count"] == 1
