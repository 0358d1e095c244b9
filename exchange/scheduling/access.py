"""Who may see and do what with a session: its two teachers act, students, admins and
moderators of the two schools see it once booked, and nobody learns a session exists
that they may not see."""

from __future__ import annotations

from typing import cast

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Forbidden, NotFound
from ..ids import lookup
from .models import ExchangeSession


def get_session(session_id) -> ExchangeSession:
    s = lookup(ExchangeSession, session_id)
    if s is None:
        raise NotFound(_("No such session."), code="no_such_session")
    return s


def side_of(user: User | None, s: ExchangeSession) -> str | None:
    """ "organiser" or "partner" for the teachers of the two classes; None for anyone else."""
    if user is None or user.role != "teacher" or not user.is_active:
        return None
    if s.organiser_class.teacher_id == user.id:
        return "organiser"
    if s.partner_class.teacher_id == user.id:
        return "partner"
    return None


def _student_of(user: User, class_ids) -> bool:
    return bool(
        db.session.scalar(
            select(ClassMembership.id).where(
                ClassMembership.user_id == user.id,
                ClassMembership.class_id.in_(list(class_ids)),
                ClassMembership.status == "approved",
            )
        )
    )


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
        return booked and (
            user.platform_wide or user.school_id in (s.organiser_class.school_id, s.partner_class.school_id)
        )
    return False


def require_view(user: User, s: ExchangeSession) -> None:
    if not can_view(user, s):
        raise NotFound(_("No such session."), code="no_such_session")  # never confirm it exists


def require_side(user: User, s: ExchangeSession) -> str:
    side = side_of(user, s)
    if side is None:
        if can_view(user, s):
            raise Forbidden(_("Only the teachers of the two classes can do this."), code="not_your_session")
        raise NotFound(_("No such session."), code="no_such_session")
    return side


def other_side(side: str) -> str:
    return "partner" if side == "organiser" else "organiser"


def teacher_of(s: ExchangeSession, side: str) -> User:
    cls = s.organiser_class if side == "organiser" else s.partner_class
    return cast(User, db.session.get(User, cls.teacher_id))  # classes.teacher_id is a foreign key to users


def cross_school(a: SchoolClass, b: SchoolClass) -> bool:
    return a.school_id != b.school_id


def require_verified(actor: User, *teachers: User) -> None:
    """A session between schools needs both teachers verified by their school admin."""
    for t in teachers:
        if t.teacher_verified_at is None:
            if t.id == actor.id:
                raise Forbidden(
                    _("Your school admin must verify you before you meet partner classes."), code="teacher_not_verified"
                )
            raise Forbidden(
                _("The partner teacher is not verified by their school yet; the session can be booked once they are."),
                code="teacher_not_verified",
            )
