"""Family updates: a class's news for its families (sessions held, with whom and on what, work
the class shared, what comes next), on a printable page, and to every linked guardian the way they
chose: e-mail, a short text message, or on paper (the teacher prints it for them)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TypedDict

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..directory.services import can_manage_class
from ..errors import Forbidden
from .. import outreach
from ..outbox import outbox
from ..signals import audit
from . import shared_work, texting
from .consent import accepted_classes
from .emails import family_update_email
from .models import GuardianLink
from .students import children_of, class_or_404, room_state, rooms_of_classes

log = logging.getLogger("exchange.guardians")


def may_view_class_updates(viewer: User, cls: SchoolClass) -> bool:
    if viewer is None or not viewer.is_active:
        return False
    if viewer.role in ("teacher", "admin"):
        return can_manage_class(viewer, cls)
    if viewer.role == "guardian":
        return bool(
            db.session.scalar(
                select(GuardianLink.id)
                .join(ClassMembership, ClassMembership.user_id == GuardianLink.student_id)
                .where(
                    GuardianLink.guardian_user_id == viewer.id,
                    ClassMembership.class_id == cls.id,
                    ClassMembership.status == "approved",
                )
                .limit(1)
            )
        )
    return False


def family_update(viewer: User, class_id, now: datetime | None = None) -> dict:
    """A class's news for families: sessions held (with whom, on what), approved work, what comes next."""
    cls = class_or_404(class_id)
    if not may_view_class_updates(viewer, cls):
        raise Forbidden(_("This is not your child's class."), code="not_your_class")
    return build_update(cls, now or utcnow())


class SessionItem(TypedDict):
    """One room in a family update: a session held, happening now or coming next."""

    room_id: int
    topic: str
    kind: str
    partners: list[dict[str, str]]
    opens_at: datetime | None
    closes_at: datetime | None


def _opens_at(item: SessionItem) -> datetime:
    """Sort key of the held and upcoming lists, which only take rooms with an opening time."""
    opens_at = item["opens_at"]
    if opens_at is None:
        raise ValueError(f"room {item['room_id']} has no opening time to sort by")
    return opens_at


def build_update(cls: SchoolClass, now: datetime) -> dict:
    held: list[SessionItem] = []
    current: list[SessionItem] = []
    upcoming: list[SessionItem] = []
    rooms = rooms_of_classes([cls.id])
    for room in rooms:
        classes = accepted_classes(room.id)
        partners = sorted({(c.school.name, c.school.country) for c in classes if c.school_id != cls.school_id})
        item: SessionItem = {
            "room_id": room.id,
            "topic": room.title,
            "kind": room.kind,
            "partners": [{"school": n, "country": k} for n, k in partners],
            "opens_at": room.opens_at,
            "closes_at": room.closes_at if room.closes_at and room.closes_at <= now else None,
        }
        state = room_state(room, now)
        if state == "closed" and room.opens_at is not None and room.opens_at <= now:
            held.append(item)
        elif state in ("open", "locked"):
            current.append(item)
        elif state == "scheduled" and room.opens_at is not None and room.opens_at > now:
            upcoming.append(item)
    held.sort(key=_opens_at, reverse=True)
    upcoming.sort(key=_opens_at)
    titles = {r.id: r.title for r in rooms}
    work = shared_work.approved_in_rooms([r.id for r in rooms], titles, class_id=cls.id)
    return {
        "class": {
            "id": cls.id,
            "name": cls.name,
            "school": cls.school.name,
            "country": cls.school.country,
            "teacher": cls.teacher.full_name,
            "timezone": cls.timezone,
        },
        "sessions_held": held,
        "happening_now": current,
        "coming_next": upcoming,
        "shared_work": work,
        "as_of": now,
    }


def guardians_of_class(cls: SchoolClass) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(GuardianLink, GuardianLink.guardian_user_id == User.id)
            .join(ClassMembership, ClassMembership.user_id == GuardianLink.student_id)
            .where(ClassMembership.class_id == cls.id, ClassMembership.status == "approved", User.status == "active")
            .distinct()
            .order_by(User.id)
        )
    )


def send_family_update(actor: User, class_id) -> dict:
    """Send the class's update to every linked guardian the way they chose (`GuardianPhone.channel`,
    e-mail when they chose nothing): e-mail through the outbox in their own zone, a short text for
    those who chose text messages (e-mail again if the text fails and they have an address), and
    the names of those who chose paper, for whom the teacher prints the update. Each one reached is
    counted in the outreach log under one ref for this class and day."""
    cls = class_or_404(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can send this."), code="not_your_class")
    update = build_update(cls, utcnow())
    ref = f"family_update:{cls.id}:{utcnow():%Y%m%d}"
    latest = update["sessions_held"][0]["topic"] if update["sessions_held"] else ""
    box = outbox()
    sent, texted, paper, failed = 0, 0, [], 0
    in_class = _student_ids(cls)
    for guardian in guardians_of_class(cls):
        phone = texting.phone_of(guardian)
        channel = phone.channel if phone is not None else "email"
        children = [c for c in children_of(guardian) if c.id in in_class]
        child = children[0] if children else None
        language = texting.family_language(guardian, child.id if child else None)
        if channel == "paper":
            paper.append(guardian.full_name)
            _count(actor, cls, guardian, "paper", language, ref)
            continue
        if channel == "sms" and texting.notify_by_text(
            guardian,
            "family_update",
            child=", ".join(c.first_name for c in children),
            class_name=cls.name,
            title=latest,
            student_id=child.id if child else None,
            school_id=cls.school_id,
            sender_id=actor.id,
            ref=ref,
            outreach_kind="family_update",
        ):
            texted += 1
            continue
        if not guardian.email:
            failed += channel == "sms"  # a text that failed, and no address to fall back on
            continue
        subject, text, html = family_update_email(update, cls.name, guardian)
        try:
            box.send(to=guardian.email, subject=subject, text=text, html=html)
        except Exception:  # one bad address or a relay hiccup must not stop the other families' mail
            failed += 1
            log.exception("family update mail failed class=%s guardian=%s", cls.id, guardian.id)
            continue
        sent += 1
        _count(actor, cls, guardian, "email", language, ref)
    db.session.commit()  # the outreach rows
    audit(
        "guardians",
        actor_id=actor.id,
        action="family_update.send",
        subject_type="class",
        subject_id=cls.id,
        school_id=cls.school_id,
        after={"emails": sent, "texts": texted, "paper": len(paper), "failed": failed},
    )
    log.info("family update class=%s emails=%d texts=%d paper=%d failed=%d", cls.id, sent, texted, len(paper), failed)
    return {"sent": sent, "texted": texted, "paper": paper, "failed": failed}


def _student_ids(cls: SchoolClass) -> set[int]:
    return set(
        db.session.scalars(
            select(ClassMembership.user_id).where(
                ClassMembership.class_id == cls.id, ClassMembership.status == "approved"
            )
        )
    )


def _count(actor: User, cls: SchoolClass, guardian: User, channel: str, language: str, ref: str) -> None:
    outreach.record(
        channel=channel,
        kind="family_update",
        school_id=cls.school_id,
        language=language,
        recipient_id=guardian.id,
        sender_id=actor.id,
        ref=ref,
    )
