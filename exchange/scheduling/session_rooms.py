"""The one place where scheduling calls the rooms domain: a session owns its room.

Rooms sit below scheduling in the layers (pyproject, import-linter), so the rooms modules
are imported here at the top; rooms never import scheduling.
"""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from flask import current_app

from ..accounts.models import User
from ..db import db
from ..rooms.admin import answer_invitation, create_room, set_state
from ..rooms.membership import current_state, get_room
from ..rooms.models import Room
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
    organiser = cast(User, db.session.get(User, session.organiser_class.teacher_id))  # a foreign key: the row exists
    opens_at, closes_at = room_window(session)
    room = create_room(
        organiser,
        title=session.title,
        class_ids=[session.organiser_class_id, session.partner_class_id],
        opens_at=opens_at,
        closes_at=closes_at,
        kind="exchange",
        session_id=session.id,
    )
    if session.partner_class.teacher_id != organiser.id:
        answer_invitation(partner_teacher, room, session.partner_class_id, True)
    return room.id


def close_room(session: ExchangeSession, actor: User) -> None:
    """Close the room of a cancelled session at once (everyone in it sees the state change)."""
    if session.room_id is None:
        return
    room = get_room(session.room_id)
    if current_state(room) != "closed":
        set_state(actor, room, "close", "session cancelled")


def room_state(session: ExchangeSession) -> str | None:
    if session.room_id is None:
        return None
    room = db.session.get(Room, session.room_id)
    return current_state(room) if room is not None else None
