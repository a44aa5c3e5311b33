"""Editors' writes: PATCH and merge by model permission, DELETE for those who may delete."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from events.models import Actor, Deletion, Event, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return Actor.objects.create(name="Anna Nowak", role="Governor")


def test_an_editor_patches_fields_which_become_curated(api_client, editor, actor):
    api_client.force_authenticate(editor)
    response = api_client.patch(
        f"/api/actors/{actor.pk}/", {"role": "Mayor", "review_status": "approved"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["role"] == "Mayor"
    actor.refresh_from_db()
    assert actor.role == "Mayor"
    assert actor.review_status == ReviewStatus.APPROVED
    assert actor.reviewed_by == editor
    assert "role" in actor.curated_fields
    assert actor.history.first().history_user == editor


def test_a_token_authenticates_an_editor(api_client, editor, make_event):
    event = make_event()
    token = Token.objects.create(user=editor)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.patch(
        f"/api/events/{event.pk}/", {"event_type": "shelling", "fatalities": 2}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["event_type"], response.json()["fatalities"]) == ("shelling", 2)
    assert set(Event.objects.get(pk=event.pk).curated_fields) >= {"event_type", "fatalities"}


def test_staff_status_alone_grants_no_write(api_client, django_user_model, actor):
    staff = django_user_model.objects.create_user("staff", password="x" * 12, is_staff=True)
    api_client.force_authenticate(staff)
    assert api_client.patch(f"/api/actors/{actor.pk}/", {"role": "X"}).status_code == 403


def test_viewers_and_anonymous_clients_only_read(api_client, viewer, actor):
    assert api_client.patch(f"/api/actors/{actor.pk}/", {"role": "X"}).status_code == 403
    api_client.force_authenticate(viewer)
    assert api_client.patch(f"/api/actors/{actor.pk}/", {"role": "X"}).status_code == 403
    assert api_client.delete(f"/api/actors/{actor.pk}/").status_code == 403
    assert api_client.get(f"/api/actors/{actor.pk}/").status_code == 200
    actor.refresh_from_db()
    assert actor.role == "Governor"


def test_an_invalid_edit_is_refused_and_nothing_saved(api_client, editor, make_event):
    event = make_event(start_date=dt.date(2024, 5, 10))
    api_client.force_authenticate(editor)
    response = api_client.patch(
        f"/api/events/{event.pk}/", {"end_date": "2024-05-01"}, format="json"
    )
    assert response.status_code == 400
    assert Event.objects.get(pk=event.pk).end_date is None
    bad_type = api_client.patch(f"/api/events/{event.pk}/", {"event_type": "picnic"}, format="json")
    assert bad_type.status_code == 400


def test_an_editor_merges_a_duplicate(api_client, editor, actor, make_event):
    duplicate = Actor.objects.create(name="A. Nowak")
    event = make_event(participants={duplicate: "initiator"})
    api_client.force_authenticate(editor)
    response = api_client.post(
        f"/api/actors/{duplicate.pk}/merge/", {"into": actor.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["id"] == actor.pk
    assert "A. Nowak" in response.json()["aliases"]
    assert api_client.get(f"/api/events/{event.pk}/").json()["actors"] == [actor.pk]
    assert Deletion.objects.filter(object_id=duplicate.pk, merged_into_id=actor.pk).exists()


def test_a_merge_into_itself_or_nothing_is_refused(api_client, editor, actor):
    api_client.force_authenticate(editor)
    url = f"/api/actors/{actor.pk}/merge/"
    assert api_client.post(url, {"into": actor.pk}, format="json").status_code == 400
    assert api_client.post(url, {"into": 99999}, format="json").status_code == 404
    assert api_client.post(url, {"into": "x"}, format="json").status_code == 400


def test_a_deletion_is_logged_with_who_deleted(api_client, django_user_model, actor):
    admin = django_user_model.objects.create_superuser("root", password="x" * 12)
    api_client.force_authenticate(admin)
    actor_id = actor.pk
    assert api_client.delete(f"/api/actors/{actor_id}/").status_code == 204
    deletion = Deletion.objects.get(model="actor", object_id=actor_id)
    assert (deletion.reason, deletion.deleted_by) == ("deleted", admin)


def test_editors_reject_or_merge_records_but_never_delete_them(api_client, editor, actor):
    api_client.force_authenticate(editor)
    assert api_client.delete(f"/api/actors/{actor.pk}/").status_code == 403
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_setting_the_status_needs_the_review_permission(api_client, editor, actor):
    from django.contrib.auth.models import Group, Permission

    Group.objects.get(name="editors").permissions.remove(
        Permission.objects.get(codename="review_actor")
    )
    api_client.force_authenticate(editor)
    url = f"/api/actors/{actor.pk}/"
    assert api_client.patch(url, {"review_status": "approved"}, format="json").status_code == 403
    assert api_client.patch(url, {"role": "Mayor"}, format="json").status_code == 200
    actor.refresh_from_db()
    assert (actor.role, actor.review_status) == ("Mayor", ReviewStatus.PENDING)


def test_articles_cannot_be_written(api_client, editor, make_article):
    article = make_article()
    api_client.force_authenticate(editor)
    assert api_client.patch(f"/api/articles/{article.pk}/", {"title": "X"}).status_code == 405


def test_public_read_approved_hides_pending_records_from_anonymous_readers(
    api_client, settings, viewer, make_event
):
    settings.EVENTDESK_PUBLIC_READ = "approved"
    approved = make_event(review_status="approved")
    pending = make_event(review_status="pending")
    anonymous = [event["id"] for event in api_client.get("/api/events/").json()["results"]]
    assert anonymous == [approved.pk]
    assert api_client.get(f"/api/events/{pending.pk}/").status_code == 404
    api_client.force_authenticate(viewer)
    assert api_client.get("/api/events/").json()["count"] == 2
