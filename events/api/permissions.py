"""Who may use the API: the admin's model permissions for writes, reads by policy.

The API asks exactly what the admin asks, of the groups' model permissions (made by
migration 0004), never of ``is_staff``: staff status only opens the admin's door.

========================  ==========================================================
request                   permissions required on the model
========================  ==========================================================
GET, HEAD, OPTIONS        none while ``EVENTDESK_PUBLIC_API`` is on; else ``view``
PATCH, PUT                ``change``, and ``review`` when ``review_status`` is sent
POST …/merge/             ``change`` and ``merge`` (the admin's merge and split)
POST (anything else)      ``add``
DELETE                    ``delete`` (editors have none on records: they reject or merge)
========================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth import get_permission_codename
from rest_framework.permissions import SAFE_METHODS, BasePermission

__all__ = [
    "EDITORS_GROUP",
    "VIEWERS_GROUP",
    "ReadableByPolicy",
    "model_permission",
    "required_permissions",
    "sees_pending",
]

# The groups the admin's data migration creates: editors curate records, viewers read them.
EDITORS_GROUP = "editors"
VIEWERS_GROUP = "viewers"


def model_permission(model, action: str) -> str:
    """Return the ``app_label.codename`` of ``action`` (view, change, merge…) on ``model``."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def required_permissions(model, *, method: str, action: str | None, data=None) -> list[str]:
    """Return the permissions a write (``method`` on the view's ``action``) needs on ``model``."""
    if method == "DELETE":
        return [model_permission(model, "delete")]
    if method in {"PATCH", "PUT"}:
        needed = [model_permission(model, "change")]
        if isinstance(data, Mapping) and "review_status" in data:
            # As in the admin, where the status is read-only without it.
            needed.append(model_permission(model, "review"))
        return needed
    if action == "merge":
        return [model_permission(model, "change"), model_permission(model, "merge")]
    return [model_permission(model, "add")]


def sees_pending(user, model) -> bool:
    """Return whether ``user`` may see ``model`` records no editor has approved yet.

    Everyone does under ``EVENTDESK_PUBLIC_READ=all``; under ``approved`` only users
    whose groups may view the model (the *viewers* and *editors*). Lists, details,
    nested records, exports and the deletion log all follow this one answer.
    """
    if settings.EVENTDESK_PUBLIC_READ != "approved":
        return True
    return bool(user and user.is_active and user.has_perm(model_permission(model, "view")))


def _view_model(view):
    queryset = getattr(view, "queryset", None)
    return queryset.model if queryset is not None else None


class ReadableByPolicy(BasePermission):
    """Allow reads by ``EVENTDESK_PUBLIC_API``; writes by the user's model permissions."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        model = _view_model(view)
        if request.method in SAFE_METHODS:
            if settings.EVENTDESK_PUBLIC_API:
                return True
            if not (user and user.is_authenticated):
                return False
            return model is None or user.has_perm(model_permission(model, "view"))
        if not (user and user.is_authenticated) or model is None:
            return False
        needed = required_permissions(
            model, method=request.method, action=getattr(view, "action", None), data=request.data
        )
        return user.has_perms(needed)
