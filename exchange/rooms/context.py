"""Read-only helpers for reviewers: the lines of a room around one message, from the message
archive (a removed message stays a tombstone without its words), and the rooms a person
supervises as one SQL select (for the waiting count in the navigation).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select, union

from ..accounts.models import User
from ..directory.models import SchoolClass
from ..storage import message_log
from ..storage.interfaces import MessageRecord
from .models import Room, RoomClass, RoomMember

AROUND = 3


def messages_around(room_id: int, seq: int, *, before: int = AROUND, after: int = AROUND) -> list[MessageRecord]:
    """Up to `before` lines before `seq`, the line `seq` itself (if stored) and up to `after`
    lines after it, in seq order. Only chat lines: notices and removal records are left out."""
    log = message_log()
    lines = log.before(room_id, seq, before) if before > 0 and seq > 1 else []
    lines += log.since(room_id, seq - 1, after + 1)
    return [r for r in lines if r.kind == "message"]


def messages_after(room_id: int, after_seq: int, limit: int = AROUND) -> list[MessageRecord]:
    """The chat lines just after `after_seq` (what was said after a held or blocked attempt)."""
    return [r for r in message_log().since(room_id, after_seq, limit) if r.kind == "message"]


def supervised_rooms_select(user: User) -> Select[Any]:
    """The ids of the rooms this teacher or school moderator/admin supervises, as one SQL select
    (for a COUNT on every page, where reading each room's membership would cost a query per room).
    The same rule as `membership.member_role` in `policy.SUPERVISORS`: a teacher supervises the rooms
    of their accepted classes and the rooms they are invited into; a school's moderator or admin the
    rooms an accepted class of their school takes part in; nobody the rooms they were removed from.
    Platform moderators supervise every room: the caller does not filter by room for them."""
    accepted = (
        select(RoomClass.room_id)
        .join(SchoolClass, SchoolClass.id == RoomClass.class_id)
        .where(RoomClass.status == "accepted")
    )
    removed = select(RoomMember.room_id).where(RoomMember.user_id == user.id, RoomMember.removed.is_(True))
    if user.role == "teacher":
        rooms = union(
            accepted.where(SchoolClass.teacher_id == user.id),
            select(RoomMember.room_id).where(RoomMember.user_id == user.id, RoomMember.invited.is_(True)),
        ).subquery()
        chosen = select(rooms.c.room_id)
    elif user.role in ("moderator", "admin") and user.school_id is not None:
        chosen = accepted.where(SchoolClass.school_id == user.school_id)
    else:
        chosen = select(RoomClass.room_id).where(RoomClass.id == -1)  # none
    return select(Room.id).where(Room.id.in_(chosen), Room.id.not_in(removed))
