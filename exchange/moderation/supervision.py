"""Who supervises what: the rooms a reviewer's queue covers and the flags they may act on.

Reads the rooms domain (below moderation); shared by the HTTP edge and the live queue.
"""

from __future__ import annotations

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
    return [r.id for r in rooms_for(user) if member_role(user, r) in SUPERVISORS]


def queue_for(user: User, *, room_id: int | None, school_id: int | None, status: str | None) -> list[Flag]:
    """The review queue this reviewer sees; an admin reviews their own school's flags (and escalations)."""
    if user.role == "admin":
        school_id = user.school_id
    return services.queue(
        room_ids=supervised_room_ids(user) if user.role != "admin" else None,
        school_id=school_id,
        room_id=room_id,
        status=status,
    )


def flag_for(user: User, flag_id: int) -> Flag:
    """The flag, if this reviewer may act on it."""
    flag = services.get_flag(flag_id)
    services.ensure_may_moderate(user, supervised_room_ids(user), flag)
    return flag
