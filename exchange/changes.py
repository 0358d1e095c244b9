"""Change counters: how a process knows that the facts it cached about a user or a room are stale.

The send path caches who a socket's login is and what a user may do in a room (`exchange.rooms.
send_facts`), because reading them costs a dozen queries per message. Every write to a table those
facts come from bumps a counter in the same transaction: `user:<id>`, `room:<id>`, or `all` when
the change can touch many users or rooms (a class roster, a bulk update). A reader compares the
counters it cached under with the current ones (one indexed read of three rows) and reads the facts
again when any moved.

Why counters in the database rather than messages through Redis: the bump commits atomically with
the change, so there is no moment when the change is visible and the counter is not; it holds for
every process that shares the database (several servers, the command line, a nightly job), with or
without `REDIS_URL`; and a process that missed nothing can never be told too late.

Watched tables and their keys are listed here by table name, so no domain is imported: a table
added to the send path's facts must be added to `WATCHED`.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar, cast

from flask import g, has_app_context
from sqlalchemy import Engine, String, Table, bindparam, event, inspect, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, make_transient_to_detached, mapped_column

from .db import Base, db

ALL = "all"


class ChangeCounter(Base):
    """One counter per key ("all", "user:12", "room:3"); a missing row counts as 0."""

    __tablename__ = "change_counters"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)


def _own(attr: str, prefix: str):
    return lambda obj: (f"{prefix}:{getattr(obj, attr)}",)


# table name -> the keys a written row bumps
WATCHED = {
    "users": _own("id", "user"),
    "login_sessions": _own("user_id", "user"),
    "rooms": _own("id", "room"),
    "room_members": lambda m: (f"room:{m.room_id}", f"user:{m.user_id}"),
    "room_classes": _own("room_id", "room"),
    "classes": lambda _obj: (ALL,),  # a class's teacher or school: every room it is in
    "class_memberships": lambda _obj: (ALL,),  # a roster: "has students" of every room of the class
    "consents": _own("student_id", "user"),
    "vetting_records": _own("expert_id", "user"),
    "vetting_evidence": lambda _obj: (ALL,),  # names its record only; evidence changes are rare
}


def user_key(user_id: int) -> str:
    return f"user:{user_id}"


def room_key(room_id: int) -> str:
    return f"room:{room_id}"


def keys_of(obj) -> tuple[str, ...]:
    """The counters a written ORM object bumps (none for an unwatched table)."""
    table = getattr(obj, "__tablename__", None)
    keys_for = WATCHED.get(table) if isinstance(table, str) else None
    return tuple(keys_for(obj)) if keys_for else ()


def bump(session: Session, keys: Iterable[str]) -> None:
    """Add one to each counter, in the session's transaction (it commits or rolls back with it)."""
    if has_app_context():
        g.pop("_change_counters", None)  # this context's reads after its own write read again,
        g._change_wrote = True  # in its own transaction (see `current`)
    conn = session.connection()
    table = ChangeCounter.__table__
    assert isinstance(table, Table)
    upsert = _UPSERTS.get(conn.dialect.name)
    for key in sorted(set(keys)):  # one order everywhere: no deadlock between two writers
        if upsert is not None:  # one statement, safe when two transactions bump a new key at once
            stmt = upsert(table).values(key=key, n=1)
            conn.execute(
                stmt.on_conflict_do_update(  # type: ignore[attr-defined]  # both dialects' Insert have it
                    index_elements=[table.c.key], set_={"n": table.c.n + 1}
                )
            )
        elif not conn.execute(update(table).where(table.c.key == key).values(n=table.c.n + 1)).rowcount:
            conn.execute(insert(table).values(key=key, n=1))


_UPSERTS = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def expect(keys: Iterable[str]) -> None:
    """Keys this request or event will ask `current` for soon: the first read fetches them too.

    The socket edge names the event's room before it loads the user, so the login's counters and
    the room's are one query, not two."""
    g._change_expected = tuple(keys)


