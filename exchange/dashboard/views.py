"""`/`: a dashboard per role, and the OpenAPI document of the JSON API."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from sqlalchemy import select

from ..accounts import services as accounts
from ..apidoc import ok, openapi_document
from ..authz import current_user, public, require
from ..db import db
from ..directory import services as directory
from ..directory.models import ClassMembership
from ..rooms import membership as rooms

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@public
def index():
    if current_user() is None:
        return redirect(url_for("accounts.login"))
    return redirect(url_for("dashboard.home"))


@bp.get("/dashboard")
@require("dashboard.view")
def home():
    user = current_user()
    context = {"classes": directory.classes_for(user), "rooms": rooms.rooms_for(user)}
    if user.role == "teacher":
        context["pending"] = directory.pending_for_teacher(user)
    if user.role == "admin" and user.school_id is not None:
        context["teachers"] = accounts.teachers_of_school(user.school_id)
    if user.role == "student":
        context["joining"] = _joining(user.id)
    return render_template("dashboard/home.html", **context)


def _joining(student_id: int) -> list[dict]:
    """The classes a student asked to join that have not let them in (yet): class, school, teacher, status."""
    rows = db.session.scalars(
        select(ClassMembership)
        .where(ClassMembership.user_id == student_id, ClassMembership.status.in_(("pending", "removed")))
        .order_by(ClassMembership.id)
    )
    return [
        {
            "class": m.school_class.name,
            "school": m.school_class.school.name,
            "teacher": m.school_class.teacher.full_name,
            "status": m.status,
        }
        for m in rows
    ]


@bp.get("/api/v1/openapi.json")
@public
def openapi():
    return ok(openapi_document())
