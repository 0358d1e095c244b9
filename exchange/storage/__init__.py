"""Storage backends behind small interfaces: the room message log, the audit log, file blobs.

Storage knows ids, never users or rooms: it stores and returns records. The SQL and disk
backends are the embedded default; MONGO_URL switches all three to MongoDB (GridFS).
"""
from __future__ import annotations

from flask import current_app

from .interfaces import DuplicateMessage, MessageLog, MessageRecord


def init_storage(app) -> None:
    from .sql_messages import SqlMessageLog

    app.extensions["exchange.messages"] = SqlMessageLog()


def message_log() -> MessageLog:
    return current_app.extensions["exchange.messages"]


__all__ = ["DuplicateMessage", "MessageLog", "MessageRecord", "init_storage", "message_log"]
