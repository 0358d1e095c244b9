"""The SQL audit log: one row per record and a one-row head holding the chain's tail.

An append first writes the head row (which locks it: a row lock on PostgreSQL, the single
write lock on SQLite), reads the tail, inserts the next record and moves the head, all in
one transaction. Two server processes therefore queue on the head and never fork the chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, Row, String, Text, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .audit_chain import GENESIS_HASH, chained_record, record_fields, verify_chain
from .interfaces import AuditRecord, VerifyResult
from .sql_base import Clock, SessionSource, StorageBase, UTCDateTime

HEAD_ID = 1
_PAGE = 1000


class AuditEntry(StorageBase):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(80))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(80))
    room_id: Mapped[int | None] = mapped_column(Integer, index=True)
    school_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    school_ids: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(StorageBase):
    """Exactly one row (id 1): the lock appends queue on, and the tail a cut-off log is compared with."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)


def _record(row: Row[Any]) -> AuditRecord:
    return AuditRecord(**row._mapping)


class SqlAuditLog:
    """Commits its own transaction: call it after the domain change it records has committed.

    `session` is the app's (scoped) session, `now` its clock: both injected by `init_storage`."""

    def __init__(self, *, session: SessionSource, now: Clock) -> None:
        self._session = session
        self._now = now

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
        session = self._session
        for _attempt in range(10):
            try:
                # A no-op write first: it takes the lock before we read the tail, and on SQLite it
                # opens the write transaction (pysqlite would run a lone SELECT outside any).
                head = session.execute(
                    update(AuditHead)
                    .where(AuditHead.id == HEAD_ID)
                    .values(seq=AuditHead.seq)
                    .returning(AuditHead.seq, AuditHead.hash)
                ).first()
                if head is None:
                    session.execute(insert(AuditHead).values(id=HEAD_ID, seq=0, hash=GENESIS_HASH))
                    head_seq, head_hash = 0, GENESIS_HASH
                else:
                    head_seq, head_hash = head
                fields = record_fields(
                    seq=head_seq + 1,
                    at=at or self._now(),
                    actor_id=actor_id,
                    action=action,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    room_id=room_id,
                    school_id=school_id,
                    reason=reason,
                    before=before,
                    after=after,
                    school_ids=school_ids,
                )
                record = chained_record(head_hash, fields)
                session.execute(insert(AuditEntry).values(**fields, prev_hash=record.prev_hash, hash=record.hash))
                session.execute(
                    update(AuditHead).where(AuditHead.id == HEAD_ID).values(seq=record.seq, hash=record.hash)
                )
                session.commit()
                return record
            except IntegrityError:
                # Two first appends both created the head row: the loser starts over behind the winner.
                session.rollback()
        raise RuntimeError("could not append to the audit log after retries")

    def records(
        self,
        *,
        room_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[AuditRecord]:
        """Pages by seq, so a long export holds no server cursor; plain rows, never stale ORM objects."""
        after, remaining = 0, limit
        while remaining is None or remaining > 0:
            page = _PAGE if remaining is None else min(_PAGE, remaining)
            query = select(AuditEntry.__table__).where(AuditEntry.seq > after)
            if room_id is not None:
                query = query.where(AuditEntry.room_id == room_id)
            if since is not None:
                query = query.where(AuditEntry.at >= since)
            if until is not None:
                query = query.where(AuditEntry.at < until)
            rows = self._session.execute(query.order_by(AuditEntry.seq).limit(page)).all()
            for row in rows:
                yield _record(row)
            if len(rows) < page:
                return
            after = rows[-1].seq
            if remaining is not None:
                remaining -= len(rows)

    def head(self) -> tuple[int, str]:
        row = self._session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)).first()
        return (row.seq, row.hash) if row else (0, GENESIS_HASH)

    def verify(self) -> VerifyResult:
        # Head first: records appended after this read are still chain-checked, never taken for a cut tail.
        return verify_chain(self.records(), head=self.head())
