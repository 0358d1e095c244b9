"""The MessageLog contract, run unchanged on SQLite, PostgreSQL and MongoDB.

Resume after reconnect rests on these promises: seqs per room are 1, 2, 3... with no gap
or repeat, even under concurrent writers, and a retried client id is stored once.
"""

from __future__ import annotations

import sys
import threading
from datetime import timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_fixtures import mongo_client, mongo_db, pg_url, release_sql, sqlite_url, use_sql  # noqa: E402,F401
from support import suite_now  # noqa: E402

from exchange.db import db, utcnow  # noqa: E402
from exchange.storage.mongo import MongoMessageLog  # noqa: E402
from exchange.storage.sql_messages import SqlMessageLog  # noqa: E402

ROOM, OTHER_ROOM = 11, 12
ALICE, BOB = 101, 102


@pytest.fixture(params=["sqlite", "postgresql", "mongodb"])
def log(request):
    if request.param == "mongodb":
        yield MongoMessageLog(request.getfixturevalue("mongo_db"), now=utcnow)
        return
    use_sql(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    try:
        yield SqlMessageLog(session=db.session, now=utcnow)
    finally:
        release_sql()


def run_threads(n: int, work) -> None:
    """Run work(i) on n threads at once; re-raise the first error; free each thread's SQL session."""
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def target(i):
        try:
            start.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.session.remove()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[0]


def say(log, body, room=ROOM, author=ALICE, cid=None, meta=None):
    return log.append(room, author_id=author, kind="message", body=body, client_msg_id=cid, meta=meta)


def test_seqs_start_at_one_and_have_no_gap(log):
    made = [say(log, f"m{i}")[0] for i in range(10)]
    assert [r.seq for r in made] == list(range(1, 11))
    assert log.last_seq(ROOM) == 10
    # What append returned is exactly what is stored.
    assert [log.by_seq(ROOM, r.seq) for r in made] == made
    assert made[0].created_at.tzinfo is not None and made[0].created_at.utcoffset().total_seconds() == 0
    assert made[0].id and len({r.id for r in made}) == 10


def test_rooms_count_independently(log):
    for i in range(3):
        say(log, f"a{i}", room=ROOM)
        say(log, f"b{i}", room=OTHER_ROOM)
    say(log, "a3", room=ROOM)
    assert [r.seq for r in log.since(ROOM, 0, 100)] == [1, 2, 3, 4]
    assert [r.body for r in log.since(OTHER_ROOM, 0, 100)] == ["b0", "b1", "b2"]
    assert log.last_seq(OTHER_ROOM) == 3


def test_retry_with_same_client_id_is_stored_once(log):
    first, created = say(log, "hello", cid="c-1", meta={"lang": "en"})
    say(log, "between")
    again, created_again = say(log, "hello (retry)", cid="c-1")
    assert (created, created_again) == (True, False)
    assert again == first
    assert [r.body for r in log.since(ROOM, 0, 100)] == ["hello", "between"]
    assert log.last_seq(ROOM) == 2
    assert log.by_client_msg_id(ROOM, ALICE, "c-1") == first


def test_same_client_id_from_two_authors_or_rooms_are_different_messages(log):
    a, a_new = say(log, "from alice", author=ALICE, cid="same")
    b, b_new = say(log, "from bob", author=BOB, cid="same")
    c, c_new = say(log, "other room", room=OTHER_ROOM, author=ALICE, cid="same")
    assert a_new and b_new and c_new
    assert (a.seq, b.seq, c.seq) == (1, 2, 1)
    assert log.by_client_msg_id(ROOM, ALICE, "same").body == "from alice"
    assert log.by_client_msg_id(ROOM, BOB, "same").body == "from bob"
    assert log.by_client_msg_id(OTHER_ROOM, ALICE, "same").body == "other room"
    assert log.by_client_msg_id(ROOM, 999, "same") is None
    assert a.client_msg_id == "same"


def test_messages_without_client_id_never_collide(log):
    for i in range(3):
        say(log, f"anon{i}", author=None)
        say(log, f"alice{i}", author=ALICE)
    assert log.last_seq(ROOM) == 6
    assert all(r.client_msg_id is None for r in log.since(ROOM, 0, 10))


def test_reading_since_latest_by_seq(log):
    for i in range(1, 21):
        say(log, f"m{i}", cid=f"c{i}")
    assert [r.seq for r in log.since(ROOM, 5, 3)] == [6, 7, 8]
    assert [r.body for r in log.since(ROOM, 18, 100)] == ["m19", "m20"]
    assert log.since(ROOM, 20, 5) == []
    assert log.since(ROOM, 0, 0) == []
    assert [r.seq for r in log.latest(ROOM, 3)] == [18, 19, 20]
    assert [r.seq for r in log.latest(ROOM, 50)] == list(range(1, 21))
    assert log.latest(OTHER_ROOM, 5) == [] and log.since(OTHER_ROOM, 0, 5) == []
    assert log.by_seq(ROOM, 7).body == "m7"
    assert log.by_seq(ROOM, 21) is None and log.by_seq(OTHER_ROOM, 7) is None
    assert log.by_client_msg_id(ROOM, ALICE, "c9").seq == 9
    assert log.by_client_msg_id(ROOM, ALICE, "nope") is None
    assert log.last_seq(OTHER_ROOM) == 0


def test_before_pages_backwards_in_seq_order(log):
    for i in range(1, 21):
        say(log, f"m{i}")
        if i <= 4:
            say(log, f"other{i}", room=OTHER_ROOM)
    assert [r.seq for r in log.before(ROOM, 11, 3)] == [8, 9, 10]
    assert [r.body for r in log.before(ROOM, 3, 100)] == ["m1", "m2"]
    assert log.before(ROOM, 1, 5) == [] and log.before(ROOM, 0, 5) == []
    assert log.before(ROOM, 10, 0) == []
    # Past the end: the newest page, exactly what latest() gives.
    assert log.before(ROOM, 21, 4) == log.latest(ROOM, 4) and [r.seq for r in log.before(ROOM, 10**9, 2)] == [19, 20]
    assert [r.body for r in log.before(OTHER_ROOM, 100, 100)] == ["other1", "other2", "other3", "other4"]
    assert log.before(99, 100, 10) == []
    # Walking back page by page from the end meets every record once; with since() forward too.
    back, cursor = [], 21
    while page := log.before(ROOM, cursor, 6):
        back = page + back
        cursor = page[0].seq
    forward, cursor = [], 0
    while page := log.since(ROOM, cursor, 6):
        forward += page
        cursor = page[-1].seq
    assert [r.seq for r in back] == [r.seq for r in forward] == list(range(1, 21))
    assert back == forward
    # A redacted record reads back redacted on the backward page too.
    log.redact(ROOM, 5, "", {"removed": True})
    assert [(r.seq, r.body, r.meta) for r in log.before(ROOM, 6, 1)] == [(5, "", {"removed": True})]


def test_redact_replaces_body_and_keeps_seq(log):
    for i in range(3):
        say(log, f"m{i}", meta={"n": i})
    log.redact(ROOM, 2, "[removed by a moderator]", {"removed": True, "by": 7})
    stored = log.since(ROOM, 0, 10)
    assert [r.seq for r in stored] == [1, 2, 3]
    assert stored[1].body == "[removed by a moderator]" and stored[1].meta == {"removed": True, "by": 7}
    assert (stored[0].body, stored[0].meta, stored[2].body) == ("m0", {"n": 0}, "m2")
    assert say(log, "next")[0].seq == 4


@pytest.mark.parametrize(
    "body",
    [
        "Hej! 👋🏽 👩‍👩‍👧‍👦 🇳🇴",
        "مرحبا بكم في الفصل، كيف حالكم؟",
        "你好，我们来自悉尼。こんにちは 안녕하세요",
        "e\u0301 \u200f mixed עברית and English",
        "x" * 4000,
    ],
)
def test_unicode_bodies_round_trip(log, body):
    made, _ = say(log, body, cid="ü-ид-🙂", meta={"lang": "ar", "note": "ملاحظة 🌍"})
    assert log.by_seq(ROOM, made.seq) == made
    assert log.since(ROOM, 0, 1)[0].body == body
    assert log.by_client_msg_id(ROOM, ALICE, "ü-ид-🙂").meta["note"] == "ملاحظة 🌍"


def test_concurrent_appends_to_one_room_get_every_seq_once(log):
    def work(i):
        for j in range(25):
            say(log, f"t{i}-{j}", author=ALICE + i, cid=f"t{i}-{j}")

    run_threads(8, work)
    stored = log.since(ROOM, 0, 1000)
    assert [r.seq for r in stored] == list(range(1, 201))
    assert sorted(r.body for r in stored) == sorted(f"t{i}-{j}" for i in range(8) for j in range(25))
    assert log.last_seq(ROOM) == 200


def test_concurrent_retries_of_the_same_messages_store_each_once_without_gaps(log):
    """Eight copies of a client racing with the same ids: a design that reserves a seq before
    finding the duplicate would leave holes here."""
    created_flags: list[tuple[str, bool, int]] = []
    lock = threading.Lock()

    def work(_i):
        for j in range(15):
            record, created = say(log, f"r{j}", cid=f"r{j}")
            with lock:
                created_flags.append((record.body, created, record.seq))

    run_threads(8, work)
    stored = log.since(ROOM, 0, 1000)
    assert [r.seq for r in stored] == list(range(1, 16))
    assert sorted(r.body for r in stored) == sorted(f"r{j}" for j in range(15))
    assert sum(created for _, created, _ in created_flags) == 15
    by_body = {r.body: r.seq for r in stored}
    assert all(by_body[body] == seq for body, _, seq in created_flags)


def test_delete_room_removes_only_that_room_and_seqs_are_not_reused(log):
    for i in range(4):
        say(log, f"m{i}")
    say(log, "keep", room=OTHER_ROOM)
    assert log.delete_room(ROOM) == 4
    assert log.since(ROOM, 0, 10) == [] and log.by_seq(ROOM, 1) is None
    assert [r.body for r in log.since(OTHER_ROOM, 0, 10)] == ["keep"]
    assert say(log, "after")[0].seq == 5


def test_created_at_is_utc(log):
    made, _ = say(log, "tick")
    assert made.created_at.tzinfo is not None
    assert made.created_at.astimezone(timezone.utc) == made.created_at
    assert log.by_seq(ROOM, 1).created_at == made.created_at


def test_mongo_counter_left_behind_by_a_dead_writer_costs_no_seq(mongo_db):
    """A writer that stored its message but died before moving the room counter."""
    log = MongoMessageLog(mongo_db, now=utcnow)
    say(log, "one")
    mongo_db["messages"].insert_one(
        {
            "room_id": ROOM,
            "seq": 2,
            "author_id": BOB,
            "kind": "message",
            "body": "two",
            "meta": {},
            "created_at": suite_now(),
        }
    )
    assert log.last_seq(ROOM) == 2
    assert say(log, "three")[0].seq == 3
    assert [r.body for r in log.since(ROOM, 0, 10)] == ["one", "two", "three"]
