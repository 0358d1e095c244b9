"""Who is connected where: presence rows, the live-socket registry and the server heartbeat.

Rows carry the server process that holds the socket, so that several `exchange serve`
processes share one picture and the rows of a process that died expire by themselves.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import delete, select

from ..accounts.models import User
from ..db import db, utcnow
from . import policy
from .models import LiveSocket, Presence, Room, ServerBeat

SERVER_ID = uuid.uuid4().hex  # this process; presence rows carry it
BEAT_STALE = timedelta(seconds=30)


def beat() -> None:
    now = utcnow()
    row = db.session.get(ServerBeat, SERVER_ID)
    if row is None:
        db.session.add(ServerBeat(server_id=SERVER_ID, seen_at=now))
    else:
        row.seen_at = now
    # Sockets of a process that died without saying so (power cut): long silent, surely gone.
    # Far longer than BEAT_STALE, so that a busy process is never mistaken for a dead one.
    heard_lately = select(ServerBeat.server_id).where(ServerBeat.seen_at > now - BEAT_STALE * 20)
    db.session.execute(
        delete(LiveSocket).where(LiveSocket.server_id.not_in(heard_lately), LiveSocket.server_id != SERVER_ID)
    )
    db.session.commit()


def _live_servers():
    return select(ServerBeat.server_id).where(ServerBeat.seen_at > utcnow() - BEAT_STALE)


def enter(user: User, room: Room, role: str, sid: str) -> None:
    if db.session.scalar(select(Presence.id).where(Presence.sid == sid, Presence.room_id == room.id)) is None:
        db.session.add(Presence(room_id=room.id, user_id=user.id, role=role, sid=sid, server_id=SERVER_ID))
        db.session.commit()


def leave(room_id: int, sid: str) -> None:
    db.session.execute(delete(Presence).where(Presence.sid == sid, Presence.room_id == room_id))
    db.session.commit()


def leave_all(sid: str) -> list[int]:
    """A socket closed: it leaves every room and the live-socket registry."""
    rooms = list(db.session.scalars(select(Presence.room_id).where(Presence.sid == sid)))
    db.session.execute(delete(Presence).where(Presence.sid == sid))
    db.session.execute(delete(LiveSocket).where(LiveSocket.sid == sid))
    db.session.commit()
    return rooms


def leave_server() -> list[int]:
    """On shutdown: this process's rows go; returns the rooms its sockets were in."""
    rooms = sorted(set(db.session.scalars(select(Presence.room_id).where(Presence.server_id == SERVER_ID))))
    db.session.execute(delete(Presence).where(Presence.server_id == SERVER_ID))
    db.session.execute(delete(LiveSocket).where(LiveSocket.server_id == SERVER_ID))
    db.session.execute(delete(ServerBeat).where(ServerBeat.server_id == SERVER_ID))
    db.session.commit()
    return rooms


def leave_room_everywhere(room_id: int, user_id: int) -> None:
    """The user's presence rows in this room, on every process, go (an eviction)."""
    db.session.execute(delete(Presence).where(Presence.room_id == room_id, Presence.user_id == user_id))
    db.session.commit()


def register_socket(sid: str, user_id: int, login_session_id: int | None) -> None:
    db.session.add(LiveSocket(sid=sid, user_id=user_id, login_session_id=login_session_id, server_id=SERVER_ID))
    db.session.commit()


def socket_known(sid: str) -> bool:
    return db.session.get(LiveSocket, sid) is not None


def sockets_of(*, user_id: int, login_session_id: int | None = None) -> list[str]:
    """Every open socket of a user (or of one of their logins), on every server process."""
    q = select(LiveSocket.sid).where(LiveSocket.user_id == user_id)
    if login_session_id is not None:
        q = q.where(LiveSocket.login_session_id == login_session_id)
    return list(db.session.scalars(q))


def present_rooms_of(user_id: int) -> list[int]:
    return sorted(set(db.session.scalars(select(Presence.room_id).where(Presence.user_id == user_id))))


def present(room_id: int) -> list[Presence]:
    return list(
        db.session.scalars(select(Presence).where(Presence.room_id == room_id, Presence.server_id.in_(_live_servers())))
    )


def supervisor_connected(room_id: int) -> bool:
    return (
        db.session.scalar(
            select(Presence.id)
            .where(
                Presence.room_id == room_id,
                Presence.role.in_(policy.SUPERVISORS),
                Presence.server_id.in_(_live_servers()),
            )
            .limit(1)
        )
        is not None
    )
