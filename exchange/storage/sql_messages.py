"""The SQL message log: one row per record, the seq taken from a per-room counter row.

The counter row is updated and the message inserted in one transaction, so seqs are
assigned at commit, strictly increasing with no gap, also with several server processes
on PostgreSQL (the UPDATE takes the room's row lock) and on SQLite (one writer). With group
commit a batch advances each room's counter once by its number of new messages, under the
same lock, and stores the whole batch in one transaction.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from collections.abc import Callable
from sqlalchemy import (
    JSON,
    CursorResult,
    Engine,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from .group_commit import GroupCommitter, PendingAppend, client_key, notify
from .interfaces import MessageRecord, OnStored
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

    `session` is the app's (scoped) session, `now` its clock: both injected by `init_storage`.
    With `group_commit_ms` > 0, appends that arrive within that many milliseconds share one
    transaction (group_commit.py); 0 stores each in its own, as before.

    `offload(fn, *args)` runs a batch's statements and commit somewhere that does not stall the
    caller's event loop (the app passes `blocking.run_blocking`: a native thread under eventlet).
    Without it a commit's fsync (about 4 ms on SQLite with synchronous=FULL, a round trip on
    PostgreSQL) stops every room of the process while it lasts, so batches stay tiny."""

    def __init__(
        self,
        *,
        session: SessionSource,
        now: Clock,
        group_commit_ms: float = 0,
        offload: Callable[..., Any] | None = None,
    ) -> None:
        self._session = session
        self._now = now
        self._offload = offload
        self.group_commit = GroupCommitter(group_commit_ms / 1000, self._flush) if group_commit_ms > 0 else None

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
        on_stored: OnStored | None = None,
    ) -> tuple[MessageRecord, bool]:
        item = PendingAppend(room_id, author_id, kind, body, client_msg_id, dict(meta or {}), on_stored)
        if self.group_commit is None:
            item.stored(*self._append_one(item))
            notify([item])
            return item.result()
        # End the caller's transaction before waiting: a waiter must hold neither SQLite's write
        # lock (the leader needs it) nor a pooled connection. Its pending writes, if any, are
        # committed as the single-append path commits them with the message.
        self._session.commit()
        return self.group_commit.submit(item)

    def _append_one(self, item: PendingAppend) -> tuple[MessageRecord, bool]:
        """One append in its own transaction: the path without group commit, and the fallback
        of a batch that met a concurrent writer."""
        key = item.key
        session = self._session
        for attempt in range(5):
            try:
                found = self._existing(item.room_id, key)
                if found is not None:
                    session.rollback()
                    return _record(found), False
                seq = self._take_seqs(item.room_id, 1)
                row = self._row(item, seq, self._now())
                session.add(row)
                session.commit()
                return _record(row), True
            except IntegrityError:
                # A concurrent first message created the counter, or a concurrent retry stored
                # the same client id: roll back and look again.
                session.rollback()
        raise RuntimeError("could not append message after retries")

    def _take_seqs(self, room_id: int, count: int, session: SessionSource | None = None) -> int:
        """Advance the room's counter by `count` (taking its row lock) and return the new last seq."""
        session = session if session is not None else self._session
        last = session.execute(
            update(RoomCounter)
            .where(RoomCounter.room_id == room_id)
            .values(last_seq=RoomCounter.last_seq + count)
            .returning(RoomCounter.last_seq)
        ).scalar()
        if last is None:
            session.add(RoomCounter(room_id=room_id, last_seq=count))
            session.flush()
            last = count
        return int(last)

    @staticmethod
    def _row(item: PendingAppend, seq: int, at: datetime) -> StoredMessage:
        return StoredMessage(
            room_id=item.room_id,
            seq=seq,
            author_id=item.author_id,
            client_key=item.key,
            kind=item.kind,
            body=item.body,
            meta=item.meta,
            created_at=at,
        )

    def _flush(self, batch: list[PendingAppend]) -> None:
        """Store a batch in one transaction; on a conflict with another process, one by one."""
        try:
            if self._offload is None:
                self._store_batch(batch, self._session)
            else:
                self._store_offloaded(batch)
        except IntegrityError:
            self._rollback()
            for item in batch:
                try:
                    item.stored(*self._append_one(item))
                except Exception as exc:  # noqa: BLE001 - this caller's failure, raised in its thread
                    item.error = exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        with contextlib.suppress(Exception):  # the batch's own error is the one to report
            self._session.rollback()

    def _store_offloaded(self, batch: list[PendingAppend]) -> None:
        """The batch stored by `offload` on a connection of its own. The connection is taken from
        and returned to the pool here, on the caller's thread (the pool's locks are green under
        eventlet); only the statements and the commit run in the other thread, one batch at a
        time (the group committer runs one flush at a time)."""
        engine = self._session.get_bind()
        if not isinstance(engine, Engine):  # a session bound to one connection: stay on it
            self._store_batch(batch, self._session)
            return
        with engine.connect() as connection:
            session = Session(bind=connection, expire_on_commit=False)
            try:
                assert self._offload is not None
                self._offload(self._store_batch, batch, session)
            finally:
                session.close()

    def _store_batch(self, batch: list[PendingAppend], session: SessionSource) -> None:
        keys = sorted({(i.room_id, i.key) for i in batch if i.key is not None})
        found: dict[tuple[int, str | None], MessageRecord] = {}
        if keys:
            rows = session.scalars(
                select(StoredMessage).where(tuple_(StoredMessage.room_id, StoredMessage.client_key).in_(keys))
            )
            found = {(r.room_id, r.client_key): _record(r) for r in rows}
        fresh: dict[int, list[PendingAppend]] = {}
        first: dict[tuple[int, str | None], PendingAppend] = {}
        repeats: list[tuple[PendingAppend, PendingAppend]] = []
        for item in batch:
            k = (item.room_id, item.key)
            if item.key is not None:
                if k in found:
                    item.stored(found[k], False)
                    continue
                if k in first:  # two sends of one message in one batch: the first is stored
                    repeats.append((item, first[k]))
                    continue
                first[k] = item
            fresh.setdefault(item.room_id, []).append(item)
        now = self._now()
        made: list[tuple[PendingAppend, StoredMessage]] = []
        for room_id in sorted(fresh):  # every process locks counters in one order: no deadlock
            items = fresh[room_id]
            last = self._take_seqs(room_id, len(items), session)
            made += [(item, self._row(item, seq, now)) for seq, item in enumerate(items, last - len(items) + 1)]
        session.add_all([row for _, row in made])
        session.flush()
        records = [(item, _record(row)) for item, row in made]
        session.commit()
        for item, record in records:
            item.stored(record, True)
        for item, original in repeats:
            if original.record is not None:
                item.stored(original.record, False)

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
