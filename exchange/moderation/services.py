"""Moderation rules: raising flags from safety verdicts and reports, the review queue, closing
flags with one audit record each, and telling supervisors. The actions on a flag that reach into
rooms, files and accounts are composed in `actions.py`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..db import db, utcnow
from ..ids import lookup
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..realtime import emit, message_payload, room_channel, supervisors_channel, user_channel
from ..signals import audit
from ..storage import message_log
from .models import Flag
from .presenters import flag_view

QUEUE_CHANNEL = "modqueue"


def raise_flag(
    *,
    room_id,
    school_id,
    source: str,
    verdict: str,
    author_id,
    body: str,
    reasons: list,
    context: list,
    client_msg_id=None,
    subject_type="message",
    subject_id=None,
    reporter_id=None,
    notify_user_ids=(),
) -> Flag:
    """Keep a snapshot for review and notify the room's supervisors and the moderators live."""
    # A message delivered masked is flagged for its harm, not for the phone number masked beside it.
    shown = [r for r in reasons if not str(r.get("category", "")).startswith("pii_")] if verdict == "redact" else []
    top: dict[str, Any] = (
        max(shown or reasons, key=lambda r: r.get("severity", 0)) if reasons else {"category": source, "severity": 1}
    )
    flag = Flag(
        room_id=room_id,
        school_id=school_id,
        source=source,
        verdict=verdict,
        author_id=author_id,
        body=body,
        reasons=reasons,
        context=context,
        client_msg_id=client_msg_id,
        category=top["category"],
        severity=int(top.get("severity", 1)),
        subject_type=subject_type,
        subject_id=subject_id,
        reporter_id=reporter_id,
    )
    db.session.add(flag)
    try:
        db.session.commit()
    except IntegrityError:
        # A concurrent retry of the same message attempt raised it first: one flag, one audit record.
        db.session.rollback()
        existing = held_for(room_id, author_id, client_msg_id) if client_msg_id is not None else None
        if existing is None:
            raise
        return existing
    audit(
        "moderation",
        actor_id=reporter_id,
        action=f"flag.{source}.{verdict}",
        subject_type="flag",
        subject_id=flag.id,
        room_id=room_id,
        school_id=school_id,
        after={"category": flag.category, "severity": flag.severity, "author_id": author_id},
    )
    payload = flag_view(flag)
    if room_id is not None:
        emit("flag", payload, supervisors_channel(room_id))
    emit("flag", payload, QUEUE_CHANNEL)
    for user_id in notify_user_ids:  # the supervising teachers, wherever they are in the app
        emit("flag", payload, user_channel(user_id))
    return flag


def held_for(room_id: int, author_id: int, client_msg_id: str):
    """The flag already raised for this message attempt, held or blocked (retries raise no second flag)."""
    return db.session.scalar(
        select(Flag).where(Flag.room_id == room_id, Flag.author_id == author_id, Flag.client_msg_id == client_msg_id)
    )


# ---- the review queue ------------------------------------------------------------------

OPEN_STATES = ("open", "claimed", "escalated")
REPORT_CATEGORIES = (
    "bullying",
    "hate",
    "sexual",
    "violence",
    "self_harm",
    "grooming",
    "personal_info",
    "spam",
    "other",
)


def get_flag(flag_id) -> Flag:
    flag = lookup(Flag, flag_id) if isinstance(flag_id, int) else None
    if flag is None:
        raise NotFound(_("No such flag."), code="no_such_flag")
    return flag


