"""The one place where scheduling calls the rooms domain: a session owns its room.

The house plan lets `rooms` import `scheduling`, so `rooms.services` is imported inside
these functions, at call time, and never by the pure modules: no import cycle can form.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from ..accounts.models import User
from ..db import db
from .models import ExchangeSession


def room_window(session: ExchangeSession):
    """A live session's room opens at its start and closes a few minutes after its end
    (EXCHANGE_SESSION_GRACE_MINUTES, default 10) so a conversation can wind down; teachers
    may enter the room before the start and open it early with the room controls."""
    if session.kind == "async":
        return session.starts_at, session.ends_at
    grace = int(current_app.config.get("SESSION_GRACE_MINUTES", 10))
    return session.starts_at, session.ends_at + timedelta(minutes=grace)


def open_room(session: ExchangeSession, partner_teacher: User) -> int:
    """Create the session's room with both classes in: created by the organiser (their class is
    in at once), then the partner class's invitation accepted by its teacher. Returns the room id."""
    from ..rooms import services as rooms

    organiser = db.session.get(User, session.organiser_class.teacher_id)
    opens_at, closes_at = room_window(session)
    room = rooms.create_room(organiser, title=session.title, class_ids=[session.organiser_class_id, session.partner_class_id],
                             opens_at=opens_at, closes_at=closes_at, kind="exchange", session_id=session.id)
    if session.partner_class.teacher_id != organiser.id:
        rooms.answer_invitation(partner_teacher, room, session.partner_class_id, True)
    return room.id


def close_room(session: ExchangeSession, actor: User) -> None:
    """Close the room of a cancelled session at once (everyone in it sees the state change)."""
    from ..rooms import services as rooms

    if session.room_id is None:
        return
    room = rooms.get_room(session.room_id)
    if rooms.current_state(room) != "closed":
        rooms.set_state(actor, room, "close", "session cancelled")


def room_state(session: ExchangeSession) -> str | None:
    from ..rooms import services as rooms
    from ..rooms.models import Room

    if session.room_id is None:
        return None
    room = db.session.get(Room, session.room_id)
    return rooms.current_state(room) if room is not None else None