_COUNTERS = cast(Table, ChangeCounter.__table__)
_READ = select(_COUNTERS.c.key, _COUNTERS.c.n).where(_COUNTERS.c.key.in_(bindparam("keys", expanding=True)))


def current(keys: Iterable[str]) -> tuple[int, ...]:
    """The counters for `keys`, in that order (0 for a key never bumped).

    Within one request or event, counters already read are reused: an older stamp is always safe
    (facts stored under it only miss sooner), and one event's reads are one query. They are read on
    this process's counter connection (`CounterReader`), or in this context's session when it has
    written counters itself (its own uncommitted bumps must be in the stamp: a transaction that
    then rolls back leaves the stored counters behind that stamp, so nothing it read is reused)."""
    wanted = list(keys)
    memo: dict[str, int] = g.get("_change_counters") or {}
    if not all(k in memo for k in wanted):
        ask = list(dict.fromkeys([*wanted, *g.get("_change_expected", ())]))
        rows = None if g.get("_change_wrote") else reader().read(ask)
        if rows is None:
            rows = {key: n for key, n in db.session.connection().execute(_READ, {"keys": ask})}
        memo = {**memo, **{k: rows.get(k, 0) for k in ask}}
        g._change_counters = memo
    return tuple(memo[k] for k in wanted)


class CounterReader:
    """One DBAPI connection of this process kept for reading counters, outside any session.

    Every Socket.IO event reads two or three counters before anything else. Through the session
    that read cost a pool check-out, a transaction and the ORM's execution path, several times the
    query itself: under a flood it was the largest single cost of the server. Here it is one
    prepared SELECT on a connection held for the purpose, each read its own snapshot of what is
    committed (SQLite opens no transaction for a SELECT; PostgreSQL runs in autocommit). Reads are
    serialised by a lock (green under eventlet). `read` answers None when this connection cannot be
    used (an in-memory SQLite database is private to each connection; a broken connection is dropped
    and opened again on the next read), and the caller reads in its session instead."""

    def __init__(self, engine: Engine) -> None:
        self._engine = weakref.ref(engine)  # the engine's entry in _READERS must not keep it alive
        self._lock = threading.Lock()
        self._connection: Any = None
        # A Connection in place of the engine (tests that run in one rolled-back transaction): what
        # the app "commits" there is only visible on that connection, so the session reads.
        self._usable = (
            isinstance(engine, Engine) and engine.dialect.name in ("sqlite", "postgresql") and not _in_memory(engine)
        )
        self.reads = 0  # answered here (not by the session): for tests and benchmarks
        mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self._sql = {
            n: f"SELECT key, n FROM change_counters WHERE key IN ({', '.join([mark] * n)})" for n in range(1, 9)
        }

    def read(self, keys: list[str]) -> dict[str, int] | None:
        sql = self._sql.get(len(keys))
        if not self._usable or sql is None:
            return None
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._open()
                cursor = self._connection.cursor()
                try:
                    cursor.execute(sql, keys)
                    found = dict(cursor.fetchall())
                    self.reads += 1
                    return found
                finally:
                    cursor.close()
            except Exception:  # noqa: BLE001 - a broken connection: the session reads this time
                self.close()
                return None

    def _open(self) -> Any:
        engine = self._engine()
        if engine is None:
            raise RuntimeError("the engine is gone")
        connection = engine.raw_connection()  # a pooled connection, never given back
        if engine.dialect.name == "postgresql":
            connection.driver_connection.autocommit = True  # type: ignore[union-attr]
        return connection

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.invalidate()  # not back into the pool: its state is unknown
            self._connection = None


def _in_memory(engine: Engine) -> bool:
    database = engine.url.database
    return engine.dialect.name == "sqlite" and (not database or database == ":memory:" or "mode=memory" in database)


