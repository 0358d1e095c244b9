"""Read-only: the lines of a room around one message, from the message archive.

For reviewers: the conversation around a flagged message (a few lines before and after), as
the archive holds it now (a removed message stays a tombstone without its words).
"""

from __future__ import annotations

from ..storage import message_log
from ..storage.interfaces import MessageRecord

AROUND = 3


def messages_around(room_id: int, seq: int, *, before: int = AROUND, after: int = AROUND) -> list[MessageRecord]:
    """Up to `before` lines before `seq`, the line `seq` itself (if stored) and up to `after`
    lines after it, in seq order. Only chat lines: notices and removal records are left out."""
    log = message_log()
    lines = log.before(room_id, seq, before) if before > 0 and seq > 1 else []
    lines += log.since(room_id, seq - 1, after + 1)
    return [r for r in lines if r.kind == "message"]


def messages_after(room_id: int, after_seq: int, limit: int = AROUND) -> list[MessageRecord]:
    """The chat lines just after `after_seq` (what was said after a held or blocked attempt)."""
    return [r for r in message_log().since(room_id, after_seq, limit) if r.kind == "message"]
