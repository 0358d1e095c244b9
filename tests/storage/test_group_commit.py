"""Group commit of the message log, on SQLite, PostgreSQL and MongoDB (nx-27017).

Appends that arrive within the window share one transaction; every caller still gets its own
record only after the commit, a room's seqs stay 1..n with no gap or repeat, retries of a
client id are stored once (also two in one batch), `on_stored` runs once per append in seq order
per room, and a failed batch fails every waiter instead of hanging one. Nothing here reads the
real clock or asserts a timing: batches are held open by replacing the leader's pause with a
gate that opens when the wanted number of appends is queued.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_fixtures import mongo_client, mongo_db, pg_url, release_sql, sqlite_url, use_sql  # noqa: E402,F401
from support import SUITE_NOW  # noqa: E402

from exchange.db import db  # noqa: E402
from exchange.storage.mongo import MongoMessageLog  # noqa: E402
from exchange.storage.sql_messages import SqlMessageLog  # noqa: E402

ROOMS = (21, 22, 23, 24)
WINDOW_MS = 20
REPO = Path(__file__).resolve().parents[2]


def fixed_now():
    return SUITE_NOW


class Backend:
    def __init__(self, kind: str, make_log, other_writer) -> None:
        self.kind = kind
        self.make_log = make_log  # (now, group_commit_ms) -> a log
        self.other_writer = other_writer  # a log of "another process": no group commit, its own session


@pytest.fixture(params=["sqlite", "postgresql", "mongodb"])
def backend(request):
    if request.param == "mongodb":
        database = request.getfixturevalue("mongo_db")
        yield Backend(
            "mongodb",
            lambda now=fixed_now, ms=WINDOW_MS: MongoMessageLog(database, now=now, group_commit_ms=ms),
            lambda: MongoMessageLog(database, now=fixed_now),
        )
        return
    use_sql(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    sessions: list[Session] = []

    def other_writer():
        session = Session(db.engine)
        sessions.append(session)
        return SqlMessageLog(session=session, now=fixed_now)

    try:
        yield Backend(
            request.param,
            lambda now=fixed_now, ms=WINDOW_MS: SqlMessageLog(session=db.session, now=now, group_commit_ms=ms),
            other_writer,
        )
    finally:
        for session in sessions:
            session.close()
        release_sql()


def run_threads(n: int, work) -> list[BaseException]:
    """Run work(i) on n threads started together; return their errors; free each thread's session."""
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def target(i):
        try:
            start.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)
        finally:
            db.session.remove()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "a waiter hung"
    return errors


def hold_first_batch(log, size: int) -> None:
    """The first leader waits until `size` appends are queued (one batch of that size); later ones go on."""
    committer = log.group_commit
    opened = threading.Event()

    def gate(_seconds: float) -> None:
        if not opened.is_set():
            for _ in range(20_000):
                if committer.queued() >= size:
                    break
                opened.wait(0.001)
            opened.set()

    committer.pause = gate


class FailingInserts:
    """A collection whose inserts fail while `failing[0]` (a full disk, a lost primary)."""

    def __init__(self, collection, failing: list[bool]) -> None:
        self._collection, self._failing = collection, failing

    def __getattr__(self, name):
        return getattr(self._collection, name)

    def insert_many(self, *args, **kwargs):
        if self._failing[0]:
            raise RuntimeError("disk full")
        return self._collection.insert_many(*args, **kwargs)


