"""Property-based fuzzing of every operation, writes included, against the OpenAPI schema.

schemathesis generates requests from the schema (valid and not) and sends them to the
WSGI application in-process with every check it has: no 5xx, every status code and
content type documented, every answer matching its schema, valid requests accepted,
invalid ones refused, authentication enforced. Writes go with an editor's token, DELETE
with a superuser's (editors may not delete). A fixed seed (``derandomize``) and
``max_examples`` keep the run to about a minute.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from config.wsgi import application
from events.models import Actor, ActorAlias, Place, Quote

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# Text with NUL is refused by every field (Django's forms, PostgreSQL): not worth a case each.
schema.config.generation.update(allow_x00=False)


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


@pytest.fixture
def tokens(db, django_user_model, editor):
    from rest_framework.authtoken.models import Token

    admin = django_user_model.objects.create_superuser("root", password="x" * 12)
    return {
        "editor": Token.objects.create(user=editor).key,
        "superuser": Token.objects.create(user=admin).key,
    }


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_matches_the_schema(case, seeded, tokens):
    # Editors have no delete permission; a superuser has. Set on the case, not passed
    # to the call, so that the authentication checks can take it away or spoil it.
    who = "superuser" if case.method == "DELETE" else "editor"
    case.headers = {**(case.headers or {}), "Authorization": f"Token {tokens[who]}"}
    case.call_and_validate()
