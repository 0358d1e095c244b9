"""Scheduling with the database: class profiles, partner search, session invitations and
their answers, conflicts, reminders, calendar files and feeds.

The rules about time (overlaps, recurrence, conflicts, iCalendar) are the pure modules of
this package; this module feeds them rows and turns their results into what people see.
Rooms are reached only through `session_rooms`.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import babel.dates
from flask import current_app, has_request_context, request
from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..directory import services as directory
from ..directory.models import GRADE_BANDS, ClassMembership, SchoolClass
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..realtime import emit, user_channel
from ..signals import audit
from ..when import utc_instant
from . import mailer, session_rooms
from .conflicts import BookedSession, ConflictKind, find_conflicts
from .ics import CalendarSession, session_ics, session_uid, teacher_feed_ics
from .matching import ClassProfile, rank_partners
from .models import CalendarFeed, ExchangeSession, SessionProposal, SessionReminder
from .overlap import LocalSpan
from .recurrence import weekly_occurrences
from .timetable import UTC, ClassTimetable

log = logging.getLogger("exchange.scheduling")

MAX_WEEKS = 12
MAX_SEARCH_WEEKS = 8
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_ASYNC_DAYS = 14
MAX_HOLIDAYS = 400
TEXT_LIMIT = 2000
BUSY = ("proposed", "accepted")


class ScheduleConflict(Conflict):
    """The time clashes; `conflicts` lists why, for the page or the API to show."""

    def __init__(self, message: str, conflicts: list[dict]):
        super().__init__(message, code="conflict")
        self.conflicts = conflicts


# ---- time and places ------------------------------------------------------------------

def _locale() -> str:
    if has_request_context():
        from flask_babel import get_locale

        return str(get_locale() or "en")
    return "en"


def iso(dt: datetime | None) -> str | None:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z") if dt else None


def offset_label(dt: datetime) -> str:
    """"UTC+05:45": the clock a time is read on, next to the zone's name."""
    return "UTC" + LocalSpan("UTC", dt, dt).utc_offset


def _zone(tz: str | None) -> tuple[str, ZoneInfo]:
    try:
        return tz, ZoneInfo(tz)
    except (TypeError, ValueError, KeyError):  # a user row with a broken zone reads times in UTC
        return "UTC", ZoneInfo("UTC")


def local_label(start: datetime, end: datetime, tz: str, locale: str | None = None) -> dict:
    """One interval on one clock, for pages, mails and the API."""
    tz, zone = _zone(tz)
    locale = locale or _locale()
    s, e = start.astimezone(zone), end.astimezone(zone)
    day = babel.dates.format_skeleton("yMMMEd", s, tzinfo=zone, locale=locale)
    t0 = babel.dates.format_time(s, "short", tzinfo=zone, locale=locale)
    t1 = babel.dates.format_time(e, "short", tzinfo=zone, locale=locale)
    if e.date() != s.date():
        t1 = babel.dates.format_skeleton("MMMEd", e, tzinfo=zone, locale=locale) + " " + t1
    return {"timezone": tz, "start": s.isoformat(), "end": e.isoformat(), "date": s.date().isoformat(),
            "start_time": s.strftime("%H:%M"), "end_time": e.strftime("%H:%M"), "offset": offset_label(s),
            "label": f"{day}, {t0}–{t1}"}


def parse_when(value, name: str = "starts_at") -> datetime:
    """An ISO 8601 date and time with an offset, as UTC."""
    return utc_instant(value, name)


