"""Who is in a room and what may reach it: membership, refusals, and the facts the room policy reads.

Rooms own the facts (which classes, which members, who is connected); what guardians
(consent) and vetting (clearance) add comes through the `RoomAccess` port.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import ports
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import as_id
from . import policy
from .models import Room, RoomClass, RoomMember
from .presence import supervisor_connected


def valid_room_id(room_id) -> int:
    """A room id from a payload as a number, or `Invalid` (a clear error for the sender)."""
    if (
        isinstance(room_id, bool)
        or not isinstance(room_id, (int, str))
        or (isinstance(room_id, str) and not room_id.isdigit())
    ):
        raise Invalid(_("A room id is a number."), code="invalid_room")
    key = as_id(room_id)  # numbers that can name no room (0, huge) are simply not found
    if key is None:
        raise NotFound(_("No such room."), code="no_such_room")
    return key


def get_room(room_id) -> Room:
    room = db.session.get(Room, valid_room_id(room_id))
    if room is None:
        raise NotFound(_("No such room."), code="no_such_room")
    return room


def accepted_classes(room: Room) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(RoomClass, RoomClass.class_id == SchoolClass.id)
            .where(RoomClass.room_id == room.id, RoomClass.status == "accepted")
        )
    )


def member_row(room: Room, user: User) -> RoomMember | None:
    return db.session.scalar(select(RoomMember).where(RoomMember.room_id == room.id, RoomMember.user_id == user.id))


@dataclass(frozen=True)
class Membership:
    """What one read tells about a user in a room: their role (None: not a member), their member
    row and the room's accepted classes. The send path reads it once and passes it on."""

    role: str | None
    row: RoomMember | None
    classes: tuple[SchoolClass, ...]
    # The room's member facts when the caller read them with the rest (the send path's cache):
    # approved students in it, an outside adult in it. None: read them when needed.
    has_students: bool | None = None
    has_expert: bool | None = None


def membership(user: User | None, room: Room) -> Membership:
    if user is None or not user.is_active:
        return Membership(None, None, ())
    row = member_row(room, user)
    classes = tuple(accepted_classes(room))
    return Membership(_role(user, room, row, classes), row, classes)


def member_role(user: User | None, room: Room) -> str | None:
    """The role this user has in this room, or None when they are not a member."""
    return membership(user, room).role


def _role(user: User, room: Room, row: RoomMember | None, classes: tuple[SchoolClass, ...]) -> str | None:
    if row is not None and row.removed:
        return None
    if user.role == "moderator":
        # Platform moderators supervise any room; a school's moderators the rooms their school is in.
        return "moderator" if user.platform_wide or any(c.school_id == user.school_id for c in classes) else None
    if user.role == "admin":
        return "admin" if any(c.school_id == user.school_id for c in classes) else None
    if user.role == "teacher":
        if any(c.teacher_id == user.id for c in classes) or (row is not None and row.invited):
            return "teacher"
        return None
    if user.role == "student":
        ids = [c.id for c in classes]
        if ids and db.session.scalar(
            select(ClassMembership.id).where(
                ClassMembership.user_id == user.id,
                ClassMembership.class_id.in_(ids),
                ClassMembership.status == "approved",
            )
        ):
            # Consent follows who is in the room, not its kind.
            if ports.room_access().room_consent_refusal(user, room, list(classes)):
                return None
            return "student"
        return None
    if user.role == "expert" and row is not None and row.invited:
        return "expert" if ports.room_access().expert_cleared(user) else None
    return None


def member_role_fresh(user: User, room: Room) -> str | None:
    """The member role read again from the database, past anything this session has cached."""
    db.session.commit()
    db.session.expire_all()
    return member_role(user, room)


def require_member(user: User, room: Room) -> str:
    role = member_role(user, room)
    if role is None:
        code, message = refusal_reason(user, room)
        raise Forbidden(message, code=code)
    return role


def refusal_reason(user: User, room: Room) -> tuple[str, str]:
    """Why someone is not in a room, as specifically as we may tell them."""
    row = member_row(room, user)
    if row is not None and row.removed:
        return "removed_from_room", _("You were removed from this room.")
    if user.role == "expert" and row is not None and row.invited:
        return "expert_not_verified", _(
            "Your verification has expired or was withdrawn: you cannot join rooms with students now."
        )
    in_class = (
        user.role == "student"
        and db.session.scalar(
            select(ClassMembership.id)
            .join(RoomClass, RoomClass.class_id == ClassMembership.class_id)
            .where(
                RoomClass.room_id == room.id,
                RoomClass.status == "accepted",
                ClassMembership.user_id == user.id,
                ClassMembership.status == "approved",
            )
            .limit(1)
        )
        is not None
    )
    if in_class:
        code = ports.room_access().room_refusal(user, room)
        if code == "citizenship_missing":
            return code, _("This room asks you to take the digital-citizenship lesson before you join.")
        if code:
            return code, _("A parent or guardian has not given consent for this yet. Your teacher can tell you more.")
    return "not_a_member", _("You are not a member of this room.")


