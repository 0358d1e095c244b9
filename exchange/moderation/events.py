"""Socket.IO edge of moderation: the live queue subscribes here."""
from __future__ import annotations

from flask_socketio import join_room

from ..authz import allowed, load_user_from_session
from ..extensions import socketio
from ..realtime import supervisors_channel
from .services import QUEUE_CHANNEL


@socketio.on("watch_flags")
def on_watch_flags(data=None):
    """Moderators get every new flag; teachers and admins those of the rooms they supervise."""
    user = load_user_from_session()
    if user is None or not allowed(user, "moderation.review"):
        return {"ok": False, "error": "forbidden", "message": "You may not watch the review queue."}
    if user.role == "moderator":
        join_room(QUEUE_CHANNEL)
    else:
        from .views import supervised_room_ids

        for room_id in supervised_room_ids(user) or []:
            join_room(supervisors_channel(room_id))
    return {"ok": True}