def parse_day(value, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2027-03-16.", name=name), code="invalid_date") from None


def local_moment(tz: str, day, at) -> datetime:
    """A wall-clock time in a class's zone as UTC; refuses a time the clocks skip that night."""
    day = parse_day(day, _("Date"))
    at = directory.parse_time(at, _("Time"))
    zone = ZoneInfo(tz)
    local = datetime.combine(day, at, tzinfo=zone)
    moment = local.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise Invalid(_("%(time)s does not exist in %(tz)s on %(date)s: the clocks change that night. Choose another time.",
                        time=at.strftime("%H:%M"), tz=tz, date=day.isoformat()), code="time_does_not_exist")
    return moment


# ---- class profiles -------------------------------------------------------------------

def timetable_of(cls: SchoolClass) -> ClassTimetable:
    terms = ((cls.term_start, cls.term_end),) if cls.term_start and cls.term_end else ()
    return ClassTimetable(tz=cls.timezone, school_days=frozenset(cls.school_days or [1, 2, 3, 4, 5]),
                          day_start=cls.day_start, day_end=cls.day_end, terms=terms, holidays=tuple(cls.holidays or ()))


def match_profile(cls: SchoolClass) -> ClassProfile:
    return ClassProfile(class_id=cls.id, country=cls.school.country, region=cls.school.region or "",
                        grade_band=cls.grade_band, languages=frozenset(cls.languages or ()),
                        topics=frozenset(cls.topics or ()), timetable=timetable_of(cls))


def holiday_ranges(days: Iterable[str]) -> list[tuple[str, str]]:
    """Sorted ISO dates folded back into (first, last) runs, as a school calendar shows them."""
    out: list[list[date]] = []
    for d in sorted({date.fromisoformat(x) for x in days}):
        if out and d - out[-1][1] == timedelta(days=1):
            out[-1][1] = d
        else:
            out.append([d, d])
    return [(a.isoformat(), b.isoformat()) for a, b in out]


def clean_holidays(values) -> list[str]:
    """Dates and ranges ("2026-12-21..2027-01-01", or [first, last]) as a sorted list of ISO dates."""
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").replace("\n", ",").split(",")]
    if not isinstance(values, (list, tuple)):
        raise Invalid(_("Holidays must be a list of dates or date ranges."), code="invalid_holidays")
    days: set[date] = set()
    for item in values:
        if isinstance(item, (list, tuple)) and len(item) == 2:
            first, last = item
        elif isinstance(item, str) and item.strip():
            text = item.strip()
            parts = [p.strip() for p in (text.split("..") if ".." in text else text.split(" to "))]
            first, last = (parts[0], parts[-1]) if len(parts) in (1, 2) else ("", "")
        elif isinstance(item, str):
            continue
        else:
            raise Invalid(_("Holidays must be a list of dates or date ranges."), code="invalid_holidays")
        a, b = parse_day(first, _("Holiday")), parse_day(last, _("Holiday"))
        if b < a:
            raise Invalid(_("A holiday range ends before it starts: %(first)s to %(last)s.", first=a.isoformat(),
                            last=b.isoformat()), code="invalid_holidays")
        if (b - a).days > MAX_HOLIDAYS:
            raise Invalid(_("That holiday range is too long."), code="invalid_holidays")
        while a <= b:
            days.add(a)
            a += timedelta(days=1)
        if len(days) > MAX_HOLIDAYS:
            raise Invalid(_("At most %(n)d holiday dates.", n=MAX_HOLIDAYS), code="invalid_holidays")
    return [d.isoformat() for d in sorted(days)]


def profile_view(cls: SchoolClass) -> dict:
    return {
        "class_id": cls.id, "name": cls.name, "grade_band": cls.grade_band, "languages": list(cls.languages or []),
        "topics": list(cls.topics or []), "timezone": cls.timezone, "school_days": list(cls.school_days or []),
        "day_start": cls.day_start.strftime("%H:%M"), "day_end": cls.day_end.strftime("%H:%M"),
        "term_start": cls.term_start.isoformat() if cls.term_start else None,
        "term_end": cls.term_end.isoformat() if cls.term_end else None,
        "holidays": list(cls.holidays or []),
        "holiday_ranges": [list(r) for r in holiday_ranges(cls.holidays or [])],
    }


def managed_class(actor: User, class_id) -> SchoolClass:
    cls = directory.get_class(class_id)
    if not directory.can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can do this."), code="not_your_class")
    return cls


def update_profile(actor: User, cls: SchoolClass, data: dict) -> SchoolClass:
    """Set what partner search and scheduling need; fields left out keep their value."""
    if not directory.can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can do this."), code="not_your_class")
    before = profile_view(cls)
    if "grade_band" in data:
        if data["grade_band"] not in GRADE_BANDS:
            raise Invalid(_("Choose a grade band."), code="invalid_grade_band")
        cls.grade_band = data["grade_band"]
    if "languages" in data:
        cls.languages = directory.clean_languages(data["languages"])
    if "topics" in data:
        cls.topics = directory.clean_topics(data["topics"] or [])
    if "timezone" in data:
        cls.timezone = directory.valid_timezone(data["timezone"])
    if "school_days" in data:
        days = data["school_days"]
        if isinstance(days, str):
            days = [d for d in days.replace(",", " ").split()]
        try:
            days = sorted({int(d) for d in days}) if isinstance(days, (list, tuple)) and not any(isinstance(d, bool) for d in days) else None
        except (TypeError, ValueError):
            days = None
        if not days or not all(1 <= d <= 7 for d in days):
            raise Invalid(_("School days are weekday numbers 1 (Monday) to 7 (Sunday)."), code="invalid_days")
        cls.school_days = days
    if "day_start" in data:
        cls.day_start = directory.parse_time(data["day_start"], _("Start of the school day"))
    if "day_end" in data:
        cls.day_end = directory.parse_time(data["day_end"], _("End of the school day"))
    if cls.day_end <= cls.day_start:
        raise Invalid(_("The school day must end after it starts."), code="invalid_time")
    if "term_start" in data:
        cls.term_start = parse_day(data["term_start"], _("Term start")) if data["term_start"] else None
    if "term_end" in data:
        cls.term_end = parse_day(data["term_end"], _("Term end")) if data["term_end"] else None
    if bool(cls.term_start) != bool(cls.term_end):
        raise Invalid(_("Give both the first and the last day of term, or neither."), code="invalid_term")
    if cls.term_start and cls.term_end and cls.term_end < cls.term_start:
        raise Invalid(_("The term must end after it starts."), code="invalid_term")
    if "holidays" in data:
        cls.holidays = clean_holidays(data["holidays"] or [])
    try:
        timetable_of(cls)
    except ValueError:
        raise Invalid(_("This timetable is not consistent."), code="invalid_timetable") from None
    db.session.commit()
    after = profile_view(cls)
    changed = sorted(k for k in after if after[k] != before[k] and k != "holiday_ranges")
    audit("scheduling", actor_id=actor.id, action="class.profile_update", subject_type="class", subject_id=cls.id,
          school_id=cls.school_id, after={"fields": changed})
    return cls


# ---- partner search -------------------------------------------------------------------

def public_class(cls: SchoolClass) -> dict:
    """What another school sees of a class: no teacher, no students."""
    return {"id": cls.id, "name": cls.name, "school": cls.school.name, "country": cls.school.country,
            "region": cls.school.region or "", "grade_band": cls.grade_band, "languages": list(cls.languages or []),
            "topics": list(cls.topics or []), "timezone": cls.timezone}


def search_partners(actor: User, cls: SchoolClass, first_day: date | None = None, weeks: int = 4,
                    window_limit: int = 40) -> dict:
    """Classes of other schools ranked for `cls`, with the common school time in both local times."""
    if actor.role != "teacher" or cls.teacher_id != actor.id:
        raise Forbidden(_("You can search partners for your own classes only."), code="not_your_class")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_SEARCH_WEEKS:
        raise Invalid(_("Weeks must be 1 to %(n)d.", n=MAX_SEARCH_WEEKS), code="invalid_weeks")
    try:
        seeker = match_profile(cls)
    except ValueError:
        raise Invalid(_("The school calendar of this class is not consistent; check its profile."),
                      code="invalid_timetable") from None
    # From tomorrow on the class's own calendar: today's common time has mostly passed or is too soon to book.
    first_day = first_day or utcnow().astimezone(ZoneInfo(cls.timezone)).date() + timedelta(days=1)
    candidates = {}
    rows = db.session.scalars(select(SchoolClass).join(User, User.id == SchoolClass.teacher_id)
                              .where(SchoolClass.school_id != cls.school_id, User.status == "active")
                              .order_by(SchoolClass.id.desc()).limit(1000))
    profiles = []
    for other in rows:
        try:
            profiles.append(match_profile(other))
        except ValueError:  # a class with an inconsistent timetable is left out, not fatal
            log.warning("partner search skipped class=%s: bad timetable", other.id)
            continue
        candidates[other.id] = other
    matches = rank_partners(seeker, profiles, first_day, weeks=weeks)
    results = []
    for m in matches:
        other = candidates[m.candidate.class_id]
        windows = [{"start": iso(w.start), "end": iso(w.end), "minutes": w.minutes,
                    "local": [dict(local_label(w.start, w.end, cls.timezone), class_id=cls.id, class_name=cls.name),
                              dict(local_label(w.start, w.end, other.timezone), class_id=other.id, class_name=other.name)]}
                   for w in m.windows[:window_limit]]
        results.append({
            "class": public_class(other), "score": m.score, "shared_languages": sorted(m.shared_languages),
            "shared_topics": sorted(m.shared_topics), "grade_fit": m.grade_fit,
            "overlap_minutes": m.overlap.total_minutes, "window_count": len(m.windows), "windows": windows,
            "has_overlap": m.overlap.has_overlap, "async_suggested": m.async_suggested,
        })
    last_day = first_day + timedelta(days=7 * weeks - 1)
    return {"class": public_class(cls), "first_day": first_day.isoformat(), "last_day": last_day.isoformat(),
            "weeks": weeks, "results": results}


# ---- who may see and do what ----------------------------------------------------------

def get_session(session_id) -> ExchangeSession:
    s = lookup(ExchangeSession, session_id)
    if s is None:
        raise NotFound(_("No such session."), code="no_such_session")
    return s


def side_of(user: User | None, s: ExchangeSession) -> str | None:
    """"organiser" or "partner" for the teachers of the two classes; None for anyone else."""
    if user is None or user.role != "teacher" or not user.is_active:
        return None
    if s.organiser_class.teacher_id == user.id:
        return "organiser"
    if s.partner_class.teacher_id == user.id:
        return "partner"
    return None


def _student_of(user: User, class_ids) -> bool:
    return bool(db.session.scalar(select(ClassMembership.id).where(
        ClassMembership.user_id == user.id, ClassMembership.class_id.in_(list(class_ids)),
        ClassMembership.status == "approved")))


def can_view(user: User | None, s: ExchangeSession) -> bool:
    """The two teachers see everything; students of either class and the two schools' admins see
    sessions once accepted (and their cancellation); moderators see booked sessions."""
    if user is None or not user.is_active:
        return False
    if side_of(user, s):
        return True
    booked = s.status in ("accepted", "cancelled") and (s.status == "accepted" or s.room_id is not None)
    if user.role == "admin":
        return user.school_id in (s.organiser_class.school_id, s.partner_class.school_id)
    if user.role == "student":
        return booked and _student_of(user, s.class_ids)
    if user.role == "moderator":
        return booked and (user.platform_wide or user.school_id in (s.organiser_class.school_id, s.partner_class.school_id))
    return False


def require_view(user: User, s: ExchangeSession) -> None:
    if not can_view(user, s):
        raise NotFound(_("No such session."), code="no_such_session")  # never confirm it exists


def _require_side(user: User, s: ExchangeSession) -> str:
    side = side_of(user, s)
    if side is None:
        if can_view(user, s):
            raise Forbidden(_("Only the teachers of the two classes can do this."), code="not_your_session")
        raise NotFound(_("No such session."), code="no_such_session")
    return side


def _other(side: str) -> str:
    return "partner" if side == "organiser" else "organiser"


def _teacher_of(s: ExchangeSession, side: str) -> User:
    cls = s.organiser_class if side == "organiser" else s.partner_class
    return db.session.get(User, cls.teacher_id)


def _cross_school(a: SchoolClass, b: SchoolClass) -> bool:
    return a.school_id != b.school_id


def _require_verified(actor: User, *teachers: User) -> None:
    """A session between schools needs both teachers verified by their school admin."""
    for t in teachers:
        if t.teacher_verified_at is None:
            if t.id == actor.id:
                raise Forbidden(_("Your school admin must verify you before you meet partner classes."),
                                code="teacher_not_verified")
            raise Forbidden(_("The partner teacher is not verified by their school yet; the session can be booked "
                              "once they are."), code="teacher_not_verified")


# ---- conflicts ------------------------------------------------------------------------

def _reason_text(reason: str) -> str:
    return {"not a school day": _("not a school day"), "outside term": _("outside term"),
            "holiday": _("a holiday")}.get(reason, reason)


def _busy_sessions(class_ids: Iterable[int], teacher_ids: Iterable[int], start: datetime, end: datetime,
                   exclude: Iterable[int] = ()) -> list[ExchangeSession]:
    teacher_ids = list(teacher_ids)
    taught = list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.teacher_id.in_(teacher_ids))))
    ids = sorted(set(class_ids) | set(taught))
    q = (select(ExchangeSession).where(ExchangeSession.status.in_(BUSY), ExchangeSession.kind == "live",
                                       ExchangeSession.starts_at < end, ExchangeSession.ends_at > start,
                                       or_(ExchangeSession.organiser_class_id.in_(ids),
                                           ExchangeSession.partner_class_id.in_(ids),
                                           ExchangeSession.organiser_id.in_(teacher_ids))))
    exclude = list(exclude)
    if exclude:
        q = q.where(ExchangeSession.id.not_in(exclude))
    return list(db.session.scalars(q.order_by(ExchangeSession.starts_at).limit(500)))


