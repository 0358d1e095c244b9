"""Data rights, the second half: a guardian asks for their child's data to be erased, an admin of
the child's school decides, and an approved request empties what the child wrote, for everyone.

Messages are emptied here and files erased through the files domain, below this one. What other
domains keep of the child's words (moderation's flag snapshots) goes through the `child_erased`
signal, whose listeners report their counts for the request's result.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..ids import lookup
from ..signals import audit, erase_child
from ..storage import message_log
from . import shared_work, slips
from .history import records_of
from .models import DeletionRequest
from .students import guarded_child, rooms_of_student


def request_deletion(guardian: User, student_id, reason: str = "") -> DeletionRequest:
    """A guardian asks for erasure; one open request per child at a time."""
    student = guarded_child(guardian, student_id)
    reason = " ".join(str(reason or "").split())[:1000]
    pending = db.session.scalar(
        select(DeletionRequest).where(DeletionRequest.student_id == student.id, DeletionRequest.status == "pending")
    )
    if pending is not None:
        return pending
    req = DeletionRequest(student_id=student.id, requested_by=guardian.id, reason=reason, status="pending")
    db.session.add(req)
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="deletion.request",
        subject_type="deletion_request",
        subject_id=req.id,
        school_id=student.school_id,
        after={"student_id": student.id},
    )
    return req


def deletion_requests(admin: User, status: str | None = None) -> list[DeletionRequest]:
    q = (
        select(DeletionRequest)
        .join(User, User.id == DeletionRequest.student_id)
        .where(User.school_id == admin.school_id)
        .order_by(DeletionRequest.id.desc())
    )
    if status:
        q = q.where(DeletionRequest.status == status)
    return list(db.session.scalars(q))


def deletion_requests_of(student_id: int) -> list[DeletionRequest]:
    return list(
        db.session.scalars(
            select(DeletionRequest).where(DeletionRequest.student_id == student_id).order_by(DeletionRequest.id.desc())
        )
    )


def decide_deletion(admin: User, request_id, approve: bool, reason: str = "") -> DeletionRequest:
    """An admin of the child's school approves (erase now) or declines (with a reason) a request."""
    req = lookup(DeletionRequest, request_id) if isinstance(request_id, int) else None
    student = db.session.get(User, req.student_id) if req else None
    if req is None or student is None or admin.role != "admin" or admin.school_id != student.school_id:
        raise NotFound(_("No such request."), code="no_such_request")
    if req.status != "pending":
        raise Conflict(_("This request has already been decided."), code="already_decided")
    reason = " ".join(str(reason or "").split())[:1000]
    if not approve and not reason:
        raise Invalid(_("Say why the request is declined; the family will read it."), code="reason_required")
    result = erase_child_data(student.id, actor_id=admin.id, request_id=req.id) if approve else {}
    req.status = "approved" if approve else "rejected"
    req.decided_by, req.decided_at, req.decision_reason, req.result = admin.id, utcnow(), reason, result
    db.session.commit()
    audit(
        "guardians",
        actor_id=admin.id,
        action="deletion." + ("approve" if approve else "reject"),
        subject_type="deletion_request",
        subject_id=req.id,
        school_id=student.school_id,
        reason=reason,
        before={"status": "pending"},
        after={"status": req.status, "student_id": student.id, **result},
    )
    return req


def erase_child_data(student_id: int, *, actor_id: int, request_id: int) -> dict:
    """Empty the bodies of every message the child wrote (for everyone) and delete their files.

    The records stay as tombstones (seq, time, meta `erased`), so room histories keep their order.
    The other domains' listeners to `child_erased` forget what they keep of the child (moderation:
    the flags' snapshots of the child's words, counted as `flags`).
    """
    log_ = message_log()
    per_room: dict[int, int] = {}
    for room in rooms_of_student(student_id):
        for r in records_of(room.id):
            if r.author_id != student_id or r.meta.get("erased"):
                continue
            log_.redact(room.id, r.seq, "", dict(r.meta, removed=True, erased=True, deletion_request=request_id))
            per_room[room.id] = per_room.get(room.id, 0) + 1
    for room_id, n in per_room.items():
        audit(
            "guardians",
            actor_id=actor_id,
            action="data.erase_room",
            subject_type="room",
            subject_id=room_id,
            room_id=room_id,
            after={"messages": n, "deletion_request": request_id, "student_id": student_id},
        )
    files = shared_work.erase(shared_work.ids_by_author(student_id), actor_id=actor_id, reason="data_rights")
    answers = slips.erase_family_replies(student_id)  # the family's texts and paper slips about the child
    elsewhere = erase_child("guardians", user_id=student_id, actor_id=actor_id, request_id=request_id)
    # The other domains' counts as they report them (flags, exhibition comments...), ours first.
    return {
        **{key: n for key, n in elsewhere.items() if key not in ("messages", "rooms", "files")},
        "messages": sum(per_room.values()),
        "rooms": sorted(per_room),
        "files": files,
        "flags": elsewhere.get("flags", 0),
        **answers,
    }
