"""Socket.IO edge of the files domain: a files page watches a room's file list.

Watchers get content-free pings ("files_changed" {room, file}) and fetch the list again over
HTTP, where the visibility rule applies: a socket that lost its membership learns nothing.
"""
from __future__ import annotations

import logging

from flask import request
from flask_babel import gettext as _
from flask_socketio import join_room, leave_room

from ..authz import load_user_from_session
from ..db import db
from ..errors import DomainError
from ..extensions import socketio
from ..rooms import services as rooms
from . import services

log = logging.getLogger("exchange.files.events")


def _room_of(data):
    if not isinstance(data, dict) or "room" not in data:
        raise services.Invalid(_("Missing field: %(name)s", name="room"), code="invalid_payload")
    return rooms.get_room(data["room"])


@socketio.on("watch_files")
def on_watch_files(data=None):
    try:
        user = load_user_from_session()
        if user is None:
            return {"ok": False, "error": "login_required", "message": _("Please log in again.")}
        room = _room_of(data)
        services.watch(user, room)
        join_room(services.files_channel(room.id))
        log.info("watch_files sid=%s user=%s room=%s", request.sid, user.id, room.id)
        return {"ok": True, "room": room.id}
    except DomainError as exc:
        db.session.rollback()
        return {"ok": False, "error": exc.code, "message": exc.message}
    except Exception:
        db.session.rollback()
        log.exception("event failed event=watch_files sid=%s", request.sid)
        return {"ok": False, "error": "server_error", "message": _("Something went wrong on our side. It has been logged.")}


@socketio.on("unwatch_files")
def on_unwatch_files(data=None):
    try:
        room = _room_of(data)
    except DomainError as exc:
        return {"ok": False, "error": exc.code, "message": exc.message}
    leave_room(services.files_channel(room.id))
    return {"ok": True}
