"""Room pages and API: the room page, creating rooms, answering invitations, teacher controls."""

from __future__ import annotations


from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..directory.models import SchoolClass
from ..errors import DomainError, Forbidden, Invalid
from ..when import utc_instant
from . import policy
from .admin import answer_invitation, create_room, mute, set_citizenship_requirement, set_state
from .class_room import class_rooms, open_class_room, sibling_classes
from .forms import ClassRoomForm
from .history import MAX_SEQ, PAGE_SIZE, history_page
from .membership import can_control, get_room, require_member, rooms_for
from .presenters import iso, room_view

bp = Blueprint("rooms", __name__)


def _when(data: dict, name: str):
    value = field(data, name, required=False)
    return None if value is None else utc_instant(value, name)


@bp.get("/rooms/<int:room_id>")
@require("room.view")
def room_page(room_id: int):
    user = current_user()
    room = get_room(room_id)
    role = require_member(user, room)
    return render_template(
        "rooms/room.html", room=room_view(room, user), role=role, supervisor=role in policy.SUPERVISORS
    )


@bp.app_template_global()
def class_room_panel(cls: SchoolClass, manages: bool) -> dict:
    """For templates/rooms/_class_rooms.html on the class page: its rooms, and the form to open one."""
    user = current_user()
    form = None
    if manages:
        form = ClassRoomForm()
        form.with_class.choices = [("", _("Only this class"))] + [(str(c.id), c.name) for c in sibling_classes(cls)]
    return {"rooms": class_rooms(user, cls), "form": form}


@bp.post("/classes/<int:class_id>/rooms")
@require("class.manage")
def open_class_room_page(class_id: int):
    """The class page's "Open a room for this class" button: the room is open at once."""
    form = ClassRoomForm()
    if not form.validate_on_submit():
        flash(_("The room was not opened: the title may have at most 80 characters."), "error")
        return redirect(url_for("directory.class_page", class_id=class_id))
    try:
        room = open_class_room(current_user(), class_id, form.title.data or "", form.with_class.data or None)
    except DomainError as exc:
        db.session.rollback()
        if exc.status != 400:
            raise  # not this user's class, or no such class: the error page says so
        flash(exc.message, "error")
        return redirect(url_for("directory.class_page", class_id=class_id))
    flash(_("Your class room is open. Students of the class can join it from their dashboard."))
    return redirect(url_for("rooms.room_page", room_id=room.id))


@bp.post("/api/v1/classes/<int:class_id>/rooms")
@require("class.manage")
@doc(
    "Open a room for your own class (and optionally a second class you teach) at once",
    body={"title": "string", "with_class_id": "integer"},
    tag="rooms",
    status=201,
)
def api_open_class_room(class_id: int):
    data = json_body() if request.content_length else {}
    room = open_class_room(
        current_user(),
        class_id,
        field(data, "title", required=False) or "",
        field(data, "with_class_id", int, required=False),
    )
    return ok(room_view(room, current_user()), 201)


@bp.get("/api/v1/rooms")
@require("room.view")
@doc("Rooms the user may enter", tag="rooms")
def api_rooms():
    user = current_user()
    return ok({"rooms": [room_view(r, user) for r in rooms_for(user)]})


@bp.post("/api/v1/rooms")
@require("room.create")
@doc(
    "Create a room for your class and invite partner classes and experts",
    body={
        "title": "string",
        "class_ids": "array",
        "opens_at": "string",
        "closes_at": "string",
        "expert_ids": "array",
        "premoderated": "boolean",
    },
    tag="rooms",
    status=201,
)
def api_create_room():
    data = json_body()
    experts = field(data, "expert_ids", list, required=False) or []
    room = create_room(
        current_user(),
        title=field(data, "title"),
        class_ids=field(data, "class_ids", list),
        opens_at=_when(data, "opens_at"),
        closes_at=_when(data, "closes_at"),
        expert_ids=experts,
        premoderated=field(data, "premoderated", bool, required=False),
    )
    return ok(room_view(room, current_user()), 201)


@bp.get("/api/v1/rooms/<int:room_id>")
@require("room.view")
@doc("One room with its state", tag="rooms")
def api_room(room_id: int):
    user = current_user()
    room = get_room(room_id)
    require_member(user, room)
    return ok(room_view(room, user))


