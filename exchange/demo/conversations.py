"""Demo family messages (issue 22): Hanne Berg asked Nora's teacher about the museum visit and
Astrid Lunde answered; Astrid's note on when she answers; an announcement to class 9A's families.
Everything is fictional."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..conversations.models import (
    Announcement,
    AnnouncementDelivery,
    FamilyMessage,
    FamilyThread,
    StaffAvailability,
)
from ..db import db, utcnow
from ..guardians.models import GuardianLink
from ..outreach import record

TEACHER = "astrid.lunde@fjordvik.example"
GUARDIAN = "guardian.berg@home.example"


def load_conversations_demo(classes: list) -> None:
    teacher = db.session.scalar(select(User).where(User.email == TEACHER))
    guardian = db.session.scalar(select(User).where(User.email == GUARDIAN))
    if teacher is None or guardian is None:
        return
    now = utcnow()
    db.session.add(
        StaffAvailability(user_id=teacher.id, note="I answer messages on weekdays after 15:00.", updated_at=now)
    )
    links = list(db.session.scalars(select(GuardianLink).where(GuardianLink.guardian_user_id == guardian.id)))
    if not links:
        return
    child = db.session.get(User, links[0].student_id)
    if child is None:
        return
    thread = FamilyThread(
        student_id=child.id, guardian_id=guardian.id, school_id=child.school_id, created_at=now - timedelta(days=2)
    )
    db.session.add(thread)
    db.session.flush()
    asked = FamilyMessage(
        thread_id=thread.id,
        author_id=guardian.id,
        side="guardian",
        body="Hello, does Nora need a packed lunch for the museum visit on Friday?",
        created_at=now - timedelta(days=2),
        read_at=now - timedelta(days=2, hours=-3),
        read_by=teacher.id,
    )
    answered = FamilyMessage(
        thread_id=thread.id,
        author_id=teacher.id,
        side="staff",
        body="Yes please: a packed lunch and a warm jacket. We are back at school by 14:00.",
        created_at=now - timedelta(days=2, hours=-4),
        read_at=now - timedelta(days=1),
        read_by=guardian.id,
    )
    db.session.add_all([asked, answered])
    thread.last_at = answered.created_at
    db.session.flush()
    record(
        channel="email",
        kind="message",
        school_id=child.school_id,
        recipient_id=guardian.id,
        sender_id=teacher.id,
        ref=f"fm:{answered.id}",
    )
    oslo = classes[0]
    ann = Announcement(
        class_id=oslo.id,
        school_id=oslo.school_id,
        author_id=teacher.id,
        title="Museum visit on Friday",
        body="On Friday class 9A visits the natural history museum. Please send a packed lunch and a warm jacket.",
        created_at=now - timedelta(days=3),
    )
    db.session.add(ann)
    db.session.flush()
    db.session.add(
        AnnouncementDelivery(
            announcement_id=ann.id,
            guardian_id=guardian.id,
            student_id=child.id,
            channel="email",
            status="sent",
            read_at=now - timedelta(days=2),
        )
    )
    record(
        channel="email",
        kind="announcement",
        school_id=oslo.school_id,
        recipient_id=guardian.id,
        sender_id=teacher.id,
        ref=f"an:{ann.id}",
    )
    db.session.commit()
