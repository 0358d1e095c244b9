"""Read-only bridge to the files domain: a class's approved work, a child's files, erasing them.

The files domain is built alongside this one. Everything here is used only when
`exchange.files.models` defines `FileUpload` and its table exists; otherwise families see
sessions only and data exports list no files. Column names are looked up, not assumed:
room (`room_id`), author (`uploader_id`, `owner_id`, `author_id` or `user_id`), name
(`filename`, `original_name` or `name`), review state (`status` or `state`, "approved"),
blob (`blob_id`, emptied once the bytes are gone). If `exchange.files.services.erase_files(file_ids,
*, actor_id, reason)` exists it does the erasing, so the files domain keeps its own rules;
otherwise the bytes are deleted here and the row stays as a tombstone marked "removed".
"""
from __future__ import annotations

import logging

from sqlalchemy import inspect, select

from ..db import db

log = logging.getLogger("exchange.guardians.files")

_AUTHOR = ("uploader_id", "owner_id", "author_id", "user_id")
_NAME = ("filename", "original_name", "name")
_STATE = ("status", "state")
_TIME = ("created_at", "uploaded_at")
_table_seen = False


def _model():
    global _table_seen
    try:
        from ..files import models as files_models
    except ImportError:
        return None
    model = getattr(files_models, "FileUpload", None)
    if model is None or not hasattr(model, "__tablename__"):
        return None
    if not _table_seen:
        if not inspect(db.engine).has_table(model.__tablename__):
            return None
        _table_seen = True
    return model


def _col(model, names):
    for n in names:
        if hasattr(model, n):
            return n
    return None


def available() -> bool:
    return _model() is not None


def _view(model, row, titles: dict) -> dict:
    name_col, state_col, time_col = _col(model, _NAME), _col(model, _STATE), _col(model, _TIME)
    at = getattr(row, time_col) if time_col else None
    room_id = getattr(row, "room_id", None)
    return {"id": row.id, "room_id": room_id, "room_title": titles.get(room_id, ""),
            "name": getattr(row, name_col) if name_col else f"file-{row.id}",
            "status": getattr(row, state_col) if state_col else "",
            "at": at.isoformat().replace("+00:00", "Z") if at else None}


def approved_in_rooms(room_ids, titles: dict, class_id: int | None = None) -> list[dict]:
    """Approved files of these rooms: the work a class shared (its own uploads, where files record the class)."""
    model = _model()
    if model is None or not room_ids or not hasattr(model, "room_id"):
        return []
    q = select(model).where(model.room_id.in_(list(room_ids)))
    if class_id is not None and hasattr(model, "class_id"):
        q = q.where(model.class_id == class_id)
    state_col = _col(model, _STATE)
    if state_col:
        q = q.where(getattr(model, state_col) == "approved")
    return [_view(model, r, titles) for r in db.session.scalars(q.order_by(model.id))]


def by_author(student_id: int, titles: dict) -> list[dict]:
    """Every file a student uploaded, whatever its review state."""
    model = _model()
    author_col = _col(model, _AUTHOR) if model is not None else None
    if author_col is None:
        return []
    rows = db.session.scalars(select(model).where(getattr(model, author_col) == student_id).order_by(model.id))
    return [_view(model, r, titles) for r in rows]


def ids_by_author(student_id: int) -> list:
    model = _model()
    author_col = _col(model, _AUTHOR) if model is not None else None
    if author_col is None:
        return []
    return list(db.session.scalars(select(model.id).where(getattr(model, author_col) == student_id)))


def ids_in_rooms(room_ids) -> list:
    model = _model()
    if model is None or not room_ids or not hasattr(model, "room_id"):
        return []
    return list(db.session.scalars(select(model.id).where(model.room_id.in_(list(room_ids)))))


def erase(file_ids: list, *, actor_id: int | None, reason: str) -> int:
    """Delete the stored bytes of these files; the rows stay as tombstones (state "removed")."""
    model = _model()
    if model is None or not file_ids:
        return 0
    try:
        from ..files import services as files_services
    except ImportError:
        files_services = None
    if files_services is not None and hasattr(files_services, "erase_files"):
        return int(files_services.erase_files(list(file_ids), actor_id=actor_id, reason=reason) or 0)
    from ..storage import BlobNotFound, blob_store

    from ..db import utcnow

    state_col = _col(model, _STATE)
    erased = 0
    for row in db.session.scalars(select(model).where(model.id.in_(list(file_ids)))):
        blob_id = getattr(row, "blob_id", None)
        if not blob_id and state_col and getattr(row, state_col) == "removed":
            continue  # already a tombstone: erasing twice counts once
        if blob_id:
            try:
                blob_store().delete(blob_id)
            except BlobNotFound:
                log.info("erase: malformed blob id file=%s", row.id)
            row.blob_id = None
        if state_col:
            setattr(row, state_col, "removed")
        if hasattr(row, "reason"):
            row.reason = reason
        if hasattr(row, "decided_by"):
            row.decided_by, row.decided_at = actor_id, utcnow()
        erased += 1
    db.session.commit()
    return erased
