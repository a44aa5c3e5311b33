"""Shared fixtures: the seed folder, small article files, and a memoised extraction.

Extraction is deterministic, so tests that import the same text share one run of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from events.extraction import extract_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

_EXTRACTIONS: dict = {}


def memoised_extract(text, **options):
    key = (text, options.get("reference_date"))
    if key not in _EXTRACTIONS:
        _EXTRACTIONS[key] = extract_article(text, **options)
    return _EXTRACTIONS[key]


@pytest.fixture(autouse=True)
def _memoised_extraction(monkeypatch):
    monkeypatch.setattr("events.importing.extract_article", memoised_extract)


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """Return a private copy of the seed articles (tests may add bad files beside them)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def article_file(tmp_path):
    """Return a factory writing an article file of our own making."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


STORY = (
    " date 2023-03-14 Firefighters in the port city of Gdansk battled a warehouse blaze on "
    "Monday, the regional governor Anna Kowalczyk said.\n\n"
    '"We evacuated forty workers," Kowalczyk told reporters in Gdansk.\n'
)


@pytest.fixture
def story() -> str:
    return STORY
