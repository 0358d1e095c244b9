"""Running a room: creating it, inviting classes and adults, answering invitations, and the
supervisor's controls (open, close, lock, mute, remove someone). Each change is audited once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from .. import ports
from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import lookup
from ..realtime import emit, room_channel
from ..safety import check_field
from ..signals import announce_room_closed, audit
from .live import broadcast_state, evict, recheck_access
from .membership import accepted_classes, can_control, current_state, member_role, member_row
from .models import Room, RoomClass, RoomMember
from .presence import present


def _audience(classes: list[SchoolClass]) -> str:
    if not classes:
        return "adult"
    return "under13" if any(c.under13 for c in classes) else "teen"


def create_room(
    actor: User,
    *,
    title: str,
    class_ids: list,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    expert_ids=(),
    kind: str = "exchange",
    premoderated: bool | None = None,
    session_id: int | None = None,
) -> Room:
    """A teacher opens a room for their class and invites partner classes (and experts)."""
    if actor.role not in ("teacher", "admin", "moderator"):
        raise Forbidden(_("Your role may not create rooms."))
    if (
        not isinstance(class_ids, list)
        or not class_ids
        or not all(isinstance(c, int) and not isinstance(c, bool) for c in class_ids)
    ):
        raise Invalid(_("Choose at least one class."), code="invalid_classes")
    classes = [lookup(SchoolClass, cid) for cid in dict.fromkeys(class_ids)]
    if any(c is None for c in classes):
        raise NotFound(_("No such class."), code="no_such_class")
    own = classes[0]
    if actor.role == "teacher" and own.teacher_id != actor.id:
        raise Forbidden(_("The first class must be one you teach."), code="not_your_class")
    if actor.role == "admin" and own.school_id != actor.school_id:
        raise Forbidden(_("The first class must be of your school."), code="not_your_class")
    cross_school = any(c.school_id != own.school_id for c in classes)
    if cross_school and actor.role == "teacher" and actor.teacher_verified_at is None:
        raise Forbidden(
            _("Your school admin must verify you before you meet partner classes."), code="teacher_not_verified"
        )
    if expert_ids and actor.role == "teacher" and actor.teacher_verified_at is None:
        # The same rule as the visit flow: only a verified teacher hosts an outside adult.
        raise Forbidden(_("Your school admin must verify you before you host experts."), code="teacher_not_verified")
    if actor.role == "moderator" and not actor.platform_wide and own.school_id != actor.school_id:
        raise Forbidden(_("The first class must be of your school."), code="not_your_class")
    if opens_at and closes_at and closes_at <= opens_at:
        raise Invalid(_("A room must close after it opens."), code="invalid_window")
    room = Room(
        title=validate_name(title, _("Title")) if len(title or "") <= 80 else _long_title(title),
        kind=kind,
        state="scheduled",
        opens_at=opens_at,
        closes_at=closes_at,
        owner_class_id=own.id,
        created_by=actor.id,
        session_id=session_id,
    )
    db.session.add(room)
    db.session.flush()
    for c in classes:
        # The creator's own classes (and those of the same teacher) are in at once; others are invited.
        accepted = c.teacher_id == own.teacher_id
        db.session.add(RoomClass(room_id=room.id, class_id=c.id, status="accepted" if accepted else "invited"))
    for eid in expert_ids or ():
        invite_adult(room, eid, commit=False)
    db.session.flush()
    room.audience = _audience(accepted_classes(room))
    room.premoderated = (room.audience == "under13") if premoderated is None else bool(premoderated)
    db.session.commit()
    audit(
        "rooms",
        actor_id=actor.id,
        action="room.create",
        subject_type="room",
        subject_id=room.id,
        room_id=room.id,
        school_id=own.school_id,
        after={"classes": [c.id for c in classes], "premoderated": room.premoderated},
    )
    return room


def _long_title(title: str) -> str:
    title = " ".join(str(title).split())[:200]
    verdict = check_field(title, audience="under13")
    if verdict.action != "allow":
        raise Invalid(_("That title is not allowed here. Please choose another."), code="title_refused")
    return title or validate_name(title, _("Title"))


def invite_adult(room: Room, user_id, commit: bool = True) -> RoomMember:
    user = lookup(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.role not in ("expert", "teacher", "moderator"):
        raise Invalid(_("Only experts, teachers and moderators can be invited by name."), code="invalid_invitee")
    if user.role == "expert" and not ports.room_access().expert_cleared(user):
        raise Forbidden(
            _("This expert is not verified, or their verification has expired."), code="expert_not_verified"
        )
    row = db.session.scalar(select(RoomMember).where(RoomMember.room_id == room.id, RoomMember.user_id == user.id))
    if row is None:
        row = RoomMember(room_id=room.id, user_id=user.id, invited=True)
        db.session.add(row)
    row.invited, row.removed = True, False
    if commit:
        db.session.commit()
    return row


def answer_invitation(teacher: User, room: Room, class_id: int, accept: bool) -> RoomClass:
    rc = db.session.scalar(select(RoomClass).where(RoomClass.room_id == room.id, RoomClass.class_id == class_id))
    cls = lookup(SchoolClass, class_id) if isinstance(class_id, int) else None
    if rc is None or cls is None:
        raise NotFound(_("No such invitation."), code="no_such_invitation")
    if cls.teacher_id != teacher.id:
        raise Forbidden(_("Only the class teacher can answer this invitation."), code="not_your_class")
    if accept and teacher.teacher_verified_at is None:
        raise Forbidden(
            _("Your school admin must verify you before you meet partner classes."), code="teacher_not_verified"
        )
    rc.status = "accepted" if accept else "declined"
    db.session.flush()
    room.audience = _audience(accepted_classes(room))
    if room.audience == "under13":
        room.premoderated = True
    db.session.commit()
    # A one-school room may just have become cross-school: whoever is connected without the
    # consent that now applies leaves at once, before hearing the partner school.
    for uid in {p.user_id for p in present(room.id)}:
        recheck_access(user_id=uid, code="consent_missing")
    audit(
        "rooms",
        actor_id=teacher.id,
        action="room.invitation_" + rc.status,
        subject_type="room",
        subject_id=room.id,
        room_id=room.id,
        school_id=cls.school_id,
    )
    return rc


def set_state(actor: User, room: Room, action: str, reason: str = "", *, audited: bool = True) -> Room:
    """Teacher controls: open (early), close, lock (read-only), unlock."""
    if not can_control(actor, room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    before = current_state(room)
    now = utcnow()
    if action == "open":
        if before == "closed" and room.closes_at and room.closes_at <= now:
            room.closes_at = None  # reopening a room whose window passed: no end until closed
        room.state, room.opens_at = "open", min(room.opens_at or now, now)
    elif action == "close":
        room.state = "closed"
    elif action == "lock":
        room.state = "locked"
    elif action == "unlock":
        room.state = "open"
    else:
        raise Invalid(_("Unknown room action."), code="invalid_action")
    db.session.commit()
    if audited:  # a moderation action records its own single audit entry instead
        audit(
            "rooms",
            actor_id=actor.id,
            action=f"room.{action}",
            subject_type="room",
            subject_id=room.id,
            room_id=room.id,
            reason=reason,
            before={"state": before},
            after={"state": current_state(room)},
        )
    broadcast_state(room)
    if action == "close" and before != "closed":  # issue 22: families hear that a session was held
        announce_room_closed(room_id=room.id, actor_id=actor.id)
    return room


def mute(actor: User, room: Room, user_id, minutes, reason: str = "", *, audited: bool = True) -> RoomMember:
    if not can_control(actor, room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= 7 * 24 * 60:
        raise Invalid(_("Minutes must be a whole number up to a week."), code="invalid_minutes")
    target = lookup(User, user_id) if isinstance(user_id, int) else None
    if target is None or member_role(target, room) is None:
        raise NotFound(_("That person is not in this room."), code="not_a_member")
    row = member_row(room, target) or RoomMember(room_id=room.id, user_id=target.id)
    db.session.add(row)
    row.muted_until = utcnow() + timedelta(minutes=minutes) if minutes else None
    db.session.commit()
    if audited:
        audit(
            "rooms",
            actor_id=actor.id,
            action="room.mute" if minutes else "room.unmute",
            subject_type="user",
            subject_id=target.id,
            room_id=room.id,
            reason=reason,
            after={"minutes": minutes},
        )
    emit(
        "muted",
        {
            "room": room.id,
            "user_id": target.id,
            "until": row.muted_until.isoformat().replace("+00:00", "Z") if row.muted_until else None,
        },
        room_channel(room.id),
    )
    return row


def remove_from_room(actor: User | None, room: Room, user: User, reason: str, *, audited: bool = True) -> None:
    """Take someone out of a room at once, on every server process (through their user channel)."""
    row = member_row(room, user) or RoomMember(room_id=room.id, user_id=user.id)
    db.session.add(row)
    row.removed = True
    db.session.commit()
    if audited:
        audit(
            "rooms",
            actor_id=actor.id if actor else None,
            action="room.remove_member",
            subject_type="user",
            subject_id=user.id,
            room_id=room.id,
            reason=reason,
        )
    evict(room.id, user.id, "removed_from_room")


def set_citizenship_requirement(actor: User, room: Room, required: bool) -> Room:
    """Require the digital-citizenship lesson and pledge before a student joins (issue 22). Turned on,
    a connected student who has not taken it leaves at once, as for consent."""
    if not can_control(actor, room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    room.requires_citizenship = bool(required)
    db.session.commit()
    audit(
        "rooms",
        actor_id=actor.id,
        action="room.citizenship",
        subject_type="room",
        subject_id=room.id,
        room_id=room.id,
        after={"required": room.requires_citizenship},
    )
    if room.requires_citizenship:
        for uid in {p.user_id for p in present(room.id)}:
            recheck_access(user_id=uid, code="citizenship_missing")
    return room
