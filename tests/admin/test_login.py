"""Admin login: failed attempts are logged and, past a limit, refused (django-axes)."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessFailureLog
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def staff(staff_editor):
    return staff_editor


def _log_in(client, username, password, address="198.51.100.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def test_the_right_password_opens_the_admin(client, staff, limit):
    response = _log_in(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_login_is_refused_after_too_many_failures_even_with_the_right_password(
    client, staff, limit, caplog
):
    with caplog.at_level(logging.WARNING, logger="axes"):
        answers = [_log_in(client, staff.username, "a-wrong-guess") for _ in range(limit)]
    # The form again, with its error, until the failure that reaches the limit.
    assert [answer.status_code for answer in answers] == [200] * (limit - 1) + [429]
    failures = [r.getMessage() for r in caplog.records if " login failure by " in r.getMessage()]
    assert len(failures) == limit
    assert all("198.51.100.7" in message for message in failures)
    assert AccessFailureLog.objects.filter(username=staff.username).count() == limit

    refused = _log_in(client, staff.username, PASSWORD)

    assert refused.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302  # still signed out


def test_guesses_spread_over_addresses_still_lock_the_username(client, staff, limit):
    for number in range(limit):
        _log_in(client, staff.username, "a-wrong-guess", address=f"203.0.113.{number + 1}")
    assert _log_in(client, staff.username, PASSWORD, address="192.0.2.99").status_code == 429


def test_guesses_at_many_usernames_lock_the_address(client, staff, limit):
    for number in range(limit):
        _log_in(client, f"someone-{number}", "a-wrong-guess")
    assert _log_in(client, staff.username, PASSWORD).status_code == 429
    assert _log_in(client, staff.username, PASSWORD, address="192.0.2.99").status_code == 302


def test_a_success_below_the_limit_resets_the_count(client, staff, limit):
    for _ in range(limit - 1):
        _log_in(client, staff.username, "a-wrong-guess")
    assert _log_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(limit - 1):
        _log_in(client, staff.username, "a-wrong-guess")
    assert _log_in(client, staff.username, PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, staff, limit):
    for number in range(limit):
        forged = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{number + 1}"}
        _log_in(client, f"someone-{number}", "a-wrong-guess", **forged)
    assert _log_in(client, staff.username, PASSWORD).status_code == 429
