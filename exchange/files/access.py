"""Who may see, download and decide on a room's files: the facts `rules` decides on, read
from the room's membership, and the guardian consent a student's file needs to leave school.
"""

from __future__ import annotations

import logging
import re

from flask_babel import gettext as _
from sqlalchemy import select

from .. import ports
from ..accounts.models import User
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..errors import DomainError, Forbidden, NotFound
from ..rooms.membership import accepted_classes, get_room, member_role
from ..rooms.models import Room
from ..storage import BlobNotFound, blob_store
from . import rules
from .models import FileUpload, RoomFilePolicy

log = logging.getLogger("exchange.files")

FILE_ID_RE = re.compile(r"[A-Za-z0-9_-]{22}")


class Gone(DomainError):
    status, code = 410, "gone"


def get_file(file_id) -> FileUpload:
    if not isinstance(file_id, str) or not FILE_ID_RE.fullmatch(file_id):
        raise NotFound(_("No such file."), code="no_such_file")
    f = db.session.get(FileUpload, file_id)
    if f is None:
        raise NotFound(_("No such file."), code="no_such_file")
    return f


def policy_requires_approval(room: Room) -> bool:
    row = db.session.get(RoomFilePolicy, room.id)
    return True if row is None else row.student_files_need_approval


def class_ids_in(user: User, room: Room, role: str | None) -> frozenset[int]:
    """Accepted classes of the room this user belongs to (students) or teaches (teachers)."""
    if role is None:
        return frozenset()
    classes = accepted_classes(room)
    if role == "teacher":
        return frozenset(c.id for c in classes if c.teacher_id == user.id)
    if role == "student" and classes:
        return frozenset(
            db.session.scalars(
                select(ClassMembership.class_id).where(
                    ClassMembership.user_id == user.id,
                    ClassMembership.status == "approved",
                    ClassMembership.class_id.in_([c.id for c in classes]),
                )
            )
        )
    return frozenset()


def viewer_for(user: User, room: Room) -> rules.Viewer:
    role = member_role(user, room)
    return rules.Viewer(id=user.id, room_role=role, class_ids=class_ids_in(user, room, role), school_id=user.school_id)


def facts(f: FileUpload) -> rules.FileFacts:
    return rules.FileFacts(
        uploader_id=f.uploader_id,
        uploader_school_id=f.uploader.school_id if f.uploader else None,
        class_id=f.class_id,
        status=f.status,
        staff_only=bool(f.staff_only),
    )


def _cross_school(room: Room) -> bool:
    return room.kind == "visit" or len({c.school_id for c in accepted_classes(room)}) > 1


def check_consent(student: User, room: Room) -> None:
    """A student's files reach another school (or a guest expert) only with a guardian's consent to file sharing."""
    refusal = ports.room_access().consent_refusal(student, "file_sharing", cross_school=_cross_school(room))
    if refusal:
        raise Forbidden(
            _("Your family has not agreed to sharing files with other schools. Ask your teacher."), code=refusal
        )


def list_files(user: User, room: Room, limit: int = 200) -> tuple[rules.Viewer, list[FileUpload]]:
    """The room's files this user may see, newest first."""
    viewer = viewer_for(user, room)
    if viewer.room_role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    rows = db.session.scalars(
        select(FileUpload)
        .where(FileUpload.room_id == room.id)
        .order_by(FileUpload.created_at.desc(), FileUpload.id)
        .limit(limit * 3)
    )
    return viewer, [f for f in rows if rules.may_list(viewer, facts(f))][:limit]


def review_queue(user: User, limit: int = 200) -> list[tuple[FileUpload, Room]]:
    """Pending files this user may approve, across their rooms, oldest first."""
    q = select(FileUpload).where(FileUpload.status == "pending").order_by(FileUpload.created_at, FileUpload.id)
    if user.role == "teacher":
        taught = select(SchoolClass.id).where(SchoolClass.teacher_id == user.id)
        q = q.where(FileUpload.class_id.in_(taught))
    elif user.role == "admin":
        q = q.join(User, User.id == FileUpload.uploader_id).where(User.school_id == user.school_id)
    elif user.role != "moderator":
        return []
    out: list[tuple[FileUpload, Room]] = []
    room_cache: dict[int, Room] = {}
    for f in db.session.scalars(q.limit(limit * 3)):
        room = room_cache.get(f.room_id) or db.session.get(Room, f.room_id)
        if room is None:  # a file's room is kept by its foreign key; nothing to review without one
            continue
        room_cache[f.room_id] = room
        if rules.may_review(viewer_for(user, room), facts(f)):
            out.append((f, room))
    return out[:limit]


def visible_file(user: User, file_id) -> tuple[FileUpload, Room, rules.Viewer]:
    """The file, its room and the viewer, when this user may see it in the room's list (403 otherwise)."""
    f = get_file(file_id)
    room = get_room(f.room_id)
    viewer = viewer_for(user, room)
    if viewer.room_role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    if not rules.may_list(viewer, facts(f)):
        raise Forbidden(_("This file is waiting for a teacher's approval."), code="awaiting_approval")
    return f, room, viewer


def open_download(user: User, file_id) -> tuple[FileUpload, bytes]:
    """The file's row and cleaned bytes for a viewer allowed to have them (404, 403 or 410 otherwise)."""
    f = get_file(file_id)
    room = get_room(f.room_id)
    refusal = rules.download_refusal(viewer_for(user, room), facts(f))
    if refusal == "not_a_member":
        log.info("download refused upload=%s user=%s code=%s", f.id, user.id, refusal)
        raise Forbidden(_("You are not a member of this room."), code=refusal)
    if refusal == "awaiting_approval":
        raise Forbidden(_("This file is waiting for a teacher's approval."), code=refusal)
    if refusal:
        raise Gone(_("This file was removed."), code=refusal)
    try:
        return f, blob_store().get(f.blob_id or "")  # no blob id: not found, like a malformed one
    except BlobNotFound:
        log.error("blob missing upload=%s", f.id)
        raise Gone(_("This file is no longer available."), code="file_missing") from None


def watch(user: User, room: Room) -> None:
    """Refuse unless a member; the caller joins the socket to files_channel(room)."""
    if member_role(user, room) is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")


def set_staff_only(file_id: str, staff_only: bool) -> FileUpload:
    """Keep a teacher's resource for the room's teachers, or show it to the whole room (the caller
    has checked the person runs the room); the live list of everyone who may now see it refreshes."""
    f = get_file(file_id)
    f.staff_only = staff_only
    return f
