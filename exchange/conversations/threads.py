"""Threads between a child's guardian and the child's teachers: who may read one, writing (the
filter, an attachment, a notice by the family's channel), read receipts and safeguarding concerns.

Who may read a thread: the guardian it belongs to (while still the child's guardian), a teacher
of one of the child's classes, and the school's admin once a safeguarding concern is raised.
Anyone else gets the same "no such conversation" as for an id that does not exist.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..errors import DomainError, Forbidden, Invalid, NotFound
from ..guardians.students import (
    children_of,
    guardians_of_student,
    is_guardian_of,
    may_manage_student,
    student_or_none,
)
from ..ids import lookup
from ..outreach import mark_read as outreach_read
from ..outreach import mark_replied, record
from ..safety import check_text
from ..signals import audit
from . import attachments, notify, rules
from .attachments import Attachment
from .models import FamilyMessage, FamilyThread

log = logging.getLogger("exchange.conversations")


def side_in(user: User, thread: FamilyThread) -> str | None:
    """guardian, staff (a teacher of the child), safeguarding (the school's admin on a concern), or None."""
    if user is None or not user.is_active:
        return None
    if user.role == "guardian":
        ok = thread.guardian_id == user.id and is_guardian_of(user, thread.student_id)
        return "guardian" if ok else None
    student = db.session.get(User, thread.student_id)
    if user.role == "teacher" and student is not None and may_manage_student(user, student):
        return "staff"
    if user.role == "admin" and thread.concern_at is not None and user.school_id and user.school_id == thread.school_id:
        return "safeguarding"
    return None


def get_thread(user: User, thread_id) -> tuple[FamilyThread, str]:
    thread = lookup(FamilyThread, thread_id)
    side = side_in(user, thread) if thread is not None else None
    if thread is None or side is None:
        raise NotFound(_("No such conversation, or it is not yours to read."), code="no_such_thread")
    return thread, side


def writer_only(side: str, *, concern: bool = False) -> None:
    """The safeguarding lead reads a thread; only the family and the child's teachers write in it or
    raise a concern. The edges call this before reading a body; the services again, for every caller."""
    if side not in rules.SIDES:
        message = (
            _("Only the family and the child's teachers can raise a concern here.")
            if concern
            else _("Only the family and the child's teachers write in this conversation.")
        )
        raise Forbidden(message, code="forbidden")


def _teaches(user: User, student: User) -> bool:
    return user.role == "teacher" and may_manage_student(user, student)


def open_thread(user: User, student_id, guardian_id=None) -> FamilyThread:
    """The thread of this child with this guardian (made on first use). A guardian opens their own;
    a teacher of the child opens one with any of the child's guardians."""
    student = student_or_none(student_id)
    if user.role == "guardian":
        if student is None or not is_guardian_of(user, student.id):
            raise Forbidden(_("You can write only about your own children."), code="not_your_child")
        guardian = user
    else:
        if student is None or not _teaches(user, student):
            raise Forbidden(_("This student is not in one of your classes."), code="not_your_student")
        guardian = lookup(User, guardian_id)
        if guardian is None or guardian.role != "guardian" or not is_guardian_of(guardian, student.id):
            raise Invalid(_("Choose one of this student's guardians."), code="not_a_guardian")
    thread = db.session.scalar(
        select(FamilyThread).where(FamilyThread.student_id == student.id, FamilyThread.guardian_id == guardian.id)
    )
    if thread is None:
        thread = FamilyThread(student_id=student.id, guardian_id=guardian.id, school_id=student.school_id)
        db.session.add(thread)
        db.session.flush()
    return thread


def _checked_body(user: User, side: str, body) -> rules.Outcome:
    if body is not None and not isinstance(body, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="body"), code="wrong_type")
    text = (body or "").strip()
    if len(text) > rules.BODY_LIMIT:
        raise Invalid(_("A message may have up to %(n)s characters.", n=rules.BODY_LIMIT), code="too_long", status=413)
    if not text:
        return rules.Outcome(True, "", False, False)
    audience = rules.staff_audience() if side == "staff" else "adult"
    verdict = check_text(text, audience=audience)
    outcome = rules.text_outcome(verdict.action, verdict.text, (r.category for r in verdict.reasons))
    if not outcome.deliver:
        log.info("family message refused by the filter user=%s", user.id)
        raise Invalid(
            _("This message was not sent: it contains words that are not allowed. Please rephrase it."),
            code="message_blocked",
        )
    return outcome


