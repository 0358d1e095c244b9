"""What goes over the wire about a room: its state for one viewer, and who is present."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..storage import message_log
from . import policy
from .membership import current_state, member_role, member_row, room_facts
from .models import Room
from .presence import present


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def room_view(room: Room, user: User | None = None) -> dict:
    facts = room_facts(room)
    state = current_state(room)
    out = {
        "id": room.id,
        "title": room.title,
        "kind": room.kind,
        "state": state,
        "paused": policy.paused(facts),
        "premoderated": room.premoderated,
        "requires_citizenship": room.requires_citizenship,
        "audience": room.audience,
        "opens_at": iso(room.opens_at),
        "closes_at": iso(room.closes_at),
        "last_seq": message_log().last_seq(room.id),
    }
    if user is not None:
        out["my_role"] = member_role(user, room)
        row = member_row(room, user)
        out["muted_until"] = iso(row.muted_until) if row and row.muted_until and row.muted_until > utcnow() else None
    return out


def presence_view(room: Room) -> dict:
    rows = present(room.id)
    users = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({p.user_id for p in rows})))}
        if rows
        else {}
    )
    seen, people = set(), []
    for p in rows:
        u = users.get(p.user_id)
        if u is None or u.id in seen:
            continue
        seen.add(u.id)
        people.append({"id": u.id, "name": u.short_name if u.role == "student" else u.full_name, "role": p.role})
    return {"room": room.id, "people": people, "paused": policy.paused(room_facts(room)), "state": current_state(room)}