def reader() -> CounterReader:
    """This process's counter reader for the current app's engine."""
    engine = db.engine
    assert engine is not None
    found = _READERS.get(engine)
    if found is None:
        found = _READERS[engine] = CounterReader(engine)
        weakref.finalize(engine, found.close)
    return found


_READERS: "weakref.WeakKeyDictionary[Engine, CounterReader]" = weakref.WeakKeyDictionary()


def _after_flush(session: Session, _context) -> None:
    keys: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        keys.update(keys_of(obj))
    if keys:
        bump(session, keys)


def _on_execute(state) -> None:
    """A bulk UPDATE or DELETE through the session (not a flush) on a watched table: bump "all"."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED:
        bump(state.session, (ALL,))


def _after_transaction_end(_session: Session, transaction) -> None:
    """A transaction ended: counters this context read in it (its own bumps included) may no
    longer be what is stored (a rollback takes the bumps back), so the next read asks again, and
    where no write of its own is pending, on the counter connection."""
    if transaction.parent is None and has_app_context():
        g.pop("_change_counters", None)
        g.pop("_change_wrote", None)


def install() -> None:
    """Listen on every session (idempotent): each flush and bulk write bumps what it touched."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
        event.listen(Session, "after_transaction_end", _after_transaction_end)


# ---- snapshots: cached rows that no session owns ---------------------------------------

M = TypeVar("M")


def snapshot(obj) -> dict[str, Any]:
    """The column values of a loaded row: a cache keeps these, never the instance (which belongs to
    the session that loaded it and expires with its rollback)."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(type(obj)).column_attrs}


def known(model: type[M], values: dict[str, Any]) -> M:
    """A cached row as an instance of `model` with its identity, without a query: the instance this
    context's session already holds, else a detached one. Reading it costs nothing, and nothing begins a
    transaction for it: adding an instance to a session begins one (about a sixth of the server's
    time under a flood of chat messages went to that for the sender's row). Anything that cascades it
    into a session, or `merge`s it, treats it as the stored row, never as a new one; changes made to
    it are not saved unless it is added first."""
    if db.session.registry.has():  # else no session of this context holds anything (none is made)
        session = db.session
        ident = tuple(values[column.key] for column in inspect(model).primary_key)
        held = session.identity_map.get(session.identity_key(model, ident))
        if held is not None:
            return held  # type: ignore[return-value]
    obj = _loaded(model, values)
    make_transient_to_detached(obj)
    return obj


def detached(model: type[M], values: dict[str, Any]) -> M:
    """A read-only instance built from a snapshot, in no session (for rows only read, never loaded from)."""
    return _loaded(model, values)


def _loaded(model: type[M], values: dict[str, Any]) -> M:
    """An instance holding `values` as its loaded state, as a query would build it: no constructor,
    no attribute events (the send path rebuilds a user and a room per event; calling the
    constructor with a dozen attribute events each cost more than the event's query)."""
    obj = inspect(model).class_manager.new_instance()
    obj.__dict__.update(values)
    return obj


# ---- a cache whose entries hold while their counters stand still -----------------------


class StampedCache:
    """Values cached with the counters read *before* the facts were read, and optionally a time
    after which they no longer hold (a login's expiry, a clearance's last day). A hit needs the
    same counters now; anything else is a miss and the caller reads the facts again."""

    def __init__(self, size: int = 20_000):
        self._size = size
        self._entries: OrderedDict[object, tuple[tuple[int, ...], datetime | None, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object, stamp: tuple[int, ...], now: datetime) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            cached_stamp, until, value = found
            if cached_stamp != stamp or (until is not None and now >= until):
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: object, stamp: tuple[int, ...], value: Any, until: datetime | None = None) -> None:
        with self._lock:
            self._entries[key] = (stamp, until, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


def cache_for(app, name: str, size: int = 20_000) -> StampedCache:
    """The app's cache called `name` (one per app and process)."""
    key = f"exchange.changes.cache.{name}"
    found = app.extensions.get(key)
    if found is None:
        found = app.extensions[key] = StampedCache(size)
    return found
