"""The audit log's hash chain, kept apart from any database so every backend chains alike.

Each record's hash is SHA-256 over the previous record's hash followed by the record's own
canonical JSON (sorted keys, UTF-8, ISO UTC times). Changing, removing or reordering a
stored record breaks the chain from that record on; the stored head catches a cut tail.
"""

from __future__ import annotations

import decimal
import enum
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timezone
from typing import Any

from .interfaces import AuditRecord, VerifyResult

GENESIS_HASH = "0" * 64
"""What the first record chains from."""

HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "action",
    "subject_type",
    "subject_id",
    "room_id",
    "school_id",
    "reason",
    "before",
    "after",
    "school_ids",
)
OPTIONAL_FIELDS = frozenset({"school_ids"})
"""Hashed when present: records written before the field existed keep verifying unchanged."""


def normalise_time(at: datetime) -> datetime:
    """Aware UTC cut to milliseconds: BSON keeps no more, and a hash must survive the round trip."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the audit log")
    at = at.astimezone(timezone.utc)
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return normalise_time(value).isoformat(timespec="milliseconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"audit payload value of type {type(value).__name__} is not JSON")


def normalise_payload(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The before/after snapshot as plain JSON (str keys, lists, ISO times): what every store gives back."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError("audit before/after must be a mapping or None")
    plain: dict[str, Any] = json.loads(json.dumps(dict(value), default=_jsonable, allow_nan=False, ensure_ascii=False))
    return plain


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _school_ids(value: Any) -> list[int] | None:
    return None if value is None else sorted({int(v) for v in value})


def record_fields(
    *,
    seq: int,
    at: datetime,
    actor_id: Any,
    action: str,
    subject_type: str,
    subject_id: Any,
    room_id: Any = None,
    school_id: Any = None,
    reason: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    school_ids: Any = None,
) -> dict[str, Any]:
    """The hashed fields in the types every backend stores and returns unchanged."""
    return {
        "seq": int(seq),
        "at": normalise_time(at),
        "actor_id": _int_or_none(actor_id),
        "action": str(action),
        "subject_type": str(subject_type),
        "subject_id": str(subject_id),
        "room_id": _int_or_none(room_id),
        "school_id": _int_or_none(school_id),
        "reason": str(reason or ""),
        "before": normalise_payload(before),
        "after": normalise_payload(after),
        "school_ids": _school_ids(school_ids),
    }


def canonical_json(record_fields: Mapping[str, Any]) -> bytes:
    """One byte string per record content: sorted keys, no spaces, UTF-8, times as ISO UTC."""
    doc = {}
    for name in HASHED_FIELDS:
        value = record_fields.get(name)
        if value is None and name in OPTIONAL_FIELDS:
            continue
        if isinstance(value, datetime):
            value = normalise_time(value).isoformat(timespec="milliseconds")
        doc[name] = value
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def chain_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(fields)).hexdigest()


def chained_record(prev_hash: str, fields: Mapping[str, Any]) -> AuditRecord:
    """The record that follows `prev_hash`, its own hash computed."""
    return AuditRecord(**fields, prev_hash=prev_hash, hash=chain_hash(prev_hash, fields))


def fields_of(record: AuditRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in HASHED_FIELDS}


def verify_chain(records: Iterable[AuditRecord], head: tuple[int, str] | None = None) -> VerifyResult:
    """Walk the records in seq order and recompute every link.

    `head` is the (seq, hash) the store recorded as its tail. Records after it are accepted
    (appended while we read); a log ending before it has lost its tail.
    """
    prev, expected, checked, head_record_hash = GENESIS_HASH, 1, 0, None
    for r in records:
        if r.seq > expected:
            return VerifyResult(False, checked, expected, f"seq {expected}..{r.seq - 1} missing: records deleted")
        if r.seq < expected:
            return VerifyResult(False, checked, r.seq, f"seq {r.seq} repeated or out of order after {expected - 1}")
        if r.prev_hash != prev:
            return VerifyResult(
                False, checked, r.seq, "prev_hash is not the previous record's hash: a record was removed or moved"
            )
        if chain_hash(prev, fields_of(r)) != r.hash:
            return VerifyResult(False, checked, r.seq, "hash mismatch: the record's content was changed")
        if head is not None and r.seq == head[0]:
            head_record_hash = r.hash
        prev, expected, checked = r.hash, expected + 1, checked + 1
    if head is not None:
        head_seq, head_hash = head
        last = expected - 1
        if last < head_seq:
            return VerifyResult(
                False, checked, last + 1, f"log ends at seq {last} but its head says {head_seq}: the tail was cut off"
            )
        if head_seq == 0 and head_hash != GENESIS_HASH:
            return VerifyResult(False, checked, None, "head of an empty chain is not the genesis value")
        if head_seq > 0 and head_record_hash != head_hash:
            return VerifyResult(False, checked, head_seq, "record at the head differs from the head's hash")
    return VerifyResult(True, checked)
