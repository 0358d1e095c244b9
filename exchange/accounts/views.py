"""Account pages and API: log in and out, who am I, teacher verification, moderators."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, public, require
from .sessions import authenticate, end_session, start_session
from ..db import db
from ..errors import DomainError
from . import services
from .forms import LoginForm, ModeratorForm

bp = Blueprint("accounts", __name__)


def me_payload(user) -> dict:
    return {
        "id": user.id,
        "role": user.role,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "username": user.username,
        "school_id": user.school_id,
        "timezone": user.timezone,
        "locale": user.locale,
        "teacher_verified": user.teacher_verified_at is not None,
    }


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user() is not None:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = authenticate(form.login.data, form.password.data)
        except DomainError as exc:
            form.password.errors.append(exc.message)
            status = exc.status
        else:
            start_session(user)
            return redirect(url_for("dashboard.home"))
    elif request.method == "POST":
        status = 400
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@require("dashboard.view")
def logout():
    end_session()
    flash(_("You are logged out."))
    return redirect(url_for("accounts.login"))


@bp.route("/admin/people", methods=["GET", "POST"])
@require("teacher.verify")
def admin_people():
    """An admin verifies the teachers of their school and creates moderators."""
    admin = current_user()
    form = ModeratorForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.create_user(
                role="moderator",
                email=form.email.data,
                password=form.password.data,
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                school_id=admin.school_id,
                actor_id=admin.id,
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            form.email.errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Moderator account created."))
            return redirect(url_for("accounts.admin_people"))
    elif request.method == "POST":
        status = 400
    teachers = services.teachers_of_school(admin.school_id)
    return render_template("accounts/people.html", form=form, teachers=teachers), status


@bp.post("/admin/teachers/<int:teacher_id>/verify")
@require("teacher.verify")
def verify_teacher(teacher_id: int):
    services.verify_teacher(current_user(), teacher_id)
    flash(_("Teacher verified."))
    return redirect(url_for("accounts.admin_people"))


# ---- JSON API -------------------------------------------------------------------------


@bp.get("/api/v1/auth/csrf")
@public
@doc("A CSRF token to send as X-CSRFToken on every write", response={"csrf_token": "string"}, tag="auth")
def api_csrf():
    return ok({"csrf_token": generate_csrf()})


@bp.post("/api/v1/auth/login")
@public
@doc(
    "Log in; sets the session cookie",
    body={"login": "string", "password": "string"},
    response={"user": "object", "csrf_token": "string"},
    tag="auth",
)
def api_login():
    data = json_body()
    user = authenticate(field(data, "login"), field(data, "password"))
    start_session(user)
    return ok({"user": me_payload(user), "csrf_token": generate_csrf()})


@bp.post("/api/v1/auth/logout")
@require("dashboard.view")
@doc("Log out", tag="auth")
def api_logout():
    end_session()
    return ok({"ok": True})


@bp.get("/api/v1/me")
@require("profile.view_self")
@doc("The logged-in user", response={"id": "integer", "role": "string"}, tag="auth")
def api_me():
    return ok(me_payload(current_user()))


@bp.get("/api/v1/admin/teachers")
@require("teacher.verify")
@doc("Teachers of the admin's school with their verification state", tag="admin")
def api_teachers():
    admin = current_user()
    return ok(
        {
            "teachers": [
                dict(services.user_summary(t, admin), verified=t.teacher_verified_at is not None, email=t.email)
                for t in services.teachers_of_school(admin.school_id)
            ]
        }
    )


@bp.post("/api/v1/admin/teachers/<int:teacher_id>/verify")
@require("teacher.verify")
@doc("Verify a teacher of the admin's own school", tag="admin")
def api_verify_teacher(teacher_id: int):
    teacher = services.verify_teacher(current_user(), teacher_id)
    return ok({"id": teacher.id, "verified": True})


@bp.post("/api/v1/admin/moderators")
@require("user.create_moderator")
@doc(
    "Create a moderator account: a school admin's moderators act on rooms their school takes part in; a platform "
    "administrator's are platform-wide",
    body={"email": "string", "password": "string", "first_name": "string", "last_name": "string"},
    tag="admin",
    status=201,
)
def api_create_moderator():
    admin = current_user()
    data = json_body()
    # The scope is the creator's: a school admin can never make a moderator who reaches other schools.
    user = services.create_user(
        role="moderator",
        email=field(data, "email"),
        password=field(data, "password"),
        first_name=field(data, "first_name"),
        last_name=field(data, "last_name", required=False) or "",
        school_id=admin.school_id,
        actor_id=admin.id,
    )
    db.session.commit()
    return ok(me_payload(user), 201)
