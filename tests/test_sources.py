"""Reading article files: each way a file can be unusable has its own reason."""

from __future__ import annotations

import os

import pytest

from events.importing import sources
from events.importing.sources import (
    SourceError,
    content_hash,
    iter_source_paths,
    path_text,
    read_source,
    read_sources,
)


def test_reads_utf8_and_reports_encoding(article_file):
    source = read_source(article_file("a.txt", "Kyiv — “quoted”"), max_bytes=1000)
    assert source.text == "Kyiv — “quoted”"
    assert source.encoding == "utf-8"


def test_falls_back_to_cp1252_and_says_so(article_file):
    path = article_file("b.txt", "The mayor\x92s office said \x93no\x94.".encode("latin-1"))
    source = read_source(path, max_bytes=1000)
    assert source.encoding == "cp1252"
    assert source.text == "The mayor’s office said “no”."


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"abc\x81\x8d\x8f\x90\x9d" * 3, "encoding"),
    ],
)
def test_unusable_files_get_a_reason(article_file, content, code):
    with pytest.raises(SourceError) as excinfo:
        read_source(article_file("bad.txt", content), max_bytes=1000)
    assert excinfo.value.code == code
    assert excinfo.value.message


def test_files_over_the_limit_are_refused(article_file):
    with pytest.raises(SourceError, match="over the 10-byte limit"):
        read_source(article_file("big.txt", "x" * 11), max_bytes=10)


def test_content_hash_ignores_line_endings_and_outer_whitespace():
    assert content_hash("One.\r\nTwo.\n") == content_hash("  One.\nTwo.")
    assert content_hash("One.") != content_hash("Two.")


def test_folders_yield_their_files_in_order_but_hidden_ones(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notes.md").write_text("listed, to be reported as skipped")
    (tmp_path / ".DS_Store").write_text("hidden")
    assert [p.name for p in iter_source_paths([tmp_path])] == ["a.txt", "b.txt", "notes.md"]


STORY = "Officials said on Monday that forty workers left the harbour after a warehouse fire."


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-16"),  # with a byte-order mark
        STORY.encode("utf-16-le"),
        STORY.encode("utf-16-be"),
    ],
    ids=["bom", "little-endian", "big-endian"],
)
def test_utf16_files_are_decoded_not_refused_as_binary(article_file, data):
    source = read_source(article_file("unicode.txt", data), max_bytes=10_000)
    assert source.text == STORY
    assert source.encoding == "utf-16"


def test_links_that_lead_nowhere_are_named_with_the_reason(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")

    found = list(iter_source_paths([tmp_path]))
    assert [path.name for path in found] == ["dangling.txt", "loop-a.txt", "loop-b.txt"]
    with pytest.raises(SourceError, match=r"broken symbolic link .*gone\.txt") as broken:
        read_source(found[0], max_bytes=1000)
    assert broken.value.code == "broken-link"
    with pytest.raises(SourceError, match="in a loop"):
        read_source(found[1], max_bytes=1000)


def test_a_folder_that_cannot_be_read_is_named_not_passed_over(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "open.txt").write_text(STORY)
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(iter_source_paths([tmp_path]))
    assert found == [locked, tmp_path / "open.txt"]
    monkeypatch.setattr(os, "scandir", real_scandir)
    locked.chmod(0)  # root reads it anyway; the reason is what matters
    try:
        with pytest.raises(SourceError, match="folder cannot be read"):
            read_source(locked, max_bytes=1000)
    finally:
        locked.chmod(0o755)


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(STORY)
    (path,) = iter_source_paths([tmp_path])
    assert path_text(path.name) == "caf\\xe9.txt"
    assert read_source(path, max_bytes=1000).name == "caf\\xe9.txt"


def test_an_article_too_long_for_the_model_is_refused_when_read(article_file, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ARTICLE_CHARACTERS", 50)
    path = article_file("long.txt", STORY * 2)
    ((label, error),) = list(read_sources(path, max_bytes=10_000))
    assert label == path
    assert "over the NLP model's 50" in error.message
