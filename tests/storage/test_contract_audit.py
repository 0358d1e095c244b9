"""The AuditLog contract on SQLite, PostgreSQL and MongoDB, plus the pure chain rules.

The audit log is evidence in safeguarding reviews: tampering with a stored record (edit,
delete, reorder, cut the tail) must show up in verify(), and concurrent server processes
must never fork the chain.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_fixtures import mongo_client, mongo_db, pg_url, release_sql, sqlite_url, use_sql  # noqa: E402,F401
from sqlalchemy import delete, update  # noqa: E402

from exchange.db import db, utcnow  # noqa: E402
from exchange.storage.audit_chain import (  # noqa: E402
    GENESIS_HASH,
    canonical_json,
    chain_hash,
    chained_record,
    fields_of,
    record_fields,
    verify_chain,
)
from exchange.storage.interfaces import AuditRecord  # noqa: E402
from exchange.storage.mongo import MongoAuditLog  # noqa: E402
from exchange.storage.sql_audit import AuditEntry, SqlAuditLog  # noqa: E402

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


class SqlTamper:
    """Changes stored rows behind the log's back, as someone with database access could."""

    def _run(self, stmt):
        db.session.execute(stmt)
        db.session.commit()

    def set(self, seq, **values):
        self._run(update(AuditEntry.__table__).where(AuditEntry.seq == seq).values(**values))

    def delete(self, seq):
        self._run(delete(AuditEntry.__table__).where(AuditEntry.seq == seq))

    def swap(self, a, b):
        table = AuditEntry.__table__
        self._run(update(table).where(AuditEntry.seq == a).values(seq=-1))
        self._run(update(table).where(AuditEntry.seq == b).values(seq=a))
        self._run(update(table).where(AuditEntry.seq == -1).values(seq=b))


class MongoTamper:
    def __init__(self, mdb):
        self.entries = mdb["audit_log"]

    def set(self, seq, **values):
        assert self.entries.update_one({"seq": seq}, {"$set": values}).modified_count == 1

    def delete(self, seq):
        assert self.entries.delete_one({"seq": seq}).deleted_count == 1

    def swap(self, a, b):
        doc_a, doc_b = self.entries.find_one({"seq": a}), self.entries.find_one({"seq": b})
        self.entries.delete_many({"seq": {"$in": [a, b]}})
        doc_a["seq"], doc_b["seq"] = b, a
        self.entries.insert_many([doc_b, doc_a])


@pytest.fixture(params=["sqlite", "postgresql", "mongodb"])
def backend(request):
    """(audit log, tamper tool) on one real store."""
    if request.param == "mongodb":
        mdb = request.getfixturevalue("mongo_db")
        yield MongoAuditLog(mdb, now=utcnow), MongoTamper(mdb)
        return
    use_sql(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    try:
        yield SqlAuditLog(session=db.session, now=utcnow), SqlTamper()
    finally:
        release_sql()


def write(log, n, start=0, **extra):
    made = []
    for i in range(start, start + n):
        made.append(
            log.append(
                actor_id=1 + i % 3,
                action="room.mute",
                subject_type="user",
                subject_id=1000 + i,
                reason=f"reason {i} — причина",
                before={"muted": False, "i": i},
                after={"muted": True, "until": T0 + timedelta(minutes=i), "tags": ("a", "b")},
                room_id=i % 2 + 1,
                school_id=5,
                **extra,
            )
        )
    return made


def test_appended_chain_verifies_and_reads_back_exactly(backend):
    log, _ = backend
    assert log.verify().ok and log.verify().checked == 0
    assert log.head() == (0, GENESIS_HASH)
    made = write(log, 30)
    assert [r.seq for r in made] == list(range(1, 31))
    assert made[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in zip(made, made[1:]))
    assert list(log.records()) == made  # what append returned is what is stored, to the byte
    assert made[3].subject_id == "1003" and made[3].after["tags"] == ["a", "b"]
    assert made[3].after["until"] == "2026-03-02T08:03:00.000+00:00"
    assert log.head() == (30, made[-1].hash)
    result = log.verify()
    assert (result.ok, result.checked, result.first_bad_seq) == (True, 30, None)


def test_time_is_utc_and_kept_to_the_millisecond(backend):
    log, _ = backend
    at = datetime(2026, 3, 2, 9, 30, 1, 123456, tzinfo=timezone(timedelta(hours=3)))
    made = log.append(actor_id=None, action="system.retention", subject_type="room", subject_id="7", at=at)
    stored = next(log.records())
    assert stored.at == datetime(2026, 3, 2, 6, 30, 1, 123000, tzinfo=timezone.utc) == made.at
    assert stored.at.utcoffset() == timedelta(0)
    assert stored == made and log.verify().ok
    with pytest.raises(ValueError):
        log.append(actor_id=1, action="x", subject_type="y", subject_id="z", at=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    "field, value",
    [
        ("reason", "nothing happened"),
        ("actor_id", 99),
        ("action", "room.unmute"),
        ("room_id", 42),
        ("before", {"muted": True, "i": 6}),
        ("at", T0),
        ("hash", "f" * 64),
        ("prev_hash", "e" * 64),
    ],
)
def test_an_edited_record_fails_verification_at_its_seq(backend, field, value):
    log, tamper = backend
    write(log, 10)
    tamper.set(7, **{field: value})
    result = log.verify()
    assert not result.ok
    assert result.first_bad_seq == 7
    assert result.checked == 6
    assert result.problem


def test_a_deleted_middle_record_fails_verification(backend):
    log, tamper = backend
    write(log, 10)
    tamper.delete(4)
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 4, 3)
    assert "missing" in result.problem


