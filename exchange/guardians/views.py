"""HTTP edge of the guardians domain: consent pages for teachers, the guardian's pages, data rights
for admins, and the matching /api/v1 routes. Thin: check who asks, call services, answer."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from .. import clock
from ..apidoc import doc, field, json_body, ok
from ..accounts.sessions import authenticate, start_session
from ..authz import current_user, ensure, public, require
from ..db import db
from ..directory import services as directory
from ..errors import DomainError, Invalid
from ..ratelimits import SECRET_LINK, guards_secret
from ..when import utc_instant
from . import (
    consent,
    decisions,
    emails,
    erasure,
    export,
    family,
    history,
    invitations,
    overview,
    paper,
    presenters,
    retention,
    rules,
    students,
)
from .forms import (
    DecisionForm,
    DeletionRequestForm,
    GuardianLoginForm,
    GuardianSignupForm,
    InvitationForm,
    LinkForm,
    PaperConsentForm,
    RetentionForm,
)

bp = Blueprint("guardians", __name__)


@bp.app_template_global()
def guardians_dashboard() -> dict:
    """What the dashboard shows of this domain, for the viewer's role only."""
    user = current_user()
    if user is None:
        return {}
    if user.role == "teacher":
        return {"classes": overview.teacher_summary(user)}
    if user.role == "admin":
        return {"pending_deletions": len(erasure.deletion_requests(user, "pending"))}
    if user.role == "guardian":
        return {"children": [overview.child_view(c) for c in students.children_of(user)]}
    if user.role == "student":
        rooms = students.rooms_of_classes([c.id for c in students.classes_of_student(user.id)])
        return {"kept_out": overview.kept_out(user, rooms)}
    return {}


@bp.app_template_global()
def consent_scope_labels() -> dict:
    return presenters.scope_labels()


@bp.app_template_global()
def consent_status_labels() -> dict:
    return {
        "granted": _("granted"),
        "withdrawn": _("withdrawn"),
        "missing": _("missing"),
        "online": _("online"),
        "paper": _("on paper"),
        "pending": _("waiting for a decision"),
        "approved": _("approved"),
        "rejected": _("declined"),
    }


# ---- teacher pages -------------------------------------------------------------------------


@bp.get("/consent")
@require("consent.manage")
def consent_home():
    user = current_user()
    classes = directory.classes_for(user)
    return render_template("guardians/consent_home.html", classes=classes)


@bp.get("/classes/<int:class_id>/consent")
@require("consent.manage")
def class_consent(class_id: int):
    o = overview.class_overview(current_user(), class_id)
    return render_template(
        "guardians/overview.html", o=o, invite_form=InvitationForm(), labels=presenters.scope_labels()
    )


@bp.post("/students/<int:student_id>/guardian-invitations")
@require("consent.manage")
def invite_page(student_id: int):
    form = InvitationForm()
    student = students.managed_student(current_user(), student_id)
    if not form.validate_on_submit():
        raise Invalid(_("Check the e-mail address and the language."), code="invalid_form")
    inv, url, emailed = invitations.create_invitation(
        current_user(),
        student.id,
        email=form.email.data or None,
        language=form.language.data,
        link_base=request.url_root,
    )
    return render_template("guardians/invitation_created.html", student=student, url=url, inv=inv, emailed=emailed)


@bp.route("/students/<int:student_id>/consent/paper", methods=["GET", "POST"])
@require("consent.manage")
def paper_page(student_id: int):
    user = current_user()
    student = students.managed_student(user, student_id)
    form = PaperConsentForm()
    status = 200
    if form.validate_on_submit():
        try:
            paper.record_paper(
                user,
                student.id,
                scopes=form.scopes.data,
                guardian_name=form.guardian_name.data,
                signed_on=form.signed_on.data,
                decision=form.decision.data,
            )
        except DomainError as exc:
            db.session.rollback()
            form.guardian_name.errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Paper consent recorded for %(name)s.", name=student.first_name))
            classes = students.classes_of_student(student.id)
            target = (
                url_for("guardians.class_consent", class_id=classes[0].id)
                if classes
                else url_for("guardians.consent_home")
            )
            return redirect(target)
    elif request.method == "POST":
        status = 400
    return render_template("guardians/paper.html", form=form, student=student), status


