"""MongoDB backends (pymongo, no transactions needed): the message log, the audit log, GridFS blobs.

Both logs make the unique index the single point of agreement: a writer computes the next
seq, and the insert either wins that seq or fails with DuplicateKeyError and tries the next.
Nothing is reserved before the insert, so neither a lost race nor a process dying halfway
leaves a gap in a room's seqs or a fork in the audit chain. MongoDB keeps milliseconds, so
times are cut to milliseconds before they are stored or hashed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import gridfs
from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from .audit_chain import (
    GENESIS_HASH,
    chain_hash,
    chained_record,
    fields_of,
    normalise_time,
    record_fields,
    verify_chain,
)
from .group_commit import GroupCommitter, PendingAppend, client_key, notify
from .interfaces import (
    AuditChainBroken,
    AuditRecord,
    BlobNotFound,
    MessageRecord,
    OnStored,
    VerifyResult,
    check_blob_id,
    new_blob_id,
)
from .sql_base import Clock

Doc = dict[str, Any]

_RETRY_FOR = 30.0  # seconds a writer keeps retrying a contended seq before giving up
_DUPLICATE_KEY = 11000


def _utc(value: datetime | str) -> datetime:
    """Aware UTC whether or not the client was opened with tz_aware=True (or a tool wrote a string)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


# --- the room message log ---


