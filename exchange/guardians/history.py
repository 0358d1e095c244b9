"""A child's words in the room logs: walking a room's history page by page, and the messages the
child wrote (for the guardian's export; erasure and retention walk the same pages)."""

from __future__ import annotations

from collections.abc import Iterator

from ..storage import message_log
from .students import rooms_of_student

PAGE = 1000  # message-log page size when walking a room's history


def records_of(room_id: int) -> Iterator:
    """Every record of a room, oldest first, a page at a time."""
    log_ = message_log()
    after = 0
    while True:
        page = log_.since(room_id, after, PAGE)
        if not page:
            return
        yield from page
        after = page[-1].seq


def child_messages(student_id: int) -> list[dict]:
    """Every message the child wrote, in every room they could have written in; removed ones without their body."""
    out = []
    for room in rooms_of_student(student_id):
        for r in records_of(room.id):
            if r.author_id == student_id and r.kind == "message":
                removed = bool(r.meta.get("removed") or r.meta.get("retention") or r.meta.get("erased"))
                out.append(
                    {
                        "room_id": room.id,
                        "room_title": room.title,
                        "seq": r.seq,
                        "at": r.created_at.isoformat().replace("+00:00", "Z"),
                        "kind": r.kind,
                        "body": "" if removed else r.body,
                        "removed": removed,
                    }
                )
    return out
