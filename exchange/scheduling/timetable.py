"""When a class is in school: its zone, school days and hours, terms and holidays.

Everything else in scheduling asks a `ClassTimetable` for the UTC interval of a local
school day, so daylight saving is resolved in exactly one place (by zoneinfo).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc

DateRange = tuple[date, date]  # inclusive at both ends, as school calendars are written


def to_utc(moment: datetime) -> datetime:
    """Return `moment` in UTC; naive datetimes are refused because their zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(UTC)


def load_zone(tz: str) -> ZoneInfo:
    """Load an IANA zone, turning an unknown name into a ValueError a form can show."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        raise ValueError("holiday and term bounds are dates, not datetimes")
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)  # the directory stores ISO strings in JSON


def _as_range(value: date | str | Iterable[date | str]) -> DateRange:
    if isinstance(value, (date, str)):
        day = _as_date(value)
        return (day, day)
    first, last = (_as_date(v) for v in value)
    if last < first:
        raise ValueError(f"date range ends before it starts: {first} > {last}")
    return (first, last)


@dataclass(frozen=True)
class ClassTimetable:
    """The school time of one class, in its own zone.

    `terms` and `holidays` accept dates, ISO strings or (first, last) pairs and are
    stored as sorted tuples of inclusive ranges. No terms means "always in term".
    """

    tz: str
    school_days: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO weekdays, Monday = 1
    day_start: time = time(8, 30)
    day_end: time = time(15, 0)
    terms: tuple[DateRange, ...] = ()
    holidays: tuple[DateRange, ...] = ()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_zone", load_zone(self.tz))
        days = frozenset(self.school_days)
        if not days <= set(range(1, 8)):
            raise ValueError(f"school days must be ISO weekdays 1..7, got {sorted(days)}")
        object.__setattr__(self, "school_days", days)
        if self.day_start.tzinfo is not None or self.day_end.tzinfo is not None:
            raise ValueError("day_start and day_end are local wall-clock times without tzinfo")
        if not self.day_start < self.day_end:
            raise ValueError("the school day must end after it starts (no overnight days)")
        object.__setattr__(self, "terms", tuple(sorted(_as_range(t) for t in self.terms)))
        object.__setattr__(self, "holidays", tuple(sorted(_as_range(h) for h in self.holidays)))

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def closed_reason(self, day: date) -> str | None:
        """Why the class is not in school on local `day`, or None when it is."""
        if day.isoweekday() not in self.school_days:
            return "not a school day"
        if self.terms and not any(first <= day <= last for first, last in self.terms):
            return "outside term"
        if any(first <= day <= last for first, last in self.holidays):
            return "holiday"
        return None

    def is_school_day(self, day: date) -> bool:
        return self.closed_reason(day) is None

    def school_hours_utc(self, day: date) -> tuple[datetime, datetime] | None:
        """The UTC interval of school on local `day`, or None when the class is not in.

        Each day is converted on its own, so the UTC times move by an hour exactly on
        the local daylight-saving change and not on anyone else's.
        """
        if not self.is_school_day(day):
            return None
        start = datetime.combine(day, self.day_start, tzinfo=self._zone).astimezone(UTC)
        end = datetime.combine(day, self.day_end, tzinfo=self._zone).astimezone(UTC)
        return (start, end) if start < end else None

    def school_intervals_utc(self, first_day: date, last_day: date) -> list[tuple[datetime, datetime]]:
        """School intervals for local days first_day..last_day (inclusive), sorted by time."""
        intervals = []
        day = first_day
        while day <= last_day:
            hours = self.school_hours_utc(day)
            if hours is not None:
                intervals.append(hours)
            day += timedelta(days=1)
        return intervals

    def local_date(self, moment: datetime) -> date:
        """The class's calendar date at `moment` (which can differ from the partner's)."""
        return to_utc(moment).astimezone(self._zone).date()
