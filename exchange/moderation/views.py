"""Moderation edge: the live queue page, flag actions, reports, audit and transcript exports.

Room effects of an action (mute, remove from room, lock) belong to the rooms domain, so this
edge composes `rooms.services` with the moderation services; each action writes exactly
one audit record (the moderation one), the room functions are called with `audited=False`.
"""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import display_name, suspend_user
from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, require
from ..csv_export import csv_text
from ..db import db
from ..errors import Conflict, Invalid
from ..ids import as_id, lookup, query_id
from ..realtime import emit, user_channel
from ..rooms import services as rooms
from ..storage import audit_log, message_log
from ..when import utc_instant
from . import services
from .models import Flag

bp = Blueprint("moderation", __name__)


def supervised_room_ids(user: User) -> list[int] | None:
    """None = every room (platform moderators); a school's admins and moderators: rooms their
    school takes part in; teachers: their rooms."""
    if user.role == "moderator" and user.platform_wide:
        return None
    return [r.id for r in rooms.rooms_for(user) if rooms.member_role(user, r) in rooms.policy.SUPERVISORS]


def _queue_for(user: User):
    args = request.args
    room_id = query_id("room")
    school_id = query_id("school")
    if user.role == "admin":
        school_id = user.school_id  # an admin reviews their own school's flags (and escalations)
    flags = services.queue(room_ids=supervised_room_ids(user) if user.role != "admin" else None, school_id=school_id,
                           room_id=room_id, status=args.get("status") or None)
    return flags


@bp.get("/moderation")
@require("moderation.review")
def queue_page():
    user = current_user()
    return render_template("moderation/queue.html", flags=[services.flag_view(f) for f in _queue_for(user)])


@bp.get("/api/v1/flags")
@require("moderation.review")
@doc("The review queue: open flags by severity and age; filters room, school, status", tag="moderation",
     query={"room": "integer", "school": "integer", "status": "string"})
def api_flags():
    return ok({"flags": [services.flag_view(f) for f in _queue_for(current_user())]})


def _flag_for(user: User, flag_id: int) -> Flag:
    flag = services.get_flag(flag_id)
    services.ensure_may_moderate(user, supervised_room_ids(user), flag)
    return flag


@bp.post("/api/v1/flags/<int:flag_id>/claim")
@require("moderation.review")
@doc("Claim a flag so that no one else acts on it", tag="moderation")
def api_claim(flag_id: int):
    user = current_user()
    return ok(services.flag_view(services.claim(user, _flag_for(user, flag_id))))


@bp.post("/api/v1/flags/<int:flag_id>/actions")
@require("moderation.review")
@doc("Act on a flag: approve, remove, dismiss, warn, mute, kick, suspend, lock, escalate (reason required)",
     body={"action": "string", "reason": "string", "minutes": "integer"}, tag="moderation")
