"""Room rules with the database: membership, state changes, posting, history and presence.

Events and views call these plain functions; they return data or raise domain errors and
never emit to sockets themselves except through `exchange.realtime`.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from .. import ratelimits
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import lookup
from ..moderation import services as moderation
from ..realtime import emit, message_payload, room_channel
from ..safety import SafetyPolicy, check_text
from ..signals import audit
from ..storage import message_log
from . import policy
from .models import LiveSocket, Presence, Room, RoomClass, RoomMember, ServerBeat

SERVER_ID = uuid.uuid4().hex  # this process; presence rows carry it
BEAT_STALE = timedelta(seconds=30)


# ---- lookup and membership -----------------------------------------------------------

def get_room(room_id) -> Room:
    if isinstance(room_id, bool) or not isinstance(room_id, (int, str)) or (
            isinstance(room_id, str) and not room_id.isdigit()):
        raise Invalid(_("A room id is a number."), code="invalid_room")
    room = lookup(Room, room_id)  # numbers that can name no room (0, huge) are simply not found
    if room is None:
        raise NotFound(_("No such room."), code="no_such_room")
    return room


def accepted_classes(room: Room) -> list[SchoolClass]:
    return list(db.session.scalars(select(SchoolClass).join(RoomClass, RoomClass.class_id == SchoolClass.id)
                                   .where(RoomClass.room_id == room.id, RoomClass.status == "accepted")))


def member_row(room: Room, user: User) -> RoomMember | None:
    return db.session.scalar(select(RoomMember).where(RoomMember.room_id == room.id, RoomMember.user_id == user.id))


def member_role(user: User | None, room: Room) -> str | None:
    """The role this user has in this room, or None when they are not a member."""
    if user is None or not user.is_active:
        return None
    row = member_row(room, user)
    if row is not None and row.removed:
        return None
    classes = accepted_classes(room)
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
        if ids and db.session.scalar(select(ClassMembership.id).where(
                ClassMembership.user_id == user.id, ClassMembership.class_id.in_(ids),
                ClassMembership.status == "approved")):
            from ..guardians.consent import room_consent_refusal

            if room_consent_refusal(user, room, classes):  # follows who is in the room, not its kind
                return None
            return "student"
        return None
    if user.role == "expert" and row is not None and row.invited:
        from ..vetting.clearance import expert_cleared

        return "expert" if expert_cleared(user) else None
    return None


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
        return "expert_not_verified", _("Your verification has expired or was withdrawn: you cannot join rooms with students now.")
    in_class = user.role == "student" and db.session.scalar(
        select(ClassMembership.id).join(RoomClass, RoomClass.class_id == ClassMembership.class_id).where(
            RoomClass.room_id == room.id, RoomClass.status == "accepted", ClassMembership.user_id == user.id,
            ClassMembership.status == "approved").limit(1)) is not None
    if in_class:
        from ..guardians.consent import room_refusal

        code = room_refusal(user, room)
        if code:
            return code, _("A parent or guardian has not given consent for this yet. Your teacher can tell you more.")
    return "not_a_member", _("You are not a member of this room.")


def rooms_for(user: User) -> list[Room]:
    """Rooms this user may enter, newest first (bounded: dashboards list the latest ones)."""
    platform = user.role == "moderator" and user.platform_wide
    candidates = db.session.scalars(select(Room).order_by(Room.id.desc()).limit(200)) if platform else None
    if candidates is None:
        ids: set[int] = set()
        ids |= set(db.session.scalars(select(RoomMember.room_id).where(RoomMember.user_id == user.id, RoomMember.invited)))
        class_ids: list[int] = []
        if user.role == "teacher":
            class_ids = list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.teacher_id == user.id)))
        elif user.role == "student":
            class_ids = list(db.session.scalars(select(ClassMembership.class_id).where(
                ClassMembership.user_id == user.id, ClassMembership.status == "approved")))
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
    return bool(db.session.scalar(select(RoomClass.id).join(SchoolClass, SchoolClass.id == RoomClass.class_id)
                                  .where(RoomClass.room_id == room.id, SchoolClass.teacher_id == user.id)))


def current_state(room: Room, now: datetime | None = None) -> str:
    return policy.effective_state(room.state, room.opens_at, room.closes_at, now or utcnow())


# ---- creating rooms and invitations --------------------------------------------------

def _audience(classes: list[SchoolClass]) -> str:
    if not classes:
        return "adult"
    return "under13" if any(c.under13 for c in classes) else "teen"


def create_room(actor: User, *, title: str, class_ids: list, opens_at: datetime | None = None,
                closes_at: datetime | None = None, expert_ids=(), kind: str = "exchange",
                premoderated: bool | None = None, session_id: int | None = None) -> Room:
    """A teacher opens a room for their class and invites partner classes (and experts)."""
    from ..accounts.services import validate_name

    if actor.role not in ("teacher", "admin", "moderator"):
        raise Forbidden(_("Your role may not create rooms."))
    if not isinstance(class_ids, list) or not class_ids or not all(isinstance(c, int) and not isinstance(c, bool) for c in class_ids):
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
        raise Forbidden(_("Your school admin must verify you before you meet partner classes."), code="teacher_not_verified")
    if expert_ids and actor.role == "teacher" and actor.teacher_verified_at is None:
        # The same rule as the visit flow: only a verified teacher hosts an outside adult.
        raise Forbidden(_("Your school admin must verify you before you host experts."), code="teacher_not_verified")
    if actor.role == "moderator" and not actor.platform_wide and own.school_id != actor.school_id:
        raise Forbidden(_("The first class must be of your school."), code="not_your_class")
    if opens_at and closes_at and closes_at <= opens_at:
        raise Invalid(_("A room must close after it opens."), code="invalid_window")
    room = Room(title=validate_name(title, _("Title")) if len(title or "") <= 80 else _long_title(title), kind=kind,
                state="scheduled", opens_at=opens_at, closes_at=closes_at, owner_class_id=own.id,
                created_by=actor.id, session_id=session_id)
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
    audit("rooms", actor_id=actor.id, action="room.create", subject_type="room", subject_id=room.id, room_id=room.id,
          school_id=own.school_id, after={"classes": [c.id for c in classes], "premoderated": room.premoderated})
    return room


def _long_title(title: str) -> str:
    from ..accounts.services import validate_name

    title = " ".join(str(title).split())[:200]
    verdict = check_text(title, audience="under13")
    if verdict.action != "allow":
        raise Invalid(_("That title is not allowed here. Please choose another."), code="title_refused")
    return title or validate_name(title, _("Title"))


def invite_adult(room: Room, user_id, commit: bool = True) -> RoomMember:
    user = lookup(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.role not in ("expert", "teacher", "moderator"):
        raise Invalid(_("Only experts, teachers and moderators can be invited by name."), code="invalid_invitee")
    if user.role == "expert":
        from ..vetting.clearance import expert_cleared

        if not expert_cleared(user):
            raise Forbidden(_("This expert is not verified, or their verification has expired."), code="expert_not_verified")
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
        raise Forbidden(_("Your school admin must verify you before you meet partner classes."), code="teacher_not_verified")
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
    audit("rooms", actor_id=teacher.id, action="room.invitation_" + rc.status, subject_type="room", subject_id=room.id,
          room_id=room.id, school_id=cls.school_id)
    return rc


def can_control(user: User, room: Room) -> bool:
    return member_role(user, room) in policy.SUPERVISORS


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
        audit("rooms", actor_id=actor.id, action=f"room.{action}", subject_type="room", subject_id=room.id, room_id=room.id,
              reason=reason, before={"state": before}, after={"state": current_state(room)})
    broadcast_state(room)
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
        audit("rooms", actor_id=actor.id, action="room.mute" if minutes else "room.unmute", subject_type="user",
              subject_id=target.id, room_id=room.id, reason=reason, after={"minutes": minutes})
    emit("muted", {"room": room.id, "user_id": target.id,
                   "until": row.muted_until.isoformat().replace("+00:00", "Z") if row.muted_until else None},
         room_channel(room.id))
    return row


# ---- the message path ----------------------------------------------------------------

def _member_facts(room: Room) -> tuple[bool, bool]:
    """(has students, has an outside adult): two indexed look-ups, read fresh on every message
    because a stale answer could let an expert talk to students unsupervised."""
    has_students = db.session.scalar(
        select(ClassMembership.id).join(RoomClass, RoomClass.class_id == ClassMembership.class_id).where(
            RoomClass.room_id == room.id, RoomClass.status == "accepted", ClassMembership.status == "approved").limit(1)
    ) is not None
    has_expert = db.session.scalar(select(RoomMember.id).join(User, User.id == RoomMember.user_id).where(
        RoomMember.room_id == room.id, RoomMember.invited, RoomMember.removed.is_(False), User.role == "expert").limit(1)
    ) is not None
    return has_students, has_expert


def _facts(room: Room) -> policy.RoomFacts:
    has_students, has_expert = _member_facts(room)
    # Presence matters only for the supervision rule: skip the query where it cannot apply.
    supervised = supervisor_connected(room.id) if has_students and has_expert else True
    return policy.RoomFacts(state=room.state, opens_at=room.opens_at, closes_at=room.closes_at,
                            has_students=has_students, has_outside_adult=has_expert,
                            supervisor_connected=supervised)


def room_view(room: Room, user: User | None = None) -> dict:
    facts = _facts(room)
    state = current_state(room)
    out = {"id": room.id, "title": room.title, "kind": room.kind, "state": state, "paused": policy.paused(facts),
           "premoderated": room.premoderated, "audience": room.audience,
           "opens_at": _iso(room.opens_at), "closes_at": _iso(room.closes_at),
           "last_seq": message_log().last_seq(room.id)}
    if user is not None:
        out["my_role"] = member_role(user, room)
        row = member_row(room, user)
        out["muted_until"] = _iso(row.muted_until) if row and row.muted_until and row.muted_until > utcnow() else None
    return out


def _iso(dt):
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def safety_policy() -> SafetyPolicy:
    return SafetyPolicy(link_domains=frozenset(current_app.config.get("LINK_DOMAINS", ())))


def post_message(user: User, room: Room, body, client_msg_id) -> dict:
    """The whole path of one chat message; returns the ack for the sender."""
    cfg = current_app.config
    if not isinstance(body, str) or not isinstance(client_msg_id, str):
        return _refuse("invalid_payload", _("A message needs a text body and a client_msg_id."))
    if not 1 <= len(client_msg_id) <= 64:
        return _refuse("invalid_payload", _("client_msg_id must be 1 to 64 characters."))
    body = body.strip()
    if not body:
        return _refuse("empty_message", _("Write something first."))
    if len(body) > cfg["MESSAGE_MAX_CHARS"]:
        return _refuse("message_too_long", _("Messages can be at most %(n)d characters.", n=cfg["MESSAGE_MAX_CHARS"]))
    role = member_role(user, room)
    if role is None:
        return _refuse(*refusal_reason(user, room))
    log = message_log()
    stored = log.by_client_msg_id(room.id, user.id, client_msg_id)
    if stored is not None:  # a retry: the first attempt was stored, say so with its seq
        return {"ok": True, "seq": stored.seq, "duplicate": True, "redacted": bool(stored.meta.get("redacted"))}
    refusal = delivery_refusal(user, room, "message", role=role)
    if refusal:
        return _refuse(refusal, refusal_text(refusal))
    previous = moderation.held_for(room.id, user.id, client_msg_id)
    if previous is not None and previous.verdict == "block":  # a retry of a blocked message: same answer, no new flag
        return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
    if previous is not None:
        return {"ok": True, "held": True, "flag_id": previous.id, "seq": previous.released_seq,
                "message": _("Your message is waiting for a teacher or moderator.")}
    if not ratelimits.allow(ratelimits.CHAT, user.id):
        return _refuse("rate_limited", _("You are sending messages too fast. Wait a moment."))
    # The audience is the sender's age group: students get the room's (youngest) band, adults
    # the adult rules (which still hold grooming phrases and app handles aimed at children).
    audience = room.audience if user.role == "student" else "adult"
    verdict = check_text(body, audience=audience, policy=safety_policy())
    reasons = [{"category": r.category, "severity": r.severity, "span": list(r.span), "rule": r.rule} for r in verdict.reasons]
    if verdict.action == "block":
        moderation.raise_flag(room_id=room.id, school_id=user.school_id, source="safety", verdict="block",
                              author_id=user.id, body=body, reasons=reasons, context=_context(room),
                              client_msg_id=client_msg_id, notify_user_ids=teacher_ids(room))
        return _refuse("blocked", _("This message was not sent: it breaks the rules of the room."))
    hold = verdict.action == "hold" or (room.premoderated and user.role == "student")
    if hold:
        flag = moderation.raise_flag(room_id=room.id, school_id=user.school_id,
                                     source="safety" if verdict.action == "hold" else "premoderation", verdict="hold",
                                     author_id=user.id, body=verdict.text if verdict.action == "hold" else body,
                                     reasons=reasons, context=_context(room), client_msg_id=client_msg_id,
                                     notify_user_ids=teacher_ids(room))
        return {"ok": True, "held": True, "flag_id": flag.id, "seq": None,
                "message": _("Your message is waiting for a teacher or moderator.")}
    meta = {"redacted": True} if verdict.action == "redact" else {}
    record, created = log.append(room.id, author_id=user.id, kind="message", body=verdict.text,
                                 client_msg_id=client_msg_id, meta=meta)
    if created:
        emit("message", message_payload(record, user), room_channel(room.id))
    return {"ok": True, "seq": record.seq, "duplicate": not created, "redacted": bool(record.meta.get("redacted"))}


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


def delivery_refusal(user: User, room: Room, activity: str, *, role: str | None = None) -> str | None:
    """The room policy's one answer for every path into a room (chat, typing, files, released
    messages), from facts read now: None, or the code of the refusal."""
    role = role or member_role(user, room)
    if role is None:
        return refusal_reason(user, room)[0]
    row = member_row(room, user)
    return policy.delivery_refusal(_facts(room), activity, muted_until=row.muted_until if row else None,
                                   removed=bool(row and row.removed), now=utcnow())


def ensure_delivery(user: User, room: Room, activity: str, *, role: str | None = None) -> None:
    """Raise the room policy's refusal (403 with a clear sentence) when `activity` may not reach the room."""
    code = delivery_refusal(user, room, activity, role=role)
    if code:
        raise Forbidden(refusal_text(code) if code in _REFUSALS else refusal_reason(user, room)[1], code=code)


