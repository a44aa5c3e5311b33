"""Reading article files: each way a file can be unusable has its own reason."""

from __future__ import annotations

import pytest

from events.importing.sources import SourceError, content_hash, iter_source_paths, read_source


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