def find_session_conflicts(viewer: User, org: SchoolClass, partner: SchoolClass, slots: list[tuple[datetime, datetime]],
                           exclude: Iterable[int] = (), occurrences: list[int] | None = None) -> list[dict]:
    """Every clash of each proposed slot with sessions of both classes and both teachers, and with
    both school calendars; each as {kind, occurrence, class_id, session_id, message}."""
    if not slots:
        return []
    teachers = {org.teacher_id, partner.teacher_id}
    class_ids = {org.id, partner.id}
    busy = _busy_sessions(class_ids, teachers, min(s for s, _e in slots), max(e for _s, e in slots), exclude)
    booked = [BookedSession(b.id, b.starts_at, b.ends_at, frozenset(b.class_ids), b.teacher_ids) for b in busy]
    by_id = {b.id: b for b in busy}
    timetables = {org.id: timetable_of(org), partner.id: timetable_of(partner)}
    classes = {org.id: org, partner.id: partner}
    out = []
    for index, (start, end) in enumerate(slots):
        proposed = BookedSession(None, start, end, frozenset(class_ids), frozenset(teachers))
        for c in find_conflicts(proposed, booked, timetables):
            other = by_id.get(c.session_id) if c.session_id is not None else None
            item = {"kind": str(c.kind), "occurrence": occurrences[index] if occurrences else index,
                    "class_id": c.class_id, "session_id": None, "message": ""}
            if other is not None:
                visible = side_of(viewer, other) is not None
                item["session_id"] = other.id if visible else None
                when = local_label(other.starts_at, other.ends_at, classes[c.class_id].timezone if c.class_id in classes
                                   else org.timezone)["label"]
                status = _("booked") if other.status == "accepted" else _("waiting for an answer")
                if c.kind == ConflictKind.CLASS_BUSY:
                    name = classes[c.class_id].name
                    item["message"] = (_("%(cls)s already has “%(title)s” on %(when)s (%(status)s).", cls=name,
                                         title=other.title, when=when, status=status) if visible else
                                       _("%(cls)s already has another session on %(when)s.", cls=name, when=when))
                else:
                    teacher = db.session.get(User, c.teacher_id)
                    item["teacher_id"] = c.teacher_id
                    item["message"] = (_("%(name)s already has “%(title)s” on %(when)s (%(status)s).",
                                         name=teacher.full_name, title=other.title, when=when, status=status) if visible else
                                       _("%(name)s already has another session at that time.", name=teacher.full_name))
            elif c.kind == ConflictKind.SCHOOL_CLOSED:
                cls = classes[c.class_id]
                day = start.astimezone(ZoneInfo(cls.timezone)).date()
                reason = timetables[cls.id].closed_reason(day) or ""
                item["message"] = _("%(cls)s has no school on %(date)s (%(reason)s).", cls=cls.name,
                                    date=babel.dates.format_skeleton("yMMMEd", day, locale=_locale()),
                                    reason=_reason_text(reason))
            else:
                cls = classes[c.class_id]
                item["message"] = _("%(cls)s: %(when)s is outside school hours %(start)s–%(end)s (%(tz)s).", cls=cls.name,
                                    when=local_label(start, end, cls.timezone)["label"],
                                    start=cls.day_start.strftime("%H:%M"), end=cls.day_end.strftime("%H:%M"),
                                    tz=cls.timezone)
            out.append(item)
    return out


# ---- invitations and answers ----------------------------------------------------------