class MongoMessageLog:
    """Collections `messages` (unique (room_id, seq), unique (room_id, client_key) where set) and
    `room_counters` (the last seq handed out per room: a hint for the next insert, and what keeps
    seqs from being reused after delete_room). With `group_commit_ms` > 0, appends that arrive
    within that many milliseconds go in as one batch (group_commit.py, `_flush`)."""

    def __init__(self, db: Database[Doc], *, now: Clock, group_commit_ms: float = 0) -> None:
        self._now = now
        self.group_commit = GroupCommitter(group_commit_ms / 1000, self._flush) if group_commit_ms > 0 else None
        self.messages = db["messages"]
        self.counters = db["room_counters"]
        self.messages.create_index([("room_id", ASCENDING), ("seq", ASCENDING)], unique=True, name="room_seq")
        # Partial: messages without a client id carry no client_key and must not collide as nulls.
        self.messages.create_index(
            [("room_id", ASCENDING), ("client_key", ASCENDING)],
            unique=True,
            name="room_client_key",
            partialFilterExpression={"client_key": {"$type": "string"}},
        )

    @staticmethod
    def _record(doc: Doc) -> MessageRecord:
        return MessageRecord(
            room_id=doc["room_id"],
            seq=doc["seq"],
            author_id=doc.get("author_id"),
            kind=doc["kind"],
            body=doc["body"],
            created_at=_utc(doc["created_at"]),
            client_msg_id=doc.get("client_msg_id"),
            meta=dict(doc.get("meta") or {}),
            id=str(doc["_id"]),
        )

    def _counter(self, room_id: int) -> int:
        doc = self.counters.find_one({"_id": room_id})
        return int(doc["last_seq"]) if doc else 0

    def _advance_counter(self, room_id: int, seq: int) -> None:
        """Move the room's counter up to `seq` (never down), once that seq is known to be taken."""
        try:
            self.counters.update_one({"_id": room_id}, {"$max": {"last_seq": seq}}, upsert=True)
        except DuplicateKeyError:  # two first upserts raced; the document exists now
            self.counters.update_one({"_id": room_id}, {"$max": {"last_seq": seq}})

    def _by_key(self, room_id: int, key: str | None) -> Doc | None:
        return self.messages.find_one({"room_id": room_id, "client_key": key}) if key else None

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
        if self.group_commit is not None:
            return self.group_commit.submit(item)
        item.stored(*self._append_one(item))
        notify([item])
        return item.result()

    def _doc(self, item: PendingAppend, seq: int, at: datetime) -> Doc:
        doc: Doc = {
            "room_id": item.room_id,
            "seq": seq,
            "author_id": item.author_id,
            "kind": item.kind,
            "body": item.body,
            "meta": item.meta,
            "created_at": at,
        }
        if item.key:
            doc.update(client_key=item.key, client_msg_id=item.client_msg_id)
        return doc

    def _append_one(self, item: PendingAppend) -> tuple[MessageRecord, bool]:
        room_id, key = item.room_id, item.key
        deadline = time.monotonic() + _RETRY_FOR
        while time.monotonic() < deadline:
            found = self._by_key(room_id, key)
            if found is not None:
                return self._record(found), False
            seq = self._counter(room_id) + 1
            doc = self._doc(item, seq, normalise_time(self._now()))
            try:
                self.messages.insert_one(doc)
            except DuplicateKeyError:
                # Either a retry of this message won (answer with it) or another message took this
                # seq before the counter showed it (count it and take the next).
                found = self._by_key(room_id, key)
                if found is not None:
                    return self._record(found), False
                self._advance_counter(room_id, seq)
                continue
            self._advance_counter(room_id, seq)
            return self._record(doc), True
        raise RuntimeError(f"could not append to room {room_id}: seq contended for {_RETRY_FOR}s")

    def _flush(self, batch: list[PendingAppend]) -> None:
        """One batch: one find for the client ids already stored, then one ordered insert_many
        with each room's seqs in order after its counter. An insert that meets another writer
        (a seq taken, the same client id) stops the ordered insert there: what went in is stored,
        the rest is appended one by one, so a room's seqs still have no gap."""
        by_room: dict[int, set[str]] = {}
        for item in batch:
            if item.key is not None:
                by_room.setdefault(item.room_id, set()).add(item.key)
        found: dict[tuple[int, str], MessageRecord] = {}
        if by_room:
            query = [{"room_id": r, "client_key": {"$in": sorted(keys)}} for r, keys in by_room.items()]
            for doc in self.messages.find({"$or": query}):
                found[(doc["room_id"], doc["client_key"])] = self._record(doc)
        fresh: dict[int, list[PendingAppend]] = {}
        first: dict[tuple[int, str], PendingAppend] = {}
        repeats: list[tuple[PendingAppend, PendingAppend]] = []
        for item in batch:
            if item.key is not None:
                k = (item.room_id, item.key)
                if k in found:
                    item.stored(found[k], False)
                    continue
                if k in first:  # two sends of one message in one batch: the first is stored
                    repeats.append((item, first[k]))
                    continue
                first[k] = item
            fresh.setdefault(item.room_id, []).append(item)
        at = normalise_time(self._now())
        counters = {d["_id"]: int(d["last_seq"]) for d in self.counters.find({"_id": {"$in": list(fresh)}})}
        planned: list[tuple[PendingAppend, Doc]] = []
        for room_id, items in fresh.items():
            start = counters.get(room_id, 0) + 1
            planned += [(item, self._doc(item, seq, at)) for seq, item in enumerate(items, start)]
        inserted = len(planned)
        if planned:
            try:
                self.messages.insert_many([doc for _, doc in planned], ordered=True)
            except BulkWriteError as exc:
                inserted = int(exc.details.get("nInserted", 0))
                if any(e.get("code") != _DUPLICATE_KEY for e in exc.details.get("writeErrors", [])):
                    raise
        top: dict[int, int] = {}
        for item, doc in planned[:inserted]:
            item.stored(self._record(doc), True)
            top[item.room_id] = max(top.get(item.room_id, 0), doc["seq"])
        for room_id, seq in top.items():
            self._advance_counter(room_id, seq)
        for item, _doc in planned[inserted:]:  # after a conflict: one by one, as without batches
            try:
                item.stored(*self._append_one(item))
            except Exception as exc:  # noqa: BLE001 - this caller's failure, raised in its thread
                item.error = exc
        for item, original in repeats:
            if original.record is not None:
                item.stored(original.record, False)
            else:  # the first send failed: this one tries on its own
                try:
                    item.stored(*self._append_one(item))
                except Exception as exc:  # noqa: BLE001 - as above
                    item.error = exc

    def since(self, room_id: int, after_seq: int, limit: int) -> list[MessageRecord]:
        if limit <= 0:  # pymongo reads limit(0) as "no limit"
            return []
        cursor = self.messages.find({"room_id": room_id, "seq": {"$gt": after_seq}}).sort("seq", ASCENDING).limit(limit)
        return [self._record(d) for d in cursor]

    def latest(self, room_id: int, limit: int) -> list[MessageRecord]:
        if limit <= 0:
            return []
        cursor = self.messages.find({"room_id": room_id}).sort("seq", DESCENDING).limit(limit)
        return [self._record(d) for d in reversed(list(cursor))]

    def before(self, room_id: int, seq: int, limit: int) -> list[MessageRecord]:
        if limit <= 0:
            return []
        cursor = self.messages.find({"room_id": room_id, "seq": {"$lt": seq}}).sort("seq", DESCENDING).limit(limit)
        return [self._record(d) for d in reversed(list(cursor))]

    def by_seq(self, room_id: int, seq: int) -> MessageRecord | None:
        doc = self.messages.find_one({"room_id": room_id, "seq": seq})
        return self._record(doc) if doc else None

    def by_client_msg_id(self, room_id: int, author_id: int, client_msg_id: str) -> MessageRecord | None:
        doc = self._by_key(room_id, client_key(author_id, client_msg_id))
        return self._record(doc) if doc else None

    def last_seq(self, room_id: int) -> int:
        """The counter, or a stored seq above it when a writer died before moving the counter."""
        top = self.messages.find_one({"room_id": room_id}, sort=[("seq", DESCENDING)], projection={"seq": 1})
        return max(self._counter(room_id), int(top["seq"]) if top else 0)

    def redact(self, room_id: int, seq: int, body: str, meta: dict[str, Any]) -> None:
        self.messages.update_one({"room_id": room_id, "seq": seq}, {"$set": {"body": body, "meta": meta}})

    def delete_room(self, room_id: int) -> int:
        return self.messages.delete_many({"room_id": room_id}).deleted_count


