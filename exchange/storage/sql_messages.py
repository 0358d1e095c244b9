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
from typing import Any, cast

from collections.abc import Callable
from sqlalchemy import (
    JSON,
    Connection,
    CursorResult,
    Engine,
    Integer,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    delete,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

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


_MESSAGES = cast(Table, StoredMessage.__table__)
_COUNTERS = cast(Table, RoomCounter.__table__)
_COLUMNS = tuple(_MESSAGES.c)
# Built once: a statement made per call costs its construction and its cache-key walk each time.
_FIND_KEYS = select(*_COLUMNS).where(
    tuple_(_MESSAGES.c.room_id, _MESSAGES.c.client_key).in_(bindparam("keys", expanding=True))
)
_ADVANCE = (
    update(_COUNTERS)
    .where(_COUNTERS.c.room_id == bindparam("rid"))
    .values(last_seq=_COUNTERS.c.last_seq + bindparam("count"))
    .returning(_COUNTERS.c.last_seq)
)
_START = insert(_COUNTERS)
_INSERT = insert(_MESSAGES).returning(_MESSAGES.c.id, sort_by_parameter_order=True)


def _record(row: Any) -> MessageRecord:
    """A record from a row of `_COLUMNS` (a Core row: the send path builds no ORM objects, which
    cost more than the statements themselves)."""
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


def _in_transaction(session: Any) -> bool:
    """Whether the caller's session has begun a transaction, without making a session for a context
    that has none yet (a `scoped_session` with nothing in its registry)."""
    registry = getattr(session, "registry", None)
    if registry is not None:
        if not registry.has():
            return False
        session = registry()
    return bool(session.in_transaction())


class SqlMessageLog:
    """Uses its own short transactions so an ack always follows a real commit.

    `session` is the app's (scoped) session, `now` its clock: both injected by `init_storage`.
    With `group_commit_ms` > 0, appends that arrive within that many milliseconds share one
    transaction (group_commit.py); 0 stores each in its own, as before. Statements are Core
    statements on the session's connection (in its transaction), never ORM units of work.

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

    def _rows(self, statement: Select[Any]) -> list[MessageRecord]:
        return [_record(r) for r in self._session.connection().execute(statement)]

    def _existing(self, room_id: int, key: str | None) -> MessageRecord | None:
        if key is None:
            return None
        found = self._rows(select(*_COLUMNS).where(_MESSAGES.c.room_id == room_id, _MESSAGES.c.client_key == key))
        return found[0] if found else None

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
        # committed as the single-append path commits them with the message. A session with no
        # transaction has nothing to commit (committing it would begin one first).
        if _in_transaction(self._session):
            self._session.commit()
        return self.group_commit.submit(item)

    def _append_one(self, item: PendingAppend) -> tuple[MessageRecord, bool]:
        """One append in its own transaction: the path without group commit, and the fallback
        of a batch that met a concurrent writer."""
        session = self._session
        for attempt in range(5):
            try:
                found = self._existing(item.room_id, item.key)
                if found is not None:
                    session.rollback()
                    return found, False
                connection, now = session.connection(), self._now()
                seq = self._take_seqs(connection, item.room_id, 1)
                (record,) = self._insert(connection, [(item, seq)], now)
                session.commit()
                return record, True
            except IntegrityError:
                # A concurrent first message created the counter, or a concurrent retry stored
                # the same client id: roll back and look again.
                session.rollback()
        raise RuntimeError("could not append message after retries")

    @staticmethod
    def _take_seqs(connection: Connection, room_id: int, count: int) -> int:
        """Advance the room's counter by `count` (taking its row lock) and return the new last seq."""
        last = connection.execute(_ADVANCE, {"rid": room_id, "count": count}).scalar()
        if last is None:
            connection.execute(_START, {"room_id": room_id, "last_seq": count})
            last = count
        return int(last)

    @staticmethod
    def _insert(connection: Connection, items: list[tuple[PendingAppend, int]], at: datetime) -> list[MessageRecord]:
        """Insert these (item, seq) rows in one statement; their records, in the same order."""
        values = [
            {
                "room_id": item.room_id,
                "seq": seq,
                "author_id": item.author_id,
                "client_key": item.key,
                "kind": item.kind,
                "body": item.body,
                "meta": item.meta,
                "created_at": at,
            }
            for item, seq in items
        ]
        ids = connection.execute(_INSERT, values)
        return [
            MessageRecord(
                room_id=item.room_id,
                seq=seq,
                author_id=item.author_id,
                kind=item.kind,
                body=item.body,
                created_at=at,
                client_msg_id=item.client_msg_id,
                meta=dict(item.meta),
                id=str(row_id),
            )
            for (item, seq), row_id in zip(items, ids.scalars(), strict=True)
        ]

    def _flush(self, batch: list[PendingAppend]) -> None:
        """Store a batch in one transaction; on a conflict with another process, one by one."""
        try:
            if self._offload is None:
                self._store_batch(batch, self._session.connection(), self._session.commit)
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
            self._store_batch(batch, self._session.connection(), self._session.commit)
            return
        with engine.connect() as connection:  # leaving it rolls back whatever did not commit
            assert self._offload is not None
            self._offload(self._store_batch, batch, connection, connection.commit)

    def _store_batch(self, batch: list[PendingAppend], connection: Connection, commit: Callable[[], None]) -> None:
        keys = sorted({(i.room_id, i.key) for i in batch if i.key is not None})
        found: dict[tuple[int, str | None], MessageRecord] = {}
        if keys:
            rows = connection.execute(_FIND_KEYS, {"keys": keys})
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
        now = self._now()  # before the counters' row locks: a clock never runs under them
        made: list[tuple[PendingAppend, int]] = []
        for room_id in sorted(fresh):  # every process locks counters in one order: no deadlock
            items = fresh[room_id]
            last = self._take_seqs(connection, room_id, len(items))
            made += [(item, seq) for seq, item in enumerate(items, last - len(items) + 1)]
        records = self._insert(connection, made, now) if made else []
        commit()
        for (item, _seq), record in zip(made, records, strict=True):
            item.stored(record, True)
        for item, original in repeats:
            if original.record is not None:
                item.stored(original.record, False)

    def since(self, room_id: int, after_seq: int, limit: int) -> list[MessageRecord]:
        return self._rows(
            select(*_COLUMNS)
            .where(_MESSAGES.c.room_id == room_id, _MESSAGES.c.seq > after_seq)
            .order_by(_MESSAGES.c.seq)
            .limit(limit)
        )

    def latest(self, room_id: int, limit: int) -> list[MessageRecord]:
        rows = self._rows(
            select(*_COLUMNS).where(_MESSAGES.c.room_id == room_id).order_by(_MESSAGES.c.seq.desc()).limit(limit)
        )
        return rows[::-1]

    def before(self, room_id: int, seq: int, limit: int) -> list[MessageRecord]:
        rows = self._rows(
            select(*_COLUMNS)
            .where(_MESSAGES.c.room_id == room_id, _MESSAGES.c.seq < seq)
            .order_by(_MESSAGES.c.seq.desc())
            .limit(limit)
        )
        return rows[::-1]

    def by_seq(self, room_id: int, seq: int) -> MessageRecord | None:
        found = self._rows(select(*_COLUMNS).where(_MESSAGES.c.room_id == room_id, _MESSAGES.c.seq == seq))
        return found[0] if found else None

    def by_client_msg_id(self, room_id: int, author_id: int, client_msg_id: str) -> MessageRecord | None:
        return self._existing(room_id, client_key(author_id, client_msg_id))

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
