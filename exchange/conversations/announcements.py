"""A teacher's announcement to the guardians of a whole class: one copy per guardian, sent by the
channel each chose (e-mail, text message, or a letter to print), and who has read it on the site."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..directory.services import can_manage_class
from ..errors import Forbidden, Invalid, NotFound
from ..guardians.students import class_or_404
from ..guardians.texting import family_language
from ..guardians.models import GuardianLink
from ..ids import lookup
from ..outreach import mark_read as outreach_read
from ..outreach import record
from ..safety import check_field
from ..signals import audit
from . import notify, rules
from .models import Announcement, AnnouncementDelivery

log = logging.getLogger("exchange.conversations")


def _recipients(cls: SchoolClass) -> list[tuple[User, User]]:
    """(guardian, child) once per guardian of an approved student of the class."""
    rows = db.session.execute(
        select(User, GuardianLink.student_id)
        .join(GuardianLink, GuardianLink.guardian_user_id == User.id)
        .join(ClassMembership, ClassMembership.user_id == GuardianLink.student_id)
        .where(ClassMembership.class_id == cls.id, ClassMembership.status == "approved", User.status == "active")
        .order_by(User.id, GuardianLink.student_id)
    )
    seen: dict[int, tuple[User, User]] = {}
    for guardian, student_id in rows:
        if guardian.id not in seen:
            child = db.session.get(User, student_id)
            if child is not None:
                seen[guardian.id] = (guardian, child)
    return list(seen.values())


def _text(value, name: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("Fill in %(name)s.", name=name), code="missing_field")
    value = value.strip()
    if len(value) > limit:
        raise Invalid(_("%(name)s may have up to %(n)s characters.", name=name, n=limit), code="too_long", status=413)
    verdict = check_field(value, audience=rules.staff_audience())
    if verdict.action in ("block", "hold"):
        raise Invalid(
            _("This announcement was not sent: the filter stopped some of its words. Please rephrase it."),
            code="message_blocked",
        )
    return verdict.text


def _deliver(ann: Announcement, guardian: User, child: User, author: User) -> AnnouncementDelivery:
    with force_locale(family_language(guardian, child.id)):
        prefix = _(
            "Classroom Exchange, %(teacher)s to the families of %(child)s's class:",
            teacher=author.full_name,
            child=child.first_name,
        )
        channel, delivered = notify.reach(
            guardian,
            text=rules.text_excerpt(prefix, f"{ann.title}. {ann.body}"),
            subject=ann.title,
            email_text="\n\n".join(
                [
                    ann.body,
                    _(
                        "Read it here: %(link)s",
                        link=notify.link("conversations.announcement_page", announcement_id=ann.id),
                    ),
                ]
            ),
        )
    status = "to_print" if channel == "paper" else "sent" if delivered else "failed"
    row = AnnouncementDelivery(
        announcement_id=ann.id, guardian_id=guardian.id, student_id=child.id, channel=channel, status=status
    )
    db.session.add(row)
    record(
        channel=channel,
        kind="announcement",
        school_id=ann.school_id,
        language=family_language(guardian, child.id),
        recipient_id=guardian.id,
        sender_id=author.id,
        ref=f"an:{ann.id}",
    )
    return row


def send(actor: User, class_id, title, body) -> tuple[Announcement, rules.Receipts]:
    cls = class_or_404(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can write to its families."), code="not_your_class")
    title = _text(title, _("the title"), rules.TITLE_LIMIT)
    body = _text(body, _("the message"), rules.BODY_LIMIT)
    ann = Announcement(
        class_id=cls.id, school_id=cls.school_id, author_id=actor.id, title=title, body=body, created_at=utcnow()
    )
    db.session.add(ann)
    db.session.flush()
    rows = [_deliver(ann, guardian, child, actor) for guardian, child in _recipients(cls)]
    db.session.commit()
    summary = rules.receipts((r.channel, r.status, False) for r in rows)
    audit(
        "conversations",
        actor_id=actor.id,
        action="announcement.send",
        subject_type="class",
        subject_id=cls.id,
        school_id=cls.school_id,
        after={"announcement_id": ann.id, "families": summary.total, "by_channel": summary.by_channel},
    )
    log.info("announcement sent announcement=%s class=%s families=%d", ann.id, cls.id, summary.total)
    return ann, summary


@dataclass(frozen=True)
class DeliveryRow:
    delivery: AnnouncementDelivery
    guardian: User
    child: User


def get(user: User, announcement_id) -> tuple[Announcement, str]:
    """(announcement, "staff" | "guardian"); the same 404 for a forged id and another class's."""
    ann = lookup(Announcement, announcement_id)
    if ann is not None:
        cls = db.session.get(SchoolClass, ann.class_id)
        if cls is not None and user.role in ("teacher", "admin") and can_manage_class(user, cls):
            return ann, "staff"
        if user.role == "guardian" and _delivery(ann, user) is not None:
            return ann, "guardian"
    raise NotFound(_("No such announcement, or it was not sent to you."), code="no_such_announcement")


def _delivery(ann: Announcement, guardian: User) -> AnnouncementDelivery | None:
    return db.session.scalar(
        select(AnnouncementDelivery).where(
            AnnouncementDelivery.announcement_id == ann.id, AnnouncementDelivery.guardian_id == guardian.id
        )
    )


def mark_read(guardian: User, ann: Announcement) -> None:
    row = _delivery(ann, guardian)
    if row is not None and row.read_at is None:
        row.read_at = utcnow()
        outreach_read(f"an:{ann.id}", guardian.id)
        db.session.commit()


def deliveries(ann: Announcement) -> list[DeliveryRow]:
    out = []
    for row in db.session.scalars(
        select(AnnouncementDelivery)
        .where(AnnouncementDelivery.announcement_id == ann.id)
        .order_by(AnnouncementDelivery.id)
    ):
        guardian, child = db.session.get(User, row.guardian_id), db.session.get(User, row.student_id)
        if guardian is not None and child is not None:
            out.append(DeliveryRow(row, guardian, child))
    return out


def for_guardian(guardian: User) -> list[tuple[Announcement, AnnouncementDelivery]]:
    return list(
        db.session.execute(
            select(Announcement, AnnouncementDelivery)
            .join(AnnouncementDelivery, AnnouncementDelivery.announcement_id == Announcement.id)
            .where(AnnouncementDelivery.guardian_id == guardian.id)
            .order_by(Announcement.id.desc())
            .limit(100)
        ).tuples()
    )


def for_staff(user: User) -> list[Announcement]:
    q = select(Announcement).join(SchoolClass, SchoolClass.id == Announcement.class_id)
    if user.role == "teacher":
        q = q.where(SchoolClass.teacher_id == user.id)
    elif user.role == "admin" and user.school_id:
        q = q.where(SchoolClass.school_id == user.school_id)
    else:
        return []
    return list(db.session.scalars(q.order_by(Announcement.id.desc()).limit(100)))


def managed_classes(user: User) -> list[SchoolClass]:
    if user.role == "teacher":
        q = select(SchoolClass).where(SchoolClass.teacher_id == user.id)
    elif user.role == "admin" and user.school_id:
        q = select(SchoolClass).where(SchoolClass.school_id == user.school_id)
    else:
        return []
    return list(db.session.scalars(q.order_by(SchoolClass.name)))