def _clean_text(value, name: str, limit: int = TEXT_LIMIT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    value = value.replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise Invalid(_("%(name)s must be at most %(n)d characters.", name=name, n=limit), code="too_long")
    return value


def _duration(minutes) -> timedelta:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise Invalid(_("A session lasts %(a)d to %(b)d minutes.", a=MIN_MINUTES, b=MAX_MINUTES), code="invalid_duration")
    return timedelta(minutes=minutes)


def _partner_for(actor: User, org: SchoolClass, partner_class_id) -> SchoolClass:
    if isinstance(partner_class_id, bool) or not isinstance(partner_class_id, int):
        raise Invalid(_("Choose a partner class."), code="invalid_partner")
    partner = lookup(SchoolClass, partner_class_id)
    if partner is None:
        raise NotFound(_("No such class."), code="no_such_class")
    if partner.id == org.id or partner.teacher_id == actor.id:
        raise Invalid(_("Invite a class of another teacher."), code="invalid_partner")
    if partner.teacher.status != "active":
        raise Invalid(_("That class cannot be invited now."), code="invalid_partner")
    if _cross_school(org, partner):
        _require_verified(actor, actor)
    return partner


def _organiser_class(actor: User, class_id) -> SchoolClass:
    if isinstance(class_id, bool) or not isinstance(class_id, int):
        raise Invalid(_("Choose one of your classes."), code="invalid_class")
    org = directory.get_class(class_id)
    if actor.role != "teacher" or org.teacher_id != actor.id:
        raise Forbidden(_("You can invite for your own classes only."), code="not_your_class")
    return org


def plan_slots(org: SchoolClass, partner: SchoolClass, start: datetime, duration: timedelta, weeks: int):
    """The UTC slots of a weekly series keeping the organiser's wall-clock time, and the calendar
    notes of the recurrence (a time the clocks skip)."""
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise Invalid(_("A series has 1 to %(n)d weekly sessions.", n=MAX_WEEKS), code="invalid_weeks")
    zone = ZoneInfo(org.timezone)
    local = start.astimezone(zone)
    occurrences = weekly_occurrences(org.timezone, local.date(), local.time().replace(tzinfo=None), duration, weeks)
    return [(o.start, o.end) for o in occurrences], [o.closed for o in occurrences]


def _gap_conflicts(org: SchoolClass, notes: list[tuple[str, ...]]) -> list[dict]:
    out = []
    for index, closed in enumerate(notes):
        if any("does not exist" in c for c in closed):
            out.append({"kind": "time_does_not_exist", "occurrence": index, "class_id": org.id, "session_id": None,
                        "message": _("Week %(n)d: that time does not exist in %(tz)s (the clocks change that night).",
                                     n=index + 1, tz=org.timezone)})
    return out


def preview(actor: User, *, class_id, partner_class_id, start: datetime, minutes: int = 45, weeks: int = 1) -> dict:
    """Both local times and every conflict of a session not yet proposed."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    slots, notes = plan_slots(org, partner, start, _duration(minutes), weeks)
    conflicts = _gap_conflicts(org, notes) + find_session_conflicts(actor, org, partner, slots)
    return {"occurrences": [_slot_view(i, s, e, org, partner) for i, (s, e) in enumerate(slots)], "conflicts": conflicts}


def _slot_view(index: int, start: datetime, end: datetime, org: SchoolClass, partner: SchoolClass) -> dict:
    return {"occurrence": index, "starts_at": iso(start), "ends_at": iso(end),
            "local": [dict(local_label(start, end, org.timezone), class_id=org.id, class_name=org.name),
                      dict(local_label(start, end, partner.timezone), class_id=partner.id, class_name=partner.name)]}


def invite(actor: User, *, class_id, partner_class_id, title, agenda="", cultural_prompt="", start: datetime,
           minutes: int = 45, weeks: int = 1, book_anyway: bool = False) -> list[ExchangeSession]:
    """Invite a partner class to one session or a weekly series of `weeks` sessions."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    title = validate_name(title if isinstance(title, str) else "", _("Title"))
    agenda = _clean_text(agenda, _("Agenda"))
    prompt = _clean_text(cultural_prompt, _("Cultural prompt"))
    duration = _duration(minutes)
    if start <= utcnow():
        raise Invalid(_("Choose a time in the future."), code="session_in_past")
    slots, notes = plan_slots(org, partner, start, duration, weeks)
    conflicts = _gap_conflicts(org, notes) + find_session_conflicts(actor, org, partner, slots)
    if conflicts and not book_anyway:
        raise ScheduleConflict(_("This time clashes with something. Choose another time or book anyway."), conflicts)
    series = uuid.uuid4().hex if weeks > 1 else None
    sessions = []
    for index, (s, e) in enumerate(slots):
        session = ExchangeSession(kind="live", organiser_id=actor.id, organiser_class_id=org.id,
                                  partner_class_id=partner.id, title=title, agenda=agenda, cultural_prompt=prompt,
                                  starts_at=s, ends_at=e, status="proposed", awaiting="partner", series_id=series,
                                  occurrence=index, series_size=len(slots), sequence=0)
        db.session.add(session)
        db.session.flush()
        db.session.add(SessionProposal(session_id=session.id, proposed_by=actor.id, side="organiser", starts_at=s,
                                       ends_at=e))
        sessions.append(session)
    db.session.commit()
    for session in sessions:
        audit("scheduling", actor_id=actor.id, action="session.invite", subject_type="session", subject_id=session.id,
              school_id=org.school_id, after={"classes": [org.id, partner.id], "starts_at": iso(session.starts_at),
                                              "series": series, "conflicts_overridden": bool(conflicts)})
    log.info("session invite ids=%s organiser=%s partner_class=%s", [s.id for s in sessions], actor.id, partner.id)
    _notify(sessions, "invited", actor)
    return sessions


def invite_async(actor: User, *, class_id, partner_class_id, title, agenda="", cultural_prompt="",
                 first_day: date | None = None, days: int | None = None) -> ExchangeSession:
    """No common school time: invite to an asynchronous exchange, a room open over several days
    (EXCHANGE_ASYNC_DAYS, default 5) where both classes write in their own school hours."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    days = days if days is not None else int(current_app.config.get("ASYNC_DAYS", 5))
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_ASYNC_DAYS:
        raise Invalid(_("An asynchronous exchange lasts 1 to %(n)d days.", n=MAX_ASYNC_DAYS), code="invalid_days")
    title = validate_name(title if isinstance(title, str) else "", _("Title"))
    zone = ZoneInfo(org.timezone)
    first_day = first_day or (utcnow().astimezone(zone).date() + timedelta(days=1))
    start = datetime.combine(first_day, org.day_start, tzinfo=zone).astimezone(UTC)
    if start <= utcnow():
        raise Invalid(_("Choose a day in the future."), code="session_in_past")
    session = ExchangeSession(kind="async", organiser_id=actor.id, organiser_class_id=org.id, partner_class_id=partner.id,
                              title=title, agenda=_clean_text(agenda, _("Agenda")),
                              cultural_prompt=_clean_text(cultural_prompt, _("Cultural prompt")),
                              starts_at=start, ends_at=start + timedelta(days=days), status="proposed", awaiting="partner")
    db.session.add(session)
    db.session.flush()
    db.session.add(SessionProposal(session_id=session.id, proposed_by=actor.id, side="organiser",
                                   starts_at=session.starts_at, ends_at=session.ends_at))
    db.session.commit()
    audit("scheduling", actor_id=actor.id, action="session.invite_async", subject_type="session", subject_id=session.id,
          school_id=org.school_id, after={"classes": [org.id, partner.id], "days": days})
    _notify([session], "invited", actor)
    return session


def _claim(s: ExchangeSession, current: set[str], status: str, *, awaiting: str | None = None,
           set_awaiting: str | None = None, bump: bool = False) -> bool:
    """Move a session from one of `current` to `status` only if nobody did it meanwhile; commits."""
    q = update(ExchangeSession).where(ExchangeSession.id == s.id, ExchangeSession.status.in_(sorted(current)))
    if awaiting is not None:
        q = q.where(ExchangeSession.awaiting == awaiting)
    values = {"status": status, "awaiting": set_awaiting, "updated_at": utcnow()}
    if bump:
        values["sequence"] = ExchangeSession.sequence + 1
    claimed = db.session.execute(q.values(**values).execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    db.session.refresh(s)
    return claimed


def _targets(actor: User, s: ExchangeSession, series: bool, statuses: tuple[str, ...]) -> list[ExchangeSession]:
    if not series or s.series_id is None:
        return [s]
    rows = db.session.scalars(select(ExchangeSession).where(ExchangeSession.series_id == s.series_id,
                                                            ExchangeSession.status.in_(statuses),
                                                            ExchangeSession.ends_at > utcnow())
                              .order_by(ExchangeSession.occurrence))
    return [r for r in rows if side_of(actor, r) is not None] or [s]


def _close_proposals(session_ids: list[int], outcome: str) -> None:
    for p in db.session.scalars(select(SessionProposal).where(SessionProposal.session_id.in_(session_ids),
                                                              SessionProposal.outcome == "open")):
        p.outcome = outcome


def accept(actor: User, s: ExchangeSession, *, series: bool = False, book_anyway: bool = False) -> list[ExchangeSession]:
    """The awaited teacher says yes: each session gets its room with both classes in."""
    side = _require_side(actor, s)
    targets = [t for t in _targets(actor, s, series, ("proposed",)) if t.status == "proposed" and t.awaiting == side]
    if s not in targets:
        if s.status != "proposed":
            raise Conflict(_("This session is already %(status)s.", status=_(s.status)), code="not_pending")
        raise Forbidden(_("This invitation is waiting for the other teacher."), code="not_your_turn")
    if any(t.starts_at <= utcnow() for t in targets):
        raise Invalid(_("This time has passed. Propose another time instead."), code="session_in_past")
    organiser, partner_teacher = _teacher_of(s, "organiser"), _teacher_of(s, "partner")
    if _cross_school(s.organiser_class, s.partner_class):
        _require_verified(actor, actor, organiser if side == "partner" else partner_teacher)
    live = [t for t in targets if t.kind == "live"]
    conflicts = find_session_conflicts(actor, s.organiser_class, s.partner_class, [(t.starts_at, t.ends_at) for t in live],
                                       exclude=[t.id for t in targets], occurrences=[t.occurrence for t in live])
    conflicts = [c for c in conflicts if c["kind"] in ("class_busy", "teacher_busy")] if not book_anyway else []
    if conflicts:
        raise ScheduleConflict(_("Something else was booked at this time. Propose another time or book anyway."),
                               conflicts)
    done = []
    for t in targets:
        # Claim the session first (a conditional update), so a double click or a second tab
        # cannot create a second room; give it back if the room cannot be made.
        if not _claim(t, {"proposed"}, "accepted", awaiting=side):
            continue
        try:
            t.room_id = session_rooms.open_room(t, partner_teacher)  # commits the room
        except Exception:
            db.session.rollback()
            _claim(t, {"accepted"}, "proposed", set_awaiting=side)
            raise
        _close_proposals([t.id], "accepted")
        db.session.commit()
        done.append(t)
        audit("scheduling", actor_id=actor.id, action="session.accept", subject_type="session", subject_id=t.id,
              room_id=t.room_id, school_id=actor.school_id, after={"status": "accepted", "room": t.room_id})
    if not done:
        raise Conflict(_("This session is already %(status)s.", status=_(s.status)), code="not_pending")
    log.info("session accept ids=%s by=%s", [t.id for t in done], actor.id)
    _notify(done, "accepted", actor)
    return done


def decline(actor: User, s: ExchangeSession, *, series: bool = False) -> list[ExchangeSession]:
    side = _require_side(actor, s)
    targets = [t for t in _targets(actor, s, series, ("proposed",)) if t.status == "proposed" and t.awaiting == side]
    if s not in targets:
        if s.status != "proposed":
            raise Conflict(_("This session is already %(status)s.", status=_(s.status)), code="not_pending")
        raise Forbidden(_("This invitation is waiting for the other teacher; cancel it instead."), code="not_your_turn")
    for t in targets:
        t.status, t.awaiting, t.updated_at = "declined", None, utcnow()
    _close_proposals([t.id for t in targets], "declined")
    db.session.commit()
    for t in targets:
        audit("scheduling", actor_id=actor.id, action="session.decline", subject_type="session", subject_id=t.id,
              school_id=actor.school_id, after={"status": "declined"})
    _notify(targets, "declined", actor)
    return targets


def propose(actor: User, s: ExchangeSession, *, start: datetime, minutes: int | None = None, note="",
            book_anyway: bool = False) -> ExchangeSession:
    """Either teacher suggests another time for a session still waiting for an answer; the other
    teacher then accepts, declines or proposes again."""
    side = _require_side(actor, s)
    if s.status != "proposed":
        raise Conflict(_("Only a session waiting for an answer can be moved; cancel it and invite again."),
                       code="not_pending")
    if s.kind != "live":
        raise Invalid(_("An asynchronous exchange has no meeting time to move."), code="not_live")
    duration = _duration(minutes) if minutes is not None else s.ends_at - s.starts_at
    if start <= utcnow():
        raise Invalid(_("Choose a time in the future."), code="session_in_past")
    note = _clean_text(note, _("Note"), 500)
    end = start + duration
    conflicts = find_session_conflicts(actor, s.organiser_class, s.partner_class, [(start, end)], exclude=[s.id],
                                       occurrences=[s.occurrence])
    if conflicts and not book_anyway:
        raise ScheduleConflict(_("This time clashes with something. Choose another time or propose it anyway."),
                               conflicts)
    before = {"starts_at": iso(s.starts_at), "ends_at": iso(s.ends_at)}
    _close_proposals([s.id], "superseded")
    s.starts_at, s.ends_at = start, end
    s.awaiting = _other(side)
    s.sequence += 1
    s.updated_at = utcnow()
    db.session.add(SessionProposal(session_id=s.id, proposed_by=actor.id, side=side, starts_at=start, ends_at=end, note=note))
    db.session.commit()
    audit("scheduling", actor_id=actor.id, action="session.propose", subject_type="session", subject_id=s.id,
          school_id=actor.school_id, before=before, after={"starts_at": iso(start), "ends_at": iso(end)})
    _notify([s], "proposed", actor)
    return s


def cancel(actor: User, s: ExchangeSession, *, series: bool = False, reason="") -> list[ExchangeSession]:
    """Either teacher calls a session off: calendars get STATUS:CANCELLED with a higher SEQUENCE,
    the room closes at once, and everyone is told in the app and by e-mail."""
    _require_side(actor, s)
    if s.status not in BUSY:
        raise Conflict(_("This session is already %(status)s.", status=_(s.status)), code="not_active")
    if s.ends_at <= utcnow():
        raise Invalid(_("This session is over."), code="session_over")
    reason = _clean_text(reason, _("Reason"), 500)
    targets = [t for t in _targets(actor, s, series, BUSY) if t.status in BUSY]
    was_booked = {t.id: t.status == "accepted" for t in targets}
    targets = [t for t in targets if _claim(t, set(BUSY), "cancelled", bump=True)]
    if not targets:
        raise Conflict(_("This session is already %(status)s.", status=_(s.status)), code="not_active")
    for t in targets:
        session_rooms.close_room(t, actor)
    _close_proposals([t.id for t in targets], "cancelled")
    db.session.commit()
    for t in targets:
        audit("scheduling", actor_id=actor.id, action="session.cancel", subject_type="session", subject_id=t.id,
              room_id=t.room_id, school_id=actor.school_id, after={"status": "cancelled", "sequence": t.sequence})
    log.info("session cancel ids=%s by=%s", [t.id for t in targets], actor.id)
    _notify(targets, "cancelled", actor, students=any(was_booked.values()), note=reason)
    return targets


# ---- what people see ------------------------------------------------------------------

def class_view(cls: SchoolClass) -> dict:
    """A class in a session: name, school and country only (students and other schools see this)."""
    return {"id": cls.id, "name": cls.name, "school": cls.school.name, "country": cls.school.country,
            "timezone": cls.timezone}


def public_url() -> str:
    if has_request_context():
        return request.url_root.rstrip("/")
    return (current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")


def session_view(s: ExchangeSession, viewer: User) -> dict:
    side = side_of(viewer, s)
    now = utcnow()
    pending = s.status == "proposed"
    my_turn = pending and side is not None and s.awaiting == side
    out = {
        "id": s.id, "kind": s.kind, "title": s.title, "agenda": s.agenda, "cultural_prompt": s.cultural_prompt,
        "status": s.status, "awaiting": s.awaiting if pending else None, "my_side": side,
        "starts_at": iso(s.starts_at), "ends_at": iso(s.ends_at), "minutes": int((s.ends_at - s.starts_at).total_seconds()) // 60,
        "series": {"id": s.series_id, "occurrence": s.occurrence, "size": s.series_size} if s.series_id else None,
        "sequence": s.sequence,
        "organiser_class": class_view(s.organiser_class), "partner_class": class_view(s.partner_class),
        "local": [dict(local_label(s.starts_at, s.ends_at, c.timezone), class_id=c.id, class_name=c.name)
                  for c in (s.organiser_class, s.partner_class)],
        "viewer_local": local_label(s.starts_at, s.ends_at, viewer.timezone or "UTC"),
        "room_id": s.room_id, "room_url": f"/rooms/{s.room_id}" if s.room_id else None,
        "room_state": session_rooms.room_state(s) if s.room_id else None,
        "ics_url": f"/sessions/{s.id}.ics",
        "actions": {
            "accept": my_turn, "decline": my_turn, "propose": pending and side is not None and s.kind == "live",
            "cancel": side is not None and s.status in BUSY and s.ends_at > now,
        },
    }
    if viewer.role == "teacher" or viewer.role == "admin":
        out["organiser"] = {"id": s.organiser_class.teacher_id, "name": s.organiser_class.teacher.full_name}
        out["partner_teacher"] = {"id": s.partner_class.teacher_id, "name": s.partner_class.teacher.full_name}
    if side is not None:
        out["proposals"] = [{"by": p.side, "starts_at": iso(p.starts_at), "ends_at": iso(p.ends_at), "note": p.note,
                             "outcome": p.outcome, "at": iso(p.created_at)}
                            for p in db.session.scalars(select(SessionProposal).where(SessionProposal.session_id == s.id)
                                                        .order_by(SessionProposal.id))]
    return out


def _viewer_class_ids(user: User) -> list[int]:
    return [c.id for c in directory.classes_for(user)]


def sessions_for(user: User, *, class_id: int | None = None, upcoming: bool = True, limit: int = 200) -> list[ExchangeSession]:
    """Sessions this user may see, soonest first: of their classes (students: accepted or cancelled)."""
    ids = _viewer_class_ids(user)
    if class_id is not None:
        ids = [i for i in ids if i == class_id]
    if not ids:
        return []
    q = select(ExchangeSession).where(or_(ExchangeSession.organiser_class_id.in_(ids),
                                          ExchangeSession.partner_class_id.in_(ids)))
    if upcoming:
        q = q.where(ExchangeSession.ends_at > utcnow())
    if user.role == "teacher":
        q = q.where(ExchangeSession.status != "declined")
    else:
        q = q.where(ExchangeSession.status.in_(("accepted", "cancelled")))
    rows = db.session.scalars(q.order_by(ExchangeSession.starts_at, ExchangeSession.id).limit(limit))
    return [s for s in rows if can_view(user, s)]


def invitations_for(teacher: User) -> dict:
    """Sessions waiting for this teacher's answer, waiting for the partner, and lately answered."""
    ids = [c.id for c in directory.classes_for(teacher)] if teacher.role == "teacher" else []
    if not ids:
        return {"incoming": [], "outgoing": [], "answered": []}
    base = select(ExchangeSession).where(or_(ExchangeSession.organiser_class_id.in_(ids),
                                             ExchangeSession.partner_class_id.in_(ids)))
    pending = db.session.scalars(base.where(ExchangeSession.status == "proposed", ExchangeSession.ends_at > utcnow())
                                 .order_by(ExchangeSession.starts_at, ExchangeSession.id).limit(300))
    incoming, outgoing = [], []
    for s in pending:
        side = side_of(teacher, s)
        if side is None:
            continue
        (incoming if s.awaiting == side else outgoing).append(s)
    answered = list(db.session.scalars(base.where(ExchangeSession.status.in_(("declined", "cancelled", "accepted")),
                                                  ExchangeSession.updated_at > utcnow() - timedelta(days=30))
                                       .order_by(ExchangeSession.updated_at.desc()).limit(20)))
    return {"incoming": incoming, "outgoing": outgoing, "answered": answered}


# ---- notifications --------------------------------------------------------------------

def _subject(event: str, title: str) -> str:
    texts = {"invited": _("Invitation: %(title)s", title=title),
             "proposed": _("Another time proposed: %(title)s", title=title),
             "accepted": _("Accepted: %(title)s", title=title),
             "declined": _("Declined: %(title)s", title=title),
             "cancelled": _("Cancelled: %(title)s", title=title),
             "reminder": _("Reminder: %(title)s", title=title)}
    return texts[event]


def _mail_body(event: str, sessions: list[ExchangeSession], recipient: User, actor: User | None, note: str = "") -> str:
    first = sessions[0]
    lines = []
    intro = {
        "invited": _("%(who)s invites %(cls)s to a session with %(org)s.", who=actor.full_name if actor else "",
                     cls=first.partner_class.name, org=first.organiser_class.name),
        "proposed": _("%(who)s proposes another time.", who=actor.full_name if actor else ""),
        "accepted": _("%(who)s accepted. The room is ready.", who=actor.full_name if actor else ""),
        "declined": _("%(who)s declined.", who=actor.full_name if actor else ""),
        "cancelled": _("%(who)s cancelled this session. Its room is closed.", who=actor.full_name if actor else ""),
        "reminder": _("Your session starts soon."),
    }[event]
    lines += [first.title, "", intro, ""]
    if note:
        lines += [note, ""]
    zones = [(recipient.timezone or "UTC", _("your time"))]
    for c in (first.organiser_class, first.partner_class):
        zones.append((c.timezone, c.name))
    for s in sessions:
        if s.series_id:
            lines.append(_("Week %(n)d of %(size)d", n=s.occurrence + 1, size=s.series_size))
        seen = set()
        for tz, who in zones:
            if tz in seen:
                continue
            seen.add(tz)
            label = local_label(s.starts_at, s.ends_at, tz)
            lines.append(f"  {label['label']} ({label['timezone']}, {label['offset']}) · {who}")
        lines.append("")
    if first.agenda:
        lines += [_("Agenda:"), first.agenda, ""]
    if first.cultural_prompt:
        lines += [_("Cultural prompt:"), first.cultural_prompt, ""]
    base = public_url()
    if event in ("invited", "proposed"):
        lines.append(_("Answer here: %(url)s", url=base + "/invitations"))
    elif first.room_id and event in ("accepted", "reminder"):
        lines.append(_("Room: %(url)s", url=f"{base}/rooms/{first.room_id}"))
        lines.append(_("Calendar file: %(url)s", url=f"{base}/sessions/{first.id}.ics"))
    return "\n".join(lines) + "\n"


def _payload(s: ExchangeSession, event: str) -> dict:
    """What a socket learns: ids, status and times; no names of people, no e-mail."""
    return {"event": event, "session": s.id, "status": s.status, "title": s.title, "kind": s.kind,
            "starts_at": iso(s.starts_at), "ends_at": iso(s.ends_at), "room_id": s.room_id, "sequence": s.sequence,
            "series_id": s.series_id, "awaiting": s.awaiting}


def _students(class_ids) -> list[int]:
    return list(db.session.scalars(select(ClassMembership.user_id).where(
        ClassMembership.class_id.in_(list(class_ids)), ClassMembership.status == "approved")))


def _notify(sessions: list[ExchangeSession], event: str, actor: User | None, *, students: bool = False, note: str = "") -> None:
    """Tell both teachers (and for a booked session that changes, the students) in the app at once
    through `session_update` on their user channels, and the teachers by e-mail."""
    if not sessions:
        return
    first = sessions[0]
    teachers = [t for t in (db.session.get(User, tid) for tid in
                            sorted({first.organiser_class.teacher_id, first.partner_class.teacher_id})) if t is not None]
    for s in sessions:
        payload = _payload(s, event)
        for t in teachers:
            emit("session_update", payload, user_channel(t.id))
        if students:
            for uid in _students(s.class_ids):
                emit("session_update", payload, user_channel(uid))
    for t in teachers:
        if not t.email or not t.is_active:
            continue
        if actor is not None and t.id == actor.id and event not in ("cancelled", "reminder"):
            continue  # the person acting knows; a cancellation is confirmed to both
        try:
            mailer.send_email(t.email, _subject(event, first.title), _mail_body(event, sessions, t, actor, note))
        except Exception:  # a broken outbox must not undo the booking; the log says which session
            log.exception("session mail failed session=%s event=%s user=%s", first.id, event, t.id)


# ---- reminders ------------------------------------------------------------------------

def send_due_reminders(now: datetime | None = None) -> int:
    """Mail each teacher of each accepted session starting within EXCHANGE_REMINDER_HOURS (24)
    a reminder, once: the row in `session_reminders` is claimed before the mail goes out."""
    now = now or utcnow()
    hours = int(current_app.config.get("REMINDER_HOURS", 24))
    due = list(db.session.scalars(select(ExchangeSession).where(
        ExchangeSession.status == "accepted", ExchangeSession.starts_at > now,
        ExchangeSession.starts_at <= now + timedelta(hours=hours)).order_by(ExchangeSession.starts_at).limit(1000)))
    sent = 0
    for s in due:
        for tid in sorted({s.organiser_class.teacher_id, s.partner_class.teacher_id}):
            teacher = db.session.get(User, tid)
            if teacher is None or not teacher.email or not teacher.is_active:
                continue
            db.session.add(SessionReminder(session_id=s.id, user_id=tid, channel="email", sent_at=now))
            try:
                db.session.commit()
            except IntegrityError:  # already reminded (or another process is doing it now)
                db.session.rollback()
                continue
            try:
                mailer.send_email(teacher.email, _subject("reminder", s.title), _mail_body("reminder", [s], teacher, None))
                emit("session_update", _payload(s, "reminder"), user_channel(tid))
                sent += 1
            except Exception:
                log.exception("reminder mail failed session=%s user=%s", s.id, tid)
    log.info("reminders sent=%s", sent)
    return sent


# ---- calendars ------------------------------------------------------------------------

def _uid_domain() -> str:
    return urlparse(current_app.config.get("PUBLIC_URL") or "").hostname or "exchange.invalid"


def calendar_entry(s: ExchangeSession, viewer: User) -> CalendarSession:
    base = public_url()
    description = [s.agenda] if s.agenda else []
    if s.cultural_prompt:
        description.append(_("Cultural prompt: %(text)s", text=s.cultural_prompt))
    description.append(_("%(a)s (%(a_school)s, %(a_country)s) with %(b)s (%(b_school)s, %(b_country)s)",
                         a=s.organiser_class.name, a_school=s.organiser_class.school.name,
                         a_country=s.organiser_class.school.country, b=s.partner_class.name,
                         b_school=s.partner_class.school.name, b_country=s.partner_class.school.country))
    teacher_view = viewer.role == "teacher"
    organiser = s.organiser_class.teacher
    return CalendarSession(
        uid=session_uid(s.id, _uid_domain()), start=s.starts_at, end=s.ends_at, summary=s.title,
        description="\n".join(description), room_url=f"{base}/rooms/{s.room_id}" if s.room_id else "",
        organizer_email=(organiser.email or "") if teacher_view else "",
        organizer_name=organiser.full_name if teacher_view else "",
        cancelled=s.status in ("cancelled", "declined"), sequence=s.sequence,
        zones=tuple(dict.fromkeys((s.organiser_class.timezone, s.partner_class.timezone))))


def session_file(s: ExchangeSession, viewer: User) -> bytes:
    require_view(viewer, s)
    return session_ics(calendar_entry(s, viewer))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_status(teacher: User) -> dict:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == teacher.id))
    return {"exists": feed is not None, "created_at": iso(feed.created_at) if feed else None}


