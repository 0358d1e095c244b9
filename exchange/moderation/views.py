"""Moderation edge: the live queue page, flag actions, reports, audit and transcript exports.

Thin: each route checks who is asking, reads the request and calls one of `actions`,
`reports`, `exports` or the moderation services; presenters shape the answer.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, require
from ..db import db
from ..csv_export import csv_text
from ..errors import Conflict, DomainError, Invalid
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
from .rule_texts import all_sentences, rule_sentence
from .review import DANGER, filter_options, items_for, waiting_count
from .supervision import flag_for, queue_for, queue_scope

bp = Blueprint("moderation", __name__)


@bp.app_template_global()
def rule_sentences() -> dict[str, str]:
    """For the room page's held panel: each rule's sentence in the viewer's language."""
    return all_sentences()


def _queue():
    return queue_for(
        current_user(),
        room_id=query_id("room"),
        school_id=query_id("school"),
        status=request.args.get("status") or None,
    )


REVIEWER_ROLES = ("moderator", "admin", "teacher")
FILTER_KEYS = ("status", "room", "school")


@bp.app_context_processor
def _review_nav():
    """`review_waiting()` in every template: the count of flags waiting for the one asking."""

    def review_waiting() -> int:
        user = current_user()
        if user is None or user.role not in REVIEWER_ROLES:
            return 0
        return waiting_count(user)

    return {"review_waiting": review_waiting}


def _filters_query(source) -> str:
    """The queue's filters as a query string, to come back to the same view after an action."""
    kept = {k: source.get(k) for k in FILTER_KEYS if source.get(k)}
    return ("?" + urlencode(kept)) if kept else ""


@bp.get("/moderation")
@require("moderation.review")
def queue_page():
    user = current_user()
    room_ids, own_school = queue_scope(user)
    rooms, schools = filter_options(room_ids, own_school)
    return render_template(
        "moderation/queue.html",
        items=items_for(user, _queue()),
        may_teach=may_manage_lists(user),
        platform_wide=user.platform_wide,
        categories=LIST_CATEGORIES,
        rooms=rooms,
        schools=schools,
        danger=DANGER,
        rule_sentence=rule_sentence,
    )


def _back(focus: str | None = None):
    """303 back to the queue with the filters it had (and the item to focus next, if any)."""
    target = url_for("moderation.queue_page") + _filters_query(request.form)
    if focus and focus.isdigit():
        target += f"#flag-{focus}"
    return redirect(target, code=303)


@bp.post("/moderation/flags/<int:flag_id>/claim")
@require("moderation.review")
def claim_form(flag_id: int):
    """Claim from the page (works without JavaScript)."""
    user = current_user()
    flag = flag_for(user, flag_id)  # a flag out of reach is a 403/404 page, not a flash
    try:
        services.claim(user, flag)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        flash(_("You are handling this flag now; no one else can act on it."))
    return _back(str(flag_id))


@bp.post("/moderation/flags/<int:flag_id>/act")
@require("moderation.review")
def act_form(flag_id: int):
    """One action on a flag from the page: the action is the button pressed, the reason is typed."""
    user = current_user()
    action = request.form.get("action", "")
    minutes = request.form.get("minutes", "")
    options = {"minutes": int(minutes)} if minutes.isdigit() else {}
    flag = flag_for(user, flag_id)  # a flag out of reach is a 403/404 page, not a flash
    try:
        act(user, flag, action, request.form.get("reason"), options)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _back(str(flag_id))
    flash(_("Done: %(action)s. It is in the audit log.", action=action_label(action)))
    return _back(request.form.get("next"))


def action_label(action: str) -> str:
    labels = {
        "approve": _("approved"),
        "remove": _("removed"),
        "dismiss": _("dismissed"),
        "warn": _("author warned"),
        "mute": _("author muted"),
        "kick": _("author removed from the room"),
        "suspend": _("account suspended"),
        "lock": _("room locked"),
        "escalate": _("escalated to the school's admins"),
    }
    return labels.get(action, action)


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
        flash(exc.message, "error")
    else:
        flash(_("Undone: \u201c%(phrase)s\u201d is off the list for the next message.", phrase=entry.phrase))
    return redirect(url_for("moderation.lists_page"))


@bp.post("/moderation/lists")
@require("moderation.review")
def lists_add_form():
    """Teach the filter from a queue item (works without JavaScript): allow or deny a phrase."""
    user = _lists_reader()
    flag_id = request.form.get("flag_id", "")
    severity = request.form.get("severity", "")
    flag = flag_for(user, int(flag_id)) if flag_id.isdigit() else None
    try:
        entry = add_entry(
            user,
            phrase=request.form.get("phrase"),
            kind=request.form.get("kind"),
            category=request.form.get("category"),
            severity=int(severity) if severity.isdigit() else None,
            scope=request.form.get("scope") or "school",
            school_id=None,
            flag=flag,
            reason=request.form.get("reason"),
        )
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        flash(_("Added to the list: it applies to the next message.") + f" (#{entry.id})")
    return _back(flag_id or None)


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
