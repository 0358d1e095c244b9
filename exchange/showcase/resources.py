"""A partnership's resources: links and documents its teachers share, by topic.

Documents take the room's upload path (type sniffed from the bytes, metadata stripped, the name
filtered, the virus scan), so a resource is as safe as any file in the room. A resource is for
the room's teachers unless marked for students; its file follows the mark (`staff_only`), so the
room's file list and downloads keep the same rule.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Forbidden, Invalid, NotFound
from ..files.access import set_staff_only
from ..files.decisions import decide as decide_file
from ..files.models import FileUpload
from ..files.upload import upload_file
from ..rooms.membership import can_control, get_room, member_role
from ..rooms.models import Room
from .texts import checked_text
from .models import PartnershipResource

log = logging.getLogger("exchange.showcase")

MAX_TOPIC, MAX_TITLE, MAX_NOTE, MAX_URL = 60, 200, 1000, 500


def _text(value: object, field: str, limit: int, *, required: bool) -> str:
    return checked_text(value, field, limit, required=required, code="invalid_resource")


def checked_url(value: object) -> str:
    """A web address a teacher may share: http or https, a host, no user name or password in it."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("Give the link's web address."), code="invalid_url")
    url = value.strip()
    parts = urlsplit(url)
    if (
        len(url) > MAX_URL
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or any(ch.isspace() for ch in url)
    ):
        raise Invalid(_("A link must be a web address that starts with https:// or http://."), code="invalid_url")
    return url


def _room_run_by(user: User, room_id: object) -> Room:
    room = get_room(room_id)
    if not can_control(user, room):
        raise Forbidden(_("Only the room's teachers may share resources here."), code="forbidden")
    return room


def visible(user: User, room_id: object) -> tuple[Room, bool, list[PartnershipResource]]:
    """The room, whether this person runs it, and the resources they may see (students: those marked)."""
    room = get_room(room_id)
    role = member_role(user, room)
    runs = can_control(user, room)
    if role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    if not runs and role != "student":
        raise Forbidden(_("A partnership's resources are for its teachers and students."), code="forbidden")
    q = select(PartnershipResource).where(
        PartnershipResource.room_id == room.id, PartnershipResource.removed_at.is_(None)
    )
    if not runs:
        q = q.where(PartnershipResource.for_students.is_(True))
    rows = list(db.session.scalars(q.order_by(PartnershipResource.topic, PartnershipResource.created_at)))
    return room, runs, rows


def files_of(rows: list[PartnershipResource]) -> dict[str, FileUpload]:
    ids = [r.file_id for r in rows if r.file_id]
    return {f.id: f for f in db.session.scalars(select(FileUpload).where(FileUpload.id.in_(ids)))} if ids else {}


def add(
    user: User,
    room_id: object,
    *,
    topic: object,
    title: object,
    note: object = "",
    url: object = None,
    for_students: object = False,
    upload: tuple[bytes, str] | None = None,
) -> PartnershipResource:
    """Share a link or (with `upload`: bytes and file name) a document with the partnership."""
    room = _room_run_by(user, room_id)
    if not isinstance(for_students, bool):
        raise Invalid(_("for_students must be true or false."), code="invalid_resource")
    row = PartnershipResource(
        room_id=room.id,
        author_id=user.id,
        topic=_text(topic, _("Topic"), MAX_TOPIC, required=True),
        title=_text(title, _("Title"), MAX_TITLE, required=True),
        note=_text(note, _("Note"), MAX_NOTE, required=False),
        for_students=for_students,
        created_at=now(),
    )
    if upload is not None:
        if url:
            raise Invalid(_("Share a link or a document, not both at once."), code="invalid_resource")
        data, filename = upload
        row.file_id = upload_file(user, room, data, filename, staff_only=not for_students).id
    else:
        row.url = checked_url(url)
    db.session.add(row)
    db.session.flush()
    _audit(user, row, "resource.add", after={"kind": "file" if row.file_id else "link", "for_students": for_students})
    db.session.commit()
    log.info("resource added resource=%s room=%s kind=%s", row.id, room.id, "file" if row.file_id else "link")
    return row


def _resource(user: User, resource_id: object) -> PartnershipResource:
    row = (
        db.session.get(PartnershipResource, resource_id)
        if isinstance(resource_id, int) and 0 < resource_id < 2**31
        else None
    )
    if row is None or row.removed_at is not None:
        raise NotFound(_("No such resource."), code="no_such_resource")
    _room_run_by(user, row.room_id)
    return row


def set_for_students(user: User, resource_id: object, for_students: object) -> PartnershipResource:
    row = _resource(user, resource_id)
    if not isinstance(for_students, bool):
        raise Invalid(_("for_students must be true or false."), code="invalid_resource")
    before = row.for_students
    row.for_students = for_students
    if row.file_id:
        set_staff_only(row.file_id, not for_students)
    _audit(user, row, "resource.share", before={"for_students": before}, after={"for_students": for_students})
    db.session.commit()
    return row


def remove(user: User, resource_id: object) -> None:
    """Take a resource away; its document is removed from the room too (its bytes are deleted)."""
    row = _resource(user, resource_id)
    row.removed_at = now()
    _audit(user, row, "resource.remove")
    db.session.commit()
    if row.file_id:
        f = db.session.get(FileUpload, row.file_id)
        if f is not None and f.status not in ("removed", "rejected"):
            decide_file(user, row.file_id, "remove", _("The resource was taken away."))


def _audit(user: User, row: PartnershipResource, action: str, **kw) -> None:
    signals.audit(
        "showcase",
        actor_id=user.id,
        action=action,
        subject_type="resource",
        subject_id=row.id,
        room_id=row.room_id,
        school_id=user.school_id,
        **kw,
    )