def test_a_cut_tail_fails_verification(backend):
    log, tamper = backend
    write(log, 10)
    tamper.delete(10)
    tamper.delete(9)
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 9, 8)
    assert "tail" in result.problem


def test_swapped_records_fail_verification(backend):
    log, tamper = backend
    write(log, 10)
    tamper.swap(5, 6)
    result = log.verify()
    assert (result.ok, result.first_bad_seq) == (False, 5)


def test_appends_continue_the_chain_after_reading(backend):
    log, _ = backend
    first = write(log, 3)
    assert log.verify().ok
    more = write(log, 2, start=3)
    assert more[0].prev_hash == first[-1].hash and more[-1].seq == 5
    assert log.verify().checked == 5


def test_concurrent_writers_never_fork_the_chain(backend):
    log, _ = backend
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def work(i):
        try:
            start.wait()
            for j in range(15):
                log.append(actor_id=i, action="thread.append", subject_type="test", subject_id=f"{i}-{j}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[0]
    stored = list(log.records())
    assert [r.seq for r in stored] == list(range(1, 91))
    assert sorted(r.subject_id for r in stored) == sorted(f"{i}-{j}" for i in range(6) for j in range(15))
    result = log.verify()
    assert (result.ok, result.checked) == (True, 90), result.problem
    assert log.head() == (90, stored[-1].hash)


def test_records_filter_by_room_and_period(backend):
    log, _ = backend
    for hour, room in enumerate([1, 2, 1, None, 1, 2]):
        log.append(
            actor_id=3,
            action="room.lock",
            subject_type="room",
            subject_id=room or 0,
            room_id=room,
            at=T0 + timedelta(hours=hour),
        )
    assert [r.seq for r in log.records(room_id=1)] == [1, 3, 5]
    assert [r.seq for r in log.records(room_id=2)] == [2, 6]
    assert [r.seq for r in log.records(since=T0 + timedelta(hours=2), until=T0 + timedelta(hours=4))] == [3, 4]
    assert [r.seq for r in log.records(room_id=1, since=T0 + timedelta(hours=1))] == [3, 5]
    assert [r.seq for r in log.records(until=T0)] == []
    assert [r.seq for r in log.records(limit=2)] == [1, 2]
    assert [r.seq for r in log.records(room_id=1, limit=2)] == [1, 3]
    assert list(log.records(limit=0)) == []
    assert [r.seq for r in log.records()] == [1, 2, 3, 4, 5, 6]


# --- the chain rules themselves, no store ---


def _fields(**over):
    base = dict(
        seq=1,
        at=T0,
        actor_id=1,
        action="a",
        subject_type="user",
        subject_id="9",
        room_id=None,
        school_id=None,
        reason="",
        before=None,
        after={"b": 1, "a": [1, 2], "ü": "日本"},
    )
    base.update(over)
    return record_fields(**base)


def test_canonical_json_is_sorted_compact_utf8_and_key_order_free():
    one = canonical_json(_fields(after={"b": 1, "a": 2}))
    two = canonical_json(_fields(after={"a": 2, "b": 1}))
    assert one == two
    assert b" " not in one.replace(b"reason", b"")
    assert '"ü":"日本"'.encode() in canonical_json(_fields())
    assert b'"at":"2026-03-02T08:00:00.000+00:00"' in one


def test_chain_hash_depends_on_previous_hash_and_every_field():
    fields = _fields()
    base = chain_hash(GENESIS_HASH, fields)
    assert len(base) == 64 and base == chain_hash(GENESIS_HASH, _fields())
    assert chain_hash("1" * 64, fields) != base
    for change in (
        {"seq": 2},
        {"reason": "x"},
        {"actor_id": None},
        {"before": {}},
        {"school_id": 3},
        {"at": T0 + timedelta(milliseconds=1)},
    ):
        assert chain_hash(GENESIS_HASH, _fields(**change)) != base, change


def test_verify_chain_on_plain_records():
    chain, prev = [], GENESIS_HASH
    for seq in range(1, 6):
        record = chained_record(prev, _fields(seq=seq))
        chain.append(record)
        prev = record.hash
    assert verify_chain(chain, head=(5, prev)).ok
    assert verify_chain(chain[:4], head=(5, prev)).first_bad_seq == 5
    assert verify_chain(chain, head=(3, chain[2].hash)).ok  # records appended after the head was read
    assert not verify_chain(chain, head=(3, "0" * 64)).ok
    assert verify_chain([], head=(0, GENESIS_HASH)).ok
    edited = AuditRecord(
        **{**fields_of(chain[2]), "reason": "edited"}, prev_hash=chain[2].prev_hash, hash=chain[2].hash
    )
    bad = verify_chain(chain[:2] + [edited] + chain[3:])
    assert (bad.ok, bad.first_bad_seq, bad.checked) == (False, 3, 2)
    assert verify_chain([chain[0], chain[2]]).first_bad_seq == 2
    assert verify_chain([chain[0], chain[1], chain[1]]).first_bad_seq == 2


def test_payloads_become_plain_json():
    fields = _fields(before={1: "x", "when": datetime(2026, 1, 1, 12, tzinfo=timezone.utc), "ids": (3, 4)})
    assert fields["before"] == {"1": "x", "when": "2026-01-01T12:00:00.000+00:00", "ids": [3, 4]}
    with pytest.raises(TypeError):
        _fields(before={"x": object()})
    with pytest.raises(ValueError):
        _fields(after={"x": float("nan")})


# --- MongoDB has no multi-document transaction here: a writer can die between its two writes ---


def test_mongo_append_rolls_the_head_forward_over_a_dead_writers_record(mongo_db):
    log = MongoAuditLog(mongo_db, now=utcnow)
    first = write(log, 3)
    seq, head_hash = log.head()
    orphan = chained_record(
        head_hash,
        record_fields(seq=seq + 1, at=T0, actor_id=9, action="died.midway", subject_type="test", subject_id="x"),
    )
    mongo_db["audit_log"].insert_one(MongoAuditLog._doc(orphan))  # inserted, head never moved
    assert log.head() == (3, first[-1].hash)
    assert log.verify().ok  # a record just past the head is one in flight, not tampering
    after = log.append(actor_id=1, action="next", subject_type="test", subject_id="y")
    assert (after.seq, after.prev_hash) == (5, orphan.hash)
    assert log.head() == (5, after.hash)
    assert log.verify().checked == 5


def test_mongo_append_refuses_to_extend_a_forged_record_past_the_head(mongo_db):
    from exchange.storage.interfaces import AuditChainBroken

    log = MongoAuditLog(mongo_db, now=utcnow)
    write(log, 2)
    forged = chained_record(
        "a" * 64, record_fields(seq=3, at=T0, actor_id=9, action="forged", subject_type="test", subject_id="x")
    )
    mongo_db["audit_log"].insert_one(MongoAuditLog._doc(forged))
    with pytest.raises(AuditChainBroken):
        log.append(actor_id=1, action="next", subject_type="test", subject_id="y")
    assert log.verify().first_bad_seq == 3
