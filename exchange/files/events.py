"""Socket.IO edge of the files domain: a files page watches a room's file list.

Watchers get content-free pings ("files_changed" {room, file}) and fetch the list again over
HTTP, where the visibility rule applies: a socket that lost its membership learns nothing.
"""

from __future__ import annotations

import logging

from flask import request
from flask_babel import gettext as _
from flask_socketio import join_room, leave_room

from ..errors import Invalid
from ..rooms.membership import get_room
from ..sockets import event
from .access import watch
from .notices import files_channel

log = logging.getLogger("exchange.files.events")


def _room_of(data):
    if not isinstance(data, dict) or "room" not in data:
        raise Invalid(_("Missing field: %(name)s", name="room"), code="invalid_payload")
    return get_room(data["room"])


@event("watch_files")
def on_watch_files(user, data):
    room = _room_of(data)
    watch(user, room)
    join_room(files_channel(room.id))
    log.info("watch_files sid=%s user=%s room=%s", request.sid, user.id, room.id)
    return {"ok": True, "room": room.id}


@event("unwatch_files")
def on_unwatch_files(user, data):
    room = _room_of(data)
    leave_room(files_channel(room.id))
    return {"ok": True}
