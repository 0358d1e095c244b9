"""Pages of partnership agreements and of each partnership's steering view (the API is in
`agreement_api`, on the same blueprint). Thin edges: who is asking, a service, the page; a refusal
is a sentence on the page."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from ..authz import current_user, require
from ..db import db
from ..directory.models import School
from ..errors import DomainError, Forbidden
from ..evaluation import survey
from . import agreement_api  # noqa: F401  why: importing it registers the API's routes on `bp`
from . import agreement_rules as rules
from . import agreement_texts as texts
from . import agreements, steering, steering_log
from .agreement_forms import EndForm, NewAgreementForm, NoteForm, SignForm
from .agreement_forms import AgreementTextForm
from .agreement_models import Agreement
from .blueprint import bp
from .models import Organisation
from .organisations import is_district, organisations_of


@bp.app_template_filter("agreement_day")
def agreement_day(day: date | None) -> str:
    """A calendar day (start, renewal, signature) in the reader's language."""
    return format_date(day, "long") if day is not None else ""


def _words() -> dict:
    return {
        "status": texts.status_label,
        "side": texts.side_label,
        "kind": texts.kind_label,
        "note_kind": texts.note_kind_label,
    }


def _refused(exc: DomainError) -> int:
    """A refusal of who may (403) or of what exists (404) is the answer itself; others are said on
    the page. Returns the status for a form shown again."""
    if exc.status in (403, 404):
        raise exc
    flash(exc.message, "error")
    return exc.status


may_create = agreements.may_create


# ---- the list and a new agreement ---------------------------------------------------------------


@bp.get("/agreements")
@require("agreement.view")
def agreements_page():
    user = current_user()
    return render_template(
        "partners/agreements.html",
        rows=agreements.listing(user),
        district=is_district(user),
        may_create=may_create(user),
        words=_words(),
    )


def _partner_choices(user) -> list[tuple[str, str]]:
    schools = db.session.scalars(select(School).order_by(School.name))
    if user.role == "expert":
        return [(f"school:{s.id}", s.name) for s in schools]
    orgs = db.session.scalars(select(Organisation).where(Organisation.state != "rejected").order_by(Organisation.name))
    return [(f"organisation:{o.id}", _("%(name)s (organisation)", name=o.name)) for o in orgs] + [
        (f"school:{s.id}", _("%(name)s (school)", name=s.name)) for s in schools if s.id != user.school_id
    ]


def _new_form(user) -> NewAgreementForm:
    form = NewAgreementForm()
    form.partner.choices = _partner_choices(user)
    form.organisation.choices = [(str(o.id), o.name) for o in organisations_of(user)] if user.role == "expert" else []
    return form


def _new_body(user, form: NewAgreementForm) -> dict:
    side, _sep, ident = (form.partner.data or "").partition(":")
    body = form.text()
    if user.role == "expert":
        body.update(kind="school_org", school=ident, organisation=form.organisation.data)
    elif side == "organisation":
        body.update(kind="school_org", organisation=ident)
    else:
        body.update(kind="school_school", partner_school=ident)
    return body


@bp.route("/agreements/new", methods=["GET", "POST"])
@require("agreement.manage")
def agreement_new():
    user = current_user()
    if not may_create(user):
        raise Forbidden(
            _("Agreements are made by a school's administrator or an organisation's contact."), code="not_a_party"
        )
    form = _new_form(user)
    status = 200
    if form.validate_on_submit():
        try:
            ag = agreements.create(user, _new_body(user, form))
        except DomainError as exc:
            status = _refused(exc)
        else:
            flash(_("The agreement is saved as a draft. Each partner signs it next."), "success")
            return redirect(url_for("partners.agreement_page", agreement_id=ag.id))
    return render_template("partners/agreement_form.html", form=form, ag=None), 400 if form.errors else status


# ---- one agreement ------------------------------------------------------------------------------


def _sheet(ag: Agreement, version, sigs: list) -> list[tuple[str, object]]:
    """Each side in order with its signature on this version, or None where it has not signed."""
    by_side = {s.side: s for s in sigs if s.version_id == version.id}
    return [(side, by_side.get(side)) for side in rules.sides_for(ag.kind)]


def _agreement_context(user, ag: Agreement) -> dict:
    version = agreements.current_version(ag)
    sigs = agreements.signatures(ag)
    signed = agreements.signed_sides(ag, version)
    sides = agreements.party_sides(user, ag)
    sign_form = SignForm(name=user.full_name, version=str(version.number))
    return {
        "ag": ag,
        "status": agreements.status_of(ag),
        "parties": agreements.party_names(ag),
        "version": version,
        "versions": agreements.versions(ag),
        "signatures": sigs,
        "signed": signed,
        "sheet": _sheet(ag, version, sigs),
        "may_manage": bool(sides) and ag.state != "ended",
        "may_sign": ag.state != "ended" and any(s not in signed for s in sides),
        "sign_form": sign_form,
        "end_form": EndForm(),
        "words": _words(),
    }