class Seen:
    """What on_stored was called with, in call order."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, bool, str]] = []
        self.lock = threading.Lock()

    def __call__(self, record, created: bool) -> None:
        with self.lock:
            self.calls.append((record.room_id, record.seq, created, record.body))

    def seqs(self, room: int) -> list[int]:
        return [seq for r, seq, _created, _body in self.calls if r == room]


def say(log, body, room, author=101, cid=None, on_stored=None):
    return log.append(room, author_id=author, kind="message", body=body, client_msg_id=cid, on_stored=on_stored)


def count_sql_commits(backend) -> list[int]:
    commits = [0]
    if backend.kind != "mongodb":

        @event.listens_for(db.engine, "commit")
        def _counted(_conn):
            commits[0] += 1

    return commits


def test_concurrent_appends_from_threads_into_several_rooms(backend):
    log, seen = backend.make_log(), Seen()
    results: list[tuple[str, int, int, bool]] = []
    lock = threading.Lock()

    def work(i):
        for j in range(12):
            room = ROOMS[(i + j) % len(ROOMS)]
            record, created = say(log, f"t{i}-{j}", room, author=100 + i, cid=f"c{j}", on_stored=seen)
            with lock:
                results.append((record.body, record.room_id, record.seq, created))

    assert run_threads(8, work) == []
    assert len(results) == 96 and all(created for *_, created in results)
    assert len({(room, seq) for _, room, seq, _ in results}) == 96  # each append its own record
    assert sorted(body for body, *_ in results) == sorted(f"t{i}-{j}" for i in range(8) for j in range(12))
    for room in ROOMS:
        stored = log.since(room, 0, 1000)
        assert [r.seq for r in stored] == list(range(1, len(stored) + 1))
        assert log.last_seq(room) == len(stored) == 24
        assert {(r.body, r.seq) for r in stored} == {(b, s) for b, rm, s, _ in results if rm == room}
        assert seen.seqs(room) == list(range(1, 25))  # once each, in seq order
    assert len(seen.calls) == 96


def test_one_batch_is_one_commit_and_every_caller_gets_its_own_record(backend):
    log, seen = backend.make_log(), Seen()
    say(log, "before", ROOMS[0], cid="b0")  # the room's counter exists; the batch continues it
    commits = count_sql_commits(backend)
    hold_first_batch(log, 6)
    got: dict[int, tuple] = {}

    def work(i):
        got[i] = say(log, f"m{i}", ROOMS[i % 2], author=200 + i, cid="x", on_stored=seen)

    assert run_threads(6, work) == []
    if backend.kind != "mongodb":
        assert commits[0] == 1
    assert all(created for _, created in got.values())
    assert sorted(r.seq for r, _ in got.values() if r.room_id == ROOMS[0]) == [2, 3, 4]
    assert sorted(r.seq for r, _ in got.values() if r.room_id == ROOMS[1]) == [1, 2, 3]
    for i, (record, _) in got.items():
        assert log.by_seq(record.room_id, record.seq) == record and record.body == f"m{i}"
    assert seen.seqs(ROOMS[0]) == [2, 3, 4] and seen.seqs(ROOMS[1]) == [1, 2, 3]


def test_retries_in_one_batch_and_in_a_later_one_are_stored_once(backend):
    log, seen = backend.make_log(), Seen()
    room = ROOMS[0]
    hold_first_batch(log, 5)
    got: dict[int, tuple] = {}

    def work(i):
        # Three sends of one message (same author and client id), and two others.
        author, cid = (300, "dup") if i < 3 else (301 + i, f"own{i}")
        got[i] = say(log, f"body{i}", room, author=author, cid=cid, on_stored=seen)

    assert run_threads(5, work) == []
    copies = [got[i] for i in range(3)]
    assert sum(created for _, created in copies) == 1
    original = next(r for r, created in copies if created)
    assert all(r == original for r, _ in copies)  # the retries answer with the stored record
    stored = log.since(room, 0, 100)
    assert [r.seq for r in stored] == [1, 2, 3] and log.last_seq(room) == 3
    # A later retry (another batch) finds it too, and stores nothing.
    again, created = say(log, "late retry", room, author=300, cid="dup", on_stored=seen)
    assert (again, created) == (original, False)
    assert log.last_seq(room) == 3
    # on_stored: once per append (the retries with created=False), each batch in seq order.
    assert len(seen.calls) == 6
    assert sorted(c for c in seen.calls if c[2]) == sorted((room, r.seq, True, r.body) for r in stored)
    assert [c[:3] for c in seen.calls if not c[2]] == [(room, original.seq, False)] * 3
    first_batch = seen.calls[:5]
    assert [seq for _, seq, _, _ in first_batch] == sorted(seq for _, seq, _, _ in first_batch)


def test_a_failed_batch_raises_in_every_waiter_and_stores_nothing(backend):
    class ClockDown(Exception):
        pass

    broken = [True]

    def now():
        if broken[0]:
            raise ClockDown("no time")
        return SUITE_NOW

    log, seen = backend.make_log(now=now), Seen()
    hold_first_batch(log, 4)
    raised: dict[int, BaseException] = {}

    def work(i):
        try:
            say(log, f"m{i}", ROOMS[i % 2], author=400 + i, cid=f"f{i}", on_stored=seen)
        except ClockDown as exc:
            raised[i] = exc

    assert run_threads(4, work) == []
    assert sorted(raised) == [0, 1, 2, 3] and seen.calls == []
    assert log.last_seq(ROOMS[0]) == 0 and log.since(ROOMS[1], 0, 10) == []
    broken[0] = False  # the log goes on: no leader left behind, no seq lost
    record, created = say(log, "after", ROOMS[0], author=400, cid="f0", on_stored=seen)
    assert (record.seq, created) == (1, True) and seen.calls == [(ROOMS[0], 1, True, "after")]


def test_a_failed_commit_raises_in_every_waiter(backend):
    """SQL: the commit itself fails; MongoDB (no commit): the batch's insert_many fails."""
    log = backend.make_log()
    hold_first_batch(log, 3)
    failing = [True]
    if backend.kind == "mongodb":
        log.messages = FailingInserts(log.messages, failing)
    else:

        @event.listens_for(db.engine, "commit")
        def _refuse(_conn):
            if failing[0]:
                raise RuntimeError("disk full")

    raised: list[str] = []
    lock = threading.Lock()

    def work(i):
        try:
            say(log, f"m{i}", ROOMS[0], author=500 + i, cid=f"k{i}")
        except RuntimeError as exc:
            with lock:
                raised.append(str(exc))

    assert run_threads(3, work) == []
    assert raised == ["disk full"] * 3
    failing[0] = False
    assert log.since(ROOMS[0], 0, 10) == [] and say(log, "after", ROOMS[0])[0].seq == 1