def queue(
    *,
    room_ids: list[int] | None,
    school_id: int | None = None,
    room_id: int | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[Flag]:
    """Flags by severity, then age; `room_ids=None` means every room (moderators)."""
    q = select(Flag)
    if room_ids is not None:
        q = q.where(Flag.room_id.in_(room_ids or [-1]))
    if school_id is not None:
        q = q.where(Flag.school_id == school_id)
    if room_id is not None:
        q = q.where(Flag.room_id == room_id)
    q = q.where(Flag.status.in_(OPEN_STATES) if status in (None, "", "pending") else Flag.status == status)
    return list(db.session.scalars(q.order_by(Flag.severity.desc(), Flag.created_at.asc(), Flag.id).limit(limit)))


def _updated(statement: Any) -> int:
    """Rows a guarded UPDATE changed: an UPDATE answers with a cursor, whose rowcount says who won."""
    return cast(CursorResult[Any], db.session.execute(statement)).rowcount


def claim(actor: User, flag: Flag) -> Flag:
    """Take a flag so that two moderators do not act on the same one (atomic on the row)."""
    changed = _updated(
        update(Flag)
        .where(
            Flag.id == flag.id,
            or_(Flag.claimed_by.is_(None), Flag.claimed_by == actor.id),
            Flag.status.in_(OPEN_STATES),
        )
        .values(claimed_by=actor.id, status="claimed")
    )
    db.session.commit()
    db.session.refresh(flag)
    if not changed:
        raise Conflict(_("Someone else is already handling this flag."), code="already_claimed")
    audit(
        "moderation",
        actor_id=actor.id,
        action="flag.claim",
        subject_type="flag",
        subject_id=flag.id,
        room_id=flag.room_id,
        school_id=flag.school_id,
    )
    announce(flag)
    return flag


def announce(flag: Flag) -> None:
    """Every open queue and the room's supervisors see the flag's new state at once."""
    payload = flag_view(flag)
    emit("flag_update", payload, QUEUE_CHANNEL)
    if flag.room_id is not None:
        emit("flag_update", payload, supervisors_channel(flag.room_id))


def _close(actor: User, flag: Flag, status: str, resolution: str) -> str:
    """Mark a flag handled with one guarded update: of two moderators (or two tabs) acting at
    once, exactly one wins and the other gets a 409 before anything else is written."""
    old = flag.status
    changed = _updated(
        update(Flag)
        .where(
            Flag.id == flag.id,
            Flag.status.in_(OPEN_STATES),
            or_(Flag.claimed_by.is_(None), Flag.claimed_by == actor.id),
        )
        .values(status=status, resolved_by=actor.id, resolution=resolution, resolved_at=utcnow())
    )
    db.session.commit()
    db.session.refresh(flag)
    if not changed:
        if flag.status in OPEN_STATES:
            raise Conflict(_("Someone else is already handling this flag."), code="already_claimed")
        raise Conflict(_("This flag was already handled."), code="already_resolved")
    return old


def resolve(
    actor: User,
    flag: Flag,
    status: str,
    resolution: str,
    *,
    before: dict | None = None,
    after: dict | None = None,
    action: str,
    audited: bool = True,
) -> Flag:
    """Close a flag with exactly one audit record for the action taken."""
    old = _close(actor, flag, status, resolution)
    _after_close(actor, flag, old, status, resolution, before=before, after=after, action=action, audited=audited)
    return flag


def _after_close(
    actor: User, flag: Flag, old: str, status: str, resolution: str, *, before, after, action: str, audited: bool
) -> None:
    if audited:  # False when the domain that carried the action out wrote the one record
        audit(
            "moderation",
            actor_id=actor.id,
            action=f"moderation.{action}",
            subject_type=flag.subject_type,
            subject_id=flag.subject_id or flag.id,
            room_id=flag.room_id,
            school_id=flag.school_id,
            reason=resolution,
            before=dict({"flag_status": old, "flag_id": flag.id}, **(before or {})),
            after=dict({"flag_status": status}, **(after or {})),
        )
    announce(flag)


def require_reason(reason) -> str:
    if not isinstance(reason, str) or len(reason.strip()) < 3:
        raise Invalid(_("Give a reason (at least a few words)."), code="reason_required")
    return reason.strip()[:1000]


def release_held(actor: User, flag: Flag, reason: str) -> int:
    """Approve a held message: it enters the room now, with a fresh seq, under its author.

    The flag is marked approved first, by one guarded update; only the winner writes to the
    room. A flag already removed (a stale page) is refused before the log is touched. The
    caller has checked the author's membership and the room policy just before."""
    if flag.verdict != "hold" or flag.subject_type != "message" or flag.room_id is None:
        raise Invalid(_("Only a held message can be approved into the room."), code="not_held")
    old = _close(actor, flag, "approved", reason)
    try:
        record, _created = message_log().append(
            flag.room_id,
            author_id=flag.author_id,
            kind="message",
            body=flag.body,
            client_msg_id=flag.client_msg_id,
            meta={"approved_by": actor.id},
        )
    except Exception:
        db.session.rollback()  # not delivered: the flag goes back to the queue
        db.session.execute(
            update(Flag).where(Flag.id == flag.id).values(status=old, resolved_by=None, resolved_at=None)
        )
        db.session.commit()
        raise
    flag.released_seq = record.seq
    flag.subject_id = str(record.seq)
    db.session.commit()
    _after_close(
        actor, flag, old, "approved", reason, before=None, after={"seq": record.seq}, action="approve", audited=True
    )
    author = db.session.get(User, flag.author_id)
    emit("message", message_payload(record, author), room_channel(flag.room_id))
    return record.seq


def remove_message(actor: User, room_id: int, seq: int, reason: str) -> int:
    """Remove a delivered message for everyone at once: the body is replaced and a removal record follows."""
    log = message_log()
    target = log.by_seq(room_id, seq)
    if target is None or target.kind != "message":
        raise NotFound(_("No such message."), code="no_such_message")
    if target.meta.get("removed"):
        return seq
    log.redact(room_id, seq, "", dict(target.meta, removed=True, removed_by=actor.id))
    notice, _created = log.append(room_id, author_id=None, kind="removal", body="", meta={"target_seq": seq})
    emit("message", message_payload(notice, None), room_channel(room_id))
    return notice.seq


def report(
    reporter: User,
    *,
    room_id: int | None,
    subject_type: str,
    subject_id,
    category: str,
    reason: str,
    snapshot: str,
    context: list,
    author_id: int | None,
    school_id: int | None,
) -> Flag:
    if category not in REPORT_CATEGORIES:
        raise Invalid(_("Choose a reason category."), code="invalid_category")
    reason = require_reason(reason)
    return raise_flag(
        room_id=room_id,
        school_id=school_id,
        source="report",
        verdict="report",
        author_id=author_id,
        body=snapshot,
        reasons=[
            {
                "category": category,
                "severity": 3 if category in ("grooming", "self_harm", "sexual") else 2,
                "span": [0, 0],
                "rule": "report",
                "note": reason,
            }
        ],
        context=context,
        subject_type=subject_type,
        subject_id=str(subject_id),
        reporter_id=reporter.id,
    )


def warn(actor: User, flag: Flag, reason: str) -> Flag:
    if flag.author_id is None:
        raise Invalid(_("This flag has no author to warn."), code="no_author")
    emit("notice", {"kind": "warning", "room": flag.room_id, "message": reason}, user_channel(flag.author_id))
    return resolve(actor, flag, "actioned", reason, action="warn", after={"warned_user": flag.author_id})


def escalate(actor: User, flag: Flag, reason: str) -> Flag:
    """Hand a flag to the admins of its school: they are told live, the queue sees the new state."""
    old = flag.status
    flag.status = "escalated"
    db.session.commit()
    audit(
        "moderation",
        actor_id=actor.id,
        action="moderation.escalate",
        subject_type="flag",
        subject_id=flag.id,
        room_id=flag.room_id,
        school_id=flag.school_id,
        reason=reason,
        before={"flag_status": old},
        after={"flag_status": "escalated"},
    )
    for admin in db.session.scalars(select(User).where(User.role == "admin", User.school_id == flag.school_id)):
        emit("flag", flag_view(flag), user_channel(admin.id))
    announce(flag)
    return flag


def mute_window(minutes) -> timedelta:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 7 * 24 * 60:
        raise Invalid(_("Minutes must be a whole number from 1 up to a week."), code="invalid_minutes")
    return timedelta(minutes=minutes)


def ensure_may_moderate(actor: User, room_ids_supervised: list[int] | None, flag: Flag) -> None:
    """Platform moderators act on any flag; a school's admins and moderators on flags of their
    school or of rooms their school takes part in; teachers on flags of their own rooms only."""
    if actor.role in ("moderator", "admin") and actor.platform_wide:
        return
    if actor.role in ("moderator", "admin"):
        in_rooms = room_ids_supervised is not None and flag.room_id is not None and flag.room_id in room_ids_supervised
        if flag.school_id == actor.school_id or in_rooms:
            return
        raise Forbidden(_("This flag belongs to another school."), code="not_your_school")
    if actor.role == "teacher" and room_ids_supervised is not None and flag.room_id in room_ids_supervised:
        return
    raise Forbidden(_("You may not moderate this."), code="forbidden")


def erase_author(user_id: int) -> int:
    """Data rights: empty the snapshots of this person's words kept in flags (their own flags'
    bodies and their lines in other flags' context). Flags stay as records of what was decided."""
    changed = 0
    for flag in db.session.scalars(select(Flag)):
        touched = False
        if flag.author_id == user_id and flag.body:
            flag.body, touched = "", True
        if flag.context and any(c.get("author_id") == user_id and c.get("body") for c in flag.context):
            flag.context = [dict(c, body="") if c.get("author_id") == user_id else c for c in flag.context]
            touched = True
        changed += touched
    db.session.commit()
    return changed
