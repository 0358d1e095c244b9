"""The contracts every storage backend keeps (the contract tests run them all)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterator, Protocol


@dataclass(frozen=True)
class MessageRecord:
    room_id: int
    seq: int
    author_id: int | None
    kind: str  # "message" | "notice" | "removal"
    body: str
    created_at: datetime
    client_msg_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    id: str = ""  # backend id, opaque; never a resume cursor (seq is)


OnStored = Callable[[MessageRecord, bool], None]
"""Called once per append, after the commit that stored it (or found it stored), with (record,
created); a log calls a room's callbacks in seq order, so a broadcast made there is in order."""


class MessageLog(Protocol):
    def append(
        self,
        room_id: int,
        *,
        author_id: int | None,
        kind: str,
        body: str,
        client_msg_id: str | None = None,
        meta: dict[str, Any] | None = None,
        on_stored: OnStored | None = None,
    ) -> tuple[MessageRecord, bool]:
        """Store durably and assign the room's next seq. Returns (record, created) only after the
        commit; a retry with the same (author, client_msg_id) returns the original record and
        created=False. `on_stored` is called after that commit, before this returns; an exception
        it raises is raised here (the message is stored all the same)."""

    def since(self, room_id: int, after_seq: int, limit: int) -> list[MessageRecord]:
        """Records with seq > after_seq in order, at most `limit`."""

    def latest(self, room_id: int, limit: int) -> list[MessageRecord]:
        """The last `limit` records in seq order."""

    def before(self, room_id: int, seq: int, limit: int) -> list[MessageRecord]:
        """The last `limit` records with seq < `seq`, in seq order: one page back through history."""

    def by_seq(self, room_id: int, seq: int) -> MessageRecord | None: ...

    def by_client_msg_id(self, room_id: int, author_id: int, client_msg_id: str) -> MessageRecord | None: ...

    def last_seq(self, room_id: int) -> int: ...

    def redact(self, room_id: int, seq: int, body: str, meta: dict[str, Any]) -> None:
        """Replace a stored body (removal by a moderator); the seq stays."""

    def delete_room(self, room_id: int) -> int: ...


# --- The audit log: append-only, every record chained to the one before by a SHA-256 hash ---


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime  # aware UTC, millisecond precision (what every backend can keep)
    actor_id: int | None
    action: str
    subject_type: str
    subject_id: str
    room_id: int | None
    school_id: int | None
    reason: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str
    school_ids: list[int] | None = None  # every school the record concerns (admins see their school's)

    def concerns_school(self, school_id: int | None) -> bool:
        schools = self.school_ids if self.school_ids is not None else ([self.school_id] if self.school_id else [])
        return school_id is not None and school_id in schools


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


class AuditChainBroken(Exception):
    """Raised by an append that finds the stored tail does not chain: it will not extend a forged log."""


class AuditLog(Protocol):
    def append(
        self,
        *,
        actor_id: int | None,
        action: str,
        subject_type: str,
        subject_id: int | str,
        reason: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        room_id: int | None = None,
        school_id: int | None = None,
        at: datetime | None = None,
        school_ids: list[int] | None = None,
    ) -> AuditRecord:
        """Store durably as the next record of the one chain; concurrent writers never fork it."""

    def records(
        self,
        *,
        room_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[AuditRecord]:
        """Records in seq order; `since` inclusive, `until` exclusive."""

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last appended record; (0, GENESIS_HASH) when empty. Publish it to anchor the log."""

    def verify(self) -> VerifyResult:
        """Recompute the whole chain and compare with the stored head: edits, deletions, reordering, truncation."""


# --- File blobs: opaque random ids, bytes in and out ---


class BlobNotFound(LookupError):
    """No blob with that id, or an id that could never be one (malformed, path-like)."""


# Ids are secrets.token_urlsafe(24): 32 characters of the URL-safe alphabet. Checking them this
# strictly is what keeps "../", "/" and "" out of file paths and database keys.
BLOB_ID_RE = re.compile(r"[A-Za-z0-9_-]{32}")


def new_blob_id() -> str:
    return secrets.token_urlsafe(24)


def check_blob_id(blob_id: object) -> str:
    """The id itself when well formed; BlobNotFound otherwise (such a blob can never exist)."""
    if not isinstance(blob_id, str) or not BLOB_ID_RE.fullmatch(blob_id):
        raise BlobNotFound(blob_id)
    return blob_id


class BlobStore(Protocol):
    def put(self, data: bytes, *, content_type: str, filename: str) -> str:
        """Store the bytes and return a new random id; never derived from the name or the content."""

    def get(self, blob_id: str) -> bytes:
        """The stored bytes; BlobNotFound for unknown or malformed ids."""

    def delete(self, blob_id: str) -> None:
        """Remove the blob; deleting an unknown id is a no-op, a malformed id raises BlobNotFound."""

    def exists(self, blob_id: str) -> bool: ...
