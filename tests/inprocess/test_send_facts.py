"""The send path's cached facts (issue 16): a second message in a room reads no membership rows,
and every kind of change to those facts is seen by the very next message, also when it was
written by someone else than this server's request handlers (the command line, another server
process, a nightly job: here, writes through the database session of the test).

Each case first sends a message, so that the cache holds the sender's facts, then changes one
fact and sends again."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import factories
import pytest
from factories import login_of
from sqlalchemy import event, update

from exchange import clock
from exchange.accounts.models import LoginSession, User
from exchange.db import db, utcnow
from exchange.directory.models import ClassMembership
from exchange.rooms.models import Room, RoomClass, RoomMember


@pytest.fixture()
def world(db_session):
    return factories.exchange_world()


@contextlib.contextmanager
def statements(app):
    """The SQL statements the app runs inside the block."""
    seen: list[str] = []
    engine = app.extensions["exchange.db.engine"]

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def sender(world, as_user, as_live, who: str = "student"):
    live = as_live(as_user(login_of(world[who])))
    assert live.join(world["room"].id)["ok"]
    ack = live.send(world["room"].id, "Hei! Vi har sol i dag.")
    assert ack["ok"] is True and ack["seq"], ack
    return live


@pytest.mark.own_database  # the counter connection reads what is committed: real commits
def test_a_second_message_reads_no_login_or_membership_rows(app, world, as_user, as_live):
    from exchange import changes

    live = sender(world, as_user, as_live)
    reads = changes.reader().reads
    with statements(app) as seen:
        ack = live.send(world["room"].id, "Og i morgen kommer regnet.")
    assert ack["ok"] is True and ack["seq"]
    tables_read = " ".join(seen)
    for table in ("login_sessions", "room_members", "room_classes", "class_memberships", "consents"):
        assert table not in tables_read, (table, seen)
    # the facts were checked against their counters: the login's and the room's in one read, on
    # the process's counter connection (outside the session, so not among the session's statements)
    assert changes.reader().reads == reads + 1
    assert not any("change_counters" in statement for statement in seen), seen


@pytest.mark.own_database  # the counter connection reads what is committed: real commits
def test_counters_read_in_the_session_after_its_own_write_and_outside_it_otherwise(world, db_session):
    """A context that bumped counters reads them in its own transaction (its uncommitted bump is in
    the stamp); one that did not reads what is committed, on the counter connection."""
    from exchange import changes

    db_session.commit()  # the world's set-up
    key = (changes.user_key(world["student"].id),)
    reads = changes.reader().reads
    before = changes.current(key)
    assert changes.reader().reads == reads + 1
    db.session.get(User, world["student"].id).status = "suspended"
    db.session.flush()
    assert changes.current(key) == (before[0] + 1,)  # the uncommitted bump
    assert changes.reader().reads == reads + 1
    db.session.rollback()
    assert changes.current(key) == before  # the rollback took the bump away
    assert changes.reader().reads == reads + 2


def _mute(world):
    row = db.session.query(RoomMember).filter_by(room_id=world["room"].id, user_id=world["student"].id).first()
    if row is None:
        row = RoomMember(room_id=world["room"].id, user_id=world["student"].id)
        db.session.add(row)
    row.muted_until = utcnow() + timedelta(minutes=10)


def _lock(world):
    db.session.get(Room, world["room"].id).state = "locked"


def _withdraw_consent(world):
    factories.consent(world["student"], "exchanges", by=world["teacher"], status="withdrawn")


def _leave_class(world):
    db.session.query(ClassMembership).filter_by(user_id=world["student"].id).one().status = "removed"


def _class_leaves_room(world):
    db.session.query(RoomClass).filter_by(
        room_id=world["room"].id, class_id=world["class"].id
    ).one().status = "declined"


def _remove_in_bulk(world):  # not a flush: an UPDATE statement through the session
    db.session.add(RoomMember(room_id=world["room"].id, user_id=world["student"].id))
    db.session.commit()
    db.session.execute(update(RoomMember).where(RoomMember.user_id == world["student"].id).values(removed=True))


def _suspend(world):
    db.session.get(User, world["student"].id).status = "suspended"


def _end_logins_in_bulk(world):
    db.session.execute(
        update(LoginSession).where(LoginSession.user_id == world["student"].id).values(ended_at=utcnow())
    )


def _new_auth_epoch(world):
    db.session.get(User, world["student"].id).auth_epoch += 1


CHANGES = {
    "muted": (_mute, {"muted"}),
    "room locked": (_lock, {"room_locked"}),
    "consent withdrawn": (_withdraw_consent, {"consent_withdrawn", "not_a_member"}),
    "left the class": (_leave_class, {"not_a_member"}),
    "class left the room": (_class_leaves_room, {"not_a_member"}),
    "removed (bulk update)": (_remove_in_bulk, {"removed_from_room", "not_a_member"}),
    "suspended": (_suspend, {"login_required"}),
    "logins ended (bulk update)": (_end_logins_in_bulk, {"login_required"}),
    "signed out everywhere": (_new_auth_epoch, {"login_required"}),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_next_message_sees_the_change(change, world, as_user, as_live, db_session):
    live = sender(world, as_user, as_live)
    apply, refusals = CHANGES[change]
    apply(world)
    db_session.commit()
    ack = live.send(world["room"].id, "Er det noen her?")
    assert ack["ok"] is False and ack["error"] in refusals, ack


def test_a_change_that_is_rolled_back_changes_nothing(world, as_user, as_live, db_session):
    live = sender(world, as_user, as_live)
    _lock(world)
    db_session.flush()
    db_session.rollback()
    assert live.send(world["room"].id, "Fortsatt åpent?")["ok"] is True


def test_typing_follows_the_same_facts(world, as_user, as_live, db_session):
    live = sender(world, as_user, as_live)
    assert live.call("typing", {"room": world["room"].id, "typing": True}) == {"ok": True}
    _mute(world)
    db_session.commit()
    assert live.call("typing", {"room": world["room"].id, "typing": True})["error"] == "muted"


def test_the_login_ends_at_its_expiry_with_no_write(world, as_user, as_live, db_session):
    live = sender(world, as_user, as_live)
    expiry = db_session.query(LoginSession).filter_by(user_id=world["student"].id).one().expires_at
    before = clock.now()
    clock.configure((expiry + timedelta(seconds=1)).isoformat().replace("+00:00", "Z"), testing=True)
    try:
        ack = live.send(world["room"].id, "Hallo?")
    finally:
        clock.configure(before.isoformat().replace("+00:00", "Z"), testing=True)
    assert ack["ok"] is False and ack["error"] == "login_required"


def test_the_others_in_the_room_keep_sending(world, as_user, as_live, db_session):
    live = sender(world, as_user, as_live)
    partner = sender(world, as_user, as_live, "partner_student")
    _mute(world)
    db_session.commit()
    assert live.send(world["room"].id, "Hei?")["error"] == "muted"
    assert partner.send(world["room"].id, "¡Hola desde Arequipa!")["ok"] is True


def test_one_contexts_counters_are_read_again_after_its_own_write(world, db_session):
    """Counters are reused within a request or event, but never past a write it made itself."""
    from exchange import changes

    key = (changes.user_key(world["student"].id),)
    before = changes.current(key)
    db.session.get(User, world["student"].id).status = "suspended"
    db.session.flush()
    assert changes.current(key) == (before[0] + 1,)
    db.session.rollback()


def test_a_cached_row_is_the_stored_row_whichever_way_it_reaches_a_session(world, db_session):
    """`changes.known` rebuilds the sender's row for each event without a session: it must still be
    the stored row (same identity; added again it updates, never inserts a copy) and must give way to
    the instance a session already holds."""
    from sqlalchemy import inspect as sa_inspect

    from exchange import changes

    student = world["student"]
    values = changes.snapshot(student)
    assert changes.known(User, values) is student  # the session holds it: that instance
    db_session.expunge_all()
    rebuilt = changes.known(User, values)
    state = sa_inspect(rebuilt)
    assert state.detached and rebuilt.id == student.id and rebuilt.first_name == student.first_name
    rebuilt.first_name = "Renamed"
    db_session.add(rebuilt)
    db_session.commit()  # an update of the row: an insert would fail on the primary key
    assert db_session.query(User).filter_by(id=student.id).count() == 1
    db_session.expunge_all()
    assert db_session.get(User, student.id).first_name == "Renamed"
