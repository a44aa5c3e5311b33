"""An opt-in ``Server-Timing`` header: a response's SQL time and query count, and its total."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection


class QueryTimer:
    """Count the statements run through a connection and add up the seconds they took."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


class ServerTimingMiddleware:
    """Say in each response how long its SQL took, measured in that very request.

    ``Server-Timing: db;dur=12.3;desc="5 queries", app;dur=40.1`` (milliseconds): ``db`` is
    the time spent executing the request's statements on the default database, ``app``
    the whole time in Django, ``db`` included. It lets a benchmark set a page's time beside
    its own SQL under the same load. Off unless ``EVENTDESK_SERVER_TIMING`` is on: the
    figures tell a client how the server works. A streamed response (an export) runs its
    SQL after the headers are sent, so it gets no header rather than a wrong one.
    """

    def __init__(self, get_response) -> None:
        if not settings.EVENTDESK_SERVER_TIMING:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        timer = QueryTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        if not response.streaming:
            response.headers["Server-Timing"] = (
                f'db;dur={timer.seconds * 1000:.1f};desc="{timer.queries} queries", '
                f"app;dur={elapsed * 1000:.1f}"
            )
        return response
