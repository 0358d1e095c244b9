"""The SQLAlchemy engine and a request/greenlet-scoped session, shared by every domain."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker

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


class Database:
    """Holds the engine and the scoped session; bound once by the app factory."""

    def __init__(self) -> None:
        self.engine = None
        self.session = scoped_session(sessionmaker(expire_on_commit=False))

    def configure(self, url: str) -> None:
        kwargs: dict = {"future": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_pre_ping=True, pool_size=10, max_overflow=20)
        self.engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session.remove()
        self.session.configure(bind=self.engine)

    def remove(self, exc=None) -> None:
        self.session.remove()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """WAL for concurrent readers, real foreign keys, and durable commits (acks mean stored)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


db = Database()
