"""The contracts every storage backend keeps (the contract tests run them all)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class MessageRecord:
    room_id: int
    seq: int
    author_id: int | None
    kind: str            # "message" | "notice" | "removal"
    body: str
    created_at: datetime
    client_msg_id: str | None = None
    meta: dict = field(default_factory=dict)
    id: str = ""         # backend id, opaque; never a resume cursor (seq is)


class DuplicateMessage(Exception):
    """Raised internally when (room, author, client_msg_id) already exists."""


class MessageLog(Protocol):
    def append(self, room_id: int, *, author_id: int | None, kind: str, body: str,
               client_msg_id: str | None = None, meta: dict | None = None) -> tuple[MessageRecord, bool]:
        """Store durably and assign the room's next seq. Returns (record, created); a retry
        with the same (author, client_msg_id) returns the original record and created=False."""

    def since(self, room_id: int, after_seq: int, limit: int) -> list[MessageRecord]:
        """Records with seq > after_seq in order, at most `limit`."""

    def latest(self, room_id: int, limit: int) -> list[MessageRecord]:
        """The last `limit` records in seq order."""

    def by_seq(self, room_id: int, seq: int) -> MessageRecord | None: ...

    def by_client_msg_id(self, room_id: int, author_id: int, client_msg_id: str) -> MessageRecord | None: ...

    def last_seq(self, room_id: int) -> int: ...

    def redact(self, room_id: int, seq: int, body: str, meta: dict) -> None:
        """Replace a stored body (removal by a moderator); the seq stays."""

    def delete_room(self, room_id: int) -> int: ...
