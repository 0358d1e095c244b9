"""Double bookings of classes and teachers, and sessions outside either school calendar."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from exchange.scheduling.conflicts import BookedSession, ConflictKind, find_conflicts
from exchange.scheduling.timetable import ClassTimetable

UTC = timezone.utc
OSLO_TZ = ZoneInfo("Europe/Oslo")

TIMETABLES = {
    "oslo-7b": ClassTimetable("Europe/Oslo", day_start=time(8, 0), day_end=time(15, 0), holidays=[date(2026, 4, 6)]),
    "nairobi-g7": ClassTimetable("Africa/Nairobi", day_start=time(8, 0), day_end=time(16, 0)),
}


def session(
    session_id, start, minutes=60, classes=("oslo-7b", "nairobi-g7"), teachers=("t-hansen", "t-otieno"), cancelled=False
):
    return BookedSession(
        session_id, start, start + timedelta(minutes=minutes), frozenset(classes), frozenset(teachers), cancelled
    )


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def kinds(conflicts):
    return sorted(c.kind for c in conflicts)


def test_a_session_inside_both_school_days_is_clear():
    # Tue 10 March 2026, 10:00-11:00 Oslo = 12:00-13:00 Nairobi.
    assert find_conflicts(session(1, utc(2026, 3, 10, 9)), [], TIMETABLES) == []


def test_overlapping_session_of_the_same_class_and_teacher_conflicts():
    booked = session(7, utc(2026, 3, 10, 9, 30), classes=("oslo-7b", "berlin-7a"), teachers=("t-hansen", "t-weber"))
    conflicts = find_conflicts(session(1, utc(2026, 3, 10, 9)), [booked], TIMETABLES)
    assert kinds(conflicts) == [ConflictKind.CLASS_BUSY, ConflictKind.TEACHER_BUSY]
    assert {c.session_id for c in conflicts} == {7}
    assert conflicts[0].class_id == "oslo-7b"
    assert conflicts[1].teacher_id == "t-hansen"


def test_a_teacher_with_two_classes_cannot_be_in_two_rooms():
    booked = session(8, utc(2026, 3, 10, 9, 15), classes=("oslo-8a", "berlin-8a"), teachers=("t-hansen",))
    [conflict] = find_conflicts(session(1, utc(2026, 3, 10, 9)), [booked], TIMETABLES)
    assert conflict.kind == ConflictKind.TEACHER_BUSY


def test_back_to_back_cancelled_unrelated_and_itself_do_not_conflict():
    proposed = session(1, utc(2026, 3, 10, 9))
    existing = [
        session(2, utc(2026, 3, 10, 10)),  # starts when the proposal ends
        session(3, utc(2026, 3, 10, 8)),  # ends when the proposal starts
        session(4, utc(2026, 3, 10, 9), cancelled=True),
        session(5, utc(2026, 3, 10, 9), classes=("tokyo-1",), teachers=("t-sato",)),
        session(1, utc(2026, 3, 10, 9, 30)),  # the same session, being moved
    ]
    assert find_conflicts(proposed, existing, TIMETABLES) == []


def test_outside_school_hours_of_the_partner_class():
    # 14:30-15:30 in Oslo passes Oslo's 15:00 end; Nairobi (16:30-17:30) is out too.
    conflicts = find_conflicts(session(1, datetime(2026, 3, 10, 14, 30, tzinfo=OSLO_TZ)), [], TIMETABLES)
    assert kinds(conflicts) == [ConflictKind.OUTSIDE_SCHOOL_HOURS] * 2
    assert {c.class_id for c in conflicts} == {"oslo-7b", "nairobi-g7"}

    # 07:00-08:00 UTC: Oslo 08:00-09:00 is fine in winter, Nairobi 10:00-11:00 too...
    assert find_conflicts(session(2, utc(2026, 3, 27, 7)), [], TIMETABLES) == []
    # ...but after Norway's change 06:00 UTC is 08:00 Oslo and 09:00 Nairobi: still fine,
    # while 05:30 UTC is 07:30 in Oslo, before school.
    assert find_conflicts(session(3, utc(2026, 3, 30, 6)), [], TIMETABLES) == []
    [early] = find_conflicts(session(4, utc(2026, 3, 30, 5, 30)), [], TIMETABLES)
    assert (early.kind, early.class_id) == (ConflictKind.OUTSIDE_SCHOOL_HOURS, "oslo-7b")


def test_holiday_and_weekend_close_the_school():
    [holiday] = find_conflicts(session(1, utc(2026, 4, 6, 8)), [], TIMETABLES)
    assert (holiday.kind, holiday.class_id) == (ConflictKind.SCHOOL_CLOSED, "oslo-7b")
    assert "holiday on 2026-04-06" in holiday.detail
    weekend = find_conflicts(session(2, utc(2026, 3, 14, 9)), [], TIMETABLES)
    assert kinds(weekend) == [ConflictKind.SCHOOL_CLOSED] * 2


def test_classes_without_a_timetable_are_only_checked_for_double_booking():
    proposed = session(1, utc(2026, 3, 14, 3), classes=("unknown-class",), teachers=("t-x",))
    assert find_conflicts(proposed, [], TIMETABLES) == []


def test_booked_session_refuses_nonsense():
    with pytest.raises(ValueError):
        BookedSession(1, datetime(2026, 3, 10, 9), datetime(2026, 3, 10, 10))  # naive
    with pytest.raises(ValueError):
        BookedSession(1, utc(2026, 3, 10, 10), utc(2026, 3, 10, 9))


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