def test_a_batch_that_meets_another_writer_falls_back_without_gaps(backend):
    """Another process stores one of the batch's client ids after the batch looked for
    duplicates: the batch's insert conflicts, and each append is then stored on its own."""
    other = backend.other_writer()
    room = ROOMS[0]
    raced = [False]

    def now():
        if not raced[0]:  # the batch takes its time after its duplicate check: another writer runs then
            raced[0] = True
            other.append(room, author_id=600, kind="message", body="theirs", client_msg_id="race")
        return SUITE_NOW

    log, seen = backend.make_log(now=now), Seen()
    hold_first_batch(log, 4)
    got: dict[int, tuple] = {}

    def work(i):
        got[i] = say(
            log, f"ours{i}", room, author=600 if i == 0 else 601 + i, cid="race" if i == 0 else f"r{i}", on_stored=seen
        )

    assert run_threads(4, work) == []
    assert got[0][1] is False and got[0][0].body == "theirs"
    assert all(got[i][1] for i in (1, 2, 3))
    stored = log.since(room, 0, 100)
    assert [r.seq for r in stored] == [1, 2, 3, 4]
    assert sorted(r.body for r in stored) == ["ours1", "ours2", "ours3", "theirs"]
    assert seen.seqs(room) == sorted(seen.seqs(room)) and len(seen.calls) == 4


