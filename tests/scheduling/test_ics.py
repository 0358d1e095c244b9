""".ics files are parsed back with icalendar and carry the right UTC times, UIDs and status."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from exchange.scheduling.ics import CalendarSession, cancel, session_ics, session_uid, teacher_feed_ics
from exchange.scheduling.recurrence import weekly_occurrences

UTC = timezone.utc
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DOMAIN = "exchange.example.org"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def events(ics_bytes):
    return Calendar.from_ical(ics_bytes).walk("VEVENT")


SESSION = CalendarSession(
    uid=session_uid(42, DOMAIN),
    start=datetime(2026, 3, 31, 8, 0, tzinfo=ZoneInfo("Europe/Oslo")),  # CEST: 06:00 UTC
    end=datetime(2026, 3, 31, 9, 0, tzinfo=ZoneInfo("Europe/Oslo")),
    summary="Oslo 7B meets Sydney Y8: oceans; plastics, and whales",
    description="Bring your questions.\nShow the class map.",
    room_url="https://exchange.example.org/rooms/42",
    organizer_email="hansen@school.example.org",
    organizer_name="Kari Hansen",
    zones=("Europe/Oslo", "Australia/Sydney"),
)


def test_single_session_round_trips_with_utc_times_and_stable_uid():
    data = session_ics(SESSION, stamp=STAMP)
    assert isinstance(data, bytes)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "session-42@exchange.example.org"
    assert event.decoded("DTSTART") == utc(2026, 3, 31, 6, 0)
    assert event.decoded("DTEND") == utc(2026, 3, 31, 7, 0)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTSTAMP") == STAMP
    assert b"DTSTART:20260331T060000Z" in data  # UTC form, no TZID to misread
    assert b"VTIMEZONE" not in data
    assert str(event["SUMMARY"]) == SESSION.summary  # commas and semicolons survive escaping
    assert str(event["LOCATION"]) == SESSION.room_url
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("SEQUENCE") == 0
    assert str(event["ORGANIZER"]) == "mailto:hansen@school.example.org"
    assert event["ORGANIZER"].params["CN"] == "Kari Hansen"

    description = str(event["DESCRIPTION"])
    assert description.startswith("Bring your questions.\nShow the class map.")
    assert "Europe/Oslo: Tue 2026-03-31 08:00-09:00" in description
    assert "Australia/Sydney: Tue 2026-03-31 17:00-18:00" in description

    # The same session exported again is the same event (only DTSTAMP may differ).
    assert session_ics(SESSION, stamp=STAMP) == data


def test_lines_are_folded_and_crlf_terminated():
    long_text = "Vi snakker om havet og klimaet. " * 20
    data = session_ics(
        CalendarSession("u-1@x", utc(2026, 3, 2, 8), utc(2026, 3, 2, 9), "Long", description=long_text), stamp=STAMP
    )
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert str(events(data)[0]["DESCRIPTION"]) == long_text


def test_cancellation_raises_sequence_and_keeps_uid():
    cancelled = cancel(SESSION)
    [event] = events(session_ics(cancelled, stamp=STAMP))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 1
    assert str(event["UID"]) == str(events(session_ics(SESSION, stamp=STAMP))[0]["UID"])
    assert cancel(cancelled).sequence == 2


def test_teacher_feed_holds_a_weekly_series_as_separate_utc_events():
    # New York organiser, Tuesdays 09:00 across the US change on 8 March 2026.
    series = weekly_occurrences("America/New_York", date(2026, 3, 3), time(9, 0), timedelta(minutes=50), 3)
    sessions = [
        CalendarSession(
            session_uid(9, DOMAIN, o.week),
            o.start,
            o.end,
            "NYC 6 x Berlin 6a",
            room_url="https://exchange.example.org/rooms/9",
        )
        for o in series
    ]
    sessions.append(
        cancel(CalendarSession(session_uid(10, DOMAIN), utc(2026, 3, 5, 14), utc(2026, 3, 5, 15), "Cancelled visit"))
    )
    data = teacher_feed_ics(reversed(sessions), name="Ms. Rivera: exchange sessions", stamp=STAMP)
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Ms. Rivera: exchange sessions"
    parsed = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in parsed] == [
        "session-9-0@exchange.example.org",
        "session-10@exchange.example.org",
        "session-9-1@exchange.example.org",
        "session-9-2@exchange.example.org",
    ]
    assert [e.decoded("DTSTART") for e in parsed] == [
        utc(2026, 3, 3, 14),
        utc(2026, 3, 5, 14),
        utc(2026, 3, 10, 13),
        utc(2026, 3, 17, 13),
    ]
    assert parsed[2].decoded("DTEND") - parsed[2].decoded("DTSTART") == timedelta(minutes=50)
    assert [str(e["STATUS"]) for e in parsed] == ["CONFIRMED", "CANCELLED", "CONFIRMED", "CONFIRMED"]
    assert b"RRULE" not in data


def test_feed_refuses_duplicate_uids():
    with pytest.raises(ValueError):
        teacher_feed_ics([SESSION, SESSION], name="dup", stamp=STAMP)


@pytest.mark.parametrize(
    ("start", "end", "uid"),
    [
        (datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 10), "u@x"),  # naive
        (utc(2026, 3, 2, 10), utc(2026, 3, 2, 9), "u@x"),  # ends first
        (utc(2026, 3, 2, 9), utc(2026, 3, 2, 10), ""),  # no uid
    ],
)
def test_calendar_session_refuses_nonsense(start, end, uid):
    with pytest.raises(ValueError):
        CalendarSession(uid, start, end, "x")


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
