"""The facts of one user in one room, cached per process for the send path.

Each chat message needs the room, the sender's role in it, their member row (muted, removed),
the room's accepted classes and whether students and an outside adult are in it: about ten
queries. They change rarely (a roster, a consent, a clearance, a mute), so this process keeps
them per (user, room) and reads them again when a change counter moves (`exchange.changes`:
every write to a table they come from bumps `all`, `user:<id>` or `room:<id>` in the same
transaction, on whichever process or command made it). Entries of experts also end at the next
UTC midnight, because a clearance lapses on the day its evidence expires, with no write.

What is never cached: whether a supervisor is connected now (presence, read in `room_facts`),
the rate limit, and the duplicate check of the message itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from flask import current_app

from .. import changes
from ..accounts.models import User
from ..db import utcnow
from ..directory.models import SchoolClass
from .membership import Membership, get_room, has_expert_member, has_students, membership, valid_room_id
from .models import Room, RoomMember


def room_and_membership(user: User, room_id) -> tuple[Room, Membership]:
    """The room named by `room_id` (an `Invalid` or `NotFound` error as `get_room` raises) and the
    user's membership in it, with its member facts filled in."""
    rid = valid_room_id(room_id)
    cache = changes.cache_for(current_app, "room_facts")
    # The counters are read before the facts: a change committed in between moves them again.
    stamp = changes.current((changes.ALL, changes.room_key(rid), changes.user_key(user.id)))
    now = utcnow()
    hit = cache.get((user.id, rid), stamp, now)
    if hit is not None:
        room_values, role, row_values, class_values, students, expert = hit
        room = changes.known(Room, room_values)
        row = changes.detached(RoomMember, row_values) if row_values is not None else None
        classes = tuple(changes.detached(SchoolClass, v) for v in class_values)
        return room, Membership(role, row, classes, students, expert)
    room = get_room(rid)
    member = membership(user, room)
    member = replace(member, has_students=has_students(room), has_expert=has_expert_member(room))
    cache.put(
        (user.id, rid),
        stamp,
        (
            changes.snapshot(room),
            member.role,
            changes.snapshot(member.row) if member.row is not None else None,
            tuple(changes.snapshot(c) for c in member.classes),
            member.has_students,
            member.has_expert,
        ),
        until=_next_midnight(now) if user.role == "expert" else None,
    )
    return room, member


def _next_midnight(now: datetime) -> datetime:
    """The start of the next UTC day: an expert's clearance is decided per day."""
    return (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
