"""Storage backends behind small interfaces: the room message log, the audit log, file blobs.

Storage knows ids, never users or rooms: it stores and returns records, and imports nothing of
the project. The SQL and disk backends are the embedded default; MONGO_URL switches all three
to MongoDB (GridFS). The app hands in its session and its clock (`init_storage`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from flask import Flask, current_app

from .disk_blobs import DiskBlobStore
from .interfaces import AuditLog, BlobNotFound, BlobStore, MessageLog, MessageRecord
from .sql_audit import SqlAuditLog
from .sql_base import Clock, SessionSource
from .sql_messages import SqlMessageLog


def init_storage(app: Flask, *, session: SessionSource, now: Clock, offload: Callable[..., Any] | None = None) -> None:
    """Choose the backends from the settings, once per app; `session` is the app's SQL session
    (the SQL backends' transactions), `now` the app's clock (message and audit times).
    MESSAGE_GROUP_COMMIT_MS > 0 batches the message log's appends (one commit per window);
    `offload(fn, *args)` is where a SQL batch's commit runs (off the event loop: see SqlMessageLog)."""
    group_commit_ms = float(app.config.get("MESSAGE_GROUP_COMMIT_MS", 0) or 0)
    if app.config.get("MONGO_URL"):
        # why: lazy, pymongo and gridfs are loaded only when MONGO_URL is set
        from pymongo import MongoClient

        from .mongo import Doc, GridFSBlobStore, MongoAuditLog, MongoMessageLog  # why: lazy, as above

        client: MongoClient[Doc] = MongoClient(app.config["MONGO_URL"], tz_aware=True, connect=False)
        database = client[app.config["MONGO_DB"]]
        app.extensions["exchange.mongo"] = client
        app.extensions["exchange.messages"] = MongoMessageLog(database, now=now, group_commit_ms=group_commit_ms)
        app.extensions["exchange.audit"] = MongoAuditLog(database, now=now)
        app.extensions["exchange.blobs"] = GridFSBlobStore(database)
    else:
        app.extensions["exchange.messages"] = SqlMessageLog(
            session=session, now=now, group_commit_ms=group_commit_ms, offload=offload
        )
        app.extensions["exchange.audit"] = SqlAuditLog(session=session, now=now)
        app.extensions["exchange.blobs"] = DiskBlobStore(Path(app.config["UPLOAD_DIR"]))


def message_log() -> MessageLog:
    return cast(MessageLog, current_app.extensions["exchange.messages"])


def audit_log() -> AuditLog:
    return cast(AuditLog, current_app.extensions["exchange.audit"])


def blob_store() -> BlobStore:
    return cast(BlobStore, current_app.extensions["exchange.blobs"])


__all__ = [
    "AuditLog",
    "BlobNotFound",
    "BlobStore",
    "MessageLog",
    "MessageRecord",
    "audit_log",
    "blob_store",
    "init_storage",
    "message_log",
]
