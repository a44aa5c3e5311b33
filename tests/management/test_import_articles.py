"""The import command: good files import, bad ones are named, re-runs create nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Actor, ActorMention, Article, Event, Place, Quote
from tests.conftest import extract_chunk_as_version

pytestmark = pytest.mark.django_db

COUNTED = (Article, Actor, Place, Quote, Event, ActorMention)


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_articles", *map(str, args), stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_imports_the_seed_folder(seeds_dir):
    output = run_import(seeds_dir)
    assert Article.objects.count() == 5
    assert "read 5 files: 5 imported, 0 skipped, 0 failed." in output
    assert Actor.objects.exists()
    assert Place.objects.exists()
    assert set(Article.objects.values_list("source_file", flat=True)) == {
        p.name for p in seeds_dir.iterdir()
    }


def test_rerun_creates_nothing_new(seeds_dir):
    run_import(seeds_dir)
    before = counts()
    output = run_import(seeds_dir)
    assert counts() == before
    assert "0 imported, 5 skipped" in output
    assert "already imported as article" in output
    assert "Created nothing new." in output


def test_dry_run_writes_nothing_but_reports(seeds_dir):
    output = run_import(seeds_dir, "--dry-run")
    assert counts() == dict.fromkeys(counts(), 0)
    assert "Dry run" in output
    assert "Would create:" in output
    assert "5 articles" in output


def test_bad_files_are_named_and_the_rest_imports(seeds_dir, story):
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00IHDR\x00")
    (seeds_dir / "undecodable.txt").write_bytes(b"caf\x81\x8d\x8f\x90 " * 4)
    curly = story.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    (seeds_dir / "legacy.txt").write_bytes(curly.encode("cp1252"))
    (seeds_dir / "huge.txt").write_text("word " * 600_000)
    first = sorted(seeds_dir.glob("0*.txt"))[0]
    (seeds_dir / "zz_copy.txt").write_text(first.read_text())

    output = run_import(seeds_dir)

    lines = output.splitlines()

    def line_for(name):
        return next(
            line for line in lines if name in line and ("failed" in line or "skipped" in line)
        )

    assert "file is empty" in line_for("empty.txt")
    assert "binary file" in line_for("image.txt")
    assert "not valid text in utf-8, cp1252" in line_for("undecodable.txt")
    assert "over the" in line_for("huge.txt")
    assert "duplicate of" in line_for("zz_copy.txt")
    assert "decoded as cp1252" in output
    assert Article.objects.count() == 6  # five seeds and the cp1252 story
    assert Article.objects.get(source_file="legacy.txt").source_encoding == "cp1252"


def test_size_limit_has_a_flag(article_file, story):
    path = article_file("story.txt", story)
    with pytest.raises(CommandError, match="nothing could be imported"):
        run_import(path, "--max-bytes", "20")
    run_import(path, "--max-bytes", "100000")
    assert Article.objects.count() == 1


def test_fails_only_when_nothing_imports(article_file):
    path = article_file("empty.txt", "")
    with pytest.raises(CommandError, match="nothing could be imported"):
        run_import(path)


def test_missing_paths_are_a_usage_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run_import(tmp_path / "nowhere")
    with pytest.raises(CommandError, match="no article files found"):
        run_import(tmp_path)


def test_the_same_text_under_two_names_is_one_article(article_file, story):
    run_import(article_file("one.txt", story))
    output = run_import(article_file("two.txt", story + "\n\n"))
    assert Article.objects.count() == 1
    assert "already imported as article" in output


def test_newer_extractor_reextracts_but_keeps_editor_decisions(
    seeds_dir, monkeypatch, django_user_model
):
    run_import(seeds_dir)
    approved = Actor.objects.order_by("id").first()
    approved.review_status = "approved"
    approved.name = "Edited Name"
    approved.curated_fields = ["name"]
    approved.save()
    quotes_before = Quote.objects.count()

    monkeypatch.setattr("events.importing.batch.EXTRACTOR_VERSION", "999.0")
    monkeypatch.setattr("events.importing.batch.extract_chunk", extract_chunk_as_version("999.0"))
    output = run_import(seeds_dir)

    assert "re-extracted" in output
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("extractor_version", flat=True)) == {"999.0"}
    approved.refresh_from_db()
    assert approved.name == "Edited Name"
    assert approved.review_status == "approved"
    assert Quote.objects.count() == quotes_before
