"""HTTP edge of the files domain: the room's files page, the teacher queue, uploads, downloads, API.

Upload routes check CSRF themselves (they are exempt from the global check, which would
parse the whole multipart body first): the token is checked and a per-request body limit set
before a byte of the body is read, so an oversized upload is refused while it streams in.
"""

from __future__ import annotations


from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..errors import DomainError
from ..extensions import csrf
from ..rooms.membership import current_state, get_room, require_member
from . import events as _events  # noqa: F401  (registers the Socket.IO handlers of this domain)
from . import rules
from .access import list_files, open_download, review_queue, viewer_for
from .decisions import decide, report_file, set_policy
from .http import check_csrf, file_response, read_upload
from .limits import largest_upload, upload_limits
from .presenters import file_view, policy_view
from .upload import precheck_upload, upload_file

bp = Blueprint("files", __name__)

ACCEPT = "image/jpeg,image/png,image/webp,image/gif,application/pdf,text/plain,.txt,.md,audio/*"


# ---- pages ---------------------------------------------------------------------------


def _room_page_context(room_id: int) -> dict:
    user = current_user()
    room = get_room(room_id)
    viewer, files = list_files(user, room)
    views = [file_view(f, viewer) for f in files]
    try:  # the same checks an upload meets before its body is read: the form or the reason, never a failing button
        precheck_upload(user, room)
        upload_refusal = None
    except DomainError as exc:
        upload_refusal = exc.message
    return {
        "upload_refusal": upload_refusal,
        "room": room,
        "role": viewer.room_role,
        "supervisor": viewer.room_role in rules.SUPERVISORS,
        "files": [v for v in views if not v["may_review"]],
        "queue": [v for v in views if v["may_review"]],
        "policy": policy_view(room),
        "limits": upload_limits(),
        "accept": ACCEPT,
        "max_bytes": largest_upload(),
        "state": current_state(room),
    }


@bp.get("/rooms/<int:room_id>/files")
@require("file.download")
def room_files(room_id: int):
    return render_template("files/room_files.html", **_room_page_context(room_id))


@bp.get("/rooms/<int:room_id>/files/list")
@require("file.download")
def room_files_list(room_id: int):
    """The list and queue as an HTML fragment: the page swaps it in after uploads and live notices."""
    return render_template("files/_list.html", **_room_page_context(room_id))


@bp.post("/rooms/<int:room_id>/files")
@csrf.exempt  # checked in the view, before the body is read
@require("file.upload")
def upload_form(room_id: int):
    """The upload form without JavaScript; the page's script uses the API with a progress bar."""
    user = current_user()
    try:
        room = get_room(room_id)
        precheck_upload(user, room)
        data, name = read_upload(form_token=True)
        f = upload_file(user, room, data, name)
    except DomainError as exc:
        db.session.rollback()
        if exc.code in ("not_a_member", "no_such_room", "csrf_failed"):
            raise
        flash(exc.message, "error")
    else:
        flash(
            _("Shared: %(name)s.", name=f.filename)
            if f.status == "approved"
            else _("%(name)s is waiting for your teacher's approval.", name=f.filename)
        )
    return redirect(url_for("files.room_files", room_id=room_id), 303)


def _back(f) -> str:
    if request.form.get("next") == "review":
        return url_for("files.review_page")
    return url_for("files.room_files", room_id=f.room_id)


@bp.post("/files/<file_id>/<any(approve, reject, remove):action>")
@require("file.review")
def decide_form(file_id: str, action: str):
    f = decide(current_user(), file_id, action, request.form.get("reason"))
    flash(
        {
            "approve": _("Approved: %(name)s.", name=f.filename),
            "reject": _("Not approved: %(name)s.", name=f.filename),
            "remove": _("Removed: %(name)s.", name=f.filename),
        }[action]
    )
    return redirect(_back(f), 303)


@bp.post("/rooms/<int:room_id>/files/policy")
@require("file.review")
def policy_form(room_id: int):
    room = get_room(room_id)
    set_policy(current_user(), room, request.form.get("student_files_need_approval") == "1")
    flash(_("The room's file rule is saved."))
    return redirect(url_for("files.room_files", room_id=room_id), 303)


@bp.get("/files/review")
@require("file.review")
def review_page():
    user = current_user()
    items = []
    for f, room in review_queue(user):
        items.append({"file": file_view(f, viewer_for(user, room)), "room": room, "created_at": f.created_at})
    return render_template("files/review.html", items=items)