@bp.get("/students/<int:student_id>/consent-letter")
@require("consent.manage")
def letter_page(student_id: int):
    letter = paper.letter(current_user(), student_id, request.args.get("lang"))
    return render_template("guardians/letter.html", letter=letter, t=letter["texts"], scopes=rules.SCOPES)


@bp.get("/classes/<int:class_id>/family-update")
@require("family.view")
def family_update_page(class_id: int):
    update = family.family_update(current_user(), class_id)
    cls = directory.get_class(class_id)
    zone = current_user().timezone or "UTC"
    return render_template(
        "guardians/family_update.html",
        u=update,
        when=lambda dt: _in_viewer_zone(dt, zone),
        manages=directory.can_manage_class(current_user(), cls),
    )


def _in_viewer_zone(dt, zone: str) -> str:
    return emails.in_zone(dt, zone, str(get_locale() or "en"))


@bp.post("/classes/<int:class_id>/family-update/send")
@require("consent.manage")
def family_update_send(class_id: int):
    result = family.send_family_update(current_user(), class_id)
    flash(_("The family update went to %(n)d guardians by e-mail.", n=result["sent"]))
    if result["failed"]:
        flash(_("%(n)d e-mails could not be sent; the log says which.", n=result["failed"]))
    return redirect(url_for("guardians.family_update_page", class_id=class_id))


# ---- the guardian's way in: the invitation link -------------------------------------------


@bp.route("/guardian/invite/<token>", methods=["GET", "POST"])
@public
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def invitation_page(token: str):
    inv = invitations.open_invitation(token)
    view = presenters.invitation_view(inv)
    user = current_user()
    signup, login, link = GuardianSignupForm(prefix="s"), GuardianLoginForm(prefix="l"), LinkForm(prefix="k")
    status = 200
    action = request.form.get("action") if request.method == "POST" else None
    try:
        if action == "signup" and user is None and signup.validate_on_submit():
            guardian, _link = invitations.accept_invitation(
                token,
                account={
                    "email": signup.email.data,
                    "password": signup.password.data,
                    "first_name": signup.first_name.data,
                    "last_name": signup.last_name.data,
                },
                relation=signup.relation.data or "",
            )
            start_session(guardian)
            flash(_("Welcome! You can now give consent for %(name)s.", name=view["student"]))
            return redirect(url_for("guardians.guardian_home"))
        if action == "login" and user is None and login.validate_on_submit():
            guardian = authenticate(login.login.data, login.password.data)
            ensure(
                guardian.role == "guardian", _("Only a guardian account can accept this invitation."), "not_a_guardian"
            )
            invitations.accept_invitation(token, guardian=guardian)
            start_session(guardian)
            flash(_("%(name)s is now linked to your account.", name=view["student"]))
            return redirect(url_for("guardians.guardian_home"))
        if action == "link" and user is not None and link.validate_on_submit():
            invitations.accept_invitation(token, guardian=user, relation=link.relation.data or "")
            flash(_("%(name)s is now linked to your account.", name=view["student"]))
            return redirect(url_for("guardians.guardian_home"))
        if request.method == "POST":
            status = 400
    except DomainError as exc:
        db.session.rollback()
        target = {"signup": signup.email, "login": login.password, "link": link.relation}.get(
            action or "", signup.email
        )
        target.errors = list(target.errors) + [exc.message]
        status = exc.status
    return render_template("guardians/invite.html", view=view, signup=signup, login=login, link=link, me=user), status


# ---- the guardian's pages ------------------------------------------------------------------


@bp.get("/guardian")
@require("consent.give")
def guardian_home():
    children = [overview.child_view(c) for c in students.children_of(current_user())]
    return render_template("guardians/home.html", children=children, labels=presenters.scope_labels())


