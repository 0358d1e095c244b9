"""The SQL message log: one row per record, the seq taken from a per-room counter row.

The counter row is updated and the message inserted in one transaction, so seqs are
assigned at commit, strictly increasing with no gap, also with several server processes
on PostgreSQL (the UPDATE takes the room's row lock) and on SQLite (one writer).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CursorResult, Integer, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .interfaces import MessageRecord
from .sql_base import Clock, SessionSource, StorageBase, UTCDateTime


class RoomCounter(StorageBase):
    __tablename__ = "room_counters"

    room_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class StoredMessage(StorageBase):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("room_id", "seq"), UniqueConstraint("room_id", "client_key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(Integer)
    client_key: Mapped[str | None] = mapped_column(String(100))  # "author:client_msg_id"
    kind: Mapped[str] = mapped_column(String(16), default="message")
    body: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


def client_key(author_id: int | None, client_msg_id: str | None) -> str | None:
    return f"{author_id or 0}:{client_msg_id}" if client_msg_id else None


def _record(row: StoredMessage) -> MessageRecord:
    cmid = row.client_key.split(":", 1)[1] if row.client_key else None
    return MessageRecord(
        room_id=row.room_id,
        seq=row.seq,
        author_id=row.author_id,
        kind=row.kind,
        body=row.body,
        created_at=row.created_at,
        client_msg_id=cmid,
        meta=dict(row.meta or {}),
        id=str(row.id),
    )


class SqlMessageLog:
    """Uses its own short transactions so an ack always follows a real commit.

    `session` is the app's (scoped) session, `now` its clock: both injected by `init_storage`."""

    def __init__(self, *, session: SessionSource, now: Clock) -> None:
        self._session = session
        self._now = now

    def _existing(self, room_id: int, key: str | None) -> StoredMessage | None:
        if key is None:
            return None
        return self._session.scalar(
            select(StoredMessage).where(StoredMessage.room_id == room_id, StoredMessage.client_key == key)
        )

    def append(
        self,
        room_id: int,
        *,
        author_id: int | None,
        kind: str,
        body: str,
        client_msg_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> tuple[MessageRecord, bool]:
        key = client_key(author_id, client_msg_id)
        session = self._session
        for attempt in range(5):
            try:
                found = self._existing(room_id, key)
                if found is not None:
                    session.rollback()
                    return _record(found), False
                seq = session.execute(
                    update(RoomCounter)
                    .where(RoomCounter.room_id == room_id)
                    .values(last_seq=RoomCounter.last_seq + 1)
                    .returning(RoomCounter.last_seq)
                ).scalar()
                if seq is None:
                    session.add(RoomCounter(room_id=room_id, last_seq=1))
                    session.flush()
                    seq = 1
                row = StoredMessage(
                    room_id=room_id,
                    seq=seq,
                    author_id=author_id,
                    client_key=key,
                    kind=kind,
                    body=body,
                    meta=meta or {},
                    created_at=self._now(),
                )
                session.add(row)
                session.commit()
                return _record(row), True
            except IntegrityError:
                # A concurrent first message created the counter, or a concurrent retry stored
                # the same client id: roll back and look again.
                session.rollback()
        raise RuntimeError("could not append message after retries")

    def since(self, room_id: int, after_seq: int, limit: int) -> list[MessageRecord]:
        rows = self._session.scalars(
            select(StoredMessage)
            .where(StoredMessage.room_id == room_id, StoredMessage.seq > after_seq)
            .order_by(StoredMessage.seq)
            .limit(limit)
        )
        return [_record(r) for r in rows]

    def latest(self, room_id: int, limit: int) -> list[MessageRecord]:
        rows = list(
            self._session.scalars(
                select(StoredMessage)
                .where(StoredMessage.room_id == room_id)
                .order_by(StoredMessage.seq.desc())
                .limit(limit)
            )
        )
        return [_record(r) for r in reversed(rows)]

    def before(self, room_id: int, seq: int, limit: int) -> list[MessageRecord]:
        rows = list(
            self._session.scalars(
                select(StoredMessage)
                .where(StoredMessage.room_id == room_id, StoredMessage.seq < seq)
                .order_by(StoredMessage.seq.desc())
                .limit(limit)
            )
        )
        return [_record(r) for r in reversed(rows)]

    def by_seq(self, room_id: int, seq: int) -> MessageRecord | None:
        row = self._session.scalar(
            select(StoredMessage).where(StoredMessage.room_id == room_id, StoredMessage.seq == seq)
        )
        return _record(row) if row else None

    def by_client_msg_id(self, room_id: int, author_id: int, client_msg_id: str) -> MessageRecord | None:
        row = self._existing(room_id, client_key(author_id, client_msg_id))
        return _record(row) if row else None

    def last_seq(self, room_id: int) -> int:
        return self._session.scalar(select(RoomCounter.last_seq).where(RoomCounter.room_id == room_id)) or 0

    def redact(self, room_id: int, seq: int, body: str, meta: dict[str, Any]) -> None:
        self._session.execute(
            update(StoredMessage)
            .where(StoredMessage.room_id == room_id, StoredMessage.seq == seq)
            .values(body=body, meta=meta)
        )
        self._session.commit()

    def delete_room(self, room_id: int) -> int:
        result = self._session.execute(delete(StoredMessage).where(StoredMessage.room_id == room_id))
        assert isinstance(result, CursorResult)  # a DELETE answers with a cursor: its rowcount is the count
        self._session.commit()
        return result.rowcount
