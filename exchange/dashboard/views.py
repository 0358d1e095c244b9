"""`/`: a dashboard per role, and the OpenAPI document of the JSON API."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..accounts import services as accounts
from ..apidoc import ok, openapi_document
from ..authz import current_user, public, require
from ..directory import services as directory
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
    if user.role == "admin":
        context["teachers"] = accounts.teachers_of_school(user.school_id)
    return render_template("dashboard/home.html", **context)


@bp.get("/api/v1/openapi.json")
@public
def openapi():
    return ok(openapi_document())