@bp.post("/guardian/children/<int:student_id>/consent")
@require("consent.give")
def guardian_decide(student_id: int):
    scope, decision = request.form.get("scope", ""), request.form.get("decision")  # no scope: "" is refused like None
    _decide(student_id, scope, decision)
    label = presenters.scope_labels().get(scope, scope)
    flash(
        _("Consent given: %(scope)s.", scope=label)
        if decision == "grant"
        else _("Consent withdrawn: %(scope)s. This takes effect at once.", scope=label)
    )
    return redirect(url_for("guardians.guardian_home"))


def _decide(student_id: int, scope, decision):
    user = current_user()
    if decision == "grant":
        return decisions.give_consent(user, student_id, scope)
    if decision == "withdraw":
        return decisions.guardian_withdraws(user, student_id, scope)
    students.guarded_child(user, student_id)  # a forged id is refused before a bad decision is explained
    raise Invalid(_("Decide grant or withdraw."), code="invalid_decision")


@bp.get("/guardian/children/<int:student_id>/data")
@require("data.export_child")
def child_data_page(student_id: int):
    student = students.guarded_child(current_user(), student_id)
    zone = current_user().timezone or "UTC"
    messages = [
        dict(m, when=_in_viewer_zone(datetime.fromisoformat(m["at"].replace("Z", "+00:00")), zone))
        for m in history.child_messages(student.id)
    ]
    files = export.child_files(student.id)
    requests = [presenters.deletion_view(r) for r in erasure.deletion_requests_of(student.id)]
    return render_template(
        "guardians/data.html",
        student=student,
        messages=messages,
        files=files,
        requests=requests,
        form=DeletionRequestForm(),
    )


@bp.post("/guardian/children/<int:student_id>/deletion-request")
@require("data.export_child")
def deletion_request_page(student_id: int):
    form = DeletionRequestForm()
    if not form.validate_on_submit():
        raise Invalid(_("The reason is too long."), code="invalid_form")
    erasure.request_deletion(current_user(), student_id, form.reason.data or "")
    flash(_("Your request was sent to the school. An administrator will decide and you will see the answer here."))
    return redirect(url_for("guardians.child_data_page", student_id=student_id))


# ---- admin pages ---------------------------------------------------------------------------


@bp.get("/admin/data-rights")
@require("retention.manage")
def admin_page():
    admin = current_user()
    form = RetentionForm(days_after_term=retention.retention_days(admin.school_id))
    return render_template(
        "guardians/admin.html",
        requests=[presenters.deletion_view(r) for r in erasure.deletion_requests(admin)],
        form=form,
        decision_form=DecisionForm(),
        runs=retention.recent_runs(admin.school_id),
    )


@bp.post("/admin/deletion-requests/<int:request_id>/<any(approve, reject):decision>")
@require("retention.manage")
def admin_decide(request_id: int, decision: str):
    form = DecisionForm()
    if not form.validate_on_submit():
        raise Invalid(_("The reason is too long."), code="invalid_form")
    req = erasure.decide_deletion(current_user(), request_id, decision == "approve", form.reason.data or "")
    flash(
        _("Request approved: the child's messages and files were erased.")
        if req.status == "approved"
        else _("Request declined.")
    )
    return redirect(url_for("guardians.admin_page"))


@bp.post("/admin/retention")
@require("retention.manage")
def admin_retention():
    form = RetentionForm()
    if not form.validate_on_submit():
        raise Invalid(_("Days after the end of term must be a whole number from 0 to 3650."), code="invalid_days")
    retention.set_retention(current_user(), form.days_after_term.data)
    flash(_("Retention setting saved."))
    return redirect(url_for("guardians.admin_page"))


@bp.post("/admin/retention/run")
@require("retention.manage")
def admin_retention_run():
    admin = current_user()
    result = retention.run_retention(school_id=admin.school_id, actor_id=admin.id)
    flash(_("Retention applied: %(m)d messages in %(r)d rooms removed.", m=result["messages"], r=len(result["rooms"])))
    return redirect(url_for("guardians.admin_page"))


# ---- JSON API -----------------------------------------------------------------------------


@bp.get("/api/v1/classes/<int:class_id>/consent")
@require("consent.manage")
@doc(
    "Consent overview of a class: each student's scopes (granted, withdrawn, missing; how, when) and rooms they are kept out of",
    tag="guardians",
)
def api_overview(class_id: int):
    return ok(overview.class_overview(current_user(), class_id))


