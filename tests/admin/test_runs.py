"""Import runs in the admin: listed with progress, read-only, problems bounded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.admin.runs import duration_text
from events.models import ImportRun, ImportRunFile, ImportRunStatus

pytestmark = pytest.mark.django_db

RUN_LIST = reverse("admin:events_importrun_changelist")


def make_run(*, problems: int = 0, **fields) -> ImportRun:
    defaults = {
        "paths": ["/data/articles"],
        "status": ImportRunStatus.RUNNING,
        "ran_on": "queue",
        "total_files": 200,
        "done_files": 50,
        "imported_files": 40,
        "skipped_files": problems,
        "failed_files": 0,
        "started_at": timezone.now(),
    }
    run = ImportRun.objects.create(**(defaults | fields))
    ImportRunFile.objects.bulk_create(
        ImportRunFile(run=run, path=f"/data/articles/{n:03d}.txt", status="skipped", reason="why")
        for n in range(problems)
    )
    return run


def test_runs_are_listed_with_progress_counts_and_duration(editor_client):
    make_run()
    started = timezone.now() - dt.timedelta(hours=1)
    make_run(
        status=ImportRunStatus.FINISHED,
        done_files=200,
        started_at=started,
        finished_at=started + dt.timedelta(minutes=12, seconds=5),
    )

    page = editor_client.get(RUN_LIST).content.decode()

    assert '<progress max="100" value="25"' in page
    assert "25%" in page
    assert "50 / 200 files" in page
    assert '<progress max="100" value="100"' in page
    assert "12 min 05 s" in page


def test_the_run_list_makes_the_same_queries_for_many_runs_as_for_few(editor_client):
    make_run(problems=3)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(RUN_LIST).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(20):
        make_run(problems=3)
    assert queries() == few


def test_a_run_page_is_read_only_and_shows_a_bounded_list_of_problem_files(editor_client):
    run = make_run(problems=60)

    response = editor_client.get(reverse("admin:events_importrun_change", args=[run.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert 'name="_save"' not in page
    assert page.count("<td>skipped</td>") == 50
    assert "/data/articles/049.txt" in page
    assert "/data/articles/050.txt" not in page
    all_problems = reverse("admin:events_importrunfile_changelist") + f"?run__id__exact={run.pk}"
    assert f'<a href="{all_problems}">All 60 files not imported</a>' in page
    listed = editor_client.get(all_problems).context["cl"].result_list
    assert len(listed) == 60


def test_nobody_adds_or_edits_a_run(editor_client):
    run = make_run()
    assert editor_client.get(reverse("admin:events_importrun_add")).status_code == 403
    response = editor_client.post(
        reverse("admin:events_importrun_change", args=[run.pk]), {"status": "failed"}
    )
    assert response.status_code == 403
    run.refresh_from_db()
    assert run.status == ImportRunStatus.RUNNING


def test_viewers_see_the_runs(client, staff_viewer):
    make_run()
    client.force_login(staff_viewer)
    assert client.get(RUN_LIST).status_code == 200


@pytest.mark.parametrize(
    ("seconds", "shown"), [(45, "45 s"), (725, "12 min 05 s"), (12_000, "3 h 20 min")]
)
def test_durations_read_as_people_say_them(seconds, shown):
    assert duration_text(dt.timedelta(seconds=seconds)) == shown
