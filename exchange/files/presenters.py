"""What goes over the wire about files: live notices (no blob id, no hash) and list rows with
what this viewer may do with each file."""

from __future__ import annotations

from datetime import datetime

from ..accounts.models import User
from ..rooms.models import Room
from . import rules
from .access import facts, policy_requires_approval
from .models import FileUpload


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def policy_view(room: Room) -> dict:
    requires = policy_requires_approval(room)
    return {
        "student_files_need_approval": requires or room.audience == "under13",
        "locked_by_audience": room.audience == "under13",
    }


def uploader_view(user: User | None) -> dict | None:
    """Students appear by first name and initial, as in the chat: a room mixes schools."""
    if user is None:
        return None
    return {"id": user.id, "name": user.short_name if user.role == "student" else user.full_name, "role": user.role}


def file_payload(f: FileUpload) -> dict:
    """What live notices carry about a file (no blob id, no hash)."""
    return {
        "room": f.room_id,
        "file": {
            "id": f.id,
            "filename": f.filename,
            "mime": f.mime,
            "kind": f.kind,
            "size": f.size,
            "width": f.width,
            "height": f.height,
            "uploader": uploader_view(f.uploader),
            "status": f.status,
            "staff_only": bool(f.staff_only),
            "created_at": iso(f.created_at),
        },
    }


def file_view(f: FileUpload, viewer: rules.Viewer) -> dict:
    """One file as this viewer sees it in a list, with what they may do with it."""
    out = dict(file_payload(f)["file"], room=f.room_id, stripped=list(f.stripped or []))
    fx = facts(f)
    out["may_download"] = rules.may_download(viewer, fx)
    out["may_review"] = f.status == "pending" and rules.may_review(viewer, fx)
    out["may_remove"] = rules.may_remove(viewer, fx)
    out["download_url"] = f"/files/{f.id}" if out["may_download"] else None
    out["decided_at"] = iso(f.decided_at)
    out["reason"] = f.reason if f.status in rules.GONE else ""
    return out
