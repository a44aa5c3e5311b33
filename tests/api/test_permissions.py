"""The same permissions in the admin and the API: who may read, edit, merge and delete.

Every role against every curated model, through both doors. Staff status opens the
admin and nothing else: what a user may do comes from the groups' model permissions.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Actor, Event, Place, Quote
from tests.admin.forms import change_form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "viewer", "editor", "staff", "superuser"]
MODELS = ["actor", "place", "quote", "event"]
# A field each model's form and API accept, and the value the edit sets.
EDITED = {
    "actor": ("role", "Mayor"),
    "place": ("admin_region", "Pomerania"),
    "quote": ("speaker_name", "the mayor"),
    "event": ("summary", "Edited by hand."),
}
MODEL_CLASSES = {"actor": Actor, "place": Place, "quote": Quote, "event": Event}

# What each role may do, in the admin and the API alike.
MAY = {
    "anonymous": {"patch": False, "merge": False, "delete": False},
    "viewer": {"patch": False, "merge": False, "delete": False},
    "editor": {"patch": True, "merge": True, "delete": False},
    "staff": {"patch": False, "merge": False, "delete": False},
    "superuser": {"patch": True, "merge": True, "delete": True},
}


@pytest.fixture
def user_as(django_user_model):
    """Return a factory of the user playing ``role`` (None for anonymous)."""

    def make(role: str):
        if role == "anonymous":
            return None
        if role == "superuser":
            return django_user_model.objects.create_superuser("root", password="x" * 12)
        user = django_user_model.objects.create_user(role, password="x" * 12, is_staff=True)
        if role in {"viewer", "editor"}:
            user.groups.add(Group.objects.get(name=f"{role}s"))
        return user

    return make


@pytest.fixture
def two_of(make_records):
    """Return a factory of two records of a model: the one kept and a duplicate."""

    def make(model: str):
        if model == "actor":
            return make_records.actor("Anna Kowalczyk"), make_records.actor("A. Kowalczyk")
        if model == "place":
            return make_records.place("Gdansk"), make_records.place("Gdańsk")
        if model == "quote":
            article = make_records.article()
            return make_records.quote(article), make_records.quote(article, text="workers left")
        return make_records.event("Fire"), make_records.event("Blaze")

    return make


def _value(record, field):
    return type(record).objects.filter(pk=record.pk).values_list(field, flat=True).first()


def _merged(model, duplicate) -> bool:
    if model == "quote":  # quotes merge into one statement; both stay
        kept_statement = Quote.objects.get(pk=duplicate.pk).statement_id
        return (
            kept_statement is not None
            and Quote.objects.filter(statement_id=kept_statement).count() == 2
        )
    return MODEL_CLASSES[model].objects.get(pk=duplicate.pk).merged_into_id is not None


# ---------------------------------------------------------------- the API


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_api_reads_are_public_and_writes_follow_model_permissions(
    api_client, user_as, two_of, role, model
):
    user = user_as(role)
    if user is not None:
        api_client.force_authenticate(user)
    kept, duplicate = two_of(model)
    url = f"/api/{model}s/{duplicate.pk}/"
    field, value = EDITED[model]

    assert api_client.get(url).status_code == 200

    patched = api_client.patch(url, {field: value}, format="json")
    assert patched.status_code == (200 if MAY[role]["patch"] else 403), patched.content
    assert (_value(duplicate, field) == value) is MAY[role]["patch"]

    merged = api_client.post(f"{url}merge/", {"into": kept.pk}, format="json")
    assert merged.status_code == (200 if MAY[role]["merge"] else 403), merged.content
    assert _merged(model, duplicate) is MAY[role]["merge"]

    deleted = api_client.delete(f"/api/{model}s/{kept.pk}/")
    assert deleted.status_code == (204 if MAY[role]["delete"] else 403)
    assert (not type(kept).objects.filter(pk=kept.pk).exists()) is MAY[role]["delete"]


@pytest.mark.parametrize("model", [*MODELS, "article"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 403), ("staff", 403), ("viewer", 200), ("editor", 200), ("superuser", 200)],
)
def test_a_private_api_is_read_with_the_view_permission(
    api_client, settings, user_as, two_of, make_records, role, status, model
):
    settings.EVENTDESK_PUBLIC_API = False
    user = user_as(role)
    if user is not None:
        api_client.force_authenticate(user)
    record = make_records.article() if model == "article" else two_of(model)[0]
    assert api_client.get(f"/api/{model}s/").status_code == status
    assert api_client.get(f"/api/{model}s/{record.pk}/").status_code == status


@pytest.mark.parametrize(
    ("role", "patch", "delete"),
    [
        ("viewer", 403, 403),
        ("staff", 403, 403),
        ("editor", 405, 403),  # may change articles (in the admin), never delete them
        ("superuser", 405, 405),
    ],
)
def test_articles_are_never_written_through_the_api(
    api_client, user_as, make_records, role, patch, delete
):
    article = make_records.article(title="Kept as imported")
    api_client.force_authenticate(user_as(role))
    assert api_client.patch(f"/api/articles/{article.pk}/", {"title": "X"}).status_code == patch
    assert api_client.delete(f"/api/articles/{article.pk}/").status_code == delete
    article.refresh_from_db()
    assert article.title == "Kept as imported"


# ---------------------------------------------------------------- the admin


def _admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:events_{model}_{view}", args=args)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_admin_follows_the_same_model_permissions(
    client, user_as, two_of, role, model, django_user_model
):
    kept, duplicate = two_of(model)
    field, value = EDITED[model]
    change_url = _admin_url(model, "change", duplicate.pk)
    # The form as it is sent back, taken from a user who sees it whole.
    client.force_login(django_user_model.objects.create_superuser("form", password="x" * 12))
    data = change_form_data(client.get(change_url)) | {field: value}
    client.logout()
    user = user_as(role)
    if user is not None:
        client.force_login(user)

    read = client.get(change_url)
    if role == "anonymous":
        assert _is_login_redirect(read)
    else:
        assert read.status_code == (403 if role == "staff" else 200)

    patched = client.post(change_url, data)
    if MAY[role]["patch"]:
        assert patched.status_code == 302, patched.context["adminform"].form.errors
    elif role == "anonymous":
        assert _is_login_redirect(patched)
    else:
        assert patched.status_code == 403
    assert (_value(duplicate, field) == value) is MAY[role]["patch"]

    client.post(
        _admin_url(model, "changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [kept.pk, duplicate.pk],
            "post": "yes",
            "merge_target": kept.pk,
        },
    )
    assert _merged(model, duplicate) is MAY[role]["merge"]

    deleted = client.post(_admin_url(model, "delete", kept.pk), {"post": "yes"})
    if MAY[role]["delete"]:
        assert deleted.status_code == 302
    elif role == "anonymous":
        assert _is_login_redirect(deleted)
    else:
        assert deleted.status_code == 403
    assert (not type(kept).objects.filter(pk=kept.pk).exists()) is MAY[role]["delete"]


def test_admin_shows_the_status_read_only_without_the_review_permission(
    client, user_as, make_records
):
    from django.contrib.auth.models import Permission

    Group.objects.get(name="editors").permissions.remove(
        Permission.objects.get(codename="review_actor")
    )
    client.force_login(user_as("editor"))
    actor = make_records.actor()
    form = client.get(_admin_url("actor", "change", actor.pk)).context["adminform"].form
    assert "review_status" not in form.fields
    assert "role" in form.fields


@pytest.mark.parametrize("role", ROLES)
def test_admin_articles_are_edited_by_editors_and_deleted_by_nobody_else(
    client, user_as, make_records, role, django_user_model
):
    article = make_records.article(title="As imported")
    change_url = _admin_url("article", "change", article.pk)
    client.force_login(django_user_model.objects.create_superuser("form", password="x" * 12))
    data = change_form_data(client.get(change_url)) | {"title": "Corrected title"}
    client.logout()
    user = user_as(role)
    if user is not None:
        client.force_login(user)

    patched = client.post(change_url, data)
    deleted = client.post(_admin_url("article", "delete", article.pk), {"post": "yes"})

    if role == "anonymous":
        assert _is_login_redirect(patched)
        assert _is_login_redirect(deleted)
    else:
        assert patched.status_code == (302 if MAY[role]["patch"] else 403)
        assert deleted.status_code == (302 if MAY[role]["delete"] else 403)
    remaining = type(article).objects.filter(pk=article.pk)
    assert (not remaining.exists()) is MAY[role]["delete"]
    if not MAY[role]["delete"]:
        assert (remaining.get().title == "Corrected title") is MAY[role]["patch"]
