"""Onboarding pages and API: the platform administrator's schools and applications, a school's
public application, a school admin's teacher invitations (one, or many from a CSV), and the
invitation link itself. Thin edges: who is asking, call the use case, shape the answer."""

from __future__ import annotations

import logging

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from limits import parse

from ..accounts.sessions import end_session, start_session
from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, public, require
from ..db import db, utcnow
from ..errors import DomainError, Invalid, TooManyRequests
from ..ratelimits import SECRET_LINK, address_key, guards_secret
from ..outbox import link_root
from . import applications, invitations, schools, services
from .blueprint import bp
from .forms import AcceptForm, ApplicationForm, ConfirmForm, CsvForm, DeclineForm, InviteForm, SchoolForm

log = logging.getLogger("exchange.directory")

SCHOOL_APPLICATION = "school_application"  # applications per address, like the other public forms' limits
APPLICATION_LIMIT = "5/hour"
CSV_FIELD_BYTES = 512 * 1024


def _platform_admin():
    user = current_user()
    ensure(
        user.platform_wide,
        _("Only the platform administrator can manage schools. A school's admin invites teachers under People."),
        "not_platform_admin",
    )
    return user


def _school_admin():
    user = current_user()
    ensure(
        user.school_id is not None,
        _("Teachers are invited by their school's admin. Invite a school's admin from its page under Schools."),
        "not_school_admin",
    )
    return user


def _decline_form(application_id: int) -> DeclineForm:
    return DeclineForm(prefix=f"decline{application_id}")


def _schools_page(form: SchoolForm, status: int = 200):
    return (
        render_template(
            "directory/admin_schools.html",
            form=form,
            schools=schools.list_schools(),
            counts=schools.school_counts(),
            applications=[(a, _decline_form(a.id)) for a in applications.pending_applications()],
        ),
        status,
    )


