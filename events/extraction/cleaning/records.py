"""The working records of a cleaning: lines, paragraphs and the recorder of drops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from events.extraction.cleaning.text import _clean_outlet, _trim
from events.extraction.types import DroppedBlock


@dataclass
class _Line:
    """A trimmed raw span that was (part of) one raw line, with what was learnt about it."""

    start: int
    end: int
    block: int  # lines with the same block number were not separated by a blank line
    # "strong" or "weak" when a photo credit was cut from its end, or the line repeated
    # as a caption is: how surely the paragraph it ends is a caption.
    credit: str = ""


@dataclass
class _Paragraph:
    lines: list[_Line]
    joiners: list[str]  # joiners[i] goes before lines[i]: "" or " " (joiners[0] unused)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def credit(self) -> str:
        return self.lines[-1].credit


class _Recorder:
    """Collect what was dropped and the metadata found on the way."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.dropped: list[DroppedBlock] = []
        self.title = ""
        self.byline = ""
        self.outlet = ""
        self.outlet_rank = 99
        self.dateline: dt.date | None = None
        self.captions: list[tuple[int, str]] = []

    def drop(self, kind: str, start: int, end: int) -> None:
        start, end = _trim(self.raw, start, end)
        if end > start:
            self.dropped.append(DroppedBlock(kind, self.raw[start:end], start, end))

    def set_outlet(self, name: str, rank: int) -> None:
        # Lower rank wins: a copyright notice names the publisher more surely than a credit.
        name = _clean_outlet(name)
        if name and rank < self.outlet_rank:
            self.outlet, self.outlet_rank = name, rank


def _paragraph_text(raw: str, paragraph: _Paragraph) -> str:
    return " ".join(raw[line.start : line.end] for line in paragraph.lines)


def _group_by_block(lines: Iterable[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and blocks[-1][-1].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks
