"""Pages and API of exhibitions (a partnership's resources are in `resource_views`, on the same blueprint).

Exhibition pages are open without logging in (`public`): who sees what is decided by the
exhibition's audience and the authors' consents (`rules`), never by the route. Pages report a
refusal as a sentence on the page; the API answers with the domain's error.
"""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, public, require
from ..errors import DomainError, Unauthenticated
from ..files.access import list_files
from ..files.http import file_response
from ..rooms.history import MAX_SEQ, history_page
from ..rooms.membership import can_control, get_room, rooms_for
from . import comments, exhibitions
from . import resource_views  # noqa: F401  why: importing it registers the resources' routes on `bp`
from .forms import CommentForm, DecisionForm, ExhibitionForm, ItemForm
from .blueprint import bp
from .models import Exhibition

log = logging.getLogger("exchange.showcase")


def _audience_words() -> dict[str, str]:
    return {
        "partnership": _("Partnership"),
        "school": _("School and families"),
        "public": _("Public"),
    }


def _left_out_words() -> dict[str, str]:
    return {
        "no_public_consent": _("Not shown: no family consent to public showing."),
        "no_face_consent": _("Not shown: the family did not agree to pictures of the face in public."),
        "author_gone": _("Not shown: the author's account was closed."),
        "removed": _("Not shown: this work was removed from the room."),
    }


# ---- exhibitions: pages -------------------------------------------------------------------------


def _rooms_i_run() -> list:
    user = current_user()
    if user is None or user.role not in ("teacher", "admin", "moderator"):
        return []
    return [r for r in rooms_for(user) if can_control(user, r)]


@bp.get("/exhibitions")
@public
def exhibitions_page():
    user = current_user()
    form = ExhibitionForm()
    rooms = _rooms_i_run()
    form.room_id.choices = [(r.id, r.title) for r in rooms]
    return render_template(
        "showcase/exhibitions.html",
        rows=exhibitions.listed(user),
        form=form if rooms else None,
        audiences=_audience_words(),
    )


@bp.post("/exhibitions")
@require("room.control")
def exhibitions_create():
    form = ExhibitionForm()
    form.room_id.choices = [(r.id, r.title) for r in _rooms_i_run()]
    if not form.validate_on_submit():
        flash(_("Choose a room, a title and who may see the exhibition."), "error")
        return redirect(url_for("showcase.exhibitions_page"))
    try:
        ex = exhibitions.create(
            current_user(),
            form.room_id.data,
            title=form.title.data,
            description=form.description.data,
            audience=form.audience.data,
        )
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("showcase.exhibitions_page"))
    return redirect(url_for("showcase.exhibition_edit", exhibition_id=ex.id))


def _opened(exhibition_id: int):
    """The exhibition for this visitor; a visitor who is not logged in is sent to log in for a closed one."""
    try:
        return exhibitions.open_exhibition(current_user(), exhibition_id)
    except Unauthenticated:
        return None


def _page_context(ex: Exhibition, v) -> dict:
    return {
        "ex": ex,
        "visitor": v,
        "items": exhibitions.items(ex, v),
        "audiences": _audience_words(),
        "left_out": _left_out_words(),
        "room": get_room(ex.room_id),
    }


@bp.get("/exhibitions/<int:exhibition_id>")
@public
def exhibition_page(exhibition_id: int):
    opened = _opened(exhibition_id)
    if opened is None:
        return redirect(url_for("accounts.login", next=request.path))
    ex, v = opened
    ctx = _page_context(ex, v)
    ctx.update(
        comments=comments.shown(ex, v),
        may_comment=comments.may_comment(v, ex),
        comment_form=CommentForm(),
        decision=DecisionForm(),
    )
    return render_template("showcase/exhibition.html", **ctx)


@bp.get("/exhibitions/<int:exhibition_id>/print")
@public
def exhibition_print(exhibition_id: int):
    opened = _opened(exhibition_id)
    if opened is None:
        return redirect(url_for("accounts.login", next=request.path))
    ex, v = opened
    ctx = _page_context(ex, v)
    ctx["items"] = [i for i in ctx["items"] if i.left_out is None]  # paper carries only what the audience sees
    return render_template("showcase/exhibition_print.html", **ctx)


@bp.get("/exhibitions/<int:exhibition_id>/items/<int:item_id>/image")
@public
def exhibition_image(exhibition_id: int, item_id: int):
    f, data = exhibitions.item_image(current_user(), exhibition_id, item_id)
    resp = file_response(f, data)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/exhibitions/<int:exhibition_id>/edit")
@require("room.control")
def exhibition_edit(exhibition_id: int):
    user = current_user()
    ex = exhibitions.curated(user, exhibition_id)
    room = get_room(ex.room_id)
    v = exhibitions.visitor(user, ex, room)
    _viewer, files = list_files(user, room)
    shareable = [f for f in files if f.status == "approved" and not f.staff_only]
    messages = [
        m for m in history_page(room, before=MAX_SEQ, limit=60)["messages"] if m["kind"] == "message" and m["body"]
    ]
    ctx = _page_context(ex, v)
    ctx.update(files=shareable, messages=list(reversed(messages)), item_form=ItemForm(), decision=DecisionForm())
    return render_template("showcase/exhibition_edit.html", **ctx)


@bp.post("/exhibitions/<int:exhibition_id>/items")
@require("room.control")
def exhibition_add_item(exhibition_id: int):
    form = ItemForm()
    if not form.validate_on_submit():
        flash(_("Choose a piece of work to add."), "error")
        return redirect(url_for("showcase.exhibition_edit", exhibition_id=exhibition_id))
    payload = {"kind": form.kind.data, "caption": form.caption.data or ""}
    if form.kind.data == "file":
        payload.update(file_id=form.file_id.data, shows_face=not form.no_face.data)
    else:
        payload["seq"] = form.seq.data
    try:
        exhibitions.add_item(current_user(), exhibition_id, payload)
        flash(_("Added to the exhibition."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.exhibition_edit", exhibition_id=exhibition_id))


@bp.post("/exhibitions/<int:exhibition_id>/items/<int:item_id>/remove")
@require("room.control")
def exhibition_remove_item(exhibition_id: int, item_id: int):
    if not DecisionForm().validate_on_submit():
        abort(400)
    try:
        exhibitions.remove_item(current_user(), exhibition_id, item_id)
        flash(_("Taken out of the exhibition."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.exhibition_edit", exhibition_id=exhibition_id))


@bp.post("/exhibitions/<int:exhibition_id>/<any(publish, withdraw):action>")
@require("room.control")
def exhibition_status(exhibition_id: int, action: str):
    if not DecisionForm().validate_on_submit():
        abort(400)
    try:
        exhibitions.set_status(current_user(), exhibition_id, "published" if action == "publish" else "withdrawn")
        flash(
            _("The exhibition is open to its audience.") if action == "publish" else _("The exhibition is withdrawn."),
            "success",
        )
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.exhibition_edit", exhibition_id=exhibition_id))


@bp.post("/exhibitions/<int:exhibition_id>/comments")
@require("dashboard.view")
def exhibition_comment(exhibition_id: int):
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Write a comment of up to 500 characters."), "error")
        return redirect(url_for("showcase.exhibition_page", exhibition_id=exhibition_id))
    try:
        row = comments.post(current_user(), exhibition_id, form.body.data)
        if row.status == "held":
            flash(_("Thank you. Your comment waits for a teacher to look at it."), "info")
        else:
            flash(_("Your comment is posted."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.exhibition_page", exhibition_id=exhibition_id) + "#comments")


@bp.post("/exhibitions/<int:exhibition_id>/comments/<int:comment_id>/<any(show, remove):decision>")
@require("room.control")
def exhibition_comment_decide(exhibition_id: int, comment_id: int, decision: str):
    if not DecisionForm().validate_on_submit():
        abort(400)
    try:
        comments.decide(current_user(), exhibition_id, comment_id, decision)
        flash(_("The comment is shown.") if decision == "show" else _("The comment was removed."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("showcase.exhibition_page", exhibition_id=exhibition_id) + "#comments")


# ---- exhibitions: API ---------------------------------------------------------------------------


def _exhibition_view(ex: Exhibition) -> dict:
    return {
        "id": ex.id,
        "room": ex.room_id,
        "title": ex.title,
        "description": ex.description,
        "audience": ex.audience,
        "status": ex.status,
        "published_at": ex.published_at.isoformat().replace("+00:00", "Z") if ex.published_at else None,
        "url": url_for("showcase.exhibition_page", exhibition_id=ex.id),
    }


@bp.get("/api/v1/exhibitions")
@public
@doc("Exhibitions this person may see (without logging in: the public ones)", tag="showcase")
def api_exhibitions():
    return ok({"exhibitions": [_exhibition_view(e) for e in exhibitions.listed(current_user())]})


@bp.post("/api/v1/exhibitions")
@require("room.control")
@doc(
    "Make an exhibition of a room's work (a draft until published)",
    body={"room": "integer", "title": "string", "description": "string", "audience": "string"},
    tag="showcase",
    status=201,
)
def api_exhibitions_create():
    body = json_body()
    ex = exhibitions.create(
        current_user(),
        field(body, "room", int),
        title=body.get("title"),
        description=body.get("description", ""),
        audience=body.get("audience"),
    )
    return ok(_exhibition_view(ex), 201)


@bp.get("/api/v1/exhibitions/<int:exhibition_id>")
@public
@doc("One exhibition with the work this visitor may see, and its comments", tag="showcase")
def api_exhibition(exhibition_id: int):
    ex, v = exhibitions.open_exhibition(current_user(), exhibition_id)
    items = [
        {
            "id": i.id,
            "kind": i.kind,
            "author": i.author,
            "caption": i.caption,
            "text": i.text,
            "image": url_for("showcase.exhibition_image", exhibition_id=ex.id, item_id=i.id)
            if i.is_image and i.file_id
            else None,
            "filename": i.filename,
            "shows_face": i.shows_face,
            "left_out": i.left_out,
        }
        for i in exhibitions.items(ex, v)
    ]
    shown = [
        {"id": c.id, "body": c.body, "status": c.status, "author": (a.short_name if a else "")}
        for c, a in comments.shown(ex, v)
    ]
    return ok(dict(_exhibition_view(ex), items=items, comments=shown, may_comment=comments.may_comment(v, ex)))


@bp.post("/api/v1/exhibitions/<int:exhibition_id>/items")
@require("room.control")
@doc(
    "Add an approved file of the room, or a delivered message, to the exhibition",
    body={"kind": "string", "file_id": "string", "seq": "integer", "caption": "string", "shows_face": "boolean"},
    tag="showcase",
    status=201,
)
def api_exhibition_add_item(exhibition_id: int):
    item = exhibitions.add_item(current_user(), exhibition_id, json_body())
    return ok({"id": item.id, "kind": item.kind, "shows_face": item.shows_face}, 201)


@bp.delete("/api/v1/exhibitions/<int:exhibition_id>/items/<int:item_id>")
@require("room.control")
@doc("Take a piece of work out of the exhibition", tag="showcase")
def api_exhibition_remove_item(exhibition_id: int, item_id: int):
    exhibitions.remove_item(current_user(), exhibition_id, item_id)
    return ok({"ok": True})


@bp.post("/api/v1/exhibitions/<int:exhibition_id>/status")
@require("room.control")
@doc("Publish or withdraw an exhibition", body={"status": "string"}, tag="showcase")
def api_exhibition_status(exhibition_id: int):
    ex = exhibitions.set_status(current_user(), exhibition_id, field(json_body(), "status", str))
    return ok(_exhibition_view(ex))


@bp.post("/api/v1/exhibitions/<int:exhibition_id>/comments")
@require("dashboard.view")
@doc(
    "Comment on an exhibition (the safety filter and moderation apply)",
    body={"body": "string"},
    tag="showcase",
    status=201,
)
def api_exhibition_comment(exhibition_id: int):
    row = comments.post(current_user(), exhibition_id, json_body().get("body"))
    return ok({"id": row.id, "status": row.status, "body": row.body}, 201)


@bp.post("/api/v1/exhibitions/<int:exhibition_id>/comments/<int:comment_id>")
@require("room.control")
@doc("Show a held comment or remove a comment (the room's teachers)", body={"decision": "string"}, tag="showcase")
def api_exhibition_comment_decide(exhibition_id: int, comment_id: int):
    row = comments.decide(current_user(), exhibition_id, comment_id, json_body().get("decision"))
    return ok({"id": row.id, "status": row.status})
