"""``import_articles --watch``: usage errors, and a stop on SIGTERM after the current batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from io import StringIO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from events.models import Article
from tests.conftest import ROOT

# Bound on every wait for the watcher; generous, since the subprocess loads the NLP model.
WAIT_SECONDS = 180


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def sigterm_is_harmless():
    """Keep a stray SIGTERM from killing pytest if the command under test ended early."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((), "give at least one PATH, or --watch FOLDER"),
        (("--dry-run",), "--dry-run and --queue cannot be used with --watch"),
        (("--queue",), "--dry-run and --queue cannot be used with --watch"),
        (("--interval", "0"), "--interval must be more than 0 seconds"),
        (("also-this.txt",), "--watch takes no PATH"),
    ],
)
def test_usage_errors(inbox, arguments, message):
    watch = ("--watch", str(inbox)) if arguments else ()
    with pytest.raises(CommandError, match=message):
        call_command("import_articles", *watch, *arguments, stdout=StringIO())


def test_watching_needs_a_folder(tmp_path):
    with pytest.raises(CommandError, match="--watch needs a folder"):
        call_command("import_articles", "--watch", str(tmp_path / "nowhere"), stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.usefixtures("sigterm_is_harmless")
def test_sigterm_stops_the_watch_after_its_batch_with_a_summary(inbox, story):
    (inbox / "story.txt").write_text(story, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    output = StringIO()

    def send_sigterm_after_the_first_batch() -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while "Batch of" not in output.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=send_sigterm_after_the_first_batch)
    sender.start()
    call_command("import_articles", "--watch", str(inbox), "--interval", "0.05", stdout=output)
    sender.join()

    lines = output.getvalue().splitlines()
    assert lines[0].startswith(f"Watching {inbox} every 0.05s")
    assert any("failed" in line and "empty.txt: file is empty" in line for line in lines)
    assert "Batch of 2 files: 1 imported, 0 skipped, 1 failed." in lines
    assert lines[-1].startswith(
        "Stopped after 1 batches, 2 files: 1 imported, 0 skipped, 1 failed."
    )
    assert "1 articles" in lines[-1]
    assert Article.objects.get().source_file == "story.txt"


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a second process cannot see SQLite's in-memory test database; run with DATABASE_URL",
)
@pytest.mark.django_db(transaction=True)
def test_the_command_in_its_own_process_exits_cleanly_on_sigterm(inbox, story):
    database = connection.settings_dict
    database_url = (
        f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'] or '')}"
        f"@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    command = ["manage.py", "import_articles", "--watch", str(inbox), "--interval", "0.2"]
    process = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": database_url, "DEBUG": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        part = inbox / "story.txt.part"  # written, then renamed, as a scraper should
        part.write_text(story, encoding="utf-8")
        part.rename(inbox / "story.txt")
        deadline = time.monotonic() + WAIT_SECONDS
        while not Article.objects.filter(source_file="story.txt").exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the watcher did not import the dropped file"
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=WAIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert process.returncode == 0, stderr
    assert "Stopped after 1 batches, 1 files: 1 imported, 0 skipped, 0 failed." in stdout
    assert Article.objects.count() == 1
