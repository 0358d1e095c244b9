"""The page edge of the guardians domain: consent pages for teachers, the guardian's pages, data
rights for admins, as HTML. Thin: check who asks, call services, answer; the /api/v1 routes are
in `api`, on the same blueprint."""

from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.sessions import authenticate, start_session
from ..authz import current_user, ensure, public, require
from ..db import db
from ..directory import services as directory
from ..errors import DomainError, Invalid
from ..ratelimits import SECRET_LINK, guards_secret
from ..signals import collect_child_writings
from ..outbox import link_root
from . import api  # noqa: F401  why: importing it registers the /api/v1 routes on `bp`
from . import slip_views  # noqa: F401  why: importing it registers the reply-slip routes on `bp`
from . import (
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
    slips,
    students,
)
from .edge import bp, decide
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

__all__ = ["bp"]


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
        "sms": _("by text message"),
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
        link_base=link_root(),
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
    slips.letter_printed(current_user(), letter["student"], letter["lang"])  # counted once a day per language
    return render_template(
        "guardians/letter.html",
        letter=letter,
        t=letter["texts"],
        scopes=rules.SCOPES,
        slip=slips.letter_slip(letter["student"].id),
    )


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
        slip=slips.update_slip(cls.id),
    )


def _in_viewer_zone(dt, zone: str) -> str:
    return emails.in_zone(dt, zone, str(get_locale() or "en"))


@bp.post("/classes/<int:class_id>/family-update/send")
@require("consent.manage")
def family_update_send(class_id: int):
    result = family.send_family_update(current_user(), class_id)
    flash(
        ngettext(
            "The family update went to %(n)d guardian by e-mail.",
            "The family update went to %(n)d guardians by e-mail.",
            result["sent"],
            n=result["sent"],
        )
    )
    if result["texted"]:
        flash(
            ngettext(
                "%(n)d guardian who chose text messages got a short text about it.",
                "%(n)d guardians who chose text messages got a short text about it.",
                result["texted"],
                n=result["texted"],
            )
        )
    if result["paper"]:
        flash(
            _(
                "These families chose letters on paper: print this update for them: %(names)s.",
                names=", ".join(result["paper"]),
            )
        )
    if result["failed"]:
        flash(
            ngettext(
                "%(n)d e-mail or text could not be sent; the log says which.",
                "%(n)d e-mails or texts could not be sent; the log says which.",
                result["failed"],
                n=result["failed"],
            ),
            "error",
        )
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
    decide(student_id, scope, decision)
    label = presenters.scope_labels().get(scope, scope)
    flash(
        _("Consent given: %(scope)s.", scope=label)
        if decision == "grant"
        else _("Consent withdrawn: %(scope)s. This takes effect at once.", scope=label)
    )
    return redirect(url_for("guardians.guardian_home"))


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
    writings = collect_child_writings("guardians", user_id=student.id)
    requests = [presenters.deletion_view(r) for r in erasure.deletion_requests_of(student.id)]
    return render_template(
        "guardians/data.html",
        student=student,
        messages=messages,
        files=files,
        writings=writings,
        requests=requests,
        form=DeletionRequestForm(),
        answers=slips.family_replies(student.id),
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
    removed = ngettext("%(num)d message removed", "%(num)d messages removed", result["messages"])
    rooms = ngettext("in %(num)d room", "in %(num)d rooms", len(result["rooms"]))
    flash(_("Retention applied: %(removed)s %(rooms)s.", removed=removed, rooms=rooms))
    return redirect(url_for("guardians.admin_page"))
