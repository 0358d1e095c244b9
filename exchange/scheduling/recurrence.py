"""Weekly series of sessions that keep the organiser's wall-clock time across DST.

"Every Tuesday at 09:00 in New York" stays 09:00 in New York; its UTC time (and the
partner's local time) moves when either side changes clocks. Each occurrence is
checked against every class's calendar on that class's own date.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .timetable import UTC, ClassTimetable, load_zone


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a weekly series."""

    week: int  # 0 for the first meeting
    start: datetime  # UTC
    end: datetime  # UTC
    local_start: datetime  # the organiser's wall clock
    closed: tuple[str, ...] = ()  # e.g. "oslo-7b: holiday on 2026-04-06"; empty when clear

    @property
    def is_clear(self) -> bool:
        return not self.closed

    def local(self, tz: str) -> tuple[datetime, datetime]:
        """Start and end on another class's clock."""
        where = load_zone(tz)
        return self.start.astimezone(where), self.end.astimezone(where)


def weekly_occurrences(
    tz: str,
    first_day: date,
    start_time: time,
    duration: timedelta,
    weeks: int,
    *,
    classes: Mapping[Hashable, ClassTimetable] | None = None,
    skip_closed: bool = False,
) -> list[Occurrence]:
    """`weeks` weekly meetings from `first_day` at `start_time` in the organiser's `tz`.

    A meeting on a day one of `classes` is closed (holiday, outside term, weekend on
    its side of the date line) is flagged in `closed`, or left out when `skip_closed`;
    skipping does not add a week, so the teacher sees the series shrink, not move.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    if duration <= timedelta(0):
        raise ValueError("a session must last longer than zero")
    organiser = load_zone(tz)
    occurrences = []
    for week in range(weeks):
        day = first_day + timedelta(weeks=week)
        local_start = datetime.combine(day, start_time, tzinfo=organiser)
        start = local_start.astimezone(UTC)
        closed = []
        if start.astimezone(organiser).replace(tzinfo=None) != local_start.replace(tzinfo=None):
            # 02:30 on a spring-forward night does not exist; zoneinfo reads it as 03:30.
            closed.append(f"{start_time:%H:%M} does not exist in {tz} on {day}")
        for key, timetable in (classes or {}).items():
            their_day = timetable.local_date(start)
            reason = timetable.closed_reason(their_day)
            if reason:
                closed.append(f"{key}: {reason} on {their_day}")
        if closed and skip_closed:
            continue
        occurrences.append(Occurrence(week, start, start + duration, start.astimezone(organiser), tuple(closed)))
    return occurrences
