"""Property-based fuzzing of every GET operation against the project's own OpenAPI schema.

schemathesis generates parameters from the schema (valid and not) and sends them to the
WSGI application in-process; no answer may be a 5xx, and every documented answer must
match its schema. ``max_examples`` keeps the run to a few seconds per operation.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from config.wsgi import application
from events.models import Actor, ActorAlias, Place, Quote

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(
    method="GET"
)


@pytest.fixture
def open_connection():
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes connections it finds inside a transaction at the end of a
    request; inside a test, that transaction is the test's own.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def seeded(db, open_connection, make_event, make_article, geography):
    """A few linked records so that ids the fuzzer tries can hit real rows."""
    actor = Actor.objects.create(name="Anna Nowak")
    ActorAlias.objects.create(actor=actor, name="Nowak", normalized="nowak")
    article = make_article()
    make_event(
        places=[geography["kharkiv"]],
        participants={actor: "initiator"},
        articles=[article],
        fatalities=2,
    )
    make_event(start_date=None, places=[Place.objects.get(name="Poland")])
    Quote.objects.create(
        text="Words", speaker=actor, article=article, start=0, end=5, said_on=dt.date(2024, 5, 1)
    )


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_get_operations_never_fail_and_match_the_schema(case, seeded):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
