"""A month as the weeks of a wall calendar: pure, so that any locale's first weekday and any
month can be tested without a page.

Sessions are placed on the day their start falls on *in the viewer's zone*: a session at
23:30 in Sydney may be on the day before in Oslo.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    today: bool
    items: Sequence[Any] = field(default_factory=tuple)


def month_of(value: str | None, today: date) -> date:
    """The first day of the month named "YYYY-MM", else of today's month (a wrong value is no error)."""
    if value:
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if 1900 < year < 3000 and 1 <= month <= 12:
                return date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


def neighbours(first: date) -> tuple[date, date]:
    """The first days of the month before and the month after."""
    before = (first - timedelta(days=1)).replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return before, after


def weeks(first: date, first_weekday: int, today: date, items: Iterable[tuple[date, Any]] = ()) -> list[list[Day]]:
    """Whole weeks covering the month of `first`, starting on `first_weekday` (0 = Monday)."""
    by_day: dict[date, list[Any]] = {}
    for day, item in items:
        by_day.setdefault(day, []).append(item)
    grid = calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(first.year, first.month)
    return [[Day(d, d.month == first.month, d == today, tuple(by_day.get(d, ()))) for d in week] for week in grid]


def local_day(moment: datetime, zone: str) -> date:
    """The date a UTC moment falls on in a zone (UTC for an unknown zone)."""
    try:
        tz = ZoneInfo(zone)
    except (ValueError, KeyError):
        tz = ZoneInfo("UTC")
    return moment.astimezone(tz).date()
