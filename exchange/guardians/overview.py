"""Consent at a glance: the teacher's class overview and dashboard summary, the guardian's view
of a child, and which rooms a student is kept out of for want of consent (with the reason)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.models import ClassMembership, School, SchoolClass
from ..directory.services import can_manage_class
from ..errors import Forbidden
from ..rooms.models import Room
from .consent import SCOPES, consent_states, room_consent_refusal
from .models import GuardianLink
from .presenters import refusal_message, state_view
from .students import class_or_404, classes_of_student, room_state, rooms_of_classes


def kept_out(student: User, rooms: list[Room], now: datetime | None = None) -> list[dict]:
    """Rooms (not closed) of the student's classes that the student may not enter for want of consent."""
    out = []
    for room in rooms:
        if room_state(room, now) == "closed":
            continue
        found = room_consent_refusal(student, room)
        if found:
            code, scope = found
            out.append(
                {
                    "room_id": room.id,
                    "title": room.title,
                    "scope": scope,
                    "code": code,
                    "message": refusal_message(code, scope),
                }
            )
    return out


def class_overview(actor: User, class_id) -> dict:
    """Each student of a class: every scope's state (how and when), guardians linked, and the rooms they miss."""
    cls = class_or_404(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can see this."), code="not_your_class")
    memberships = list(
        db.session.scalars(
            select(ClassMembership)
            .where(ClassMembership.class_id == cls.id, ClassMembership.status.in_(("approved", "pending")))
            .order_by(ClassMembership.id)
        )
    )
    students = [m.user for m in memberships]
    states = consent_states(s.id for s in students)
    rooms = rooms_of_classes([cls.id])
    links: dict[int, int] = {}
    for sid in db.session.scalars(
        select(GuardianLink.student_id).where(GuardianLink.student_id.in_([s.id for s in students] or [0]))
    ):
        links[sid] = links.get(sid, 0) + 1
    rows = []
    for m, s in zip(memberships, students):
        scopes = states[s.id]
        rows.append(
            {
                "student": {"id": s.id, "name": s.full_name, "first_name": s.first_name},
                "membership": m.status,
                "consent": {k: state_view(v) for k, v in scopes.items()},
                "missing": [k for k, v in scopes.items() if v.status != "granted"],
                "guardians": links.get(s.id, 0),
                "kept_out": kept_out(s, rooms) if m.status == "approved" else [],
            }
        )
    return {
        "class": {"id": cls.id, "name": cls.name, "school": cls.school.name},
        "scopes": list(SCOPES),
        "students": rows,
    }


def teacher_summary(teacher: User) -> list[dict]:
    """Per class of a teacher: how many approved students lack each scope."""
    classes = list(
        db.session.scalars(select(SchoolClass).where(SchoolClass.teacher_id == teacher.id).order_by(SchoolClass.name))
    )
    out = []
    for cls in classes:
        ids = list(
            db.session.scalars(
                select(ClassMembership.user_id).where(
                    ClassMembership.class_id == cls.id, ClassMembership.status == "approved"
                )
            )
        )
        states = consent_states(ids)
        missing = sum(1 for sid in ids if states[sid]["exchanges"].status != "granted")
        out.append({"id": cls.id, "name": cls.name, "students": len(ids), "missing_exchanges": missing})
    return out


def _school_of(school_id: int) -> School:
    """The school a user row points at (a foreign key): missing only if the database is broken."""
    school = db.session.get(School, school_id)
    if school is None:
        raise LookupError(f"school {school_id} of a user does not exist")
    return school


def child_view(student: User) -> dict:
    """What a guardian sees of their child: classes, every scope's state, rooms the child is kept out of."""
    states = consent_states([student.id])[student.id]
    classes = classes_of_student(student.id)
    return {
        "id": student.id,
        "name": student.full_name,
        "first_name": student.first_name,
        "school": (_school_of(student.school_id).name if student.school_id else ""),
        "classes": [{"id": c.id, "name": c.name} for c in classes],
        "consent": {k: state_view(v) for k, v in states.items()},
        "kept_out": kept_out(student, rooms_of_classes([c.id for c in classes])),
    }