def _refuse(code: str, message) -> dict:
    return {"ok": False, "error": code, "message": str(message)}


def _context(room: Room, n: int = 5) -> list:
    return [{"seq": r.seq, "author_id": r.author_id, "body": r.body} for r in message_log().latest(room.id, n)]


# A client may name any seq; larger ones are read as this one. A seq is a 32-bit INTEGER column
# (PostgreSQL casts the parameter to it), so no room goes past it and no backend overflows on it.
MAX_SEQ = 2**31 - 1
PAGE_SIZE, PAGE_MAX = 100, 500


def history(user: User, room: Room, last_seq) -> dict:
    """Everything after last_seq in order. A client more than RESUME_LIMIT behind gets the latest page with
    `resync: true` and `first_seq`: it fills the gap after its last_seq with `history_page` (nothing is lost)."""
    if isinstance(last_seq, bool) or not isinstance(last_seq, int) or last_seq < 0:
        raise Invalid(_("last_seq must be a whole number."), code="invalid_payload")
    limit = current_app.config["RESUME_LIMIT"]
    log = message_log()
    records = log.since(room.id, min(last_seq, MAX_SEQ), limit + 1)
    resync = len(records) > limit
    if resync:
        records = log.latest(room.id, limit)
    return {"messages": _payloads(records), "resync": resync, "first_seq": records[0].seq if records else None}


