"""Run manage.py and Celery workers as real processes on the test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("EVENTDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="several processes writing at once need PostgreSQL (SQLite has one writer, "
    "and the test database lives in memory); run with DATABASE_URL=postgres://…",
)


def reachable(url: str) -> bool:
    """Return whether something listens at the URL's host and port."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=2):
            return True
    except OSError:
        return False


def live_database_url() -> str:
    """Return a DATABASE_URL naming the test database this test process uses."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    """Return the environment of a child process working on the test database."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": live_database_url(), "DB_CONN_MAX_AGE": "0"}
    env.pop("CELERY_BROKER_URL", None)
    return env | extra


def queue_env() -> dict[str, str]:
    """Return a child environment with the test Redis broker and a queue of its own."""
    return process_env(
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_TASK_DEFAULT_QUEUE=f"eventdesk-test-{uuid.uuid4().hex[:12]}",
    )


def manage(*args: str, env: dict[str, str], **popen) -> subprocess.Popen:
    """Start ``manage.py`` with ``args`` in a child process."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def celery_worker(*, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start ``celery -A config worker`` (one process) with its output in ``log``."""
    with log.open("w") as output:  # the child keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen, *, grace: float = 30) -> None:
    """Ask a child process to stop (SIGTERM), and kill it if it has not after ``grace``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition: Callable[[], bool], *, timeout: float, every: float = 0.5) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; return whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
