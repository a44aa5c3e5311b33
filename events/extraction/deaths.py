"""When widely reported people died: bounds on an article's date.

A person who speaks or acts in an article ("X said on Tuesday", "X has caused outrage")
was alive when it was written; "the late X" was not. The dates come from
``data/notable_deaths.tsv``. Mentions of the death itself, a funeral or a legacy say
nothing of the time of writing, so such sentences are left alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from events.extraction.dating import DatedMention
from events.extraction.phrases import PhraseIndex, fold, read_rows, spellings

__all__ = ["death_mentions", "death_names", "deaths"]

# News may report a person's last words or acts a few days after the death.
REPORTED_AFTER_DEATH_DAYS = 3

_ALIVE_AFTER_RE = re.compile(
    r"[\s,]*(?:[\w.'-]+\s+){0,2}?(?:said|says|told|tells|added|adds|warned|warns|announced"
    r"|announces|urged|urges|called|calls|insisted|insists|has|is|met|meets"
    r"|visited|visits|spoke|speaks|accused|accuses|denied|denies|signed|signs|caused"
    r"|wrote|writes|posted|posts|tweeted|claimed|claims|vowed|vows)\b"
)
_ALIVE_BEFORE_RE = re.compile(r"\b(?:said|says|told|according to|added|wrote)\s*$")
_LATE_RE = re.compile(r"\b(?:late|slain|murdered|assassinated|killed)\s+(?:[\w.'-]+\s+){0,2}$")
_ABOUT_THE_DEATH_RE = re.compile(
    r"\b(?:died|dies|death|dead|funeral|burial|buried|killed|assassinat\w*|murder\w*"
    r"|memorial|obituar\w*|posthumous\w*|legacy|mourn\w*|tribute|condolence\w*"
    r"|anniversary|successor|succeeded|born|birth|grave|tomb|once)\b"
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


@functools.lru_cache(maxsize=1)
def deaths() -> dict[str, dt.date]:
    """Return each spelling of a notable person's name, folded, with the day they died."""
    found: dict[str, dt.date] = {}
    for row in read_rows("notable_deaths.tsv"):
        name, also_known_as, died = (row + [""] * 3)[:3]
        if not died.strip():
            continue
        for spelling in spellings(name, also_known_as):
            found[fold(spelling)] = dt.date.fromisoformat(died.strip())
    return found


@functools.lru_cache(maxsize=1)
def death_names() -> PhraseIndex:
    """Return every notable person's names, with the day each died."""
    return PhraseIndex({name: [died] for name, died in deaths().items()})


def death_mentions(sentence: str, starting: re.Pattern) -> list[DatedMention]:
    """Return the bounds a folded sentence's notable people give, alive or late."""
    found = []
    for hit, days in death_names().finditer(sentence, starting):
        died = days[0]
        before = sentence[max(0, hit.start() - 40) : hit.start()]
        phrase = " ".join(sentence[max(0, hit.start() - 40) : hit.end() + 30].split())
        if _LATE_RE.search(before):
            found.append(DatedMention(died, died, "day", phrase, recent=False, known="happening"))
        elif _ABOUT_THE_DEATH_RE.search(sentence) or any(
            int(year) <= died.year for year in _YEAR_RE.findall(sentence)
        ):
            continue  # the death itself, or words from years before it
        elif _ALIVE_AFTER_RE.match(sentence, hit.end()) or _ALIVE_BEFORE_RE.search(before):
            last = died + dt.timedelta(days=REPORTED_AFTER_DEATH_DAYS)
            found.append(DatedMention(last, last, "day", phrase, future=True, known="death"))
    return found