@bp.get("/files/<file_id>")
@require("file.download")
def download(file_id: str):
    f, data = open_download(current_user(), file_id)
    return file_response(f, data)


# ---- JSON API ------------------------------------------------------------------------


@bp.post("/api/v1/rooms/<int:room_id>/files")
@csrf.exempt  # checked in the view from the X-CSRFToken header, before the body is read
@require("file.upload")
@doc(
    "Share a file in a room (multipart/form-data, field `file`); students' files may wait for their teacher",
    response={"file": "object"},
    tag="files",
    status=201,
)
def api_upload(room_id: int):
    user = current_user()
    check_csrf(request.headers.get("X-CSRFToken") or request.headers.get("X-CSRF-Token"))
    room = get_room(room_id)
    precheck_upload(user, room)
    data, name = read_upload(form_token=False)
    f = upload_file(user, room, data, name)
    return ok({"file": file_view(f, viewer_for(user, room))}, 201)


@bp.get("/api/v1/rooms/<int:room_id>/files")
@require("file.download")
@doc("The room's files you may see, newest first, with the room's file policy", tag="files")
def api_list(room_id: int):
    room = get_room(room_id)
    viewer, files = list_files(current_user(), room)
    return ok({"room": room.id, "files": [file_view(f, viewer) for f in files], "policy": policy_view(room)})


@bp.get("/api/v1/rooms/<int:room_id>/files/policy")
@require("file.download")
@doc("Whether students' files wait for their teacher in this room", tag="files")
def api_policy(room_id: int):
    room = get_room(room_id)
    require_member(current_user(), room)
    return ok(policy_view(room))


@bp.post("/api/v1/rooms/<int:room_id>/files/policy")
@require("file.review")
@doc(
    "Set the room's file policy (room supervisors; always on in rooms with under-13s)",
    body={"student_files_need_approval": "boolean"},
    tag="files",
)
def api_set_policy(room_id: int):
    data = json_body()
    room = get_room(room_id)
    return ok(set_policy(current_user(), room, field(data, "student_files_need_approval", bool)))


@bp.post("/api/v1/files/<file_id>/<any(approve, reject, remove):action>")
@require("file.review")
@doc(
    "Approve or reject a student's file (their teacher or a moderator), or remove a file; reason required "
    "to reject or remove",
    body={"reason": "string"},
    response={"file": "object"},
    tag="files",
)
def api_decide(file_id: str, action: str):
    data = json_body() if request.content_length else {}
    user = current_user()
    f = decide(user, file_id, action, field(data, "reason", required=False))
    return ok({"file": file_view(f, viewer_for(user, get_room(f.room_id)))})


@bp.get("/api/v1/files/<file_id>/download")
@require("file.download")
@doc("Download a file you may see (cleaned bytes; attachment except images)", tag="files")
def api_download(file_id: str):
    f, data = open_download(current_user(), file_id)
    return file_response(f, data)


@bp.get("/api/v1/files/review")
@require("file.review")
@doc("Students' files waiting for your approval, across your rooms", tag="files")
def api_review():
    user = current_user()
    return ok({"files": [file_view(f, viewer_for(user, room)) for f, room in review_queue(user)]})


@bp.post("/api/v1/files/<file_id>/report")
@require("moderation.report")
@doc(
    "Report a file you can see to the room's teachers and the moderators",
    body={"category": "string", "reason": "string"},
    tag="files",
    status=201,
)
def api_report(file_id: str):
    data = json_body()
    flag_id = report_file(current_user(), file_id, field(data, "category"), field(data, "reason"))
    return ok({"flag_id": flag_id}, 201)


# ---- dashboard and navigation ----------------------------------------------------------


@bp.app_template_global()
def files_waiting_for_review() -> int:
    """How many students' files wait for the current user's approval (0 for those who do not review)."""
    user = current_user()
    if user is None or user.role not in ("teacher", "moderator", "admin"):
        return 0
    return len(review_queue(user))


@bp.app_template_filter("filesize")
def filesize(n) -> str:
    n = int(n or 0)
    if n < 1024:
        return ngettext("%(n)d byte", "%(n)d bytes", n, n=n)
    if n < 1024 * 1024:
        return _("%(n)s KB", n=f"{n / 1024:.0f}")
    return _("%(n)s MB", n=f"{n / (1024 * 1024):.1f}")
