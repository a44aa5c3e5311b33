"""Who may read the API: everybody by default, signed-in users when the setting says so."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadableByPolicy(BasePermission):
    """Allow reads to anyone while ``EVENTDESK_PUBLIC_API`` is on; writes to staff only."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return settings.EVENTDESK_PUBLIC_API or bool(
                request.user and request.user.is_authenticated
            )
        return bool(request.user and request.user.is_staff)