@bp.get("/agreements/<int:agreement_id>")
@require("agreement.view")
def agreement_page(agreement_id: int):
    user = current_user()
    ag = agreements.visible(user, agreement_id)
    return render_template("partners/agreement.html", **_agreement_context(user, ag))


@bp.get("/agreements/<int:agreement_id>/print")
@require("agreement.view")
def agreement_print(agreement_id: int):
    user = current_user()
    ag = agreements.visible(user, agreement_id)
    return render_template("partners/agreement_print.html", **_agreement_context(user, ag))


def _edit_form(ag: Agreement) -> AgreementTextForm:
    version = agreements.current_version(ag)
    sharing = version.data_sharing or {}
    return AgreementTextForm(
        title=version.title,
        start_on=version.start_on,
        renew_on=version.renew_on,
        goals=version.goals,
        roles=version.roles,
        contacts=version.contacts,
        data_items="\n".join(sharing.get("data_items") or []),
        purpose=sharing.get("purpose", ""),
        retention=sharing.get("retention", ""),
        no_onward_sharing=bool(sharing.get("no_onward_sharing")),
        safeguarding=version.safeguarding,
    )


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@require("agreement.manage")
def agreement_edit(agreement_id: int):
    user = current_user()
    ag = agreements.managed(user, agreement_id)
    form = _edit_form(ag)
    status = 200
    if form.validate_on_submit():
        try:
            version = agreements.edit(user, ag.id, form.text())
        except DomainError as exc:
            status = _refused(exc)
        else:
            flash(
                _("Version %(n)d is saved. Every partner signs it again before it is active.", n=version.number),
                "success",
            )
            return redirect(url_for("partners.agreement_page", agreement_id=ag.id))
    return render_template("partners/agreement_form.html", form=form, ag=ag), 400 if form.errors else status


@bp.post("/agreements/<int:agreement_id>/sign")
@require("agreement.sign")
def agreement_sign(agreement_id: int):
    agreements.managed(current_user(), agreement_id)  # who may, before what they sent is read
    form = SignForm()
    if not form.validate_on_submit():
        flash(_("Give your full name and your role or title to sign."), "error")
        return redirect(url_for("partners.agreement_page", agreement_id=agreement_id) + "#sign")
    try:
        agreements.sign(
            current_user(),
            agreement_id,
            {"name": form.name.data, "role": form.role.data, "version": form.version.data or None},
        )
        flash(_("Signed. Thank you."), "success")
    except DomainError as exc:
        _refused(exc)
    return redirect(url_for("partners.agreement_page", agreement_id=agreement_id))


@bp.post("/agreements/<int:agreement_id>/end")
@require("agreement.manage")
def agreement_end(agreement_id: int):
    agreements.managed(current_user(), agreement_id)
    form = EndForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        agreements.end(current_user(), agreement_id, form.reason.data or "")
        flash(_("The agreement has ended."), "success")
    except DomainError as exc:
        _refused(exc)
    return redirect(url_for("partners.agreement_page", agreement_id=agreement_id))


# ---- the steering view --------------------------------------------------------------------------


@bp.get("/partnerships/<int:agreement_id>")
@require("steering.view")
def steering_page(agreement_id: int):
    view = steering.steering_for(current_user(), agreement_id)
    return render_template(
        "partners/steering.html",
        s=view,
        note_form=NoteForm(),
        words=_words(),
        step_words=texts.step_labels(),
        survey_names={key: _(name) for key, name in survey.SHORT_NAMES.items()},
    )


@bp.post("/partnerships/<int:agreement_id>/notes")
@require("steering.note")
def steering_note(agreement_id: int):
    steering_log.writable(current_user(), agreement_id)
    form = NoteForm()
    if not form.validate_on_submit():
        flash(_("Write the note (up to 2000 characters) and say whether it is a note or a decision."), "error")
        return redirect(url_for("partners.steering_page", agreement_id=agreement_id) + "#log")
    try:
        steering_log.add(current_user(), agreement_id, form.kind.data, form.body.data)
        flash(_("Added to the steering log."), "success")
    except DomainError as exc:
        _refused(exc)
    return redirect(url_for("partners.steering_page", agreement_id=agreement_id) + "#log")
