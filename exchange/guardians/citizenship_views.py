"""The digital-citizenship lesson's pages and API: the lesson and pledge for students, the family
version for guardians (and staff, who see what their students read), the class's status for its
teacher."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..errors import DomainError
from . import citizenship
from . import citizenship_rules as rules

bp = Blueprint("citizenship", __name__)


def _lesson_page(status: int = 200, picked: dict | None = None):
    user = current_user()
    pledge = citizenship.pledge_of(user.id) if user.role == "student" else None
    band = citizenship.band_of(user) if user.role == "student" else request.args.get("band", "teen")
    return (
        render_template(
            "guardians/citizenship.html",
            band=band if band in ("under13", "teen") else "teen",
            pledge=pledge,
            questions=citizenship.questions(),
            picked=picked or {},
        ),
        status,
    )


@bp.get("/citizenship")
@require("citizenship.view")
def lesson_page():
    return _lesson_page()


@bp.post("/citizenship")
@require("citizenship.take")
def take_page():
    picked = {q: request.form.get(f"q_{q}") for q in rules.QUESTIONS}
    try:
        citizenship.take(current_user(), picked, request.form.get("pledge") == "yes")
    except DomainError as exc:
        if exc.status == 403:
            raise
        flash(exc.message, "error")
        return _lesson_page(exc.status, picked)
    flash(_("Well done! You have taken the lesson; rooms that ask for it will let you in."), "success")
    return redirect(url_for("citizenship.lesson_page"))


@bp.get("/api/v1/citizenship")
@require("citizenship.view")
@doc("The digital-citizenship lesson's questions, and for a student whether they have taken it", tag="guardians")
def api_lesson():
    user = current_user()
    out = {"version": rules.VERSION, "questions": citizenship.questions(), "taken": None, "band": None}
    if user.role == "student":
        pledge = citizenship.pledge_of(user.id)
        out["taken"] = pledge is not None
        out["band"] = citizenship.band_of(user)
    return ok(out)


@bp.post("/api/v1/citizenship")
@require("citizenship.take")
@doc(
    "A student answers the lesson's questions and accepts its pledge",
    body={"answers": "object", "pledge": "boolean"},
    tag="guardians",
    status=201,
)
def api_take():
    data = json_body()
    row = citizenship.take(current_user(), field(data, "answers", dict), data.get("pledge"))
    return ok({"taken": True, "version": row.version, "band": row.band}, 201)


@bp.get("/classes/<int:class_id>/citizenship")
@require("class.manage")
def class_page(class_id: int):
    cls, rows = citizenship.class_status(current_user(), class_id)
    taken = sum(1 for _s, p in rows if p is not None)
    return render_template("guardians/citizenship_class.html", cls=cls, rows=rows, taken=taken)


@bp.get("/api/v1/classes/<int:class_id>/citizenship")
@require("class.manage")
@doc("Who in the class has taken the digital-citizenship lesson (its teacher or school admin)", tag="guardians")
def api_class(class_id: int):
    _cls, rows = citizenship.class_status(current_user(), class_id)
    return ok(
        {
            "version": rules.VERSION,
            "students": [
                {
                    "id": s.id,
                    "name": s.full_name,
                    "taken": p is not None,
                    "at": p.pledged_at.isoformat().replace("+00:00", "Z") if p else None,
                }
                for s, p in rows
            ],
        }
    )
