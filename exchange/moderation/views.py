"""Moderation edge: the live queue page, flag actions, reports, audit and transcript exports.

Thin: each route checks who is asking, reads the request and calls one of `actions`,
`reports`, `exports` or the moderation services; presenters shape the answer.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, require
from ..csv_export import csv_text
from ..errors import Conflict, Invalid
from ..ids import query_id
from ..rooms.membership import can_control, get_room, require_member
from ..storage import audit_log
from ..when import utc_instant
from . import services
from .actions import act
from .exports import audit_rows, transcript
from .lists import LIST_CATEGORIES, add_entry, entries_for, get_entry, may_manage_lists, undo_entry
from .presenters import AUDIT_FIELDS, TRANSCRIPT_FIELDS, flag_view, list_entry_view
from .reports import report_message, report_profile
from .supervision import flag_for, queue_for

bp = Blueprint("moderation", __name__)


def _queue():
    return queue_for(
        current_user(),
        room_id=query_id("room"),
        school_id=query_id("school"),
        status=request.args.get("status") or None,
    )


@bp.get("/moderation")
@require("moderation.review")
def queue_page():
    user = current_user()
    return render_template(
        "moderation/queue.html",
        flags=[flag_view(f) for f in _queue()],
        may_teach=may_manage_lists(user),
        platform_wide=user.platform_wide,
        categories=LIST_CATEGORIES,
    )


# ---- the safety lists: what moderators taught the filter ----------------------------------


def _lists_reader():
    user = current_user()
    ensure(may_manage_lists(user), _("Only moderators and admins can see the safety lists."))
    return user


@bp.get("/moderation/lists")
@require("moderation.review")
def lists_page():
    user = _lists_reader()
    return render_template("moderation/lists.html", entries=[list_entry_view(e) for e in entries_for(user)])


@bp.post("/moderation/lists/<int:entry_id>/undo")
@require("moderation.review")
def lists_undo_form(entry_id: int):
    user = _lists_reader()
    try:
        entry = undo_entry(user, get_entry(entry_id), request.form.get("reason"))
    except (Conflict, Invalid) as exc:
        flash(exc.message)
    else:
        flash(_("Undone: \u201c%(phrase)s\u201d is off the list for the next message.", phrase=entry.phrase))
    return redirect(url_for("moderation.lists_page"))


@bp.get("/api/v1/moderation/lists")
@require("moderation.review")
@doc(
    "The safety lists a moderator or admin may see: the platform's and their school's (?active=1 hides undone)",
    tag="moderation",
    query={"active": "string"},
)
def api_lists():
    user = _lists_reader()
    entries = entries_for(user, include_undone=request.args.get("active") not in ("1", "true"))
    return ok({"entries": [list_entry_view(e) for e in entries]})


@bp.post("/api/v1/moderation/lists")
@require("moderation.review")
@doc(
    "Teach the filter: allow a phrase (a false alarm) or deny one (a miss), for a school or the platform",
    body={
        "phrase": "string",
        "kind": "string",
        "category": "string",
        "severity": "integer",
        "scope": "string",
        "school": "integer",
        "flag_id": "integer",
        "reason": "string",
    },
    tag="moderation",
    status=201,
)
def api_lists_add():
    user = _lists_reader()
    data = json_body()
    flag_id = data.get("flag_id")
    flag = flag_for(user, flag_id) if flag_id is not None else None
    entry = add_entry(
        user,
        phrase=data.get("phrase"),
        kind=data.get("kind"),
        category=data.get("category"),
        severity=data.get("severity"),
        scope=data.get("scope"),
        school_id=data.get("school"),
        flag=flag,
        reason=data.get("reason"),
    )
    return ok(list_entry_view(entry), 201)


@bp.post("/api/v1/moderation/lists/<int:entry_id>/undo")
@require("moderation.review")
@doc("Undo a list entry: the filter forgets it for the next message", body={"reason": "string"}, tag="moderation")
def api_lists_undo(entry_id: int):
    user = _lists_reader()
    data = request.get_json(silent=True) or {}
    return ok(
        list_entry_view(undo_entry(user, get_entry(entry_id), data.get("reason") if isinstance(data, dict) else None))
    )


@bp.get("/api/v1/flags")
@require("moderation.review")
@doc(
    "The review queue: open flags by severity and age; filters room, school, status",
    tag="moderation",
    query={"room": "integer", "school": "integer", "status": "string"},
)
def api_flags():
    return ok({"flags": [flag_view(f) for f in _queue()]})


@bp.post("/api/v1/flags/<int:flag_id>/claim")
@require("moderation.review")
@doc("Claim a flag so that no one else acts on it", tag="moderation")
def api_claim(flag_id: int):
    user = current_user()
    return ok(flag_view(services.claim(user, flag_for(user, flag_id))))


@bp.post("/api/v1/flags/<int:flag_id>/actions")
@require("moderation.review")
@doc(
    "Act on a flag: approve, remove, dismiss, warn, mute, kick, suspend, lock, escalate (reason required)",
    body={"action": "string", "reason": "string", "minutes": "integer"},
    tag="moderation",
)
def api_act(flag_id: int):
    user = current_user()
    flag = flag_for(user, flag_id)
    data = json_body()
    result = act(user, flag, field(data, "action"), data.get("reason"), data)
    return ok({"flag": flag_view(flag), **result})


@bp.post("/api/v1/reports")
@require("moderation.report")
@doc(
    "Report a message, file or profile with a reason",
    body={
        "room": "integer",
        "seq": "integer",
        "subject_type": "string",
        "subject_id": "string",
        "category": "string",
        "reason": "string",
    },
    tag="moderation",
    status=201,
)
def api_report():
    user = current_user()
    data = json_body()
    subject_type = field(data, "subject_type", required=False) or "message"
    category = field(data, "category")
    reason = field(data, "reason")
    if subject_type == "message":
        room = get_room(field(data, "room", int))
        require_member(user, room)
        flag = report_message(user, room, field(data, "seq", int), category, reason)
    elif subject_type == "profile":
        flag = report_profile(user, field(data, "subject_id", int), category, reason)
    else:
        raise Invalid(_("Reports are about a message, a file or a profile."), code="invalid_subject")
    return ok({"flag_id": flag.id, "status": flag.status}, 201)


def _period():
    def parse(name):
        value = request.args.get(name)
        return utc_instant(value, name, naive_is_utc=True) if value else None

    return parse("since"), parse("until")


@bp.get("/api/v1/audit")
@require("audit.view")
@doc(
    "The audit log for a room or a period, as JSON or CSV (?format=csv)",
    tag="moderation",
    query={"room": "integer", "since": "string", "until": "string", "format": "string"},
)
def api_audit():
    since, until = _period()
    rows = audit_rows(current_user(), room_id=query_id("room"), since=since, until=until)
    if request.args.get("format") == "csv":
        return Response(
            csv_text(AUDIT_FIELDS, ([r[k] for k in AUDIT_FIELDS] for r in rows)),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=audit.csv"},
        )
    return ok({"records": rows, "head": list(audit_log().head())})


@bp.get("/api/v1/rooms/<int:room_id>/transcript")
@require("room.control")
@doc("A room's transcript for its teachers and moderators (?format=csv)", tag="moderation", query={"format": "string"})
def api_transcript(room_id: int):
    user = current_user()
    room = get_room(room_id)
    ensure(can_control(user, room), _("Only a teacher or moderator of this room can export it."))
    lines = transcript(user, room)
    if request.args.get("format") == "csv":
        return Response(
            csv_text(TRANSCRIPT_FIELDS, ([line[k] for k in TRANSCRIPT_FIELDS] for line in lines)),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename=room-{room.id}-transcript.csv"},
        )
    return ok({"room": room.id, "title": room.title, "messages": lines})
