"""A room of one's own class: the first afternoon works before any partner class is found.

A teacher (or their school admin) opens a room for one class, or for two classes the same
teacher teaches, in one step; it is open at once and supervised like any room (the teacher
is a member and holds the controls). Partner classes and experts come later through
invitations and visits.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import as_id
from .admin import create_room
from .membership import current_state, member_role
from .models import Room, RoomClass


def _managed(user: User, class_id) -> SchoolClass:
    cid = as_id(class_id)
    cls = db.session.get(SchoolClass, cid) if cid is not None else None
    if cls is None:
        raise NotFound(_("No such class."), code="no_such_class")
    if not (
        (user.role == "teacher" and cls.teacher_id == user.id)
        or (user.role == "admin" and user.school_id is not None and cls.school_id == user.school_id)
    ):
        raise Forbidden(
            _("Only the class teacher or the school admin can open a room for this class."), code="not_your_class"
        )
    return cls


def sibling_classes(cls: SchoolClass) -> list[SchoolClass]:
    """The other classes of the same teacher: the ones that may share a class room with this one."""
    return list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.teacher_id == cls.teacher_id, SchoolClass.id != cls.id)
            .order_by(SchoolClass.name)
        )
    )


def open_class_room(actor: User, class_id, title: str = "", with_class_id=None) -> Room:
    """Create a room for the class (and optionally a second class of the same teacher), open now."""
    cls = _managed(actor, class_id)
    class_ids = [cls.id]
    if with_class_id not in (None, "", 0):
        other_id = as_id(with_class_id)
        if other_id not in {c.id for c in sibling_classes(cls)}:
            raise Invalid(_("The second class must be another class of the same teacher."), code="invalid_classes")
        class_ids.append(other_id)
    title = (title or "").strip() or _("%(name)s: class room", name=cls.name)
    return create_room(actor, title=title, class_ids=class_ids, opens_at=utcnow(), kind="class")


def class_rooms(user: User, cls: SchoolClass) -> list[dict]:
    """The rooms this class is in that the viewer may enter, newest first."""
    rooms = db.session.scalars(
        select(Room)
        .join(RoomClass, RoomClass.room_id == Room.id)
        .where(RoomClass.class_id == cls.id, RoomClass.status == "accepted")
        .order_by(Room.id.desc())
        .limit(50)
    )
    return [
        {"id": r.id, "title": r.title, "kind": r.kind, "state": current_state(r)}
        for r in rooms
        if member_role(user, r) is not None
    ]
