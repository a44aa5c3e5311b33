"""The Celery app of queued imports: ``celery -A config worker`` from the project folder."""

from __future__ import annotations

import os

from celery import Celery

__all__ = ["app"]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("eventdesk")
# Every CELERY_* setting of config/settings.py (read from the environment there).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The import's task lives in events/importing/tasks.py, not in the app's own tasks.py.
app.autodiscover_tasks(["events.importing"])
