"""The database side of `conflicts`: gathers the sessions of both classes and both teachers
around the proposed times, asks the pure rules, and words each clash for the people who
see it (a session they may not see is named only as "another session")."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

import babel.dates
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..accounts.models import User
from ..db import db
from ..directory.models import SchoolClass
from ..errors import Conflict
from .access import side_of
from .conflicts import BookedSession, ConflictKind, find_conflicts
from .local_time import current_locale, local_label
from .models import BUSY, ExchangeSession
from .profiles import timetable_of
from .timetable import ClassTimetable


class ScheduleConflict(Conflict):
    """The time clashes; `conflicts` lists why, for the page or the API to show."""

    def __init__(self, message: str, conflicts: list[dict]):
        super().__init__(message, code="conflict")
        self.conflicts = conflicts


def _reason_text(reason: str) -> str:
    return {
        "not a school day": _("not a school day"),
        "outside term": _("outside term"),
        "holiday": _("a holiday"),
    }.get(reason, reason)


def _busy_sessions(
    class_ids: Iterable[int], teacher_ids: Iterable[int], start: datetime, end: datetime, exclude: Iterable[int] = ()
) -> list[ExchangeSession]:
    teacher_ids = list(teacher_ids)
    taught = list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.teacher_id.in_(teacher_ids))))
    ids = sorted(set(class_ids) | set(taught))
    q = select(ExchangeSession).where(
        ExchangeSession.status.in_(BUSY),
        ExchangeSession.kind == "live",
        ExchangeSession.starts_at < end,
        ExchangeSession.ends_at > start,
        or_(
            ExchangeSession.organiser_class_id.in_(ids),
            ExchangeSession.partner_class_id.in_(ids),
            ExchangeSession.organiser_id.in_(teacher_ids),
        ),
    )
    exclude = list(exclude)
    if exclude:
        q = q.where(ExchangeSession.id.not_in(exclude))
    return list(db.session.scalars(q.order_by(ExchangeSession.starts_at).limit(500)))


def find_session_conflicts(
    viewer: User,
    org: SchoolClass,
    partner: SchoolClass,
    slots: list[tuple[datetime, datetime]],
    exclude: Iterable[int] = (),
    occurrences: list[int] | None = None,
) -> list[dict]:
    """Every clash of each proposed slot with sessions of both classes and both teachers, and with
    both school calendars; each as {kind, occurrence, class_id, session_id, message}."""
    if not slots:
        return []
    teachers = {org.teacher_id, partner.teacher_id}
    class_ids = {org.id, partner.id}
    busy = _busy_sessions(class_ids, teachers, min(s for s, _e in slots), max(e for _s, e in slots), exclude)
    booked = [BookedSession(b.id, b.starts_at, b.ends_at, frozenset(b.class_ids), b.teacher_ids) for b in busy]
    by_id: dict[Hashable, ExchangeSession] = {b.id: b for b in busy}
    timetables: dict[Hashable, ClassTimetable] = {org.id: timetable_of(org), partner.id: timetable_of(partner)}
    classes: dict[Hashable, SchoolClass] = {org.id: org, partner.id: partner}
    out = []
    for index, (start, end) in enumerate(slots):
        proposed = BookedSession(None, start, end, frozenset(class_ids), frozenset(teachers))
        for c in find_conflicts(proposed, booked, timetables):
            other = by_id.get(c.session_id) if c.session_id is not None else None
            item = {
                "kind": str(c.kind),
                "occurrence": occurrences[index] if occurrences else index,
                "class_id": c.class_id,
                "session_id": None,
                "message": "",
            }
            if other is not None:
                visible = side_of(viewer, other) is not None
                item["session_id"] = other.id if visible else None
                when = local_label(
                    other.starts_at,
                    other.ends_at,
                    classes[c.class_id].timezone if c.class_id in classes else org.timezone,
                )["label"]
                status = _("booked") if other.status == "accepted" else _("waiting for an answer")
                if c.kind == ConflictKind.CLASS_BUSY:
                    name = classes[c.class_id].name
                    item["message"] = (
                        _(
                            "%(cls)s already has “%(title)s” on %(when)s (%(status)s).",
                            cls=name,
                            title=other.title,
                            when=when,
                            status=status,
                        )
                        if visible
                        else _("%(cls)s already has another session on %(when)s.", cls=name, when=when)
                    )
                else:
                    teacher = cast(User, db.session.get(User, c.teacher_id))  # a teacher of a busy session exists
                    item["teacher_id"] = c.teacher_id
                    item["message"] = (
                        _(
                            "%(name)s already has “%(title)s” on %(when)s (%(status)s).",
                            name=teacher.full_name,
                            title=other.title,
                            when=when,
                            status=status,
                        )
                        if visible
                        else _("%(name)s already has another session at that time.", name=teacher.full_name)
                    )
            elif c.kind == ConflictKind.SCHOOL_CLOSED:
                cls = classes[c.class_id]
                day = start.astimezone(ZoneInfo(cls.timezone)).date()
                reason = timetables[cls.id].closed_reason(day) or ""
                item["message"] = _(
                    "%(cls)s has no school on %(date)s (%(reason)s).",
                    cls=cls.name,
                    date=babel.dates.format_skeleton("yMMMEd", day, locale=current_locale()),
                    reason=_reason_text(reason),
                )
            else:
                cls = classes[c.class_id]
                item["message"] = _(
                    "%(cls)s: %(when)s is outside school hours %(start)s–%(end)s (%(tz)s).",
                    cls=cls.name,
                    when=local_label(start, end, cls.timezone)["label"],
                    start=cls.day_start.strftime("%H:%M"),
                    end=cls.day_end.strftime("%H:%M"),
                    tz=cls.timezone,
                )
            out.append(item)
    return out
