"""Common school time across zones, daylight saving and school calendars (fixed 2026 dates)."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from exchange.scheduling.overlap import find_overlaps, intersect
from exchange.scheduling.timetable import ClassTimetable, to_utc

UTC = timezone.utc


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def hhmm(moment):
    return moment.strftime("%H:%M")


def week_totals(report, first_day, weeks):
    """Minutes of overlap per week of the first timetable's calendar."""
    totals = [0] * weeks
    for window in report.windows:
        totals[(window.local[0].start.date() - first_day).days // 7] += window.minutes
    return totals


OSLO = ClassTimetable("Europe/Oslo", day_start=time(8, 0), day_end=time(15, 0))
NAIROBI = ClassTimetable("Africa/Nairobi", day_start=time(8, 0), day_end=time(16, 0))
NEW_YORK = ClassTimetable("America/New_York", day_start=time(8, 0), day_end=time(15, 0))
BERLIN = ClassTimetable("Europe/Berlin", day_start=time(8, 0), day_end=time(15, 0))


def test_oslo_nairobi_gains_an_hour_when_norway_moves_to_summer_time():
    winter = find_overlaps([OSLO, NAIROBI], date(2026, 3, 2), date(2026, 3, 2))
    [window] = winter.windows
    assert (window.start, window.end) == (utc(2026, 3, 2, 7), utc(2026, 3, 2, 13))
    oslo, nairobi = window.local
    assert (hhmm(oslo.start), hhmm(oslo.end), oslo.utc_offset) == ("08:00", "14:00", "+01:00")
    assert (hhmm(nairobi.start), hhmm(nairobi.end), nairobi.utc_offset) == ("10:00", "16:00", "+03:00")

    summer = find_overlaps([OSLO, NAIROBI], date(2026, 3, 30), date(2026, 3, 30))
    [window] = summer.windows
    assert (window.start, window.end) == (utc(2026, 3, 30, 6), utc(2026, 3, 30, 13))
    oslo, nairobi = window.local
    assert (hhmm(oslo.start), hhmm(oslo.end), oslo.utc_offset) == ("08:00", "15:00", "+02:00")
    assert (hhmm(nairobi.start), hhmm(nairobi.end)) == ("09:00", "16:00")
    assert summer.total_minutes == 7 * 60


@pytest.mark.parametrize(
    ("day", "utc_start", "utc_end", "berlin_start"),
    [
        (date(2026, 3, 2), 13, 14, "14:00"),  # both on winter time: 6 h apart
        (date(2026, 3, 16), 12, 14, "13:00"),  # US on summer time since 8 March, EU not yet
        (date(2026, 3, 30), 12, 13, "14:00"),  # both on summer time since 29 March
        (date(2026, 10, 19), 12, 13, "14:00"),  # both still on summer time
        (date(2026, 10, 26), 12, 14, "13:00"),  # EU back on 25 October, US not until 1 Nov
        (date(2026, 11, 2), 13, 14, "14:00"),  # both on winter time again
    ],
)
def test_new_york_berlin_overlap_shifts_between_the_two_dst_changes(day, utc_start, utc_end, berlin_start):
    [window] = find_overlaps([NEW_YORK, BERLIN], day, day).windows
    assert (window.start, window.end) == (
        utc(day.year, day.month, day.day, utc_start),
        utc(day.year, day.month, day.day, utc_end),
    )
    new_york, berlin = window.local
    assert hhmm(new_york.start) == "08:00"  # the New York school day always opens the window
    assert hhmm(berlin.start) == berlin_start
    assert hhmm(berlin.end) == "15:00"


def test_new_york_berlin_weekly_totals_over_march_2026():
    first_day = date(2026, 3, 2)
    report = find_overlaps([NEW_YORK, BERLIN], first_day, first_day + timedelta(days=34))
    assert week_totals(report, first_day, 5) == [300, 600, 600, 600, 300]
    assert report.total_minutes == 2400


OSLO_SHORT = ClassTimetable("Europe/Oslo", day_start=time(8, 0), day_end=time(14, 0))
# A fictional Sydney class whose after-school club runs until 18:00.
SYDNEY_CLUB = ClassTimetable("Australia/Sydney", day_start=time(8, 0), day_end=time(18, 0))
SYDNEY = ClassTimetable("Australia/Sydney", day_start=time(8, 30), day_end=time(15, 30))


def test_oslo_sydney_opens_when_europe_springs_forward_and_widens_when_australia_falls_back():
    # Fri 27 March: Oslo +01:00, Sydney +11:00 -> Sydney's 18:00 is Oslo's 08:00: nothing.
    assert not find_overlaps([OSLO_SHORT, SYDNEY_CLUB], date(2026, 3, 27), date(2026, 3, 27)).has_overlap

    # Week of 30 March: Europe on summer time, Australia not yet back on standard time.
    week = find_overlaps([OSLO_SHORT, SYDNEY_CLUB], date(2026, 3, 30), date(2026, 4, 3))
    assert [w.minutes for w in week.windows] == [60] * 5
    friday = week.windows[-1]
    assert (friday.start, friday.end) == (utc(2026, 4, 3, 6), utc(2026, 4, 3, 7))
    oslo, sydney = friday.local
    assert (hhmm(oslo.start), oslo.utc_offset) == ("08:00", "+02:00")
    assert (hhmm(sydney.start), hhmm(sydney.end), sydney.utc_offset) == ("17:00", "18:00", "+11:00")

    # Week of 6 April: Sydney left daylight saving on Sunday 5 April.
    week = find_overlaps([OSLO_SHORT, SYDNEY_CLUB], date(2026, 4, 6), date(2026, 4, 10))
    assert [w.minutes for w in week.windows] == [120] * 5
    monday = week.windows[0]
    assert (monday.start, monday.end) == (utc(2026, 4, 6, 6), utc(2026, 4, 6, 8))
    sydney = monday.local[1]
    assert (hhmm(sydney.start), hhmm(sydney.end), sydney.utc_offset) == ("16:00", "18:00", "+10:00")
    assert sydney.start.date() == date(2026, 4, 6)


def test_oslo_sydney_ordinary_school_hours_never_meet():
    report = find_overlaps([OSLO, SYDNEY], date(2026, 1, 5), date(2026, 6, 30), min_minutes=1)
    assert report.windows == ()
    assert report.total_minutes == 0


KOLKATA = ClassTimetable("Asia/Kolkata", school_days={1, 2, 3, 4, 5, 6}, day_start=time(9, 0), day_end=time(15, 0))
KATHMANDU = ClassTimetable("Asia/Kathmandu", school_days={7, 1, 2, 3, 4, 5}, day_start=time(10, 0), day_end=time(16, 0))


def test_india_nepal_windows_have_exact_quarter_hour_boundaries():
    # Kolkata 09:00-15:00 (+05:30) is 03:30-09:30 UTC; Kathmandu 10:00-16:00 (+05:45) is 04:15-10:15 UTC.
    report = find_overlaps([KOLKATA, KATHMANDU], date(2026, 1, 11), date(2026, 1, 17))
    # Sunday: India closed; Saturday: Nepal closed. Monday to Friday meet.
    assert [w.start.date() for w in report.windows] == [date(2026, 1, d) for d in range(12, 17)]
    monday = report.windows[0]
    assert (monday.start, monday.end) == (utc(2026, 1, 12, 4, 15), utc(2026, 1, 12, 9, 30))
    assert monday.minutes == 315
    kolkata, kathmandu = monday.local
    assert (hhmm(kolkata.start), hhmm(kolkata.end), kolkata.utc_offset) == ("09:45", "15:00", "+05:30")
    assert (hhmm(kathmandu.start), hhmm(kathmandu.end), kathmandu.utc_offset) == ("10:00", "15:15", "+05:45")
    assert report.total_minutes == 5 * 315


HONOLULU = ClassTimetable("Pacific/Honolulu", day_start=time(8, 0), day_end=time(15, 0))
TOKYO = ClassTimetable("Asia/Tokyo", day_start=time(8, 0), day_end=time(15, 0))


def test_honolulu_afternoon_is_tokyo_next_morning_across_the_date_line():
    report = find_overlaps([HONOLULU, TOKYO], date(2026, 3, 2), date(2026, 3, 6))
    # Honolulu Friday afternoon is Saturday in Tokyo, so only Monday..Thursday meet.
    assert len(report.windows) == 4
    honolulu, tokyo = report.windows[0].local
    assert (honolulu.start.date(), hhmm(honolulu.start), hhmm(honolulu.end)) == (date(2026, 3, 2), "13:00", "15:00")
    assert (tokyo.start.date(), hhmm(tokyo.start), hhmm(tokyo.end)) == (date(2026, 3, 3), "08:00", "10:00")
    assert report.windows[0].start == utc(2026, 3, 2, 23)
    assert report.total_minutes == 4 * 120

    # A one-day search still finds the partner's next-day window.
    [thursday] = find_overlaps([HONOLULU, TOKYO], date(2026, 3, 5), date(2026, 3, 5)).windows
    assert thursday.local[1].start.date() == date(2026, 3, 6)

    # Counted on Tokyo's calendar, Tuesday..Friday meet (Tokyo Monday is Honolulu Sunday).
    from_tokyo = find_overlaps([TOKYO, HONOLULU], date(2026, 3, 2), date(2026, 3, 6))
    assert [w.local[0].start.date() for w in from_tokyo.windows] == [date(2026, 3, d) for d in range(3, 7)]


def test_los_angeles_and_berlin_have_no_common_school_time():
    los_angeles = ClassTimetable("America/Los_Angeles", day_start=time(8, 0), day_end=time(15, 0))
    report = find_overlaps([los_angeles, BERLIN], date(2026, 3, 2), date(2026, 3, 29), min_minutes=1)
    assert not report.has_overlap
    assert report.total_minutes == 0


def test_holidays_and_term_dates_remove_days():
    oslo = ClassTimetable(
        "Europe/Oslo",
        day_start=time(8, 0),
        day_end=time(15, 0),
        holidays=[(date(2026, 3, 30), date(2026, 4, 3)), date(2026, 4, 6)],  # fictional Easter break
    )
    nairobi = ClassTimetable(
        "Africa/Nairobi",
        day_start=time(8, 0),
        day_end=time(16, 0),
        terms=[("2026-01-05", "2026-04-08"), ("2026-04-27", "2026-07-31")],  # ISO strings, as stored
    )
    report = find_overlaps([oslo, nairobi], date(2026, 3, 23), date(2026, 5, 1))
    days = [w.start.date() for w in report.windows]
    assert days == [date(2026, 3, d) for d in range(23, 28)] + [date(2026, 4, 7), date(2026, 4, 8)] + [
        date(2026, 4, 27) + timedelta(days=i) for i in range(5)
    ]
    assert oslo.closed_reason(date(2026, 4, 6)) == "holiday"
    assert nairobi.closed_reason(date(2026, 4, 9)) == "outside term"
    assert nairobi.closed_reason(date(2026, 4, 11)) == "not a school day"


def test_min_minutes_drops_windows_too_short_for_a_session():
    first_day = date(2026, 3, 2)
    report = find_overlaps([NEW_YORK, BERLIN], first_day, first_day + timedelta(days=34), min_minutes=90)
    assert {w.minutes for w in report.windows} == {120}
    assert week_totals(report, first_day, 5) == [0, 600, 600, 600, 0]
    exactly_an_hour = find_overlaps([NEW_YORK, BERLIN], first_day, first_day, min_minutes=60)
    assert [w.minutes for w in exactly_an_hour.windows] == [60]


def test_three_classes_share_only_the_time_all_are_in():
    report = find_overlaps([OSLO, NAIROBI, KOLKATA], date(2026, 3, 2), date(2026, 3, 2))
    # Oslo 07:00-14:00, Nairobi 05:00-13:00, Kolkata 03:30-09:30 UTC.
    [window] = report.windows
    assert (window.start, window.end) == (utc(2026, 3, 2, 7), utc(2026, 3, 2, 9, 30))
    assert [s.tz for s in window.local] == ["Europe/Oslo", "Africa/Nairobi", "Asia/Kolkata"]
    assert hhmm(window.local[2].end) == "15:00"


def test_school_day_on_the_night_clocks_change_is_converted_on_its_own_offset():
    weekend_school = ClassTimetable("Europe/Oslo", school_days=range(1, 8), day_start=time(8, 0), day_end=time(12, 0))
    assert weekend_school.school_hours_utc(date(2026, 3, 28)) == (utc(2026, 3, 28, 7), utc(2026, 3, 28, 11))
    assert weekend_school.school_hours_utc(date(2026, 3, 29)) == (utc(2026, 3, 29, 6), utc(2026, 3, 29, 10))
    assert weekend_school.school_hours_utc(date(2026, 10, 25)) == (utc(2026, 10, 25, 7), utc(2026, 10, 25, 11))


def test_intersect_keeps_touching_intervals_apart():
    a = [(utc(2026, 1, 1, 8), utc(2026, 1, 1, 10)), (utc(2026, 1, 1, 12), utc(2026, 1, 1, 14))]
    b = [(utc(2026, 1, 1, 9), utc(2026, 1, 1, 13))]
    assert intersect(a, b) == [(utc(2026, 1, 1, 9), utc(2026, 1, 1, 10)), (utc(2026, 1, 1, 12), utc(2026, 1, 1, 13))]
    assert intersect(a, [(utc(2026, 1, 1, 10), utc(2026, 1, 1, 12))]) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tz": "Europe/Atlantis"},
        {"tz": "Europe/Oslo", "school_days": {0, 1}},
        {"tz": "Europe/Oslo", "day_start": time(15, 0), "day_end": time(8, 0)},
        {"tz": "Europe/Oslo", "holidays": [(date(2026, 4, 6), date(2026, 4, 1))]},
    ],
)
def test_timetable_refuses_nonsense(kwargs):
    with pytest.raises(ValueError):
        ClassTimetable(**kwargs)


def test_find_overlaps_refuses_bad_arguments():
    with pytest.raises(ValueError):
        find_overlaps([OSLO], date(2026, 3, 2), date(2026, 3, 6))
    with pytest.raises(ValueError):
        find_overlaps([OSLO, NAIROBI], date(2026, 3, 6), date(2026, 3, 2))


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        to_utc(datetime(2026, 3, 2, 9, 0))


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