def history_page(room: Room, *, after: int | None = None, before: int | None = None, limit: int = PAGE_SIZE) -> dict:
    """One page of the room's history, for catching up and scrolling back: the `limit` messages after
    `after`, or the `limit` just before `before`, always in seq order, with the cursor for the next page."""
    limit = max(1, min(limit, PAGE_MAX))
    log = message_log()
    if before is not None:
        records = log.before(room.id, min(before, MAX_SEQ), limit + 1)
        has_more = len(records) > limit
        records = records[1:] if has_more else records
        return {"messages": _payloads(records), "has_more": has_more,
                "next_before": records[0].seq if records else before}
    after = min(after or 0, MAX_SEQ)
    records = log.since(room.id, after, limit + 1)
    has_more = len(records) > limit
    records = records[:limit]
    return {"messages": _payloads(records), "has_more": has_more, "next_after": records[-1].seq if records else after}


def _payloads(records) -> list[dict]:
    """Records as clients see them live (removed ones stay tombstones), authors fetched in one query."""
    ids = {r.author_id for r in records if r.author_id}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return [message_payload(r, authors.get(r.author_id)) for r in records]


# ---- presence ------------------------------------------------------------------------

def beat() -> None:
    now = utcnow()
    row = db.session.get(ServerBeat, SERVER_ID)
    if row is None:
        db.session.add(ServerBeat(server_id=SERVER_ID, seen_at=now))
    else:
        row.seen_at = now
    # Sockets of a process that died without saying so (power cut): long silent, surely gone.
    # Far longer than BEAT_STALE, so that a busy process is never mistaken for a dead one.
    heard_lately = select(ServerBeat.server_id).where(ServerBeat.seen_at > now - BEAT_STALE * 20)
    db.session.execute(delete(LiveSocket).where(LiveSocket.server_id.not_in(heard_lately), LiveSocket.server_id != SERVER_ID))
    db.session.commit()


