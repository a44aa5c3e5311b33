"""Request-rate limits for anonymous clients."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Limit anonymous clients to ``EVENTDESK_ANON_THROTTLE_RATE``; ``None`` turns it off.

    DRF binds its rates when it is imported; reading the setting per request lets tests
    and deployments change it without reloading anything.
    """

    def get_rate(self) -> str | None:
        return settings.EVENTDESK_ANON_THROTTLE_RATE
