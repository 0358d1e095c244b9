"""When families can expect an answer: the class's school hours (from the class's timetable) and
the teacher's own note ("I answer messages on weekdays after 15:00")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_time, get_day_names
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Invalid
from ..guardians.students import classes_of_student
from ..safety import check_field
from ..signals import audit
from . import rules
from .models import StaffAvailability


@dataclass(frozen=True)
class SchoolHours:
    class_name: str
    days: tuple[int, ...]
    start: str
    end: str
    zone: str
    open_now: bool
    days_label: str
    teachers: list[tuple[User, str]]  # (teacher, their note)


def note_of(user_id: int) -> str:
    row = db.session.scalar(select(StaffAvailability).where(StaffAvailability.user_id == user_id))
    return row.note if row else ""


def set_note(user: User, note) -> str:
    if note is not None and not isinstance(note, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="note"), code="wrong_type")
    note = (note or "").strip()
    if len(note) > rules.NOTE_LIMIT:
        raise Invalid(_("The note may have up to %(n)s characters.", n=rules.NOTE_LIMIT), code="too_long")
    if note:
        verdict = check_field(note, audience=rules.staff_audience())
        if verdict.action in ("block", "hold"):
            raise Invalid(_("This note was not saved: please rephrase it."), code="message_blocked")
        note = verdict.text
    row = db.session.scalar(select(StaffAvailability).where(StaffAvailability.user_id == user.id))
    if row is None:
        row = StaffAvailability(user_id=user.id)
        db.session.add(row)
    row.note, row.updated_at = note, utcnow()
    db.session.commit()
    audit("conversations", actor_id=user.id, action="availability.set", subject_type="user", subject_id=user.id)
    return note


def _clock(value) -> str:
    """A class's time of day as its zone reads it: Babel's own formatter, which leaves a bare time
    alone (Flask-Babel's would move it into the reader's zone as if it were UTC on 1 January 1900)."""
    return format_time(value, "short", locale=get_locale() or "en")


def days_label(days: tuple[int, ...]) -> str:
    """ISO weekdays as the reader's short day names ("Mon, Tue…" / "lun., mar.…")."""
    names = get_day_names("abbreviated", locale=get_locale() or "en")
    return ", ".join(str(names[d - 1]) for d in sorted(days) if 1 <= d <= 7)


def _hours(cls: SchoolClass) -> rules.Hours:
    return rules.Hours(tuple(int(d) for d in cls.school_days or ()), cls.day_start, cls.day_end, cls.timezone)


def school_hours(student_id: int, now: datetime | None = None) -> list[SchoolHours]:
    """Per class of the child: the days and hours (in the class's zone), open now or not, and each
    teacher's note."""
    now = now or utcnow()
    out = []
    for cls in classes_of_student(student_id):
        teacher = db.session.get(User, cls.teacher_id)
        teachers = [(teacher, note_of(teacher.id))] if teacher is not None else []
        out.append(
            SchoolHours(
                cls.name,
                _hours(cls).days,
                _clock(cls.day_start),
                _clock(cls.day_end),
                cls.timezone,
                rules.is_open(_hours(cls), now),
                days_label(_hours(cls).days),
                teachers,
            )
        )
    return out