@bp.post("/api/v1/students/<int:student_id>/guardian-invitations")
@require("consent.manage")
@doc(
    "Create a one-time guardian invitation link for a student (shown once; optional e-mail through the outbox)",
    body={"email": "string", "language": "string"},
    response={"url": "string", "expires_at": "string"},
    tag="guardians",
    status=201,
)
def api_invite(student_id: int):
    data = json_body() if request.content_length else {}
    inv, url, emailed = invitations.create_invitation(
        current_user(),
        student_id,
        email=field(data, "email", required=False),
        language=field(data, "language", required=False),
        link_base=request.url_root,
    )
    return ok(
        {
            "id": inv.id,
            "url": url,
            "language": inv.language,
            "emailed": emailed,
            "expires_at": inv.expires_at.isoformat().replace("+00:00", "Z"),
        },
        201,
    )


@bp.post("/api/v1/students/<int:student_id>/consent/paper")
@require("consent.manage")
@doc(
    "Record a signed paper form: the scopes it grants or withdraws, who signed and the date on it",
    body={"scopes": "array", "guardian_name": "string", "signed_on": "string", "decision": "string"},
    tag="guardians",
    status=201,
)
def api_paper(student_id: int):
    data = json_body()
    rows = paper.record_paper(
        current_user(),
        student_id,
        scopes=field(data, "scopes", list),
        guardian_name=field(data, "guardian_name"),
        signed_on=field(data, "signed_on"),
        decision=field(data, "decision", required=False) or "grant",
    )
    states = consent.consent_states([rows[0].student_id])[rows[0].student_id]
    return ok(
        {"student_id": rows[0].student_id, "consent": {k: presenters.state_view(v) for k, v in states.items()}}, 201
    )


@bp.get("/api/v1/guardian/invitations/<token>")
@public
@doc("What an invitation link is about (the child's first name and initial, school), if still valid", tag="guardians")
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def api_invitation(token: str):
    return ok(presenters.invitation_view(invitations.open_invitation(token)))


@bp.post("/api/v1/guardian/invitations/<token>/accept")
@public
@doc(
    "Accept an invitation: a logged-in guardian links the child; otherwise a new guardian account is created and logged in",
    body={"first_name": "string", "last_name": "string", "email": "string", "password": "string", "relation": "string"},
    response={"guardian": "object", "student_id": "integer", "csrf_token": "string"},
    tag="guardians",
    status=201,
)
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def api_accept(token: str):
    data = json_body()
    user = current_user()
    relation = field(data, "relation", required=False) or ""
    if user is not None:
        guardian, link = invitations.accept_invitation(token, guardian=user, relation=relation)
    else:
        guardian, link = invitations.accept_invitation(
            token,
            relation=relation,
            account={
                "email": field(data, "email"),
                "password": field(data, "password"),
                "first_name": field(data, "first_name"),
                "last_name": field(data, "last_name", required=False) or "",
            },
        )
        start_session(guardian)
    return ok(
        {
            "guardian": {"id": guardian.id, "role": guardian.role, "first_name": guardian.first_name},
            "student_id": link.student_id,
            "csrf_token": generate_csrf(),
        },
        201,
    )


@bp.get("/api/v1/guardian/children")
@require("consent.give")
@doc("The guardian's children with consent per scope and rooms they are kept out of", tag="guardians")
def api_children():
    return ok({"children": [overview.child_view(c) for c in students.children_of(current_user())]})


@bp.get("/api/v1/guardian/children/<int:student_id>")
@require("consent.give")
@doc("One of the guardian's children", tag="guardians")
def api_child(student_id: int):
    return ok(overview.child_view(students.guarded_child(current_user(), student_id)))


@bp.post("/api/v1/guardian/children/<int:student_id>/consent")
@require("consent.give")
@doc(
    "Give or withdraw consent online for one scope; a withdrawal takes effect at once",
    body={"scope": "string", "decision": "string"},
    tag="guardians",
)
def api_decide(student_id: int):
    data = json_body()
    _decide(student_id, field(data, "scope"), field(data, "decision"))
    return ok(overview.child_view(students.guarded_child(current_user(), student_id)))


