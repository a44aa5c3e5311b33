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
