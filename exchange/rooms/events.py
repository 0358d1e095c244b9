"""Socket.IO edge of the rooms: check who is asking, call room services, answer with an ack.

Every handler answers `{ok: true, ...}` or `{ok: false, error: CODE, message}`; a malformed
payload gets an error ack and is logged by event name and ids, never by content.
"""

from __future__ import annotations

import logging

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from .. import ratelimits
from ..accounts.sessions import load_user_from_session
from ..db import db
from ..errors import Invalid
from ..extensions import socketio
from ..realtime import emit, room_channel, supervisors_channel, user_channel
from ..sockets import error, event
from . import policy, presence
from .history import history
from .live import broadcast_presence, broadcast_state
from .membership import (
    current_state,
    delivery_refusal,
    get_room,
    member_role_fresh,
    refusal_reason,
    refusal_text,
    require_member,
)
from .messaging import post_message
from .models import Room
from .presenters import presence_view, room_view
from .send_facts import room_and_membership

log = logging.getLogger("exchange.rooms.events")
HEARTBEAT = "exchange.rooms.heartbeat"  # app.extensions key: this app's heartbeat is running


def _start_heartbeat(app) -> None:
    """Keep this process's presence rows alive; rows of dead processes expire by themselves.

    One heartbeat per app (remembered in app.extensions), so that every app created runs its own."""
    if app.extensions.get(HEARTBEAT):
        return
    app.extensions[HEARTBEAT] = True

    def loop():
        while True:
            with app.app_context():
                try:
                    presence.beat()
                except Exception:  # a database hiccup must not end the heartbeat
                    log.exception("heartbeat failed")
                finally:
                    db.remove()
            socketio.sleep(10)

    socketio.start_background_task(loop)


def _room_from(data) -> Room:
    return get_room(_room_field(data))


def _room_field(data):
    if "room" not in data:
        raise Invalid(_("Missing field: %(name)s", name="room"), code="invalid_payload")
    return data["room"]


def _really_disconnecting() -> bool:
    """Is this the server's own disconnect, not a client event that borrowed the name?

    python-socketio dispatches a client event named "connect" or "disconnect" to the same
    handlers as the real ones. A real disconnect has already marked the socket as leaving,
    so it no longer counts as connected; a client's event comes from a connected socket.
    (A real connect is told apart by having no live-socket row yet.)"""
    return not socketio.server.manager.is_connected(request.sid, "/")  # type: ignore[attr-defined]  # Flask-SocketIO sets request.sid


@socketio.on("connect")
def on_connect(auth=None):
    if presence.socket_known(request.sid):  # a client event named "connect": ignore it
        log.warning("reserved event from client event=connect sid=%s", request.sid)
        return None
    user = load_user_from_session()
    if user is None:
        log.info("socket refused sid=%s reason=login_required", request.sid)
        raise ConnectionRefusedError("login_required")
    _start_heartbeat(current_app._get_current_object())
    # Registered before the socket can join any room: eviction and logout find it here.
    presence.register_socket(request.sid, user.id, g.get("login_session_id"))
    join_room(user_channel(user.id))
    log.info("socket connected sid=%s user=%s", request.sid, user.id)


@socketio.on("disconnect")
def on_disconnect(*_args):
    if not _really_disconnecting():  # a client event named "disconnect": presence stays true
        log.warning("reserved event from client event=disconnect sid=%s", request.sid)
        return None
    try:
        room_ids = presence.leave_all(request.sid)
        for room_id in room_ids:
            room = db.session.get(Room, room_id)
            if room is not None:
                broadcast_presence(room)
                broadcast_state(room)
    except Exception:
        log.exception("disconnect cleanup failed sid=%s", request.sid)
        db.session.rollback()


