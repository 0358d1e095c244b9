"""Common school time of two or more classes, computed in UTC and shown in each zone.

Days are counted on the first timetable's calendar (the class that is searching), so
"the next four weeks" means that teacher's weeks even when the partner's date differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .timetable import ClassTimetable, load_zone

Interval = tuple[datetime, datetime]

# Local dates can differ by up to two days between zones (UTC-12 against UTC+14).
_DATE_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class LocalSpan:
    """A window as one class sees it on its own clock."""

    tz: str
    start: datetime  # aware, in `tz`
    end: datetime

    @property
    def utc_offset(self) -> str:
        """The offset in force, as "+05:45", so a page can say which clock it means."""
        offset = self.start.utcoffset() or timedelta(0)
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"

    def __str__(self) -> str:
        return f"{self.start:%a %Y-%m-%d %H:%M}–{self.end:%H:%M} {self.tz} (UTC{self.utc_offset})"


@dataclass(frozen=True)
class OverlapWindow:
    """A stretch of time when every class is in school."""

    start: datetime  # UTC
    end: datetime  # UTC
    local: tuple[LocalSpan, ...]  # one per timetable, in the order they were given

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds()) // 60


@dataclass(frozen=True)
class OverlapReport:
    """All windows over a date range, with the totals a ranking needs."""

    first_day: date
    last_day: date
    windows: tuple[OverlapWindow, ...]

    @property
    def total_minutes(self) -> int:
        return sum(w.minutes for w in self.windows)

    @property
    def has_overlap(self) -> bool:
        return bool(self.windows)


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """Intersect two sorted lists of disjoint half-open intervals."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def local_spans(start: datetime, end: datetime, zones: Sequence[str]) -> tuple[LocalSpan, ...]:
    """Render one UTC interval on each zone's clock."""
    return tuple(LocalSpan(tz, start.astimezone(load_zone(tz)), end.astimezone(load_zone(tz))) for tz in zones)


def find_overlaps(
    timetables: Sequence[ClassTimetable],
    first_day: date,
    last_day: date,
    *,
    min_minutes: int = 30,
) -> OverlapReport:
    """Windows of at least `min_minutes` when all classes are in school.

    `first_day`..`last_day` (inclusive) are local dates of `timetables[0]`. A window
    shorter than `min_minutes` is dropped, since a live session cannot fit in it.
    """
    if len(timetables) < 2:
        raise ValueError("an overlap needs at least two timetables")
    if last_day < first_day:
        raise ValueError("last_day is before first_day")
    if min_minutes < 1:
        raise ValueError("min_minutes must be at least 1")

    common = timetables[0].school_intervals_utc(first_day, last_day)
    for other in timetables[1:]:
        if not common:
            break
        common = intersect(
            common,
            other.school_intervals_utc(first_day - _DATE_MARGIN, last_day + _DATE_MARGIN),
        )

    zones = [t.tz for t in timetables]
    shortest = timedelta(minutes=min_minutes)
    windows = tuple(
        OverlapWindow(start, end, local_spans(start, end, zones)) for start, end in common if end - start >= shortest
    )
    return OverlapReport(first_day, last_day, windows)
