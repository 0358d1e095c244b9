"""Class pages and API: create a class, join with a code, approve students."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.services import user_summary
from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, public, require
from ..db import db
from ..errors import DomainError
from ..ratelimits import JOIN_CODE, address_key, guessing, user_key
from . import onboarding_views as _onboarding_views  # noqa: F401  (its routes register on bp)
from . import services
from .blueprint import bp
from .forms import ClassForm, JoinForm
from .models import School


def _code_guess():
    """Wrong class codes add up per address, and per user when someone is logged in."""
    user = current_user()
    keys = [address_key()] + ([user_key(user.id)] if user is not None else [])
    return guessing(JOIN_CODE, *keys, failures=("invalid_join_code",))


def _member_view(m, viewer) -> dict:
    return {"membership_id": m.id, "status": m.status, "student": user_summary(m.user, viewer)}


@bp.route("/classes/new", methods=["GET", "POST"])
@require("class.create")
def new_class():
    teacher = current_user()
    form = ClassForm()
    if request.method == "GET":
        school = db.session.get(School, teacher.school_id)
        form.languages.data = ", ".join(school.languages) if school else "en"
    status = 200
    if form.validate_on_submit():
        try:
            cls = services.create_class(
                teacher,
                name=form.name.data,
                grade_band=form.grade_band.data,
                languages=form.languages.data,
                topics=(form.topics.data or "").split(","),
                school_days=[int(d) for d in form.school_days.data],
                day_start=form.day_start.data,
                day_end=form.day_end.data,
                description=form.description.data or "",
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Class created. Give your students the join code %(code)s.", code=cls.join_code))
            return redirect(url_for("directory.class_page", class_id=cls.id))
    elif request.method == "POST":
        status = 400
    return render_template("directory/new_class.html", form=form), status


@bp.get("/classes/<int:class_id>")
@require("class.view")
def class_page(class_id: int):
    user = current_user()
    cls = services.get_class(class_id)
    manages = services.can_manage_class(user, cls)
    ensure(manages or cls in services.classes_for(user), _("This is not one of your classes."))
    members = services.members(cls) if manages else services.members(cls, "approved")
    return render_template("directory/class.html", cls=cls, manages=manages, members=members)


@bp.post("/memberships/<int:membership_id>/<any(approve, reject):decision>")
@require("class.manage")
def decide(membership_id: int, decision: str):
    m = services.decide_membership(current_user(), membership_id, decision == "approve")
    flash(_("Student approved.") if decision == "approve" else _("Request declined."))
    return redirect(url_for("directory.class_page", class_id=m.class_id))


@bp.route("/join", methods=["GET", "POST"])
@public
def join():
    form = JoinForm()
    status = 200
    if form.validate_on_submit():
        try:
            with _code_guess():
                services.join_with_code(
                    code=form.code.data,
                    username=form.username.data,
                    password=form.password.data,
                    first_name=form.first_name.data,
                    last_name=form.last_name.data,
                )
        except DomainError as exc:
            db.session.rollback()
            form.code.errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Welcome! Your teacher will approve your account. Then log in with your username."))
            return redirect(url_for("accounts.login"))
    elif request.method == "POST":
        status = 400
    return render_template("directory/join.html", form=form), status


# ---- JSON API -------------------------------------------------------------------------


@bp.get("/api/v1/classes")
@require("class.view")
@doc("Classes the user teaches, belongs to, or (admin) of their school", tag="classes")
def api_classes():
    user = current_user()
    return ok({"classes": [services.class_summary(c, user) for c in services.classes_for(user)]})


@bp.post("/api/v1/classes")
@require("class.create")
@doc(
    "Create a class; the answer carries its join code",
    body={
        "name": "string",
        "grade_band": "string",
        "languages": "array",
        "topics": "array",
        "school_days": "array",
        "day_start": "string",
        "day_end": "string",
    },
    tag="classes",
    status=201,
)
def api_create_class():
    data = json_body()
    cls = services.create_class(
        current_user(),
        name=field(data, "name"),
        grade_band=field(data, "grade_band"),
        languages=field(data, "languages", (list, str)),
        topics=field(data, "topics", (list, str), required=False) or [],
        school_days=field(data, "school_days", list, required=False),
        timezone=field(data, "timezone", required=False),
        day_start=field(data, "day_start", required=False, default="08:30"),
        day_end=field(data, "day_end", required=False, default="15:00"),
        description=field(data, "description", required=False) or "",
    )
    return ok(services.class_summary(cls, current_user()), 201)


@bp.get("/api/v1/classes/<int:class_id>")
@require("class.view")
@doc("One class", tag="classes")
def api_class(class_id: int):
    user = current_user()
    cls = services.get_class(class_id)
    ensure(
        services.can_manage_class(user, cls) or cls in services.classes_for(user), _("This is not one of your classes.")
    )
    return ok(services.class_summary(cls, user))


@bp.get("/api/v1/classes/<int:class_id>/members")
@require("class.manage")
@doc("Students of a class, pending and approved", tag="classes")
def api_members(class_id: int):
    user = current_user()
    cls = services.get_class(class_id)
    ensure(services.can_manage_class(user, cls), _("Only the class teacher can see this."))
    return ok({"members": [_member_view(m, user) for m in services.members(cls)]})


@bp.post("/api/v1/memberships/<int:membership_id>/<any(approve, reject):decision>")
@require("class.manage")
@doc("Approve or decline a student's request to join", tag="classes")
def api_decide(membership_id: int, decision: str):
    m = services.decide_membership(current_user(), membership_id, decision == "approve")
    return ok({"membership_id": m.id, "status": m.status})


@bp.post("/api/v1/join")
@public
@doc(
    "A student signs up with a class code (waits for the teacher's approval)",
    body={"code": "string", "username": "string", "password": "string", "first_name": "string", "last_name": "string"},
    tag="classes",
    status=201,
)
def api_join():
    data = json_body()
    with _code_guess():
        student, m = services.join_with_code(
            code=field(data, "code"),
            username=field(data, "username"),
            password=field(data, "password"),
            first_name=field(data, "first_name"),
            last_name=field(data, "last_name"),
        )
    return ok({"user_id": student.id, "membership_id": m.id, "status": m.status}, 201)
