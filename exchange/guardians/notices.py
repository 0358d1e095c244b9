"""Notices by text that the platform sends on its own (issue 22): when a room is closed, the
families of the students who took part and who chose text messages hear that the session was
held ("session_held"), once per child and room, in the family's language."""

from __future__ import annotations

import logging

from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership
from ..outreach import already_sent
from ..rooms.models import Room, RoomMember
from .consent import accepted_classes, room_consent_refusal
from .students import guardians_of_student
from .texting import notify_by_text

log = logging.getLogger("exchange.guardians.texting")

SESSION_KINDS = ("exchange", "visit")  # a class's own room is not a session with others


def held_ref(room_id: int, child_id: int) -> str:
    return f"session_held:{room_id}:{child_id}"


def took_part(room: Room) -> list[User]:
    """The students of the room's classes who could be in it: approved in an accepted class, not
    removed from the room, and not kept out (consent, the citizenship lesson)."""
    classes = accepted_classes(room.id)
    if not classes:
        return []
    removed = set(
        db.session.scalars(
            select(RoomMember.user_id).where(RoomMember.room_id == room.id, RoomMember.removed.is_(True))
        )
    )
    students = db.session.scalars(
        select(User)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .where(
            ClassMembership.class_id.in_([c.id for c in classes]),
            ClassMembership.status == "approved",
            User.role == "student",
            User.status == "active",
        )
        .distinct()
        .order_by(User.id)
    )
    return [s for s in students if s.id not in removed and room_consent_refusal(s, room, classes) is None]


def session_held(_sender=None, *, room_id: int, actor_id: int | None = None, **_facts) -> int:
    """Text the families who chose text messages; returns how many texts went."""
    room = db.session.get(Room, room_id)
    if room is None or room.kind not in SESSION_KINDS or room.opens_at is None or room.opens_at > utcnow():
        return 0  # closed before it ever opened: no session was held
    texted = 0
    for child in took_part(room):
        ref = held_ref(room.id, child.id)
        for guardian in guardians_of_student(child.id):
            if already_sent(ref, guardian.id):
                continue  # a room closed, reopened and closed again tells a family once
            if notify_by_text(
                guardian,
                "session_held",
                child=child.first_name,
                title=room.title,
                student_id=child.id,
                school_id=child.school_id,
                sender_id=actor_id,
                ref=ref,
            ):
                texted += 1
    if texted:
        log.info("session held notices room=%s texts=%d", room.id, texted)
    return texted


def wire() -> None:
    signals.room_closed.connect(session_held)
