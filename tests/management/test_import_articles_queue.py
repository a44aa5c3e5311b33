"""``import_articles --queue``: refused without a broker (a real worker: tests/test_tasks.py).

Kept apart from test_import_articles.py, which another change edits at the same time.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Article, ImportRun

pytestmark = pytest.mark.django_db


def test_queue_without_a_broker_says_what_to_set_and_imports_nothing(seeds_dir, settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="--queue needs a broker: set CELERY_BROKER_URL"):
        call_command("import_articles", "--queue", str(seeds_dir), stdout=StringIO())
    assert not Article.objects.exists()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("option", [["--dry-run"], ["--workers", "2"]])
def test_queue_refuses_options_that_only_mean_something_here(seeds_dir, settings, option):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    with pytest.raises(CommandError, match="start more workers instead"):
        call_command("import_articles", "--queue", *option, str(seeds_dir), stdout=StringIO())
    assert not ImportRun.objects.exists()
