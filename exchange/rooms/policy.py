"""Room policy as pure functions: may this person post now, is the room paused?

No Flask and no database here: the caller passes plain facts, which keeps the rules easy to
read, test and reuse from HTTP routes and Socket.IO events alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SUPERVISORS = frozenset({"teacher", "moderator", "admin"})


@dataclass(frozen=True)
class RoomFacts:
    state: str  # stored state
    opens_at: datetime | None
    closes_at: datetime | None
    has_students: bool
    has_outside_adult: bool  # an expert is a member
    supervisor_connected: bool


def effective_state(state: str, opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> str:
    """The state the clock implies: a scheduled room opens at its window, an open one closes at its end."""
    if state == "scheduled" and opens_at is not None and now >= opens_at and (closes_at is None or now < closes_at):
        return "open"
    if state in ("scheduled", "open") and closes_at is not None and now >= closes_at:
        return "closed"
    return state


def paused(facts: RoomFacts) -> bool:
    """Supervision rule: students with an outside adult need a teacher or moderator connected."""
    return facts.has_students and facts.has_outside_adult and not facts.supervisor_connected


# What can be delivered into a room. Every path that puts something in front of the room's
# members asks `delivery_refusal`: a chat message, a typing signal, a file shared or approved,
# a held message released by a moderator.
ACTIVITIES = frozenset({"message", "typing", "file", "release"})
_AUTHOR_SPEAKS_NOW = frozenset({"message", "typing", "file"})  # a mute stops these; a release is a supervisor's


def delivery_refusal(
    facts: RoomFacts, activity: str, *, muted_until: datetime | None = None, removed: bool = False, now: datetime
) -> str | None:
    """None when `activity` by this member may reach the room now, else the error code.

    The one rule for every path: a removed member reaches no one; nothing enters a room that
    is not open; a muted member neither writes, types nor shares; and while the room is
    paused (students with an outside adult and no teacher or moderator connected) nothing at
    all is delivered, so an expert is never alone with students on any path."""
    if activity not in ACTIVITIES:
        return "invalid_activity"  # an unknown path is refused, never waved through
    if removed:
        return "removed_from_room"
    state = effective_state(facts.state, facts.opens_at, facts.closes_at, now)
    if state == "locked":
        return "room_locked"
    if state == "scheduled":
        return "room_not_open"
    if state == "closed":
        return "room_closed"
    if activity in _AUTHOR_SPEAKS_NOW and muted_until is not None and muted_until > now:
        return "muted"
    if paused(facts):
        return "room_paused"
    return None


def join_refusal(state: str, role: str) -> str | None:
    """Anyone who is a member may enter to read history; a closed room stays readable for staff only."""
    if state == "closed" and role not in SUPERVISORS:
        return "room_closed"
    return None
