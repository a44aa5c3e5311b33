"""Admin actions and edits: approve, reject, merge, split, curated fields, permissions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Actor, Event, EventMention, Quote
from tests.admin.forms import change_form_data

pytestmark = pytest.mark.django_db

ACTOR_LIST = reverse("admin:events_actor_changelist")
EVENT_LIST = reverse("admin:events_event_changelist")


def run_action(client, url, action, records, **extra):
    return client.post(
        url, {"action": action, "_selected_action": [r.pk for r in records], **extra}, follow=True
    )


def test_anonymous_users_are_sent_to_the_login_page(client, make_records):
    event = make_records.event()
    for url in (
        reverse("admin:index"),
        EVENT_LIST,
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_split", args=[event.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    ("action", "status"), [("approve_selected", "approved"), ("reject_selected", "rejected")]
)
def test_review_actions_set_the_status_with_the_editor_in_history(
    editor_client, staff_editor, make_records, action, status
):
    events = [make_records.event(title=f"Event {n}") for n in range(3)]

    response = run_action(editor_client, EVENT_LIST, action, events[:2])

    assert response.status_code == 200
    assert f"{status.capitalize()} 2 events." in response.content.decode()
    assert list(Event.objects.order_by("pk").values_list("review_status", flat=True)) == [
        status,
        status,
        "pending",
    ]
    reviewed = Event.objects.get(pk=events[0].pk)
    assert reviewed.reviewed_by == staff_editor
    assert reviewed.history.first().history_user == staff_editor


def test_viewers_see_records_but_get_no_actions_and_cannot_change(
    client, staff_viewer, make_records
):
    event = make_records.event()
    client.force_login(staff_viewer)

    listing = client.get(EVENT_LIST)
    assert listing.status_code == 200
    assert "approve_selected" not in listing.content.decode()

    run_action(client, EVENT_LIST, "approve_selected", [event])
    assert Event.objects.get(pk=event.pk).review_status == "pending"
    assert client.get(reverse("admin:events_event_split", args=[event.pk])).status_code == 403


def test_editors_without_the_review_permission_get_no_review_actions(
    client, staff_editor, make_records
):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.get(name="editors")
    editors.permissions.remove(Permission.objects.get(codename="review_event"))
    client.force_login(staff_editor)
    actions = client.get(EVENT_LIST).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert "approve_selected" not in names
    assert "merge_selected" in names


def test_merge_action_asks_which_to_keep_then_merges(editor_client, staff_editor, make_records):
    article = make_records.article(body="Anna Kowalczyk and A. Kowalczyk spoke.")
    kept, other = make_records.actor("Anna Kowalczyk"), make_records.actor("A. Kowalczyk")
    make_records.actor_mention(other, article)

    confirmation = run_action(editor_client, ACTOR_LIST, "merge_selected", [kept, other])
    page = confirmation.content.decode()
    assert "Choose the one to keep" in page
    assert f'name="merge_target" value="{kept.pk}"' in page
    assert Actor.objects.get(pk=other.pk).merged_into is None  # nothing merged yet

    done = run_action(
        editor_client, ACTOR_LIST, "merge_selected", [kept, other], post="yes", merge_target=kept.pk
    )

    assert "Merged 1 into “Anna Kowalczyk”." in done.content.decode()
    assert Actor.objects.get(pk=other.pk).merged_into == kept
    assert kept.mentions.count() == 1
    # The merged actor is hidden from the list but still reachable.
    listed = [a.pk for a in editor_client.get(ACTOR_LIST).context["cl"].result_list]
    assert listed == [kept.pk]
    merged_list = editor_client.get(ACTOR_LIST + "?merged=yes").context["cl"].result_list
    assert [a.pk for a in merged_list] == [other.pk]


def test_merge_action_needs_two_records(editor_client, make_records):
    actor = make_records.actor()
    response = run_action(editor_client, ACTOR_LIST, "merge_selected", [actor])
    assert "Select at least two records to merge." in response.content.decode()


def test_split_view_moves_chosen_reports_to_a_new_event(editor_client, make_records):
    event = make_records.event()
    staying = make_records.event_mention(event, make_records.article())
    moving = make_records.event_mention(event, make_records.article())
    url = reverse("admin:events_event_split", args=[event.pk])
    change_page = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert url in change_page.content.decode()  # the "Split…" button

    response = editor_client.post(url, {"mention": [moving.pk]}, follow=True)

    new_event = EventMention.objects.get(pk=moving.pk).event
    assert new_event != event
    assert response.redirect_chain[-1][0] == reverse(
        "admin:events_event_change", args=[new_event.pk]
    )
    assert EventMention.objects.get(pk=staying.pk).event == event


def test_saving_a_change_form_lists_the_edited_fields_as_curated(editor_client, make_records):
    actor = make_records.actor(role="")
    url = reverse("admin:events_actor_change", args=[actor.pk])
    data = change_form_data(editor_client.get(url))
    data["role"] = "governor"

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.role == "governor"
    assert actor.curated_fields == ["role"]


def test_editing_participants_inline_curates_the_actors(editor_client, make_records):
    event = make_records.event()
    actor = make_records.actor()
    make_records.participant(event, actor, role="other")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(editor_client.get(url))
    data["participants-0-role"] = "initiator"

    assert editor_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.curated_fields == ["actors"]
    assert event.participants.get().role == "initiator"


def test_changing_the_status_on_the_form_records_the_reviewer(
    editor_client, staff_editor, make_records
):
    quote = make_records.quote(make_records.article())
    url = reverse("admin:events_quote_change", args=[quote.pk])
    data = change_form_data(editor_client.get(url))
    data["review_status"] = "rejected"

    assert editor_client.post(url, data).status_code == 302
    quote.refresh_from_db()
    assert (quote.review_status, quote.reviewed_by, quote.curated_fields) == (
        "rejected",
        staff_editor,
        [],
    )
    assert Quote.history.filter(id=quote.pk).first().history_user == staff_editor


def test_history_page_lists_changes_and_offers_revert(editor_client, make_records):
    actor = make_records.actor()
    actor.role = "mayor"
    actor.save()
    page = editor_client.get(reverse("admin:events_actor_history", args=[actor.pk]))
    assert page.status_code == 200
    assert "revert to a previous version" in page.content.decode()