def api_act(flag_id: int):
    user = current_user()
    flag = _flag_for(user, flag_id)
    data = json_body()
    action = field(data, "action")
    reason = services.require_reason(data.get("reason"))
    if action not in services.ACTIONS:
        raise Invalid(_("Unknown action."), code="invalid_action")
    if action == "suspend" and user.role == "teacher":
        ensure(False, _("Only moderators and admins can suspend accounts."))
    room = rooms.get_room(flag.room_id) if flag.room_id is not None else None
    author = db.session.get(User, flag.author_id) if flag.author_id else None
    result: dict = {}
    if action == "approve":
        # At approval time, not at hold time: the author must still be in the room and the room
        # must take messages now (open, not locked, not paused for want of a supervisor).
        if room is not None and author is not None and flag.verdict == "hold":
            if rooms.member_role(author, room) is None:
                raise Conflict(_("The author is no longer in this room; the message cannot be approved."),
                               code="author_gone")
            rooms.ensure_delivery(author, room, "release")
        result["seq"] = services.release_held(user, flag, reason)
    elif action == "remove" and flag.subject_type == "file":
        from ..files import services as files

        files.decide(user, flag.subject_id, "remove", reason)  # audited there, once
        services.resolve(user, flag, "removed", reason, action="remove", audited=False)
    elif action == "remove":
        if flag.verdict == "hold":  # never delivered: it simply never enters the room
            services.resolve(user, flag, "removed", reason, action="remove", after={"delivered": False})
            if flag.author_id:  # the author's page drops its "waiting for approval" line
                emit("held_rejected", {"room": flag.room_id, "client_msg_id": flag.client_msg_id}, user_channel(flag.author_id))
        else:
            seq = int(flag.subject_id) if flag.subject_type == "message" and (flag.subject_id or "").isdigit() else None
            if seq is None or room is None:
                raise Invalid(_("This flag is not about a message in a room."), code="not_a_message")
            result["removal_seq"] = services.remove_message(user, room.id, seq, reason)
            services.resolve(user, flag, "removed", reason, action="remove", after={"removed_seq": seq})
    elif action == "dismiss":
        services.resolve(user, flag, "dismissed", reason, action="dismiss")
    elif action == "warn":
        services.warn(user, flag, reason)
    elif action in ("mute", "kick", "lock"):
        if room is None or (action != "lock" and author is None):
            raise Invalid(_("This flag has no room or author for that action."), code="invalid_action")
        if action == "mute":
            minutes = field(data, "minutes", int, required=False) or 15
            services.mute_window(minutes)
            rooms.mute(user, room, author.id, minutes, reason, audited=False)
            after = {"muted_user": author.id, "minutes": minutes}
        elif action == "kick":
            rooms.remove_from_room(user, room, author, reason, audited=False)
            after = {"removed_user": author.id}
        else:
            rooms.set_state(user, room, "lock", reason, audited=False)
            after = {"room_state": "locked"}
        services.resolve(user, flag, "actioned", reason, action=action, after=after)
    elif action == "suspend":
        ensure(author is not None, _("This flag has no author."))
        suspend_user(user, author, reason, audited=False)
        for row in rooms.present_rooms_of(author.id):
            rooms.evict(row, author.id, "account_suspended")
        services.resolve(user, flag, "actioned", reason, action="suspend", after={"suspended_user": author.id})
    elif action == "escalate":
        old = flag.status
        flag.status = "escalated"
        db.session.commit()
        services.audit("moderation", actor_id=user.id, action="moderation.escalate", subject_type="flag",
                       subject_id=flag.id, room_id=flag.room_id, school_id=flag.school_id, reason=reason,
                       before={"flag_status": old}, after={"flag_status": "escalated"})
        for admin in db.session.scalars(select(User).where(User.role == "admin", User.school_id == flag.school_id)):
            emit("flag", services.flag_view(flag), user_channel(admin.id))
        services._announce(flag)
    return ok({"flag": services.flag_view(flag), **result})


@bp.post("/api/v1/reports")
@require("moderation.report")
@doc("Report a message, file or profile with a reason", body={"room": "integer", "seq": "integer", "subject_type": "string",
                                                              "subject_id": "string", "category": "string", "reason": "string"},
     tag="moderation", status=201)
def api_report():
    user = current_user()
    data = json_body()
    subject_type = field(data, "subject_type", required=False) or "message"
    category = field(data, "category")
    reason = field(data, "reason")
    if subject_type == "message":
        room = rooms.get_room(field(data, "room", int))
        rooms.require_member(user, room)
        seq = field(data, "seq", int)
        record = message_log().by_seq(room.id, seq) if as_id(seq) else None
        if record is None or record.kind != "message":
            raise Invalid(_("No such message."), code="no_such_message")
        context = [{"seq": r.seq, "author_id": r.author_id, "body": r.body}
                   for r in message_log().since(room.id, max(0, seq - 4), 7)]
        author = db.session.get(User, record.author_id) if record.author_id else None
        from ..safety import check_text

        if check_text(reason, audience="under13").action == "block":
            raise Invalid(_("Please describe the problem in other words."), code="reason_refused")
        flag = services.report(user, room_id=room.id, subject_type="message", subject_id=seq, category=category,
                               reason=reason, snapshot=record.body, context=context,
                               author_id=record.author_id, school_id=author.school_id if author else None)
    elif subject_type == "profile":
        target = lookup(User, field(data, "subject_id", int))
        if target is None:
            raise Invalid(_("No such person."), code="no_such_user")
        flag = services.report(user, room_id=None, subject_type="profile", subject_id=target.id, category=category,
                               reason=reason, snapshot=target.full_name, context=[], author_id=target.id,
                               school_id=target.school_id)
    else:
        raise Invalid(_("Reports are about a message, a file or a profile."), code="invalid_subject")
    return ok({"flag_id": flag.id, "status": flag.status}, 201)


