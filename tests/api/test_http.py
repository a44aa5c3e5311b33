"""Real HTTP against a live server: the evaluation script reads the API end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

pytestmark = pytest.mark.django_db(transaction=True)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_api_serves_imported_articles_over_http(live_server, seeds_dir):
    call_command("import_articles", str(seeds_dir), stdout=StringIO())
    root = get_json(live_server.url + "/api/")
    assert set(root) == {"articles", "actors", "places", "quotes", "events"}
    articles = get_json(live_server.url + "/api/articles/?page_size=2")
    assert articles["count"] == 5
    assert len(articles["results"]) == 2
    assert get_json(articles["next"])["results"]


@pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval/score.py is not beside"
)
def test_score_script_runs_to_its_score_line(live_server, seeds_dir):
    call_command("import_articles", str(seeds_dir), stdout=StringIO())
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--base-url",
            live_server.url,
            "--gold",
            str(SHARED / "eval" / "seeds.gold.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.splitlines()[-1].startswith("score: ")
    assert "articles_found           1.00" in result.stdout