def _live_servers():
    return select(ServerBeat.server_id).where(ServerBeat.seen_at > utcnow() - BEAT_STALE)


def enter(user: User, room: Room, role: str, sid: str) -> None:
    if db.session.scalar(select(Presence.id).where(Presence.sid == sid, Presence.room_id == room.id)) is None:
        db.session.add(Presence(room_id=room.id, user_id=user.id, role=role, sid=sid, server_id=SERVER_ID))
        db.session.commit()


def leave(room_id: int, sid: str) -> None:
    db.session.execute(delete(Presence).where(Presence.sid == sid, Presence.room_id == room_id))
    db.session.commit()


def leave_all(sid: str) -> list[int]:
    """A socket closed: it leaves every room and the live-socket registry."""
    rooms = list(db.session.scalars(select(Presence.room_id).where(Presence.sid == sid)))
    db.session.execute(delete(Presence).where(Presence.sid == sid))
    db.session.execute(delete(LiveSocket).where(LiveSocket.sid == sid))
    db.session.commit()
    return rooms


def register_socket(sid: str, user_id: int, login_session_id: int | None) -> None:
    db.session.add(LiveSocket(sid=sid, user_id=user_id, login_session_id=login_session_id, server_id=SERVER_ID))
    db.session.commit()


def socket_known(sid: str) -> bool:
    return db.session.get(LiveSocket, sid) is not None