def post(user: User, thread: FamilyThread, side: str, body, attachment: Attachment | None = None) -> FamilyMessage:
    """Write in a thread; the other side is told by their channel; audited without the text."""
    writer_only(side)
    try:
        outcome = _checked_body(user, side, body)
        if not outcome.text and attachment is None:
            raise Invalid(_("Write a message or attach a file."), code="empty_message")
    except DomainError:
        attachments.forget(attachment)
        raise
    now = utcnow()
    msg = FamilyMessage(
        thread_id=thread.id,
        author_id=user.id,
        side=side,
        body=outcome.text,
        created_at=now,
        flagged=outcome.flagged,
    )
    if attachment is not None:
        msg.attachment_blob, msg.attachment_name = attachment.blob_id, attachment.name
        msg.attachment_mime, msg.attachment_size = attachment.mime, attachment.size
    db.session.add(msg)
    thread.last_at = now
    if outcome.concern and thread.concern_at is None:
        thread.concern_at, thread.concern_by, thread.concern_reason = now, None, "filter"
    db.session.flush()
    if side == "staff":
        channel = notify.tell_guardian(thread, msg, user)
        record(
            channel=channel,
            kind="message",
            school_id=thread.school_id,
            language=notify.language_of(thread),
            recipient_id=thread.guardian_id,
            sender_id=user.id,
            ref=f"fm:{msg.id}",
        )
    else:
        last = _last_staff_message(thread)
        if last is not None:
            mark_replied(f"fm:{last}", thread.guardian_id)
        notify.tell_teachers(thread, user)
    db.session.commit()
    audit(
        "conversations",
        actor_id=user.id,
        action="family_message.send",
        subject_type="family_thread",
        subject_id=thread.id,
        school_id=thread.school_id,
        after={"message_id": msg.id, "side": side, "attachment": attachment is not None, "flagged": msg.flagged},
    )
    if outcome.concern:
        audit(
            "conversations",
            actor_id=None,
            action="family_thread.concern",
            subject_type="family_thread",
            subject_id=thread.id,
            school_id=thread.school_id,
            reason="filter",
        )
    log.info("family message sent thread=%s message=%s side=%s", thread.id, msg.id, side)
    return msg


def _last_staff_message(thread: FamilyThread) -> int | None:
    return db.session.scalar(
        select(func.max(FamilyMessage.id)).where(FamilyMessage.thread_id == thread.id, FamilyMessage.side == "staff")
    )


def mark_read(user: User, thread: FamilyThread, side: str) -> int:
    """The other side's unread messages are read now (a safeguarding reader marks nothing)."""
    if side not in rules.SIDES:
        return 0
    other = "staff" if side == "guardian" else "guardian"
    unread = list(
        db.session.scalars(
            select(FamilyMessage).where(
                FamilyMessage.thread_id == thread.id, FamilyMessage.side == other, FamilyMessage.read_at.is_(None)
            )
        )
    )
    now = utcnow()
    for msg in unread:
        msg.read_at, msg.read_by = now, user.id
        if other == "staff":
            outreach_read(f"fm:{msg.id}", thread.guardian_id)
    if unread:
        db.session.commit()
    return len(unread)


def raise_concern(user: User, thread: FamilyThread, side: str, reason) -> None:
    """A guardian or a teacher asks the school's safeguarding lead (its admin) to read the thread."""
    writer_only(side, concern=True)
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid(_("Say in a few words what worries you."), code="reason_required")
    reason = reason.strip()[:500]
    thread.concern_at, thread.concern_by, thread.concern_reason = utcnow(), user.id, reason
    db.session.commit()
    audit(
        "conversations",
        actor_id=user.id,
        action="family_thread.concern",
        subject_type="family_thread",
        subject_id=thread.id,
        school_id=thread.school_id,
        reason="person",
    )


@dataclass(frozen=True)
class ThreadRow:
    thread: FamilyThread
    student: User
    guardian: User
    unread: int


def _unread_by_thread(thread_ids: list[int]) -> dict[tuple[int, str], int]:
    """Unread messages per (thread, side that wrote them), for a whole list in one query."""
    if not thread_ids:
        return {}
    rows = db.session.execute(
        select(FamilyMessage.thread_id, FamilyMessage.side, func.count(FamilyMessage.id))
        .where(FamilyMessage.thread_id.in_(thread_ids), FamilyMessage.read_at.is_(None))
        .group_by(FamilyMessage.thread_id, FamilyMessage.side)
    )
    return {(int(t), str(side)): int(n) for t, side, n in rows}


def threads_for(user: User) -> list[ThreadRow]:
    """The threads a person may read, newest first, with the messages of the other side they have not read."""
    q = select(FamilyThread)
    if user.role == "guardian":
        q = q.where(FamilyThread.guardian_id == user.id)
    elif user.role == "teacher":
        taught = (
            select(ClassMembership.user_id)
            .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
            .where(SchoolClass.teacher_id == user.id, ClassMembership.status != "removed")
        )
        q = q.where(FamilyThread.student_id.in_(taught))
    elif user.role == "admin" and user.school_id:
        q = q.where(FamilyThread.school_id == user.school_id, FamilyThread.concern_at.is_not(None))
    else:
        return []
    readable = [
        (t, side)
        for t in db.session.scalars(q.order_by(FamilyThread.last_at.desc()).limit(500))
        if (side := side_in(user, t)) is not None
    ]
    unread = _unread_by_thread([t.id for t, _side in readable])
    rows = []
    for thread, side in readable:
        student, guardian = db.session.get(User, thread.student_id), db.session.get(User, thread.guardian_id)
        if student is None or guardian is None:
            continue
        other = "staff" if side == "guardian" else "guardian"
        rows.append(ThreadRow(thread, student, guardian, unread.get((thread.id, other), 0)))
    return rows


def writable_pairs(user: User) -> list[tuple[User, User]]:
    """(child, guardian) pairs a person may start writing about: a guardian's children; a teacher's
    students that have a guardian account."""
    if user.role == "guardian":
        return [(child, user) for child in children_of(user)]
    if user.role != "teacher":
        return []
    students = db.session.scalars(
        select(User)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(SchoolClass.teacher_id == user.id, ClassMembership.status == "approved", User.role == "student")
        .distinct()
        .order_by(User.first_name)
    )
    return [(s, g) for s in students for g in guardians_of_student(s.id)]