@bp.route("/admin/schools", methods=["GET", "POST"])
@require("school.manage")
def admin_schools():
    """The platform administrator's schools: the list, a new school, the applications waiting."""
    admin = _platform_admin()
    form = SchoolForm()
    if form.validate_on_submit():
        try:
            if not form.accept_terms.data:
                raise Invalid(_("Tick that the school accepts the terms of use."), code="terms_required")
            school = schools.create_school(
                name=form.name.data,
                country=form.country.data,
                timezone=form.timezone.data.strip(),
                languages=form.languages.data,
                region=form.region.data or "",
                actor_id=admin.id,
                terms_accepted=True,
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
            return _schools_page(form, exc.status)
        flash(_("School %(name)s created. Now invite its admin.", name=school.name))
        return redirect(url_for("directory.admin_school", school_id=school.id))
    return _schools_page(form, 400 if request.method == "POST" else 200)


def _school_page(school_id: int, form: InviteForm, status: int = 200):
    school = invitations.get_school(school_id)
    return (
        render_template(
            "directory/school.html",
            school=school,
            counts=schools.school_counts().get(school.id, {"teachers": 0, "classes": 0}),
            admins=schools.school_admins(school.id),
            pending=invitations.pending_invitations(school.id),
            now=utcnow(),
            form=form,
        ),
        status,
    )


@bp.get("/admin/schools/<int:school_id>")
@require("school.manage")
def admin_school(school_id: int):
    _platform_admin()
    return _school_page(school_id, InviteForm())


@bp.post("/admin/schools/<int:school_id>/invite-admin")
@require("school.manage")
def invite_school_admin(school_id: int):
    admin = _platform_admin()
    form = InviteForm()
    if not form.validate_on_submit():
        return _school_page(school_id, form, 400)
    try:
        invited = _invite_from(form, admin, school_id, "admin")
    except DomainError as exc:
        db.session.rollback()
        form.email.errors.append(exc.message)
        return _school_page(school_id, form, exc.status)
    school = invitations.get_school(school_id)
    back = url_for("directory.admin_school", school_id=school_id)
    return render_template("directory/invited.html", invited=[invited], school=school, back=back)


def _invite_from(form: InviteForm, admin, school_id, role: str) -> invitations.Invited:
    """One staff invitation from the invite form (a school's admin, or one of its teachers)."""
    return invitations.invite_staff(
        admin,
        school_id,
        role=role,
        email=form.email.data,
        first_name=form.first_name.data or "",
        last_name=form.last_name.data or "",
        link_base=link_root(),
    )


@bp.post("/admin/applications/<int:application_id>/approve")
@require("school.manage")
def approve_application(application_id: int):
    admin = _platform_admin()
    if not ConfirmForm().validate_on_submit():
        raise Invalid(_("Your form expired. Reload the page and try again."), code="invalid_form")
    school, invited = applications.approve_application(admin, application_id, link_base=link_root())
    back = url_for("directory.admin_school", school_id=school.id)
    return render_template("directory/invited.html", invited=[invited], school=school, back=back, approved=True)


@bp.post("/admin/applications/<int:application_id>/decline")
@require("school.manage")
def decline_application(application_id: int):
    admin = _platform_admin()
    form = _decline_form(application_id)
    if not form.validate_on_submit():
        raise Invalid(_("Give a reason for declining."), code="reason_required")
    application = applications.decline_application(admin, application_id, reason=form.reason.data)
    flash(_("The application of %(name)s was declined.", name=application.school_name))
    return redirect(url_for("directory.admin_schools"))


# ---- a school applies ------------------------------------------------------------------------


def _count_application() -> None:
    """Every application sent counts for its address (with Redis, across processes); past the
    limit the form refuses with a sentence saying when to come back."""
    limits = current_app.extensions["ratelimits"]
    limits.items.setdefault(
        SCHOOL_APPLICATION, parse(current_app.config.get("SCHOOL_APPLICATION_LIMIT") or APPLICATION_LIMIT)
    )
    key = address_key()
    if limits.hit(SCHOOL_APPLICATION, key):
        return
    seconds = limits.retry_after(SCHOOL_APPLICATION, key)
    g.retry_after = seconds
    log.info("rate limited limit=%s", SCHOOL_APPLICATION)
    minutes = max(1, -(-seconds // 60))
    raise TooManyRequests(
        ngettext(
            "Too many applications from this network. Try again in %(num)d minute.",
            "Too many applications from this network. Try again in %(num)d minutes.",
            minutes,
        ),
        code="rate_limited",
    )


@bp.route("/schools/apply", methods=["GET", "POST"])
@public
def apply():
    form = ApplicationForm()
    status = 200
    if form.validate_on_submit():
        _count_application()
        try:
            applications.submit_application(
                school_name=form.name.data,
                country=form.country.data,
                timezone=form.timezone.data.strip(),
                languages=form.languages.data,
                region=form.region.data or "",
                first_name=form.first_name.data,
                last_name=form.last_name.data or "",
                email=form.email.data,
                accepts_terms=bool(form.accept_terms.data),
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors.append(exc.message)
            status = exc.status
        else:
            return render_template("directory/applied.html")
    elif request.method == "POST":
        status = 400
    return render_template("directory/apply.html", form=form), status


# ---- a school admin invites teachers -----------------------------------------------------------


@bp.route("/admin/people/invite", methods=["GET", "POST"])
@require("teacher.invite")
def invite_teacher():
    admin = _school_admin()
    form = InviteForm()
    status = 200
    if form.validate_on_submit():
        try:
            invited = _invite_from(form, admin, admin.school_id, "teacher")
        except DomainError as exc:
            db.session.rollback()
            form.email.errors.append(exc.message)
            status = exc.status
        else:
            school = invitations.get_school(admin.school_id)
            return render_template(
                "directory/invited.html", invited=[invited], school=school, back=url_for("directory.invite_teacher")
            )
    elif request.method == "POST":
        status = 400
    pending = invitations.pending_invitations(admin.school_id)
    return render_template("directory/invite_teacher.html", form=form, pending=pending, now=utcnow()), status


@bp.route("/admin/people/import", methods=["GET", "POST"])
@require("teacher.invite")
def import_teachers():
    admin = _school_admin()
    form = CsvForm()
    problems = []  # sentences, one a problem
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(CSV_FIELD_BYTES + 1) if upload else b""
        if not data:
            problems, status = [_("Choose a CSV file to upload.")], 400
        else:
            invited, problems = invitations.invite_many(admin, data, link_base=link_root())
            if not problems:
                school = invitations.get_school(admin.school_id)
                back = url_for("accounts.admin_people")
                return render_template("directory/invited.html", invited=invited, school=school, back=back)
            status = 400
    elif request.method == "POST":
        status = 400
    return render_template("directory/import_teachers.html", form=form, problems=problems), status


# ---- the invitation link ---------------------------------------------------------------------------


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def accept_invitation(token: str):
    inv, school = invitations.open_invitation(token)
    form = AcceptForm()
    if request.method == "GET":
        form.first_name.data, form.last_name.data = inv.first_name, inv.last_name
    status = 200
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(
                token, first_name=form.first_name.data, last_name=form.last_name.data, password=form.password.data
            )
        except DomainError as exc:
            if exc.code.startswith("invitation_"):
                raise  # used or expired meanwhile: the link's own error page
            db.session.rollback()
            target = form.password if exc.code == "weak_password" else form.first_name
            target.errors = list(target.errors) + [exc.message]
            status = exc.status
        else:
            if current_user() is not None:
                end_session()  # someone else's login in this browser ends first
            start_session(user)
            flash(_("Welcome to %(school)s! Your account is ready.", school=school.name))
            return redirect(url_for("dashboard.home"))
    elif request.method == "POST":
        status = 400
    return render_template("directory/accept.html", form=form, inv=inv, school=school), status


# ---- JSON API ------------------------------------------------------------------------------------


def _school_view(school, counts: dict) -> dict:
    return dict(services.school_summary(school), **counts.get(school.id, {"teachers": 0, "classes": 0}))


@bp.get("/api/v1/admin/schools")
@require("school.manage")
@doc("Every school with its numbers of teachers and classes (the platform administrator)", tag="admin")
def api_schools():
    _platform_admin()
    counts = schools.school_counts()
    return ok({"schools": [_school_view(s, counts) for s in schools.list_schools()]})


@bp.post("/api/v1/admin/schools")
@require("school.manage")
@doc(
    "Create a school (the platform administrator); the same checks as `exchange school create`",
    body={
        "name": "string",
        "country": "string",
        "timezone": "string",
        "languages": "array",
        "region": "string",
        "terms_accepted": "boolean",
    },
    tag="admin",
    status=201,
)
def api_create_school():
    admin = _platform_admin()
    data = json_body()
    if data.get("terms_accepted") is not True:
        raise Invalid(_("Tick that the school accepts the terms of use."), code="terms_required")
    school = schools.create_school(
        name=field(data, "name"),
        country=field(data, "country"),
        timezone=field(data, "timezone"),
        languages=field(data, "languages", (list, str)),
        region=field(data, "region", required=False) or "",
        actor_id=admin.id,
        terms_accepted=True,
    )
    return ok(_school_view(school, {}), 201)


@bp.post("/api/v1/admin/invitations")
@require("teacher.invite")
@doc(
    "Invite a teacher of the admin's school by e-mail; the answer carries the one-time link (shown only here)",
    body={"email": "string", "first_name": "string", "last_name": "string"},
    response={"id": "integer", "url": "string", "emailed": "boolean", "expires_at": "string"},
    tag="admin",
    status=201,
)
def api_invite_teacher():
    admin = _school_admin()
    data = json_body()
    invited = invitations.invite_staff(
        admin,
        admin.school_id,
        role="teacher",
        email=field(data, "email"),
        first_name=field(data, "first_name", required=False) or "",
        last_name=field(data, "last_name", required=False) or "",
        link_base=link_root(),
    )
    inv = invited.invitation
    return ok(
        {"id": inv.id, "url": invited.url, "emailed": invited.emailed, "expires_at": inv.expires_at.isoformat()}, 201
    )


# ---- an invitation not used yet: withdraw it, or send a new link ---------------------------------


def _back_to(inv) -> str:
    user = current_user()
    if user is not None and user.school_id is None:  # the platform administrator, on the school's page
        return url_for("directory.admin_school", school_id=inv.school_id)
    return url_for("directory.invite_teacher")


def _invitation_field() -> int | None:
    value = (request.form.get("invitation") or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


@bp.post("/admin/invitations/withdraw")
@require("dashboard.view")  # whose invitation it is decides: invitations.withdraw_invitation
def withdraw_invitation():
    try:
        inv = invitations.withdraw_invitation(current_user(), _invitation_field())
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("dashboard.home"))
    flash(_("The invitation for %(email)s is withdrawn: its link no longer works.", email=inv.email))
    return redirect(_back_to(inv))


@bp.post("/admin/invitations/resend")
@require("dashboard.view")  # whose invitation it is decides: invitations.resend_invitation
def resend_invitation():
    try:
        invited = invitations.resend_invitation(current_user(), _invitation_field(), link_base=link_root())
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("dashboard.home"))
    school = invitations.get_school(invited.invitation.school_id)
    return render_template(
        "directory/invited.html", invited=[invited], school=school, back=_back_to(invited.invitation), resent=True
    )