def _period():
    def parse(name):
        value = request.args.get(name)
        return utc_instant(value, name, naive_is_utc=True) if value else None
    return parse("since"), parse("until")


AUDIT_FIELDS = ("seq", "at", "actor_id", "action", "subject_type", "subject_id", "room_id", "school_id", "school_ids",
                "reason", "before", "after", "prev_hash", "hash")


def _audit_row(r) -> dict:
    return {"seq": r.seq, "at": r.at.isoformat().replace("+00:00", "Z"), "actor_id": r.actor_id, "action": r.action,
            "subject_type": r.subject_type, "subject_id": r.subject_id, "room_id": r.room_id, "school_id": r.school_id,
            "reason": r.reason, "before": r.before, "after": r.after, "prev_hash": r.prev_hash, "hash": r.hash,
            "school_ids": r.school_ids if r.school_ids is not None else ([r.school_id] if r.school_id else [])}


def _may_read(user: User, record) -> bool:
    """A record of the reader's school; or, for admins, the vetting of experts, which belongs to
    no school and which school admins carry out as the platform's verifiers."""
    if record.concerns_school(user.school_id):
        return True
    return user.role == "admin" and record.subject_type == "vetting_record"


@bp.get("/api/v1/audit")
@require("audit.view")
@doc("The audit log for a room or a period, as JSON or CSV (?format=csv)", tag="moderation",
     query={"room": "integer", "since": "string", "until": "string", "format": "string"})
def api_audit():
    user = current_user()
    since, until = _period()
    room_id = query_id("room")
    records = audit_log().records(room_id=room_id, since=since, until=until)
    if not user.platform_wide:  # a school's admin or moderator: records that concern their school only
        records = (r for r in records if _may_read(user, r))
    rows = [_audit_row(r) for r in records]
    if request.args.get("format") == "csv":
        return Response(csv_text(AUDIT_FIELDS, ([r[k] for k in AUDIT_FIELDS] for r in rows)), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=audit.csv"})
    return ok({"records": rows, "head": list(audit_log().head())})


@bp.get("/api/v1/rooms/<int:room_id>/transcript")
@require("room.control")
@doc("A room's transcript for its teachers and moderators (?format=csv)", tag="moderation",
     query={"format": "string"})
def api_transcript(room_id: int):
    user = current_user()
    room = rooms.get_room(room_id)
    ensure(rooms.can_control(user, room), _("Only a teacher or moderator of this room can export it."))
    records = message_log().since(room.id, 0, 100_000)
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({r.author_id for r in records if r.author_id})))}
    lines = [{"seq": r.seq, "at": r.created_at.isoformat().replace("+00:00", "Z"), "kind": r.kind,
              "author": display_name(authors[r.author_id], user) if r.author_id in authors else "",
              "body": "" if r.meta.get("removed") else r.body, "removed": bool(r.meta.get("removed"))}
             for r in records]
    services.audit("moderation", actor_id=user.id, action="transcript.export", subject_type="room", subject_id=room.id,
                   room_id=room.id)
    if request.args.get("format") == "csv":
        fields = ("seq", "at", "kind", "author", "body", "removed")
        return Response(csv_text(fields, ([line[k] for k in fields] for line in lines)), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename=room-{room.id}-transcript.csv"})
    return ok({"room": room.id, "title": room.title, "messages": lines})