def regenerate_feed(teacher: User) -> str:
    """A fresh feed token (the old address stops working); only its hash is stored."""
    if teacher.role != "teacher":
        raise Forbidden(_("Calendar feeds are for teachers."), code="forbidden")
    token = secrets.token_urlsafe(32)
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == teacher.id))
    if feed is None:
        feed = CalendarFeed(user_id=teacher.id, token_hash=_hash(token))
        db.session.add(feed)
    feed.token_hash, feed.created_at = _hash(token), utcnow()
    db.session.commit()
    audit("scheduling", actor_id=teacher.id, action="calendar_feed.regenerate", subject_type="user", subject_id=teacher.id,
          school_id=teacher.school_id)
    return token


def feed_file(token: str) -> bytes:
    """The feed behind a token: the teacher's accepted and cancelled sessions of the last 60 days
    and the future. An unknown token is a plain 404."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound(_("There is nothing here."))
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    teacher = db.session.get(User, feed.user_id) if feed else None
    if teacher is None or not teacher.is_active or teacher.role != "teacher":
        raise NotFound(_("There is nothing here."))
    ids = [c.id for c in directory.classes_for(teacher)]
    rows = []
    if ids:
        rows = list(db.session.scalars(select(ExchangeSession).where(
            or_(ExchangeSession.organiser_class_id.in_(ids), ExchangeSession.partner_class_id.in_(ids)),
            ExchangeSession.status.in_(("accepted", "cancelled")),
            ExchangeSession.ends_at > utcnow() - timedelta(days=60)).order_by(ExchangeSession.starts_at).limit(1000)))
    entries = [calendar_entry(s, teacher) for s in rows if s.status == "accepted" or s.room_id is not None]
    return teacher_feed_ics(entries, name=_("Classroom Exchange: %(name)s", name=teacher.full_name))


# ---- dashboard ------------------------------------------------------------------------

def dashboard_for(user: User | None) -> dict:
    """Upcoming sessions of the next two weeks in the viewer's zone, and invitations waiting."""
    if user is None or user.role not in ("teacher", "student", "admin"):
        return {"upcoming": [], "waiting": []}
    horizon = utcnow() + timedelta(days=14)
    upcoming = [s for s in sessions_for(user, limit=50) if s.starts_at <= horizon and s.status == "accepted"][:8]
    waiting = invitations_for(user)["incoming"][:8] if user.role == "teacher" else []
    return {"upcoming": [session_view(s, user) for s in upcoming], "waiting": [session_view(s, user) for s in waiting]}


