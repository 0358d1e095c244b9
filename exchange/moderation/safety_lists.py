"""The moderators' allow and deny lists as the send path reads them: one cache per app process,
refreshed at once after any change, on every process.

Each add or undo bumps a version: this process's own counter at once and, with `REDIS_URL`, a
counter in Redis that every process reads (one GET, well under a millisecond) before answering
for a message. A process whose version is behind reloads the active entries from the database.
When Redis cannot be read, the entries come straight from the database: slower, never stale.
The `SafetyLists` port (`exchange.ports`) hands `lists_for` to the rooms domain.
"""

from __future__ import annotations

import logging
import threading

import redis
from flask import current_app
from sqlalchemy import select

from ..db import db
from ..ports import SafetyListView
from ..safety.normalize import Folded
from .models import SafetyListEntry

log = logging.getLogger(__name__)

EXTENSION = "exchange.safety_lists"
Row = tuple[int, int | None, str, str, str, int]  # id, school_id, phrase, kind, category, severity


class ListCache:
    """The active entries of one app, and the view per set of schools built from them."""

    def __init__(self, redis_url: str | None, key: str, max_connections: int = 2000):
        self._redis = None
        if redis_url:
            # A pool that waits for a free connection: every message reads the version, and under a
            # flood more greenlets ask at once than redis-py's default pool holds; a failed read
            # meant reading the lists from the database for that message.
            pool = redis.BlockingConnectionPool.from_url(
                redis_url, max_connections=max_connections, timeout=2, socket_timeout=2, socket_connect_timeout=2
            )
            self._redis = redis.Redis(connection_pool=pool)
        self._key = key
        self._lock = threading.Lock()
        self._local = 0
        self._version: object = None
        self._rows: tuple[Row, ...] = ()
        self._views: dict[frozenset[int], SafetyListView] = {}

    def changed(self) -> None:
        """Call after the commit that added or undid an entry: every process reloads before its next message."""
        with self._lock:
            self._local += 1
        if self._redis is not None:
            try:
                self._redis.incr(self._key)
            except redis.RedisError:
                log.exception("safety lists: could not announce a change through Redis")

    def _current_version(self) -> object:
        """This process's counter with Redis's; None when Redis cannot be read (then nothing is cached)."""
        if self._redis is None:
            return self._local
        try:
            return (self._local, self._redis.get(self._key))
        except redis.RedisError:
            log.warning("safety lists: Redis unreadable, reading the lists from the database")
            return None

    def view(self, school_ids: frozenset[int]) -> SafetyListView:
        version = self._current_version()
        if version is None:
            return build_view(load_rows(), school_ids)
        with self._lock:
            if version == self._version:
                cached = self._views.get(school_ids)
                if cached is not None:
                    return cached
                rows = self._rows
            else:
                rows = None
        if rows is None:
            rows = load_rows()  # outside the lock: a database read
        built = build_view(rows, school_ids)
        with self._lock:
            if version != self._version:
                self._version, self._rows, self._views = version, rows, {}
            if self._version == version:
                self._views[school_ids] = built
        return built


def load_rows() -> tuple[Row, ...]:
    entries = db.session.scalars(
        select(SafetyListEntry).where(SafetyListEntry.undone_at.is_(None)).order_by(SafetyListEntry.id)
    )
    return tuple((e.id, e.school_id, e.phrase, e.kind, e.category, e.severity) for e in entries)


def build_view(rows: tuple[Row, ...], school_ids: frozenset[int]) -> SafetyListView:
    """Platform entries apply to every room. A school's deny entries apply to the rooms it takes
    part in; its allow entries only where every school of the room allows the phrase, so that one
    school's leniency never lowers the protection of another school's pupils."""
    deny = [
        (r[0], (_as_matched(r[2]), r[4] or "profanity", r[5]))
        for r in rows
        if r[3] == "deny" and (r[1] is None or r[1] in school_ids)
    ]
    allowed_by: dict[str, set[int | None]] = {}
    for r in rows:
        if r[3] == "allow" and (r[1] is None or r[1] in school_ids):
            allowed_by.setdefault(_as_matched(r[2]), set()).add(r[1])
    allow = frozenset(phrase for phrase, by in allowed_by.items() if None in by or (school_ids and school_ids <= by))
    return SafetyListView(
        allow_words=allow, deny_entries=tuple(d for _i, d in deny), deny_ids=tuple(i for i, _d in deny)
    )


def _as_matched(phrase: str) -> str:
    """The phrase as messages are matched (look-alike digits inside words read as letters:
    "h8er" as "hber"), so that what a moderator types matches what pupils write."""
    return Folded(phrase).skeleton


def install(app) -> ListCache:
    """One cache per app (tests create many apps in one process, each with its own database)."""
    cache = ListCache(
        app.config.get("REDIS_URL"),
        f"{app.config.get('SOCKETIO_CHANNEL', 'exchange')}-safety-lists",
        app.config.get("REDIS_MAX_CONNECTIONS", 2000),
    )
    app.extensions[EXTENSION] = cache
    return cache


def cache() -> ListCache:
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        raise RuntimeError("the safety lists cache is not installed: exchange.wiring.wire(app) installs it")
    return found


def lists_for(school_ids: frozenset[int]) -> SafetyListView:
    """What the send path applies in a room of these schools (the `SafetyLists` port)."""
    return cache().view(frozenset(school_ids))
