"""What the SQL backends share with the rest of the house: the constraint naming convention, an
aware-UTC column type, and the types of what `init_storage` injects (the session, the clock).

It sits below `exchange.db` so that storage needs nothing of the project: `db` takes the naming
convention and the UTC type from here, and storage's tables live on their own metadata, which
`exchange.schema` hands to Alembic next to the domains' one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Union

from sqlalchemy import DateTime, Dialect, MetaData
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Clock = Callable[[], datetime]
"""Now, aware UTC: the app injects its one clock so that tests can set the date."""

SessionSource = Union[Session, "scoped_session[Session]"]
"""A session, or the app's request/greenlet-scoped one (it proxies the same methods)."""


class StorageBase(DeclarativeBase):
    """The storage tables (message log, audit log): their own metadata, the house's naming."""

    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which drops tzinfo) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
