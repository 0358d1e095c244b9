"""The JSON twin of family messages: threads, writing, a concern, announcements and the
teacher's availability note. Who asks is checked before the body is read."""

from __future__ import annotations

from flask import Blueprint

from ..apidoc import doc, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..accounts.models import User
from . import announcements, availability, rules, threads
from .presenters import item_view, thread_items, thread_view

bp = Blueprint("conversations_api", __name__)


def _row_view(row: threads.ThreadRow, side: str | None) -> dict:
    view = thread_view(row.thread, row.student, row.guardian, side or "")
    view["unread"] = row.unread
    return view


@bp.get("/api/v1/messages")
@require("messages.family")
@doc(
    "Your conversations with families (teachers) or your children's teachers (guardians), newest first", tag="messages"
)
def api_threads():
    me = current_user()
    return ok({"threads": [_row_view(r, threads.side_in(me, r.thread)) for r in threads.threads_for(me)]})


@bp.post("/api/v1/messages")
@require("messages.family")
@doc(
    "Write about a child: a guardian to the child's teachers, a teacher to one of the child's guardians",
    body={"student_id": "integer", "guardian_id": "integer", "body": "string"},
    response={"thread": "object", "message": "object"},
    tag="messages",
    status=201,
)
def api_start():
    me = current_user()
    data = json_body()
    thread = threads.open_thread(me, data.get("student_id"), data.get("guardian_id"))
    side = threads.side_in(me, thread) or ""
    msg = threads.post(me, thread, side, data.get("body"))
    return ok({"thread": {"id": thread.id}, "message": {"id": msg.id, "body": msg.body}}, 201)


@bp.get("/api/v1/messages/<int:thread_id>")
@require("messages.family")
@doc(
    "A conversation: its messages (with replies by text and paper slips), read receipts; marks yours read",
    tag="messages",
)
def api_thread(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)
    threads.mark_read(me, thread, side)
    student = db.session.get(User, thread.student_id)
    guardian = db.session.get(User, thread.guardian_id)
    view = thread_view(thread, student, guardian, side) if student and guardian else {"id": thread.id}
    hours = [
        {
            "class": h.class_name,
            "days": list(h.days),
            "start": h.start,
            "end": h.end,
            "zone": h.zone,
            "open_now": h.open_now,
            "days_label": h.days_label,
            "teachers": [{"name": t.full_name, "note": note} for t, note in h.teachers],
        }
        for h in availability.school_hours(thread.student_id)
    ]
    return ok({**view, "messages": [item_view(i) for i in thread_items(thread)], "school_hours": hours})


@bp.post("/api/v1/messages/<int:thread_id>")
@require("messages.family")
@doc(
    "Write in a conversation",
    body={"body": "string"},
    response={"id": "integer", "body": "string"},
    tag="messages",
    status=201,
)
def api_post(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)
    threads.writer_only(side)  # refused before the body is read
    msg = threads.post(me, thread, side, json_body().get("body"))
    return ok({"id": msg.id, "body": msg.body, "flagged": msg.flagged}, 201)


@bp.post("/api/v1/messages/<int:thread_id>/concern")
@require("messages.family")
@doc(
    "Ask the school's safeguarding lead (its admin) to read this conversation",
    body={"reason": "string"},
    tag="messages",
)
def api_concern(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)
    threads.writer_only(side, concern=True)
    threads.raise_concern(me, thread, side, json_body().get("reason"))
    return ok({"ok": True})


@bp.post("/api/v1/messages/availability")
@require("messages.announce")
@doc("Your note to families on when you answer messages", body={"note": "string"}, tag="messages")
def api_availability():
    me = current_user()
    return ok({"note": availability.set_note(me, json_body().get("note"))})


@bp.post("/api/v1/announcements")
@require("messages.announce")
@doc(
    "Write to the guardians of a whole class: each gets it by the channel they chose (e-mail, text, paper)",
    body={"class_id": "integer", "title": "string", "body": "string"},
    response={"id": "integer", "families": "integer", "by_channel": "object", "to_print": "integer"},
    tag="messages",
    status=201,
)
def api_announce():
    me = current_user()
    data = json_body()
    ann, summary = announcements.send(me, data.get("class_id"), data.get("title"), data.get("body"))
    return ok(
        {"id": ann.id, "families": summary.total, "by_channel": summary.by_channel, "to_print": summary.to_print}, 201
    )


@bp.get("/api/v1/announcements/<int:announcement_id>")
@require("messages.family")
@doc("An announcement; its teacher also sees each family's channel and who has read it", tag="messages")
def api_announcement(announcement_id: int):
    me = current_user()
    ann, side = announcements.get(me, announcement_id)
    if side == "guardian":
        announcements.mark_read(me, ann)
    view: dict = {"id": ann.id, "title": ann.title, "body": ann.body, "created_at": ann.created_at.isoformat()}
    if side == "staff":
        rows = announcements.deliveries(ann)
        summary = rules.receipts((r.delivery.channel, r.delivery.status, r.delivery.read_at is not None) for r in rows)
        view["families"] = [
            {
                "guardian": r.guardian.full_name,
                "child": r.child.full_name,
                "channel": r.delivery.channel,
                "status": r.delivery.status,
                "read_at": r.delivery.read_at.isoformat() if r.delivery.read_at else None,
            }
            for r in rows
        ]
        view["read"], view["total"], view["to_print"] = summary.read, summary.total, summary.to_print
    return ok(view)
