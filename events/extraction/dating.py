"""Bound an undated article's publication date by the dated happenings its text reports.

A careful reader dates an article without a date line from what it says: it was
written after the latest dated happening it reports as past ("since 3 May 2019", "the
floods of March 2021") and, weakly, before the dated happenings it announces ("the
vote due in 2027"). ``dates`` finds the phrases; this module only reasons about them,
so it is tested with plain dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

__all__ = [
    "Bounds",
    "DatedMention",
    "bounds_from",
    "estimate_from_bounds",
    "estimate_within_bounds",
    "only_value_within",
]

# News anticipates a happening most in the weeks before it and recalls it most in the
# weeks after: an estimate bounded by one is put this far from it. Bounds closer together
# than NARROW_BOUNDS_DAYS are met in the middle.
DAYS_AROUND_NEWS = 30
NARROW_BOUNDS_DAYS = 400

# Years tried for a day and month without a year: beyond this span the bounds say
# too little for any year to be the only one left.
MAX_YEARS_TRIED = 12


@dataclasses.dataclass(frozen=True, slots=True)
class DatedMention:
    """A dated phrase of the text: the span it names, and whether it lies ahead."""

    first: dt.date
    last: dt.date
    precision: str  # "day", "month" or "year"
    phrase: str
    future: bool = False  # announced ("will vote in May 2027"), not reported
    recent: bool = True  # told as the news of the time (in the lead), not as background
    anticipated: bool = False  # a known happening told as a threat or a possibility
    known: str = ""  # world knowledge behind it: "happening" or "office" (else the text's own)


@dataclasses.dataclass(frozen=True, slots=True)
class Bounds:
    """The days an article can have been published on, as its text allows."""

    earliest: dt.date | None = None
    latest: dt.date | None = None
    earliest_by: DatedMention | None = None
    latest_by: DatedMention | None = None

    @property
    def conflicting(self) -> bool:
        """Say whether the text's evidence contradicts itself (after X, before X-1)."""
        return self.earliest is not None and self.latest is not None and self.earliest > self.latest

    def admits(self, day: dt.date) -> bool:
        """Say whether ``day`` is a possible publication date."""
        if self.conflicting:
            return False
        if self.earliest is not None and day < self.earliest:
            return False
        return self.latest is None or day <= self.latest

    def describe(self) -> str:
        """Return the bounds in words, with the phrases they come from, for editors."""
        parts = []
        if self.earliest_by is not None:
            parts.append(f'after {self.earliest:%d %b %Y}: "{self.earliest_by.phrase}"')
        if self.latest_by is not None:
            parts.append(f'before {self.latest:%d %b %Y}: "{self.latest_by.phrase}"')
        return "; ".join(parts)


def bounds_from(mentions: Iterable[DatedMention], *, today: dt.date) -> Bounds:
    """Return the publication bounds ``mentions`` give.

    A past happening bounds the date from below by its first day (an article reporting
    "in March 2021" was written after March 1, 2021); an announced one from above by
    its last day. Past mentions placed after ``today`` are misread plans and ignored.
    """
    earliest_by = latest_by = None
    for mention in mentions:
        if mention.future:
            if mention.last >= today:
                continue  # a plan still ahead bounds nothing
            if latest_by is None or mention.last < latest_by.last:
                latest_by = mention
        elif mention.first <= today and (earliest_by is None or mention.first > earliest_by.first):
            earliest_by = mention
    return Bounds(
        earliest=earliest_by.first if earliest_by else None,
        latest=min(latest_by.last, today) if latest_by else today,
        earliest_by=earliest_by,
        latest_by=latest_by,
    )


def only_value_within(
    bounds: Bounds, value_in_year: Callable[[int], dt.date | None]
) -> tuple[dt.date, list[int]] | None:
    """Return the one publication date the bounds leave, and the years tried.

    ``value_in_year(year)`` is the publication date the text gives when its undated
    days fall in ``year`` (None when they cannot: a weekday that does not fit). Without
    a lower bound, or when two years remain, nothing is returned: the year is a guess,
    unless the bounds come from a known happening and one of the years puts the day
    within a month of it. News is written around its happenings: "Nov. 9" in an
    article on a happening of 11 November 2022 is 2022's, not 2023's. The happening's
    own day ("its Feb. 24 invasion") names the happening, not the news, and decides
    nothing.
    """
    if bounds.earliest is None or bounds.latest is None or bounds.conflicting:
        return None
    years = list(range(bounds.earliest.year, bounds.latest.year + 1))
    if len(years) > MAX_YEARS_TRIED:
        return None
    found = [
        value
        for year in years
        if (value := value_in_year(year)) is not None and bounds.admits(value)
    ]
    if len(set(found)) == 1:
        return found[0], years
    by = bounds.earliest_by
    if by is None or by.known != "happening":
        return None
    near = {v for v in found if 0 < abs((v - by.first).days) <= DAYS_AROUND_NEWS}
    return (near.pop(), years) if len(near) == 1 else None


def estimate_from_bounds(bounds: Bounds) -> dt.date | None:
    """Return the lower bound as an estimate when the evidence is specific enough.

    Only a past happening dated to the day or the month, told as the news of the time,
    counts: a bare year ("in 2014") or a dated aside further down is background far
    more often than the news of the day.
    """
    if bounds.conflicting or bounds.earliest_by is None or not bounds.earliest_by.recent:
        return None
    if bounds.earliest_by.precision not in {"day", "month"}:
        return None
    return bounds.earliest


def estimate_within_bounds(bounds: Bounds) -> dt.date | None:
    """Return a publication date to serve as an estimate, when the bounds are firm.

    The bounds come from world knowledge (an office's term, a known happening taken as
    past or as still ahead). News anticipates a happening most just before it and recalls
    it most just after: bounds closed by an ``anticipated`` happening give the month
    before it, narrow bounds their middle, and wide bounds opened by a happening looked
    back on the month after it. Wide bounds from an office's term give nothing (any day
    of the term is a guess), nor do bounds without a lower end or contradicting ones.
    """
    if bounds.conflicting or bounds.earliest is None or bounds.latest is None:
        return None
    span = (bounds.latest - bounds.earliest).days
    if bounds.latest_by is not None and bounds.latest_by.anticipated:
        return max(bounds.earliest, bounds.latest - dt.timedelta(days=DAYS_AROUND_NEWS))
    if span <= NARROW_BOUNDS_DAYS:
        return bounds.earliest + dt.timedelta(days=span // 2)
    if bounds.earliest_by is not None and bounds.earliest_by.known == "happening":
        return bounds.earliest + dt.timedelta(days=DAYS_AROUND_NEWS)
    return None  # years of an office's term: any day in them is a guess
