"""Weekly series keep the organiser's wall clock; closed days of either class are flagged."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from exchange.scheduling.recurrence import weekly_occurrences
from exchange.scheduling.timetable import ClassTimetable

UTC = timezone.utc
HOUR = timedelta(hours=1)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_new_york_series_keeps_nine_oclock_across_the_us_change():
    series = weekly_occurrences("America/New_York", date(2026, 3, 3), time(9, 0), HOUR, 4)
    assert [o.start for o in series] == [
        utc(2026, 3, 3, 14),
        utc(2026, 3, 10, 13),
        utc(2026, 3, 17, 13),
        utc(2026, 3, 24, 13),
    ]
    assert all(o.local_start.time() == time(9, 0) for o in series)
    assert all(o.end - o.start == HOUR for o in series)
    # Berlin sees the session an hour earlier while only the US is on summer time.
    assert [o.local("Europe/Berlin")[0].strftime("%H:%M") for o in series] == ["15:00", "14:00", "14:00", "14:00"]


def test_oslo_series_keeps_local_time_across_the_october_change():
    series = weekly_occurrences("Europe/Oslo", date(2026, 10, 20), time(10, 15), timedelta(minutes=45), 3)
    assert [o.start for o in series] == [utc(2026, 10, 20, 8, 15), utc(2026, 10, 27, 9, 15), utc(2026, 11, 3, 9, 15)]
    assert [o.local_start.strftime("%H:%M %z") for o in series] == ["10:15 +0200", "10:15 +0100", "10:15 +0100"]
    # Sydney (on summer time since 4 October) sees it move from 19:15 to 20:15.
    assert [o.local("Australia/Sydney")[0].strftime("%H:%M") for o in series] == ["19:15", "20:15", "20:15"]


def test_holiday_of_either_class_is_flagged_or_skipped():
    classes = {
        "oslo-7b": ClassTimetable("Europe/Oslo", holidays=[date(2026, 4, 6)]),
        "nairobi-g7": ClassTimetable("Africa/Nairobi", terms=[(date(2026, 1, 5), date(2026, 4, 10))]),
    }
    series = weekly_occurrences("Europe/Oslo", date(2026, 3, 30), time(9, 0), HOUR, 3, classes=classes)
    assert [o.is_clear for o in series] == [True, False, False]
    assert series[1].closed == ("oslo-7b: holiday on 2026-04-06",)
    assert series[2].closed == ("nairobi-g7: outside term on 2026-04-13",)

    kept = weekly_occurrences("Europe/Oslo", date(2026, 3, 30), time(9, 0), HOUR, 3, classes=classes, skip_closed=True)
    assert [o.week for o in kept] == [0]


def test_closed_day_is_judged_on_each_class_own_date():
    # Honolulu Monday 13:00 is Tokyo Tuesday 08:00.
    tuesday_off = {"tokyo": ClassTimetable("Asia/Tokyo", holidays=[date(2026, 3, 3)])}
    monday_off = {"tokyo": ClassTimetable("Asia/Tokyo", holidays=[date(2026, 3, 2)])}
    [flagged] = weekly_occurrences("Pacific/Honolulu", date(2026, 3, 2), time(13, 0), HOUR, 1, classes=tuesday_off)
    [clear] = weekly_occurrences("Pacific/Honolulu", date(2026, 3, 2), time(13, 0), HOUR, 1, classes=monday_off)
    assert flagged.closed == ("tokyo: holiday on 2026-03-03",)
    assert clear.is_clear


def test_a_time_lost_to_spring_forward_is_flagged():
    [occurrence] = weekly_occurrences("Europe/Oslo", date(2026, 3, 29), time(2, 30), HOUR, 1)
    assert occurrence.closed == ("02:30 does not exist in Europe/Oslo on 2026-03-29",)


@pytest.mark.parametrize(("weeks", "duration"), [(0, HOUR), (3, timedelta(0))])
def test_series_refuses_nonsense(weeks, duration):
    with pytest.raises(ValueError):
        weekly_occurrences("Europe/Oslo", date(2026, 3, 2), time(9, 0), duration, weeks)


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
