"""Storage backends behind small interfaces: the room message log, the audit log, file blobs.

Storage knows ids, never users or rooms: it stores and returns records. The SQL and disk
backends are the embedded default; MONGO_URL switches all three to MongoDB (GridFS).
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from .interfaces import AuditLog, BlobNotFound, BlobStore, MessageLog, MessageRecord


def init_storage(app) -> None:
    """Choose the backends from the settings, once per app."""
    if app.config.get("MONGO_URL"):
        from pymongo import MongoClient

        from .mongo import GridFSBlobStore, MongoAuditLog, MongoMessageLog

        client = MongoClient(app.config["MONGO_URL"], tz_aware=True, connect=False)
        database = client[app.config["MONGO_DB"]]
        app.extensions["exchange.mongo"] = client
        app.extensions["exchange.messages"] = MongoMessageLog(database)
        app.extensions["exchange.audit"] = MongoAuditLog(database)
        app.extensions["exchange.blobs"] = GridFSBlobStore(database)
    else:
        from .disk_blobs import DiskBlobStore
        from .sql_audit import SqlAuditLog
        from .sql_messages import SqlMessageLog

        app.extensions["exchange.messages"] = SqlMessageLog()
        app.extensions["exchange.audit"] = SqlAuditLog()
        app.extensions["exchange.blobs"] = DiskBlobStore(Path(app.config["UPLOAD_DIR"]))


def message_log() -> MessageLog:
    return current_app.extensions["exchange.messages"]


def audit_log() -> AuditLog:
    return current_app.extensions["exchange.audit"]


def blob_store() -> BlobStore:
    return current_app.extensions["exchange.blobs"]


__all__ = ["AuditLog", "BlobNotFound", "BlobStore", "MessageLog", "MessageRecord",
           "audit_log", "blob_store", "init_storage", "message_log"]
