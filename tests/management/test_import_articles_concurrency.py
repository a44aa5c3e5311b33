"""Several import processes at once on one PostgreSQL make each record once.

Each process is a real ``manage.py import_articles`` on the test database, importing a
folder that overlaps the others', as workers on several machines would.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from events.extraction.names import normalise_name
from events.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventMention,
    ImportRun,
    ImportRunStatus,
    Place,
    Quote,
    Statement,
)
from tests.processes import manage, process_env, requires_postgresql

pytestmark = [pytest.mark.slow, requires_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overlapping_folders(tmp_path, seeds_dir, article_file, story):
    """Return three folders sharing files: the seeds, and two mixes of seeds and our own."""
    own = [
        article_file("own-1.txt", story),
        article_file("own-2.txt", story.replace("Monday", "Tuesday")),
        article_file("own-3.txt", story.replace("forty", "fifty")),
    ]
    seeds = sorted(seeds_dir.iterdir())
    mixes = {"first": [*seeds[:3], own[0], own[1]], "second": [*seeds[2:], own[1], own[2]]}
    folders = [seeds_dir]
    for name, files in mixes.items():
        folder = tmp_path / name
        folder.mkdir()
        for path in files:
            shutil.copy(path, folder)
        folders.append(folder)
    return folders


def records() -> dict[str, set]:
    """Return what two imports of the same files must agree on, in whatever order they ran.

    Which spelling names an actor, and whether two organisations are merged, depend on
    the order articles are stored in (sequential imports in two orders differ too), so
    actors are compared by every spelling known for them; for the same reason, and
    because one sentence may report several events, reports are compared as the
    sentences that report an event, (article, start, end), not by the events holding them.
    """
    return {
        "articles": set(Article.objects.values_list("content_hash", flat=True)),
        "actor spellings": set(
            ActorAlias.objects.filter(actor__merged_into=None).values_list("normalized", flat=True)
        ),
        "places": set(Place.objects.values_list("geonames_id", flat=True)),
        "reports": set(EventMention.objects.values_list("article__content_hash", "start", "end")),
    }


def test_overlapping_imports_at_once_make_each_record_once(overlapping_folders):
    env = process_env()
    processes = [
        manage("import_articles", "--batch-size", "2", str(folder), env=env)
        for folder in overlapping_folders
    ]
    for process in processes:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output

    assert Article.objects.count() == 8  # five seed texts and three of our own

    live_actors = Actor.objects.filter(merged_into=None)
    names = [normalise_name(name) for name in live_actors.values_list("name", flat=True)]
    assert len(names) == len(set(names))
    actors_per_alias = defaultdict(set)
    for normalized, actor_id in ActorAlias.objects.filter(actor__merged_into=None).values_list(
        "normalized", "actor_id"
    ):
        actors_per_alias[normalized].add(actor_id)
    assert {alias: ids for alias, ids in actors_per_alias.items() if len(ids) > 1} == {}

    geonames_ids = list(
        Place.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True)
    )
    assert len(geonames_ids) == len(set(geonames_ids))

    # A store that lost a race on a unique column (a place, an article) would have been
    # reported as a failed file, not as a failed command.
    runs = ImportRun.objects.all()
    assert [run.status for run in runs] == [ImportRunStatus.FINISHED] * 3
    assert sum(run.failed_files for run in runs) == 0
    assert sum(run.imported_files for run in runs) == 8
    assert sum(run.done_files for run in runs) == 15

    at_once = records()
    for model in (Event, Quote, Statement, Actor, Place, Article, ImportRun):
        model.objects.all().delete()
    call_command(
        "import_articles", "--batch-size", "2", *map(str, overlapping_folders), stdout=StringIO()
    )
    one_by_one = records()
    for kind, found in one_by_one.items():
        assert at_once[kind] == found, kind