# ---- demo -----------------------------------------------------------------------------

def _demo_calendars(today: date) -> dict[str, dict]:
    """Plausible school years around `today`: Norway August to June, Australia and Kenya by calendar
    year. One term range spans two years and the long holidays are holidays, so every date has an answer."""
    y = today.year
    n = y if today >= date(y, 6, 20) else y - 1
    s = y if today >= date(y, 1, 28) else y - 1
    k = y if today >= date(y, 1, 5) else y - 1
    return {
        "oslo": dict(day_start=time(8, 15), day_end=time(14, 45), term=(date(n, 8, 17), date(n + 1, 6, 18)),
                     holidays=[f"{n}-10-05..{n}-10-09", f"{n}-12-21..{n + 1}-01-01", f"{n + 1}-02-22..{n + 1}-02-26",
                               f"{n + 1}-03-29..{n + 1}-04-05", f"{n + 1}-05-17"]),
        "sydney": dict(day_start=time(8, 50), day_end=time(15, 10), term=(date(s, 1, 28), date(s + 1, 12, 17)),
                       holidays=[f"{s}-12-18..{s + 1}-01-27"] + [r for yy in (s, s + 1) for r in (
                           f"{yy}-04-13..{yy}-04-24", f"{yy}-07-06..{yy}-07-17", f"{yy}-09-28..{yy}-10-09")]),
        "nairobi": dict(day_start=time(8, 0), day_end=time(15, 30), term=(date(k, 1, 5), date(k + 1, 11, 26)),
                        holidays=[f"{k}-11-27..{k + 1}-01-04"] + [r for yy in (k, k + 1) for r in (
                            f"{yy}-04-03..{yy}-04-26", f"{yy}-08-07..{yy}-08-30", f"{yy}-10-20")]),
    }


