"""Request-rate limits: anonymous clients, exports, and who a client is behind proxies."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

__all__ = ["AnonymousRateThrottle", "ExportRateThrottle", "client_address"]


def client_address(request) -> str:
    """Return the client's address, trusting ``X-Forwarded-For`` only behind ``NUM_PROXIES``.

    With no proxy configured (the default) the header is the client's to write, and a
    random one per request would make a new client each time: ``REMOTE_ADDR`` is used.
    Behind N proxies, each appends what it saw; the N-th address from the right was
    written by our own first proxy. The login limit (django-axes) asks this too.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not proxies or not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]


class AnonymousRateThrottle(AnonRateThrottle):
    """Limit anonymous clients to ``EVENTDESK_ANON_THROTTLE_RATE``; ``None`` turns it off.

    DRF binds its rates when it is imported; reading the setting per request lets tests
    and deployments change it without reloading anything.
    """

    def get_rate(self) -> str | None:
        return settings.EVENTDESK_ANON_THROTTLE_RATE

    def get_ident(self, request) -> str:
        return client_address(request)


class ExportRateThrottle(SimpleRateThrottle):
    """Limit every client's unpaginated exports to ``EVENTDESK_EXPORT_THROTTLE_RATE``.

    An export costs seconds of a worker where a page costs milliseconds: it has a
    budget of its own, per signed-in user or per anonymous address, on top of the
    anonymous limit. Other requests pass untouched.
    """

    scope = "export"

    def __init__(self):
        # SimpleRateThrottle reads its rate on creation; it is read per request instead.
        pass

    def allow_request(self, request, view) -> bool:
        if not getattr(view, "export_format", None):
            return True
        self.rate = settings.EVENTDESK_EXPORT_THROTTLE_RATE
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        user = request.user
        ident = user.pk if user and user.is_authenticated else client_address(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
