"""What connected sockets hear and lose: room state and presence broadcasts, evictions, and
closing the sockets of a login that ended, on whichever server process holds them.
"""

from __future__ import annotations

from ..accounts.models import User
from ..db import db
from ..extensions import socketio
from ..realtime import emit, room_channel, supervisors_channel
from .membership import member_role
from .models import Room
from .presence import leave_room_everywhere, leave_server, present_rooms_of, sockets_of
from .presenters import presence_view, room_view


def broadcast_state(room: Room) -> None:
    emit("room_state", room_view(room), room_channel(room.id))


def broadcast_presence(room: Room) -> None:
    emit("presence", presence_view(room), room_channel(room.id))


def evict(room_id: int, user_id: int, code: str) -> None:
    """Drop every socket of this user from the room, on whichever server process holds it."""
    # Every socket of the user, not only those with a presence row: a socket that is still
    # joining has no presence row yet but is already registered (see events.on_join).
    for sid in sockets_of(user_id=user_id):
        socketio.emit("evicted", {"room": room_id, "error": code}, to=sid)
        # With a message queue, leave_room for a socket of another process is published to it.
        socketio.server.leave_room(sid, room_channel(room_id), namespace="/")
        socketio.server.leave_room(sid, supervisors_channel(room_id), namespace="/")
    leave_room_everywhere(room_id, user_id)
    room = db.session.get(Room, room_id)
    if room is not None:
        broadcast_presence(room)
        broadcast_state(room)


def recheck_access(_sender=None, *, user_id: int, code: str) -> list[int]:
    """Remove a user at once from every room they are connected to and may no longer be in."""
    user = db.session.get(User, user_id)
    lost = []
    for room_id in present_rooms_of(user_id):
        room = db.session.get(Room, room_id)
        if room is not None and (user is None or member_role(user, room) is None):
            evict(room_id, user_id, code)
            lost.append(room_id)
    return lost


def close_sockets(_sender=None, *, user_id: int, login_session_id: int | None) -> int:
    """A login ended: disconnect its sockets wherever they are (the message queue carries it)."""
    sids = sockets_of(user_id=user_id, login_session_id=login_session_id)
    for sid in sids:
        socketio.emit("session_ended", {"error": "login_required"}, to=sid)
        socketio.server.disconnect(sid, namespace="/")
    return len(sids)


def forget_server() -> None:
    """On shutdown: this process's connections are gone; tell the rooms they were in."""
    for room_id in leave_server():
        room = db.session.get(Room, room_id)
        if room is not None:
            broadcast_presence(room)
            broadcast_state(room)