def load_scheduling_demo(people: dict, classes: list, rooms: list) -> None:
    """School calendars for the three demo classes (Oslo, Sydney, Nairobi, in that order), a pending
    invitation from Oslo to Nairobi in their first common school hours (the Nairobi teacher must be
    verified to accept it) and, because Oslo and Sydney share no school hours, an accepted
    asynchronous exchange between them. `people` and `rooms` are not needed yet."""
    from .overlap import find_overlaps

    oslo, sydney, nairobi = classes[:3]
    today = utcnow().date()
    for cls, spec in zip((oslo, sydney, nairobi), _demo_calendars(today).values()):
        cls.day_start, cls.day_end = spec["day_start"], spec["day_end"]
        cls.term_start, cls.term_end = spec["term"]
        cls.holidays = clean_holidays(spec["holidays"])
    db.session.commit()
    astrid = oslo.teacher
    # Pending: the first common hour of Oslo and Nairobi from next week on, on a quarter hour.
    report = find_overlaps([timetable_of(oslo), timetable_of(nairobi)], today + timedelta(days=5),
                           today + timedelta(days=200), min_minutes=60)
    start = None
    for w in report.windows:
        candidate = w.start + timedelta(minutes=(-w.start.minute) % 15)
        if candidate + timedelta(minutes=45) <= w.end:
            start = candidate
            break
    start = start or local_moment(oslo.timezone, today + timedelta(days=8), time(10, 0))
    invite(astrid, class_id=oslo.id, partner_class_id=nairobi.id, title="Water in our cities",
           agenda="Each class shows where its drinking water comes from; questions in English.",
           cultural_prompt="Share a saying about rain or water from your language (Norwegian, Swahili).",
           start=start, minutes=45, book_anyway=True)
    # Accepted: a week of asynchronous exchange with Sydney, from the first Monday both are in school.
    oslo_tt, sydney_tt = timetable_of(oslo), timetable_of(sydney)
    monday = today + timedelta(days=(1 - today.isoweekday()) % 7 or 7)
    for _week in range(30):
        if oslo_tt.is_school_day(monday) and sydney_tt.is_school_day(monday):
            break
        monday += timedelta(days=7)
    exchange = invite_async(astrid, class_id=oslo.id, partner_class_id=sydney.id, title="Letters across hemispheres",
                            agenda="Write about a normal school day; answer the other class within a day.",
                            cultural_prompt="What does your class eat for lunch? Describe it in words.",
                            first_day=monday, days=5)
    accept(sydney.teacher, exchange)