def sockets_of(*, user_id: int, login_session_id: int | None = None) -> list[str]:
    """Every open socket of a user (or of one of their logins), on every server process."""
    q = select(LiveSocket.sid).where(LiveSocket.user_id == user_id)
    if login_session_id is not None:
        q = q.where(LiveSocket.login_session_id == login_session_id)
    return list(db.session.scalars(q))


def close_sockets(_sender=None, *, user_id: int, login_session_id: int | None) -> int:
    """A login ended: disconnect its sockets wherever they are (the message queue carries it)."""
    from ..extensions import socketio

    sids = sockets_of(user_id=user_id, login_session_id=login_session_id)
    for sid in sids:
        socketio.emit("session_ended", {"error": "login_required"}, to=sid)
        socketio.server.disconnect(sid, namespace="/")
    return len(sids)


def member_role_fresh(user: User, room: Room) -> str | None:
    """The member role read again from the database, past anything this session has cached."""
    db.session.commit()
    db.session.expire_all()
    return member_role(user, room)


def forget_server() -> None:
    """On shutdown: this process's connections are gone; tell the rooms they were in."""
    rooms = sorted(set(db.session.scalars(select(Presence.room_id).where(Presence.server_id == SERVER_ID))))
    db.session.execute(delete(Presence).where(Presence.server_id == SERVER_ID))
    db.session.execute(delete(LiveSocket).where(LiveSocket.server_id == SERVER_ID))
    db.session.execute(delete(ServerBeat).where(ServerBeat.server_id == SERVER_ID))
    db.session.commit()
    for room_id in rooms:
        room = db.session.get(Room, room_id)
        if room is not None:
            broadcast_presence(room)
            broadcast_state(room)


