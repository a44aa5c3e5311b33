"""Who may use the API: readers by policy, editors (group or staff) for writes."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

__all__ = ["EDITORS_GROUP", "ReadableByPolicy", "is_editor"]

# The group the admin's data migration creates; its members curate records.
EDITORS_GROUP = "editors"


def is_editor(user) -> bool:
    """Return whether ``user`` may change records: staff, or a member of the editors group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.groups.filter(name=EDITORS_GROUP).exists()


class ReadableByPolicy(BasePermission):
    """Allow reads to anyone while ``EVENTDESK_PUBLIC_API`` is on; writes to editors only."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return settings.EVENTDESK_PUBLIC_API or bool(
                request.user and request.user.is_authenticated
            )
        return is_editor(request.user)