def test_group_commit_off_calls_on_stored_too(backend):
    log, seen = backend.make_log(ms=0), Seen()
    assert log.group_commit is None
    first = say(log, "one", ROOMS[0], cid="o1", on_stored=seen)
    again = say(log, "one again", ROOMS[0], cid="o1", on_stored=seen)
    assert first[1] and not again[1] and again[0] == first[0]
    assert seen.calls == [(ROOMS[0], 1, True, "one"), (ROOMS[0], 1, False, "one")]


GREENLETS = r"""
import eventlet

eventlet.monkey_patch()

import json, sys
from datetime import datetime, timezone

from exchange.db import db
from exchange.storage.sql_base import StorageBase
from exchange.storage.sql_messages import RoomCounter, SqlMessageLog, StoredMessage

db.configure(sys.argv[1])
StorageBase.metadata.create_all(db.engine, tables=[RoomCounter.__table__, StoredMessage.__table__])
from exchange.blocking import run_blocking

state = {"flushing": 0, "ticks": 0, "done": False}


def offload(fn, *args):  # run_blocking (a native thread here), noting while a batch is stored
    state["flushing"] += 1
    try:
        return run_blocking(fn, *args)
    finally:
        state["flushing"] -= 1


def ticker():  # another greenlet: counts the turns it gets while a batch is being stored
    while not state["done"]:
        if state["flushing"]:
            state["ticks"] += 1
        eventlet.sleep(0)


log = SqlMessageLog(
    session=db.session,
    now=lambda: datetime(2026, 9, 1, tzinfo=timezone.utc),
    group_commit_ms=5,
    offload=offload if sys.argv[2] == "offload" else None,
)
calls, results = [], []


def work(i):
    try:
        for j in range(5):
            record, created = log.append(
                31 + (i + j) % 3, author_id=i, kind="message", body=f"g{i}-{j}", client_msg_id=f"c{j}",
                on_stored=lambda r, c: calls.append([r.room_id, r.seq, c]),
            )
            results.append([record.room_id, record.seq, created])
        # A retry of the first message: the stored record, created=False.
        record, created = log.append(31 + i % 3, author_id=i, kind="message", body="again", client_msg_id="c0")
        results.append([record.room_id, record.seq, created])
    finally:
        db.session.remove()


tick = eventlet.spawn(ticker)
pool = eventlet.GreenPool(60)
for i in range(60):
    pool.spawn(work, i)
pool.waitall()
state["done"] = True
tick.wait()
stored = {room: [r.seq for r in log.since(room, 0, 1000)] for room in (31, 32, 33)}
print(json.dumps({"calls": calls, "results": results, "stored": stored, "ticks": state["ticks"]}))
"""


@pytest.mark.parametrize("offload", ["offload", "inline"])
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_concurrent_appends_from_greenlets(request, kind, offload):
    """Under eventlet (as the server runs): 60 greenlets, 300 appends and 60 retries in 3 rooms,
    with the batches stored in a native thread (as `exchange serve` does) and on the event loop."""
    url = request.getfixturevalue("sqlite_url" if kind == "sqlite" else "pg_url")
    use_sql(url)  # the tables present and empty (the PostgreSQL database is the module's)
    release_sql()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", GREENLETS, url, offload], capture_output=True, text=True, cwd=REPO, env=env, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["stored"] == {str(room): list(range(1, 101)) for room in (31, 32, 33)}
    created = [(room, seq) for room, seq, made in out["results"] if made]
    assert len(created) == 300 and len(set(created)) == 300
    assert sum(not made for *_, made in out["results"]) == 60
    for room in (31, 32, 33):
        assert [seq for r, seq, _ in out["calls"] if r == room] == list(range(1, 101))
    if offload == "offload":  # the other greenlets ran while batches were being stored and committed
        assert out["ticks"] > 0
    elif kind == "sqlite":  # on the event loop SQLite's statements and fsync stop every other greenlet
        assert out["ticks"] == 0  # (psycopg waits for PostgreSQL through eventlet's green select)