def rooms_for(user: User) -> list[Room]:
    """Rooms this user may enter, newest first (bounded: dashboards list the latest ones)."""
    platform = user.role == "moderator" and user.platform_wide
    candidates: Iterable[Room]
    if platform:
        candidates = db.session.scalars(select(Room).order_by(Room.id.desc()).limit(200))
    else:
        ids: set[int] = set()
        ids |= set(
            db.session.scalars(select(RoomMember.room_id).where(RoomMember.user_id == user.id, RoomMember.invited))
        )
        class_ids: list[int] = []
        if user.role == "teacher":
            class_ids = list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.teacher_id == user.id)))
        elif user.role == "student":
            class_ids = list(
                db.session.scalars(
                    select(ClassMembership.class_id).where(
                        ClassMembership.user_id == user.id, ClassMembership.status == "approved"
                    )
                )
            )
        elif user.role in ("admin", "moderator") and user.school_id is not None:
            class_ids = list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.school_id == user.school_id)))
        if class_ids:
            ids |= set(db.session.scalars(select(RoomClass.room_id).where(RoomClass.class_id.in_(class_ids))))
        candidates = db.session.scalars(select(Room).where(Room.id.in_(ids)).order_by(Room.id.desc())) if ids else []
    out = []
    for room in candidates:
        if member_role(user, room) is not None or (user.role == "teacher" and _invited_teacher(user, room)):
            room.state = current_state(room)
            out.append(room)
    return out


def _invited_teacher(user: User, room: Room) -> bool:
    return bool(
        db.session.scalar(
            select(RoomClass.id)
            .join(SchoolClass, SchoolClass.id == RoomClass.class_id)
            .where(RoomClass.room_id == room.id, SchoolClass.teacher_id == user.id)
        )
    )


def current_state(room: Room, now: datetime | None = None) -> str:
    return policy.effective_state(room.state, room.opens_at, room.closes_at, now or utcnow())


def can_control(user: User, room: Room) -> bool:
    return member_role(user, room) in policy.SUPERVISORS


def teacher_ids(room: Room) -> list[int]:
    """Teachers of the room's accepted classes: they hear of flags even when not in the room."""
    return sorted({c.teacher_id for c in accepted_classes(room)})


# ---- the facts the room policy reads --------------------------------------------------


def has_students(room: Room) -> bool:
    """Is any approved student of an accepted class in this room? One indexed look-up."""
    return (
        db.session.scalar(
            select(ClassMembership.id)
            .join(RoomClass, RoomClass.class_id == ClassMembership.class_id)
            .where(RoomClass.room_id == room.id, RoomClass.status == "accepted", ClassMembership.status == "approved")
            .limit(1)
        )
        is not None
    )


def has_expert_member(room: Room) -> bool:
    """Is an outside adult (an invited expert, not removed) a member of this room? One indexed look-up."""
    return (
        db.session.scalar(
            select(RoomMember.id)
            .join(User, User.id == RoomMember.user_id)
            .where(
                RoomMember.room_id == room.id, RoomMember.invited, RoomMember.removed.is_(False), User.role == "expert"
            )
            .limit(1)
        )
        is not None
    )


def room_facts(room: Room, member: Membership | None = None) -> policy.RoomFacts:
    """The facts the room policy decides on, current for every message: a stale answer could let
    an expert talk to students unsupervised. Who is a member may come from `member` (cached until
    a write to the room's members or classes moves its counters, `exchange.changes`); whether a
    supervisor is connected is always read now."""
    students = member.has_students if member is not None and member.has_students is not None else has_students(room)
    expert = member.has_expert if member is not None and member.has_expert is not None else has_expert_member(room)
    # Presence matters only for the supervision rule: skip the query where it cannot apply.
    supervised = supervisor_connected(room.id) if students and expert else True
    return policy.RoomFacts(
        state=room.state,
        opens_at=room.opens_at,
        closes_at=room.closes_at,
        has_students=students,
        has_outside_adult=expert,
        supervisor_connected=supervised,
    )


# ---- may this reach the room now? -----------------------------------------------------

# Marked for extraction (lazy), translated when a refusal is sent.
_REFUSALS = {
    "room_locked": _l("This room is locked: you can read but not write."),
    "room_not_open": _l("This room is not open yet."),
    "room_closed": _l("This room is closed."),
    "muted": _l("You are muted in this room for now."),
    "room_paused": _l("The room is paused until a teacher or moderator is present."),
    "removed_from_room": _l("You were removed from this room."),
    "invalid_activity": _l("This cannot reach the room now."),
}


def refusal_text(code: str) -> str:
    return str(_REFUSALS.get(code) or _("This cannot reach the room now."))


def delivery_refusal(
    user: User, room: Room, activity: str, *, role: str | None = None, member: Membership | None = None
) -> str | None:
    """The room policy's one answer for every path into a room (chat, typing, files, released
    messages), from facts read now: None, or the code of the refusal. `member`: the membership
    the caller already read (the send path), so the member row is not read twice."""
    if member is None:
        member = membership(user, room) if role is None else Membership(role, member_row(room, user), ())
    role = member.role
    if role is None:
        return refusal_reason(user, room)[0]
    row = member.row
    return policy.delivery_refusal(
        room_facts(room, member),
        activity,
        muted_until=row.muted_until if row else None,
        removed=bool(row and row.removed),
        now=utcnow(),
    )


def ensure_delivery(user: User, room: Room, activity: str, *, role: str | None = None) -> None:
    """Raise the room policy's refusal (403 with a clear sentence) when `activity` may not reach the room."""
    code = delivery_refusal(user, room, activity, role=role)
    if code:
        raise Forbidden(refusal_text(code) if code in _REFUSALS else refusal_reason(user, room)[1], code=code)
