"""Wiring of the audit log: every `signals.audit(...)` lands in the tamper-evident log, with
the schools it concerns, so that a school's admin and moderators see their school's records
and no other school's (a room record concerns every school taking part in the room).

This module is wiring, like the app factory: it reads other domains' models to find the
schools of a subject, and no domain imports it.
"""

from __future__ import annotations

from sqlalchemy import select

from .accounts.models import User
from .db import db
from .directory.models import SchoolClass
from .moderation.models import Flag
from .rooms.models import RoomClass
from .scheduling.models import ExchangeSession
from .signals import audited
from .storage import audit_log
from .vetting.models import VisitRequest

_wired = False


def schools_concerned(record: dict) -> list[int]:
    """Schools of the room, the subject, the actor and the school named in an audit record."""
    ids: set[int] = {int(s) for s in record.get("school_ids") or ()}
    if record.get("school_id") is not None:
        ids.add(int(record["school_id"]))

    def user_school(user_id) -> None:
        user = db.session.get(User, _as_id(user_id)) if _as_id(user_id) else None
        if user is not None and user.school_id is not None:
            ids.add(user.school_id)

    def class_schools(class_ids) -> None:
        wanted = [c for c in (_as_id(x) for x in class_ids) if c]
        if wanted:
            ids.update(
                s
                for s in db.session.scalars(select(SchoolClass.school_id).where(SchoolClass.id.in_(wanted)))
                if s is not None
            )

    def room_schools(room_id) -> None:
        if _as_id(room_id):
            class_schools(db.session.scalars(select(RoomClass.class_id).where(RoomClass.room_id == _as_id(room_id))))

    room_schools(record.get("room_id"))
    user_school(record.get("actor_id"))
    subject_type, subject_id = record.get("subject_type"), record.get("subject_id")
    if subject_type in ("user", "student", "profile"):
        user_school(subject_id)
    elif subject_type == "room":
        room_schools(subject_id)
    elif subject_type == "class":
        class_schools([subject_id])
    elif subject_type == "session" and _as_id(subject_id):
        session = db.session.get(ExchangeSession, _as_id(subject_id))
        if session is not None:
            class_schools([session.organiser_class_id, session.partner_class_id])
    elif subject_type == "visit_request" and _as_id(subject_id):
        visit = db.session.get(VisitRequest, _as_id(subject_id))
        if visit is not None:
            class_schools([visit.class_id])
    elif subject_type == "flag" and _as_id(subject_id):
        flag = db.session.get(Flag, _as_id(subject_id))
        if flag is not None:
            if flag.school_id is not None:
                ids.add(flag.school_id)
            room_schools(flag.room_id)
    return sorted(ids)


def _as_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def wire_audit() -> None:
    """Connect the writer once per process (the signal is global; apps may be created twice)."""
    global _wired
    if _wired:
        return

    def write(_sender, **record):
        record["school_ids"] = schools_concerned(record)
        audit_log().append(**record)

    audited.connect(write, weak=False)
    _wired = True
