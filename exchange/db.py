"""The SQLAlchemy engine and a request/greenlet-scoped session, shared by every domain."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, has_app_context
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

from . import clock

# The naming convention and the UTC column type live below db, in storage, which shares them; the
# domains' models take UTCDateTime from here with Base and utcnow (an explicit re-export).
from .storage.sql_base import NAMING
from .storage.sql_base import UTCDateTime as UTCDateTime


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    """Now in UTC, from the one clock (`exchange.clock`), so tests can set the date."""
    return clock.now()


class _AppSession(Session):
    """A session that talks to the database of the app in whose context it runs, so that two apps
    in one process (tests make one per test) never share an engine; outside any app context it
    uses the engine configured last (background tasks of the one served app)."""

    def get_bind(self, mapper=None, clause=None, **kw):
        if has_app_context():
            engine = current_app.extensions.get("exchange.db.engine")
            if engine is not None:
                return engine
        return super().get_bind(mapper=mapper, clause=clause, **kw)


class Database:
    """Holds the scoped session; each app gets its own engine from `configure` (one per app)."""

    def __init__(self) -> None:
        self._last_engine: Engine | None = None
        # Typed as plain Session: callers (storage's SessionSource) need no more than its methods.
        self.session: scoped_session[Session] = scoped_session(sessionmaker(class_=_AppSession, expire_on_commit=False))

    @property
    def engine(self) -> Engine | None:
        """The engine of the current app, or the one configured last when no app is current."""
        if has_app_context():
            engine = current_app.extensions.get("exchange.db.engine")
            if engine is not None:
                return engine
        return self._last_engine

    def configure(self, url: str, app=None) -> Engine:
        """Make the engine for `url`; with `app`, bind it to that app (`app.extensions`)."""
        kwargs: dict = {"future": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_pre_ping=True, pool_size=10, max_overflow=20)
        engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
        if app is not None:
            app.extensions["exchange.db.engine"] = engine
        self._last_engine = engine
        self.session.remove()
        self.session.configure(bind=engine)
        return engine

    def remove(self, exc=None) -> None:
        self.session.remove()

    def holds_sqlite_write_lock(self) -> bool:
        """True while this greenlet's session has written to SQLite and not yet committed.

        SQLite has one writer: the lock is held from the first INSERT/UPDATE/DELETE to the commit,
        and a writer that meets it waits inside C (busy_timeout), which under eventlet freezes the
        whole hub. A greenlet that yields while holding the lock (see `exchange.blocking`) then
        never gets the hub back before that wait ends: every other writer of the process stalls
        for up to 30 s and then fails. Python's sqlite3 opens its transaction only before a write,
        so the driver's `in_transaction` says exactly "holds the write lock"."""
        session = self.session()
        if not session.in_transaction():
            return False
        conn = session.connection()  # the transaction's own connection: no new one is opened
        if conn.dialect.name != "sqlite":
            return False
        return bool(getattr(conn.connection.dbapi_connection, "in_transaction", False))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """WAL for concurrent readers, real foreign keys, and durable commits (acks mean stored)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


db = Database()
