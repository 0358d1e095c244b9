"""Who supervises what: the rooms a reviewer's queue covers and the flags they may act on.

Reads the rooms domain (below moderation); shared by the HTTP edge and the live queue.
"""

from __future__ import annotations

from flask import g, has_request_context

from ..accounts.models import User
from ..rooms.policy import SUPERVISORS
from ..rooms.membership import member_role, rooms_for
from . import services
from .models import Flag


def supervised_room_ids(user: User) -> list[int] | None:
    """None = every room (platform moderators); a school's admins and moderators: rooms their
    school takes part in; teachers: their rooms."""
    if user.role == "moderator" and user.platform_wide:
        return None
    cache = g.setdefault("_supervised_rooms", {}) if has_request_context() else {}
    if user.id not in cache:  # the page and its navigation count ask once per request
        cache[user.id] = [r.id for r in rooms_for(user) if member_role(user, r) in SUPERVISORS]
    return cache[user.id]


def queue_scope(user: User) -> tuple[list[int] | None, int | None]:
    """(room ids or None for every room, school id or None): what this reviewer's queue covers."""
    if user.role == "admin":
        return None, user.school_id
    return supervised_room_ids(user), None


def queue_for(user: User, *, room_id: int | None, school_id: int | None, status: str | None) -> list[Flag]:
    """The review queue this reviewer sees; an admin reviews their own school's flags (and escalations)."""
    room_ids, own_school = queue_scope(user)
    return services.queue(
        room_ids=room_ids,
        school_id=own_school if user.role == "admin" else school_id,
        room_id=room_id,
        status=status,
    )


def flag_for(user: User, flag_id: int) -> Flag:
    """The flag, if this reviewer may act on it."""
    flag = services.get_flag(flag_id)
    services.ensure_may_moderate(user, supervised_room_ids(user), flag)
    return flag
