"""Who may act for which student, and where a student's classes meet.

Every guardians use case starts here: a teacher's own student, a guardian's own child (both
refuse forged ids with 403), a class or 404, the rooms of some classes and their state now.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Forbidden, NotFound
from ..ids import lookup
from ..rooms import policy as room_policy
from ..rooms.models import Room, RoomClass, RoomMember
from .models import GuardianLink


def student_or_none(student_id) -> User | None:
    user = lookup(User, student_id)
    return user if user is not None and user.role == "student" else None


def may_manage_student(actor: User, student: User) -> bool:
    """A teacher of one of the student's classes, or an admin of the student's school."""
    if actor is None or not actor.is_active or student is None:
        return False
    if actor.role == "admin":
        return actor.school_id is not None and actor.school_id == student.school_id
    if actor.role == "teacher":
        return bool(
            db.session.scalar(
                select(ClassMembership.id)
                .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
                .where(
                    ClassMembership.user_id == student.id,
                    ClassMembership.status != "removed",
                    SchoolClass.teacher_id == actor.id,
                )
                .limit(1)
            )
        )
    return False


def managed_student(actor: User, student_id) -> User:
    """The student, when the actor teaches them or is an admin of their school; else 403 (also for forged ids)."""
    student = student_or_none(student_id)
    if student is None or not may_manage_student(actor, student):
        raise Forbidden(_("This student is not in one of your classes."), code="not_your_student")
    return student


def is_guardian_of(guardian: User, student_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(GuardianLink.id).where(
                GuardianLink.guardian_user_id == guardian.id, GuardianLink.student_id == student_id
            )
        )
    )


def guarded_child(guardian: User, student_id) -> User:
    """The guardian's own child; 403 for any other id, existing or not."""
    student = student_or_none(student_id)
    if guardian is None or guardian.role != "guardian" or student is None or not is_guardian_of(guardian, student.id):
        raise Forbidden(_("You can see only your own children."), code="not_your_child")
    return student


def children_of(guardian: User) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(GuardianLink, GuardianLink.student_id == User.id)
            .where(GuardianLink.guardian_user_id == guardian.id)
            .order_by(User.first_name)
        )
    )


def guardians_of_student(student_id: int) -> list[User]:
    """The guardian accounts that may speak for one student (for the family's e-mails)."""
    return list(
        db.session.scalars(
            select(User)
            .join(GuardianLink, GuardianLink.guardian_user_id == User.id)
            .where(GuardianLink.student_id == student_id, User.status == "active")
            .order_by(User.id)
        )
    )


def classes_of_student(student_id: int) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
            .where(ClassMembership.user_id == student_id, ClassMembership.status == "approved")
            .order_by(SchoolClass.name)
        )
    )


def class_or_404(class_id) -> SchoolClass:
    cls = lookup(SchoolClass, class_id)
    if cls is None:
        raise NotFound(_("No such class."), code="no_such_class")
    return cls


def rooms_of_classes(class_ids) -> list[Room]:
    ids = list(class_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Room)
            .join(RoomClass, RoomClass.room_id == Room.id)
            .where(RoomClass.class_id.in_(ids), RoomClass.status == "accepted")
            .distinct()
            .order_by(Room.id)
        )
    )


def room_state(room: Room, now: datetime | None = None) -> str:
    return room_policy.effective_state(room.state, room.opens_at, room.closes_at, now or utcnow())


def rooms_of_student(student_id: int) -> list[Room]:
    """Every room the student could have written in: their classes' rooms (past memberships too) and named rows."""
    class_ids = list(db.session.scalars(select(ClassMembership.class_id).where(ClassMembership.user_id == student_id)))
    q = (
        select(Room)
        .outerjoin(RoomClass, RoomClass.room_id == Room.id)
        .where(
            or_(
                RoomClass.class_id.in_(class_ids or [0]),
                Room.id.in_(select(RoomMember.room_id).where(RoomMember.user_id == student_id)),
            )
        )
    )
    return list(db.session.scalars(q.distinct().order_by(Room.id)))
