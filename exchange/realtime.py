"""Socket.IO channels and the shape of what is pushed, shared by every domain that notifies.

Channels: `room:<id>` (everyone in a room), `user:<id>` (all tabs of one user),
`mod:<room id>` (supervisors of a room), `modqueue` (all moderators).
"""

from __future__ import annotations

from flask import current_app

from .extensions import socketio
from .safety import linkify


def room_channel(room_id: int) -> str:
    return f"room:{room_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def supervisors_channel(room_id: int) -> str:
    return f"mod:{room_id}"


def emit(event: str, payload: dict, channel: str, skip_sid=None) -> None:
    socketio.emit(event, payload, to=channel, skip_sid=skip_sid)


def message_payload(record, author) -> dict:
    """One stored record as every client of the room sees it (students by first name and initial)."""
    author_view = None
    if author is not None:
        name = author.short_name if author.role == "student" else author.full_name
        author_view = {"id": author.id, "name": name, "role": author.role}
    return {
        "room": record.room_id,
        "seq": record.seq,
        "kind": record.kind,
        "body": record.body,
        "html": _linked(record.body) if record.kind == "message" and "." in record.body else None,
        "author": author_view,
        "ts": record.created_at.isoformat().replace("+00:00", "Z"),
        "client_msg_id": record.client_msg_id,
        "meta": record.meta,
    }


def _linked(body: str) -> str | None:
    """The body as escaped HTML where only allowlisted domains are links; None when there are none."""
    html = linkify(body, frozenset(current_app.config.get("LINK_DOMAINS", ())))
    return html if "<a " in html else None
