"""iCalendar (.ics) files for one session and a feed per teacher.

Times are written in UTC ("...Z") and a weekly series is written as one VEVENT per
occurrence, not as an RRULE: UTC needs no VTIMEZONE that a program might misread, the
wall-clock rule across DST is already applied by `recurrence`, holidays left out need
no EXDATE, and each meeting can be moved or cancelled on its own (own UID and
SEQUENCE). Calendar programs show UTC events in the reader's own zone.
Escaping and line folding are left to the icalendar library.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from .. import clock
from .timetable import load_zone, to_utc

PRODID = "-//Classroom Exchange//Scheduling//EN"


@dataclass(frozen=True)
class CalendarSession:
    """A session as a calendar sees it. `uid` must never change for the same meeting."""

    uid: str
    start: datetime  # aware
    end: datetime
    summary: str
    description: str = ""
    room_url: str = ""  # written as LOCATION and URL
    organizer_email: str = ""  # optional: some programs treat ORGANIZER as an invitation
    organizer_name: str = ""
    cancelled: bool = False
    sequence: int = 0  # raise on every change so programs replace their copy
    zones: tuple[str, ...] = ()  # local times in these zones are added to the description

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_utc(self.start))
        object.__setattr__(self, "end", to_utc(self.end))
        if not self.start < self.end:
            raise ValueError("a session must end after it starts")
        if not self.uid:
            raise ValueError("a calendar session needs a uid")
        if self.sequence < 0:
            raise ValueError("sequence cannot be negative")


def session_uid(session_id: Hashable, domain: str, occurrence: int | None = None) -> str:
    """A UID that stays the same on every export; one per occurrence of a series."""
    suffix = "" if occurrence is None else f"-{occurrence}"
    return f"session-{session_id}{suffix}@{domain}"


def cancel(session: CalendarSession) -> CalendarSession:
    """The same meeting marked cancelled, with SEQUENCE raised so calendars accept it."""
    return replace(session, cancelled=True, sequence=session.sequence + 1)


def _description(session: CalendarSession) -> str:
    lines = [session.description] if session.description else []
    for tz in session.zones:
        where = load_zone(tz)
        start, end = session.start.astimezone(where), session.end.astimezone(where)
        lines.append(f"{tz}: {start:%a %Y-%m-%d %H:%M}-{end:%H:%M}")
    if session.room_url:
        lines.append(f"Room: {session.room_url}")
    return "\n".join(lines)


def _event(session: CalendarSession, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", session.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.summary)
    description = _description(session)
    if description:
        event.add("description", description)
    if session.room_url:
        event.add("location", session.room_url)
        event.add("url", session.room_url)
    if session.organizer_email:
        organizer = vCalAddress(f"mailto:{session.organizer_email}")
        if session.organizer_name:
            organizer.params["cn"] = vText(session.organizer_name)
        event.add("organizer", organizer)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    event.add("sequence", session.sequence)
    return event


def _calendar(events: Iterable[CalendarSession], stamp: datetime | None) -> Calendar:
    stamp = to_utc(stamp) if stamp is not None else clock.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for session in events:
        calendar.add_component(_event(session, stamp.replace(microsecond=0)))
    return calendar


def session_ics(session: CalendarSession, *, stamp: datetime | None = None) -> bytes:
    """An .ics file with one session; `stamp` (DTSTAMP) defaults to now."""
    data: bytes = _calendar([session], stamp).to_ical()
    return data


def teacher_feed_ics(
    sessions: Iterable[CalendarSession],
    *,
    name: str,
    stamp: datetime | None = None,
    refresh: timedelta = timedelta(hours=1),
) -> bytes:
    """A subscribable feed of a teacher's sessions, cancelled ones kept so they disappear."""
    sessions = sorted(sessions, key=lambda s: (s.start, s.uid))
    uids = [s.uid for s in sessions]
    if len(set(uids)) != len(uids):
        raise ValueError("a feed cannot hold two events with the same uid")
    calendar = _calendar(sessions, stamp)
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    ttl: bytes = vDuration(refresh).to_ical()  # type: ignore[no-untyped-call]  # icalendar leaves it unannotated
    calendar.add("x-published-ttl", ttl.decode())  # Outlook, Apple
    data: bytes = calendar.to_ical()
    return data