# --- the audit log ---

HEAD_ID = "head"


class MongoAuditLog:
    """Collection `audit_log` (a unique index on seq decides every race) and
    `audit_head` (one document: the tail, moved only by a find_one_and_update that names the
    tail it expects, so a stale writer can never move it)."""

    def __init__(self, db: Database[Doc], *, now: Clock) -> None:
        self._now = now
        self.entries = db["audit_log"]
        self.heads = db["audit_head"]
        self.entries.create_index([("seq", ASCENDING)], unique=True, name="seq")
        self.entries.create_index([("room_id", ASCENDING), ("seq", ASCENDING)], name="room_seq")
        self.entries.create_index([("at", ASCENDING)], name="at")

    @staticmethod
    def _record(doc: Doc) -> AuditRecord:
        return AuditRecord(
            seq=doc["seq"],
            at=_utc(doc["at"]),
            actor_id=doc.get("actor_id"),
            action=doc["action"],
            subject_type=doc["subject_type"],
            subject_id=doc["subject_id"],
            room_id=doc.get("room_id"),
            school_id=doc.get("school_id"),
            reason=doc.get("reason", ""),
            before=doc.get("before"),
            after=doc.get("after"),
            prev_hash=doc["prev_hash"],
            hash=doc["hash"],
            school_ids=doc.get("school_ids"),
        )

    @staticmethod
    def _doc(record: AuditRecord) -> Doc:
        doc = fields_of(record)
        doc.update(prev_hash=record.prev_hash, hash=record.hash)
        return doc

    def _head(self) -> tuple[int, str]:
        doc = self.heads.find_one({"_id": HEAD_ID})
        if doc is None:
            try:
                self.heads.insert_one({"_id": HEAD_ID, "seq": 0, "hash": GENESIS_HASH})
            except DuplicateKeyError:
                pass
            doc = self.heads.find_one({"_id": HEAD_ID})
        if doc is None:
            raise RuntimeError("the audit head vanished after it was created")
        return int(doc["seq"]), str(doc["hash"])

    def _move_head(self, seq: int, hash_: str, to: AuditRecord) -> None:
        # A no-match means another writer already moved it past (seq, hash_): nothing to do.
        self.heads.find_one_and_update(
            {"_id": HEAD_ID, "seq": seq, "hash": hash_}, {"$set": {"seq": to.seq, "hash": to.hash}}
        )

    def _roll_forward(self, seq: int, hash_: str) -> None:
        """The record after the head exists (a writer in flight, or one that died before moving
        the head): check it chains from the head, then move the head onto it."""
        doc = self.entries.find_one({"seq": seq + 1})
        if doc is None:
            return
        found = self._record(doc)
        if found.prev_hash != hash_ or chain_hash(hash_, fields_of(found)) != found.hash:
            raise AuditChainBroken(f"audit record {found.seq} does not chain from the head")
        self._move_head(seq, hash_, found)

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
        deadline = time.monotonic() + _RETRY_FOR
        while time.monotonic() < deadline:
            head_seq, head_hash = self._head()
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
            try:
                self.entries.insert_one(self._doc(record))
            except DuplicateKeyError:
                self._roll_forward(head_seq, head_hash)
                continue
            self._move_head(head_seq, head_hash, record)
            return record
        raise RuntimeError(f"could not append to the audit log: contended for {_RETRY_FOR}s")

    def records(
        self,
        *,
        room_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[AuditRecord]:
        query: Doc = {}
        if room_id is not None:
            query["room_id"] = room_id
        period: Doc = {}
        if since is not None:
            period["$gte"] = normalise_time(since)
        if until is not None:
            period["$lt"] = normalise_time(until)
        if period:
            query["at"] = period
        if limit is not None and limit <= 0:
            return
        cursor = self.entries.find(query).sort("seq", ASCENDING)
        if limit is not None:
            cursor = cursor.limit(limit)
        with cursor:
            for doc in cursor:
                yield self._record(doc)

    def head(self) -> tuple[int, str]:
        doc = self.heads.find_one({"_id": HEAD_ID})
        return (int(doc["seq"]), str(doc["hash"])) if doc else (0, GENESIS_HASH)

    def verify(self) -> VerifyResult:
        # Head first: records appended after this read are still chain-checked, never taken for a cut tail.
        head = self.head()
        read = 0

        def readable() -> Iterator[AuditRecord]:
            nonlocal read
            for doc in self.entries.find({}).sort("seq", ASCENDING):
                try:
                    record = self._record(doc)
                except (KeyError, TypeError, ValueError) as exc:
                    raise _Unreadable(doc.get("seq"), exc) from exc
                read += 1
                yield record

        try:
            return verify_chain(readable(), head=head)
        except _Unreadable as bad:
            seq, exc = bad.args
            return VerifyResult(False, read, seq, f"record {seq} is unreadable ({exc!r}): edited outside the log")


class _Unreadable(Exception):
    """A stored audit document that no longer has the shape the log writes."""


# --- file blobs ---


class GridFSBlobStore:
    """GridFS bucket `blobs`; the blob id is the GridFS file _id. The client's filename and type
    go into metadata for operators, never into the id."""

    def __init__(self, db: Database[Doc]) -> None:
        self.bucket = gridfs.GridFSBucket(db, bucket_name="blobs")
        self.files = db["blobs.files"]

    def put(self, data: bytes, *, content_type: str, filename: str) -> str:
        blob_id = new_blob_id()
        self.bucket.upload_from_stream_with_id(
            blob_id, blob_id, data, metadata={"content_type": content_type, "filename": filename}
        )
        return blob_id

    def get(self, blob_id: str) -> bytes:
        check_blob_id(blob_id)
        try:
            with self.bucket.open_download_stream(blob_id) as stream:
                return stream.read()
        except gridfs.errors.NoFile:
            raise BlobNotFound(blob_id) from None

    def delete(self, blob_id: str) -> None:
        check_blob_id(blob_id)
        if not self.exists(blob_id):
            return
        try:
            self.bucket.delete(blob_id)
        except gridfs.errors.NoFile:  # deleted by someone else meanwhile
            pass

    def exists(self, blob_id: str) -> bool:
        try:
            check_blob_id(blob_id)
        except BlobNotFound:
            return False
        # The files document is written after the last chunk: present means complete.
        return self.files.find_one({"_id": blob_id}, projection={"_id": 1}) is not None
