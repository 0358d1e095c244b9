"""Socket.IO edge of moderation: the live queue subscribes here."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_socketio import join_room

from ..authz import allowed
from ..realtime import supervisors_channel
from ..sockets import error, event
from .services import QUEUE_CHANNEL
from .supervision import supervised_room_ids


@event("watch_flags")
def on_watch_flags(user, data):
    """Moderators get every new flag; teachers and admins those of the rooms they supervise."""
    if not allowed(user, "moderation.review"):
        return error("forbidden", _("You may not watch the review queue."))
    if user.role == "moderator" and user.platform_wide:
        join_room(QUEUE_CHANNEL)
    else:
        for room_id in supervised_room_ids(user) or []:
            join_room(supervisors_channel(room_id))
    return {"ok": True}