@bp.get("/api/v1/rooms/<int:room_id>/messages")
@require("room.view")
@doc(
    "A page of the room's messages in seq order: `after=N` (the next ones) or `before=N` (the ones just before), "
    "`limit` 1-500 (default 100); `has_more` with `next_after` / `next_before` give the next page",
    tag="rooms",
    query={"after": "integer", "before": "integer", "limit": "integer"},
)
def api_messages(room_id: int):
    user = current_user()
    room = get_room(room_id)
    require_member(user, room)
    after, before = _seq_arg("after"), _seq_arg("before")
    if after is not None and before is not None:
        raise Invalid(_("Ask for messages after a seq or before one, not both."), code="invalid_payload")
    limit = _seq_arg("limit")
    if limit == 0:
        raise Invalid(_("limit must be at least 1."), code="invalid_payload")
    return ok(history_page(room, after=after, before=before, limit=limit or PAGE_SIZE))


def _seq_arg(name: str) -> int | None:
    """A query number of 0 or more (None when absent); beyond any seq means "the end", never an overflow."""
    value = request.args.get(name)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()):
        raise Invalid(_("%(name)s must be a whole number (0 or more).", name=name), code="invalid_payload")
    return int(value) if len(value) <= 18 else MAX_SEQ


@bp.post("/api/v1/rooms/<int:room_id>/invitations/<int:class_id>/<any(accept, decline):answer>")
@require("class.manage")
@doc("The teacher of an invited class accepts or declines", tag="rooms")
def api_answer(room_id: int, class_id: int, answer: str):
    rc = answer_invitation(current_user(), get_room(room_id), class_id, answer == "accept")
    return ok({"room": room_id, "class_id": class_id, "status": rc.status})


@bp.post("/api/v1/rooms/<int:room_id>/<any(open, close, lock, unlock):action>")
@require("room.control")
@doc("Teacher controls: open early, close, lock read-only, unlock", body={"reason": "string"}, tag="rooms")
def api_control(room_id: int, action: str):
    reason = ""
    if request.content_length:
        reason = field(json_body(), "reason", required=False) or ""
    room = set_state(current_user(), get_room(room_id), action, reason[:500])
    return ok(room_view(room, current_user()))


@bp.post("/api/v1/rooms/<int:room_id>/mute")
@require("room.control")
@doc(
    "Mute a member for some minutes (0 unmutes)",
    body={"user_id": "integer", "minutes": "integer", "reason": "string"},
    tag="rooms",
)
def api_mute(room_id: int):
    data = json_body()
    row = mute(
        current_user(),
        get_room(room_id),
        field(data, "user_id", int),
        field(data, "minutes", int),
        (field(data, "reason", required=False) or "")[:500],
    )
    return ok({"user_id": row.user_id, "muted_until": iso(row.muted_until)})


def _controlled_room(room_id: int):
    """The room, when the person asking runs it; checked before anything they sent is read."""
    room = get_room(room_id)
    if not can_control(current_user(), room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    return room


@bp.post("/api/v1/rooms/<int:room_id>/citizenship")
@require("room.control")
@doc(
    "Require (or not) the digital-citizenship lesson and pledge before a student joins the room",
    body={"required": "boolean"},
    tag="rooms",
)
def api_citizenship(room_id: int):
    room = _controlled_room(room_id)
    required = field(json_body(), "required", bool)
    return ok(room_view(set_citizenship_requirement(current_user(), room, required), current_user()))


@bp.post("/rooms/<int:room_id>/citizenship")
@require("room.control")
def citizenship_page_form(room_id: int):
    room = _controlled_room(room_id)
    if request.form.get("required") not in ("yes", "no"):
        raise Invalid(_("Choose whether the room requires the lesson."), code="invalid_payload")
    set_citizenship_requirement(current_user(), room, request.form["required"] == "yes")
    flash(
        _("Students now take the digital-citizenship lesson before they join this room.")
        if room.requires_citizenship
        else _("This room no longer requires the digital-citizenship lesson."),
        "success",
    )
    return redirect(url_for("rooms.room_page", room_id=room.id))