def present_rooms_of(user_id: int) -> list[int]:
    return sorted(set(db.session.scalars(select(Presence.room_id).where(Presence.user_id == user_id))))


def teacher_ids(room: Room) -> list[int]:
    """Teachers of the room's accepted classes: they hear of flags even when not in the room."""
    return sorted({c.teacher_id for c in accepted_classes(room)})


def present(room_id: int) -> list[Presence]:
    return list(db.session.scalars(select(Presence).where(Presence.room_id == room_id,
                                                          Presence.server_id.in_(_live_servers()))))


def supervisor_connected(room_id: int) -> bool:
    return db.session.scalar(select(Presence.id).where(
        Presence.room_id == room_id, Presence.role.in_(policy.SUPERVISORS),
        Presence.server_id.in_(_live_servers())).limit(1)) is not None


def presence_view(room: Room) -> dict:
    rows = present(room.id)
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({p.user_id for p in rows})))} if rows else {}
    seen, people = set(), []
    for p in rows:
        u = users.get(p.user_id)
        if u is None or u.id in seen:
            continue
        seen.add(u.id)
        people.append({"id": u.id, "name": u.short_name if u.role == "student" else u.full_name, "role": p.role})
    return {"room": room.id, "people": people, "paused": policy.paused(_facts(room)), "state": current_state(room)}


def broadcast_state(room: Room) -> None:
    emit("room_state", room_view(room), room_channel(room.id))


def broadcast_presence(room: Room) -> None:
    emit("presence", presence_view(room), room_channel(room.id))


def remove_from_room(actor: User | None, room: Room, user: User, reason: str, *, audited: bool = True) -> None:
    """Take someone out of a room at once, on every server process (through their user channel)."""
    row = member_row(room, user) or RoomMember(room_id=room.id, user_id=user.id)
    db.session.add(row)
    row.removed = True
    db.session.commit()
    if audited:
        audit("rooms", actor_id=actor.id if actor else None, action="room.remove_member", subject_type="user",
              subject_id=user.id, room_id=room.id, reason=reason)
    evict(room.id, user.id, "removed_from_room")


def evict(room_id: int, user_id: int, code: str) -> None:
    """Drop every socket of this user from the room, on whichever server process holds it."""
    from ..extensions import socketio
    from ..realtime import supervisors_channel

    # Every socket of the user, not only those with a presence row: a socket that is still
    # joining has no presence row yet but is already registered (see events.on_join).
    for sid in sockets_of(user_id=user_id):
        socketio.emit("evicted", {"room": room_id, "error": code}, to=sid)
        # With a message queue, leave_room for a socket of another process is published to it.
        socketio.server.leave_room(sid, room_channel(room_id), namespace="/")
        socketio.server.leave_room(sid, supervisors_channel(room_id), namespace="/")
    db.session.execute(delete(Presence).where(Presence.room_id == room_id, Presence.user_id == user_id))
    db.session.commit()
    room = db.session.get(Room, room_id)
    if room is not None:
        broadcast_presence(room)
        broadcast_state(room)


def recheck_access(_sender=None, *, user_id: int, code: str) -> list[int]:
    """Remove a user at once from every room they are connected to and may no longer be in."""
    user = db.session.get(User, user_id)
    lost = []
    for room_id in present_rooms_of(user_id):
        room = db.session.get(Room, room_id)
        if room is not None and (user is None or member_role(user, room) is None):
            evict(room_id, user_id, code)
            lost.append(room_id)
    return lost