@event("join")
def on_join(user, data):
    room = _room_from(data)
    last_seq = data.get("last_seq", 0)
    if isinstance(last_seq, bool) or not isinstance(last_seq, int) or last_seq < 0:
        return error("invalid_payload", _("last_seq must be a whole number."))
    role = require_member(user, room)
    refusal = policy.join_refusal(current_state(room), role)
    if refusal:
        return error(refusal, _("This room is closed."))
    # Join the channel first, then read history: a message committed meanwhile arrives live
    # or in the history (or both; clients drop seqs they already have). None is lost.
    join_room(room_channel(room.id))
    if role in policy.SUPERVISORS:
        join_room(supervisors_channel(room.id))
    presence.enter(user, room, role, request.sid)
    # Access may have been lost while we joined (consent withdrawn, vetting revoked). An
    # eviction after this point finds the socket (registered at connect) already in the
    # channel; one before it is seen by this fresh re-check. Either way no socket stays.
    role = member_role_fresh(user, room)
    if role is None:
        _leave_channels(room.id)
        code, message = refusal_reason(user, room)
        return error(code, message)
    page = history(user, room, last_seq)
    broadcast_presence(room)
    if role in policy.SUPERVISORS:
        broadcast_state(room)
    log.info("join sid=%s user=%s room=%s replayed=%d", request.sid, user.id, room.id, len(page["messages"]))
    return {
        "ok": True,
        "room": room_view(room, user),
        "messages": page["messages"],
        "resync": page["resync"],
        "first_seq": page["first_seq"],
        "presence": presence_view(room),
    }


def _leave_channels(room_id: int) -> None:
    leave_room(room_channel(room_id))
    leave_room(supervisors_channel(room_id))
    presence.leave(room_id, request.sid)  # type: ignore[attr-defined]  # Flask-SocketIO sets request.sid


@event("leave")
def on_leave(user, data):
    room = _room_from(data)
    _leave_channels(room.id)
    broadcast_presence(room)
    broadcast_state(room)
    return {"ok": True}


@event("send_message")
def on_send(user, data):
    room, member = room_and_membership(user, _room_field(data))
    if not _joined(room.id):
        return error("not_joined", _("Join the room before sending."))
    ack = post_message(user, room, data.get("body"), data.get("client_msg_id"), member)
    log.info(
        "send sid=%s user=%s room=%s ok=%s code=%s seq=%s",
        request.sid,
        user.id,
        room.id,
        ack["ok"],
        ack.get("error", ""),
        ack.get("seq"),
    )
    return ack


def _joined(room_id: int) -> bool:
    """Is this socket in the room's channel? A direct look-up in the manager's room table:
    python-socketio's `rooms(sid)` scans every room of the server on each call."""
    members = socketio.server.manager.rooms.get("/", {}).get(room_channel(room_id))
    return bool(members) and request.sid in members  # type: ignore[attr-defined]  # Flask-SocketIO sets request.sid


@event("typing")
def on_typing(user, data):
    room, member = room_and_membership(user, _room_field(data))
    if not _joined(room.id):
        return error("not_joined", _("Join the room first."))
    typing = data.get("typing", True)
    if not isinstance(typing, bool):
        return error("invalid_payload", _("typing must be true or false."))
    if not ratelimits.allow(ratelimits.TYPING, user.id):  # over the limit: nothing is broadcast
        return error("rate_limited", _("You are sending typing notices too fast. Wait a moment."))
    refusal = delivery_refusal(user, room, "typing", member=member)  # the same room policy as a message
    if refusal:
        return error(refusal, refusal_text(refusal))
    name = user.short_name if user.role == "student" else user.full_name
    emit(
        "typing",
        {"room": room.id, "user": {"id": user.id, "name": name}, "typing": typing},
        room_channel(room.id),
        skip_sid=request.sid,
    )
    return {"ok": True}


@event("presence")
def on_presence(user, data):
    """Who is here: for sockets in the room only, on the same terms as entering it."""
    room = _room_from(data)
    role = require_member(user, room)
    if not _joined(room.id):
        return error("not_joined", _("Join the room first."))
    refusal = policy.join_refusal(current_state(room), role)
    if refusal:
        return error(refusal, refusal_text(refusal))
    return {"ok": True, "presence": presence_view(room)}