@bp.get("/api/v1/guardian/children/<int:student_id>/export")
@require("data.export_child")
@doc("Download everything the child wrote and uploaded (?format=json or csv)", tag="guardians")
def api_export(student_id: int):
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise Invalid(_("The format is json or csv."), code="invalid_format")
    data = export.export_child(current_user(), student_id)
    stamp = clock.today().strftime("%Y%m%d")
    name = f"child-{data['student']['id']}-data-{stamp}.{fmt}"
    if fmt == "csv":
        return Response(
            rules.export_csv(data["messages"], data["files"]),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename={name}"},
        )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.post("/api/v1/guardian/children/<int:student_id>/deletion-requests")
@require("data.export_child")
@doc("Ask the school to erase the child's messages and files", body={"reason": "string"}, tag="guardians", status=201)
def api_request_deletion(student_id: int):
    data = json_body() if request.content_length else {}
    req = erasure.request_deletion(current_user(), student_id, field(data, "reason", required=False) or "")
    return ok(presenters.deletion_view(req), 201)


@bp.get("/api/v1/classes/<int:class_id>/family-update")
@require("family.view")
@doc("The family update of a class: sessions held, approved work shared, what comes next", tag="guardians")
def api_family_update(class_id: int):
    return ok(presenters.update_json(family.family_update(current_user(), class_id)))


@bp.post("/api/v1/classes/<int:class_id>/family-update/send")
@require("consent.manage")
@doc("E-mail the family update to every linked guardian of the class (written to the outbox)", tag="guardians")
def api_family_update_send(class_id: int):
    return ok(family.send_family_update(current_user(), class_id))


@bp.get("/api/v1/deletion-requests")
@require("retention.manage")
@doc("Deletion requests for students of the admin's school (?status=pending)", tag="guardians")
def api_deletion_requests():
    status = request.args.get("status") or None
    return ok({"requests": [presenters.deletion_view(r) for r in erasure.deletion_requests(current_user(), status)]})


@bp.post("/api/v1/deletion-requests/<int:request_id>/<any(approve, reject):decision>")
@require("retention.manage")
@doc(
    "Approve (erase the child's messages and files now) or decline a deletion request",
    body={"reason": "string"},
    tag="guardians",
)
def api_decide_deletion(request_id: int, decision: str):
    data = json_body() if request.content_length else {}
    req = erasure.decide_deletion(
        current_user(), request_id, decision == "approve", field(data, "reason", required=False) or ""
    )
    return ok(presenters.deletion_view(req))


@bp.get("/api/v1/retention/settings")
@require("retention.manage")
@doc("The school's retention rule (days after the end of term)", tag="guardians")
def api_retention_settings():
    admin = current_user()
    return ok(
        {
            "school_id": admin.school_id,
            "days_after_term": retention.retention_days(admin.school_id),
            "default_days": retention.default_retention_days(),
        }
    )


@bp.post("/api/v1/retention/settings")
@require("retention.manage")
@doc("Set the school's retention rule", body={"days_after_term": "integer"}, tag="guardians")
def api_set_retention():
    policy = retention.set_retention(current_user(), field(json_body(), "days_after_term", int))
    return ok({"school_id": policy.school_id, "days_after_term": policy.days_after_term})


@bp.post("/api/v1/retention/run")
@require("retention.manage")
@doc(
    "Apply the retention rule now to the admin's school (optional `now` in the past, ISO 8601)",
    body={"now": "string"},
    tag="guardians",
)
def api_retention_run():
    admin = current_user()
    data = json_body() if request.content_length else {}
    now = clock.now()
    given = field(data, "now", required=False)
    if given is not None:
        when = utc_instant(given, "now")
        if when > now:  # a future "now" would purge data the policy still keeps
            raise Invalid(_("now cannot be in the future."), code="invalid_time")
        now = when.astimezone(timezone.utc)
    return ok(retention.run_retention(now, school_id=admin.school_id, actor_id=admin.id))
