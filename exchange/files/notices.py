"""Live notices about files: who hears of a new or decided file, on which channels.

A student's file that waits for approval is heard of only at home (the uploader, their
classmates and teacher, the moderators), never in the room where a partner class listens.
"""

from __future__ import annotations

from sqlalchemy import select

from .. import ports
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..realtime import emit, room_channel, user_channel
from ..rooms.membership import get_room, teacher_ids
from .models import FileUpload
from .presenters import file_payload


def files_channel(room_id: int) -> str:
    """Sockets watching a room's file list (the files page); they get content-free pings only."""
    return f"files:{room_id}"


def _home_user_ids(f: FileUpload) -> list[int]:
    """The uploader, their classmates and their teacher: who sees a student's file while it waits."""
    ids = {f.uploader_id}
    if f.class_id is not None:
        cls = db.session.get(SchoolClass, f.class_id)
        if cls is not None:
            ids.add(cls.teacher_id)
        ids |= set(
            db.session.scalars(
                select(ClassMembership.user_id).where(
                    ClassMembership.class_id == f.class_id, ClassMembership.status == "approved"
                )
            )
        )
    return sorted(ids)


def _private_channels(f: FileUpload) -> list[str]:
    return [user_channel(uid) for uid in _home_user_ids(f)] + [ports.flags().queue_channel]


def _staff_channels(f: FileUpload) -> list[str]:
    """A teachers' resource: the room's teachers only (never the room, where students listen)."""
    return [user_channel(uid) for uid in teacher_ids(get_room(f.room_id))]


def _ping(f: FileUpload) -> None:
    emit("files_changed", {"room": f.room_id, "file": f.id}, files_channel(f.room_id))


def announce_new(f: FileUpload) -> None:
    payload = file_payload(f)
    if f.staff_only:
        emit("file", payload, _staff_channels(f))  # type: ignore[arg-type]  # several channels, each socket once
        return
    if f.status == "approved":
        emit("file", payload, room_channel(f.room_id))
        _ping(f)
    else:  # not the room, not the supervisors channel: the partner class's teacher is in it
        emit("file", payload, _private_channels(f))  # type: ignore[arg-type]  # several channels, each socket once


def announce_decision(f: FileUpload, before: str) -> None:
    payload = file_payload(f)
    if f.staff_only:
        emit("file_update", payload, _staff_channels(f))  # type: ignore[arg-type]  # several channels, each socket once
        return
    if f.status == "approved":
        emit("file", payload, room_channel(f.room_id))  # it reaches the room now
    channels = _private_channels(f)
    if before == "approved" or f.status == "approved":
        channels.append(room_channel(f.room_id))
        _ping(f)
    emit("file_update", payload, channels)  # type: ignore[arg-type]  # several channels, each socket once
