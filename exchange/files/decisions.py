"""Deciding on files: a teacher approves or rejects a student's file, a supervisor removes one,
sets the room's approval rule, a member reports one; data rights erase them. One audit record each.

A rejected or removed file keeps its row as a tombstone; its bytes are deleted.
"""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from .. import ports
from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid
from ..rooms.membership import can_control, ensure_delivery, member_role
from ..rooms.models import Room
from ..safety import check_text
from ..signals import audit
from ..storage import BlobNotFound, blob_store
from . import rules
from .access import check_consent, facts, visible_file
from .models import FileUpload, RoomFilePolicy
from .notices import announce_decision
from .presenters import policy_view

log = logging.getLogger("exchange.files")


def _reason(reason, required: bool) -> str:
    if reason is not None and not isinstance(reason, str):
        raise Invalid(_("The reason must be text."), code="wrong_type")
    reason = " ".join((reason or "").split())[:1000]
    if required and len(reason) < 3:
        raise Invalid(_("Give a reason (at least a few words)."), code="reason_required")
    return reason


def decide(actor: User, file_id, action: str, reason=None) -> FileUpload:
    """approve or reject a pending file, or remove one; one audit record each."""
    f, room, viewer = visible_file(actor, file_id)
    fx = facts(f)
    if action in ("approve", "reject"):
        if not rules.may_review(viewer, fx):
            raise Forbidden(
                _("Only the student's teacher or a moderator can decide on this file."), code="not_reviewer"
            )
        if f.status != "pending":
            raise Conflict(_("This file was already decided."), code="already_decided")
        if action == "approve":
            # It reaches the room now: the uploader must still be a member and the room must take it
            # (open, not paused), exactly as if it were shared this minute.
            if f.uploader is None or member_role(f.uploader, room) is None:
                raise Conflict(_("The person who shared this file is no longer in the room."), code="uploader_gone")
            ensure_delivery(f.uploader, room, "release")
            if f.uploader.role == "student":
                check_consent(f.uploader, room)  # consent may have been withdrawn while it waited
    elif action == "remove":
        if f.status in rules.GONE:
            raise Conflict(_("This file was already removed."), code="already_removed")
        if not rules.may_remove(viewer, fx):
            raise Forbidden(
                _("Only a moderator or a teacher of this room can remove this file."), code="not_supervisor"
            )
    else:
        raise Invalid(_("Unknown action."), code="invalid_action")
    reason = _reason(reason, required=action != "approve")
    before = f.status
    f.status = {"approve": "approved", "reject": "rejected", "remove": "removed"}[action]
    f.decided_by, f.decided_at, f.reason = actor.id, utcnow(), reason
    blob_id = f.blob_id
    if f.status in rules.GONE:
        f.blob_id = None  # a rejected or removed child's file is not kept
    db.session.commit()
    if f.status in rules.GONE and blob_id:
        try:
            blob_store().delete(blob_id)
        except BlobNotFound:
            pass
    log.info("file %s upload=%s room=%s actor=%s", action, f.id, room.id, actor.id)
    audit(
        "files",
        actor_id=actor.id,
        action=f"file.{action}",
        subject_type="file",
        subject_id=f.id,
        room_id=room.id,
        school_id=f.uploader.school_id if f.uploader else None,
        reason=reason,
        before={"status": before},
        after={"status": f.status},
    )
    announce_decision(f, before)
    return f


def set_policy(actor: User, room: Room, need_approval) -> dict:
    if not isinstance(need_approval, bool):
        raise Invalid(_("Field %(name)s has the wrong type.", name="student_files_need_approval"), code="wrong_type")
    if not can_control(actor, room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    if not need_approval and room.audience == "under13":
        raise Invalid(
            _("In rooms with students under 13, a teacher always approves students' files first."),
            code="approval_required",
        )
    row = db.session.get(RoomFilePolicy, room.id)
    before = True if row is None else row.student_files_need_approval
    if row is None:
        row = RoomFilePolicy(room_id=room.id)
        db.session.add(row)
    row.student_files_need_approval, row.updated_by, row.updated_at = need_approval, actor.id, utcnow()
    db.session.commit()
    audit(
        "files",
        actor_id=actor.id,
        action="file.policy",
        subject_type="room",
        subject_id=room.id,
        room_id=room.id,
        before={"student_files_need_approval": before},
        after={"student_files_need_approval": need_approval},
    )
    return policy_view(room)


def erase_files(file_ids: list, *, actor_id: int | None, reason: str) -> int:
    """Delete these files' bytes for data rights or retention; rows stay as "removed" tombstones.

    Called by the guardians domain, which writes the audit record for the whole erasure;
    returns how many files were erased (a tombstone already without bytes counts once only).
    """
    if not file_ids:
        return 0
    erased, announce = 0, []
    now = utcnow()
    rows = list(db.session.scalars(select(FileUpload).where(FileUpload.id.in_([str(i) for i in file_ids]))))
    for f in rows:
        if f.blob_id is None and f.status == "removed":
            continue
        if f.blob_id:
            try:
                blob_store().delete(f.blob_id)
            except BlobNotFound:
                log.info("erase: malformed blob id upload=%s", f.id)
        before = f.status
        f.blob_id, f.status, f.reason, f.decided_by, f.decided_at = (
            None,
            "removed",
            (reason or "")[:1000],
            actor_id,
            now,
        )
        announce.append((f, before))
        erased += 1
    db.session.commit()
    for f, before in announce:
        announce_decision(f, before)
    log.info(
        "erased files count=%d reason_code=%s", erased, reason if reason in ("retention", "data_rights") else "other"
    )
    return erased


def report_file(user: User, file_id, category, reason) -> int:
    """A member reports a file they can see; the flag goes to the room's teachers and moderators."""
    f, room, _viewer = visible_file(user, file_id)
    if not isinstance(category, str) or not isinstance(reason, str):
        raise Invalid(_("Choose a reason category and describe the problem."), code="wrong_type")
    if check_text(reason, audience="under13").action == "block":
        raise Invalid(_("Please describe the problem in other words."), code="reason_refused")
    flag = ports.flags().report(
        user,
        room_id=room.id,
        subject_type="file",
        subject_id=f.id,
        category=category,
        reason=reason,
        snapshot=f"{f.filename} ({f.mime}, {f.size} bytes)",
        context=[],
        author_id=f.uploader_id,
        school_id=f.uploader.school_id if f.uploader else None,
    )
    return flag.id
