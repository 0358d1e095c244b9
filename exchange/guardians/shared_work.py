"""What guardians need of the files domain (below this one): the work a class shared, the files
a child uploaded, and erasing them for data rights and retention. The files domain keeps its
own rules for erasing (`files.decisions.erase_files`): bytes go, rows stay as "removed" tombstones.
"""

from __future__ import annotations

from sqlalchemy import select

from ..db import db
from ..files.decisions import erase_files
from ..files.models import FileUpload


def _view(row: FileUpload, titles: dict) -> dict:
    return {
        "id": row.id,
        "room_id": row.room_id,
        "room_title": titles.get(row.room_id, ""),
        "name": row.filename,
        "status": row.status,
        "at": row.created_at.isoformat().replace("+00:00", "Z") if row.created_at else None,
    }


def approved_in_rooms(room_ids, titles: dict, class_id: int | None = None) -> list[dict]:
    """Approved files of these rooms: the work a class shared (its own uploads, where files record the class)."""
    if not room_ids:
        return []
    q = select(FileUpload).where(FileUpload.room_id.in_(list(room_ids)), FileUpload.status == "approved")
    q = q.where(FileUpload.staff_only.is_(False))  # a teachers' resource is not the class's work
    if class_id is not None:
        q = q.where(FileUpload.class_id == class_id)
    return [_view(r, titles) for r in db.session.scalars(q.order_by(FileUpload.id))]


def by_author(student_id: int, titles: dict) -> list[dict]:
    """Every file a student uploaded, whatever its review state."""
    rows = db.session.scalars(select(FileUpload).where(FileUpload.uploader_id == student_id).order_by(FileUpload.id))
    return [_view(r, titles) for r in rows]


def ids_by_author(student_id: int) -> list[str]:
    return list(db.session.scalars(select(FileUpload.id).where(FileUpload.uploader_id == student_id)))


def ids_in_rooms(room_ids) -> list[str]:
    if not room_ids:
        return []
    return list(db.session.scalars(select(FileUpload.id).where(FileUpload.room_id.in_(list(room_ids)))))


def erase(file_ids: list, *, actor_id: int | None, reason: str) -> int:
    """Delete the stored bytes of these files; the rows stay as tombstones (state "removed")."""
    if not file_ids:
        return 0
    return int(erase_files(list(file_ids), actor_id=actor_id, reason=reason) or 0)
