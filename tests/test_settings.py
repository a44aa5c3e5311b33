from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_a_sqlite_file_is_opened_in_write_ahead_log_mode(tmp_path):
    """Readers (the admin, the API) then go on while an import holds the write lock."""
    options = settings.DATABASES["default"]
    writer = DatabaseWrapper({**options, "NAME": str(tmp_path / "db.sqlite3")}, alias="writer")
    reader = DatabaseWrapper({**options, "NAME": str(tmp_path / "db.sqlite3")}, alias="reader")
    try:
        with writer.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone() == (1,)  # NORMAL
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone() == (-65536,)  # 64 MiB, not the default 2 MiB
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone() == (268435456,)
            cursor.execute("CREATE TABLE story (title text)")
            cursor.execute("INSERT INTO story VALUES ('first')")
        writer.set_autocommit(False)
        with writer.cursor() as cursor:
            cursor.execute("INSERT INTO story VALUES ('second')")
            cursor.execute("SELECT count(*) FROM story")  # the write lock is held
            with reader.cursor() as other:
                other.execute("SELECT title FROM story")
                assert other.fetchall() == [("first",)]
        writer.commit()
    finally:
        writer.close()
        reader.close()


def _settings_under(argv: list[str], **environ: str) -> dict:
    """Return database settings as a process started with ``argv`` would load them."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys; sys.argv = json.loads(sys.argv[1]); import config.settings as s; "
        "d = s.DATABASES['default']; "
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DB_CONN_MAX_AGE"}
    env.update({"DEBUG": "1", "DATABASE_URL": "postgres://x@127.0.0.1:5432/x", **environ})
    output = subprocess.run(
        [sys.executable, "-c", script, json.dumps(argv)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout
    max_age, health_checks = json.loads(output)
    return {"max_age": max_age, "health_checks": health_checks}


def test_the_development_server_keeps_no_connection_open():
    """A thread per request would keep a connection each, until PostgreSQL refuses more."""
    assert _settings_under(["manage.py", "runserver"]) == {"max_age": 0, "health_checks": True}
    under_gunicorn = _settings_under(["gunicorn", "config.wsgi"])
    assert under_gunicorn == {"max_age": 60, "health_checks": True}
    asked = _settings_under(["manage.py", "runserver"], DB_CONN_MAX_AGE="30")
    assert asked["max_age"] == 30


@pytest.mark.django_db
def test_static_files_are_served_with_debug_off(settings, tmp_path):
    """The admin's CSS and Swagger UI's script, from ``collectstatic``'s folder."""
    from django.core.management import call_command
    from django.test import Client

    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise reads STATIC_ROOT when it starts
    css = client.get("/static/admin/css/base.css")
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    swagger = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert swagger.status_code == 200
