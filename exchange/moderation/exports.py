"""Reading the records out: the audit log as a reader may see it, and a room's transcript."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..rooms.models import Room
from ..signals import audit
from ..storage import audit_log, message_log
from ..storage.interfaces import AuditRecord
from .presenters import audit_row, transcript_line


def _may_read(user: User, record: AuditRecord) -> bool:
    """A record of the reader's school; or, for admins, the vetting of experts, which belongs to
    no school and which school admins carry out as the platform's verifiers."""
    if record.concerns_school(user.school_id):
        return True
    return user.role == "admin" and record.subject_type == "vetting_record"


def audit_rows(reader: User, *, room_id: int | None, since: datetime | None, until: datetime | None) -> list[dict]:
    """Platform-wide readers see every record; a school's admin or moderator those of their school."""
    records = audit_log().records(room_id=room_id, since=since, until=until)
    if not reader.platform_wide:
        records = (r for r in records if _may_read(reader, r))
    return [audit_row(r) for r in records]


def transcript(reader: User, room: Room) -> list[dict]:
    """The whole room as its supervisors may export it (the caller checked that); the export is audited."""
    records = message_log().since(room.id, 0, 100_000)
    author_ids = {r.author_id for r in records if r.author_id}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(author_ids)))}
    lines = [transcript_line(r, authors, reader) for r in records]
    audit(
        "moderation",
        actor_id=reader.id,
        action="transcript.export",
        subject_type="room",
        subject_id=room.id,
        room_id=room.id,
    )
    return lines
