"""Pages and API of a partnership's resources: links and documents by topic, for its teachers and,
where marked, its students. Uploads check CSRF before the body is read (`files.http.read_upload`)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, json_body, ok
from ..authz import current_user, require
from ..errors import DomainError
from ..extensions import csrf
from ..files.http import check_csrf, read_upload
from . import resources
from .blueprint import bp
from .forms import ResourceForm, ToggleForm


@bp.get("/rooms/<int:room_id>/resources")
@require("room.view")
def resources_page(room_id: int):
    room, runs, rows = resources.visible(current_user(), room_id)
    return render_template(
        "showcase/resources.html",
        room=room,
        runs=runs,
        rows=rows,
        files=resources.files_of(rows),
        form=ResourceForm(),
        toggle=ToggleForm(),
    )


@bp.post("/rooms/<int:room_id>/resources")
@csrf.exempt  # checked in read_upload before the body is read, or here for a link
@require("room.control")
def resources_add(room_id: int):
    user = current_user()
    try:
        if request.mimetype == "multipart/form-data":
            data, name = read_upload(form_token=True)
            upload: tuple[bytes, str] | None = (data, name) if data else None
        else:
            check_csrf(request.form.get("csrf_token"))
            upload = None
        form = request.form
        resources.add(
            user,
            room_id,
            topic=form.get("topic", ""),
            title=form.get("title", ""),
            note=form.get("note", ""),
            url=form.get("url", "") or None,
            for_students=form.get("for_students") in ("y", "on", "true"),
            upload=upload,
        )
        flash(_("The resource is shared with the partnership."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.resources_page", room_id=room_id))


@bp.post("/resources/<int:resource_id>/share")
@require("room.control")
def resources_share(resource_id: int):
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        row = resources.set_for_students(current_user(), resource_id, form.value.data == "students")
        flash(
            _("Students see this resource.") if row.for_students else _("Only teachers see this resource."), "success"
        )
        return redirect(url_for("showcase.resources_page", room_id=row.room_id))
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("dashboard.home"))


@bp.post("/resources/<int:resource_id>/remove")
@require("room.control")
def resources_remove(resource_id: int):
    if not ToggleForm().validate_on_submit():
        abort(400)
    room_id = request.form.get("room_id", type=int)
    try:
        resources.remove(current_user(), resource_id)
        flash(_("The resource was taken away."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.resources_page", room_id=room_id) if room_id else url_for("dashboard.home"))


def _resource_view(row, files) -> dict:
    f = files.get(row.file_id) if row.file_id else None
    return {
        "id": row.id,
        "room": row.room_id,
        "topic": row.topic,
        "title": row.title,
        "note": row.note,
        "url": row.url,
        "file": {"id": f.id, "filename": f.filename, "kind": f.kind, "size": f.size} if f else None,
        "for_students": row.for_students,
        "created_at": row.created_at.isoformat().replace("+00:00", "Z"),
    }


@bp.get("/api/v1/rooms/<int:room_id>/resources")
@require("room.view")
@doc("A partnership's resources this person may see, by topic", tag="showcase")
def api_resources(room_id: int):
    _room, runs, rows = resources.visible(current_user(), room_id)
    files = resources.files_of(rows)
    return ok({"resources": [_resource_view(r, files) for r in rows], "may_share": runs})


@bp.post("/api/v1/rooms/<int:room_id>/resources")
@csrf.exempt  # checked here from the X-CSRFToken header, before a document's body is read
@require("room.control")
@doc(
    "Share a link (JSON) or a document (multipart: file, topic, title, note, for_students) with the partnership",
    body={"topic": "string", "title": "string", "url": "string", "note": "string", "for_students": "boolean"},
    tag="showcase",
    status=201,
)
def api_resources_add(room_id: int):
    user = current_user()
    check_csrf(request.headers.get("X-CSRFToken") or request.headers.get("X-CSRF-Token"))
    if request.mimetype == "multipart/form-data":
        data, name = read_upload(form_token=False)
        form = request.form
        row = resources.add(
            user,
            room_id,
            topic=form.get("topic"),
            title=form.get("title"),
            note=form.get("note", ""),
            for_students=form.get("for_students") in ("true", "1", "on", "y"),
            upload=(data, name),
        )
    else:
        body = json_body()
        row = resources.add(
            user,
            room_id,
            topic=body.get("topic"),
            title=body.get("title"),
            note=body.get("note", ""),
            url=body.get("url"),
            for_students=body.get("for_students", False),
        )
    return ok(_resource_view(row, resources.files_of([row])), 201)


@bp.post("/api/v1/resources/<int:resource_id>")
@require("room.control")
@doc("Show a resource to the students too, or keep it for teachers", body={"for_students": "boolean"}, tag="showcase")
def api_resources_share(resource_id: int):
    row = resources.set_for_students(current_user(), resource_id, json_body().get("for_students"))
    return ok(_resource_view(row, resources.files_of([row])))


@bp.delete("/api/v1/resources/<int:resource_id>")
@require("room.control")
@doc("Take a resource away (its document leaves the room too)", tag="showcase")
def api_resources_remove(resource_id: int):
    resources.remove(current_user(), resource_id)
    return ok({"ok": True})
