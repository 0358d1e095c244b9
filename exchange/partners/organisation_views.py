"""Organisations' pages and API: the list, registering (open to a new partner), the profile with the
district's verification, the logo."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, json_body, ok
from ..authz import current_user, public, require
from ..db import db
from ..errors import DomainError, Forbidden, Invalid
from ..extensions import csrf
from ..files.http import read_upload
from . import opportunities, organisations, rules, verification
from .blueprint import bp
from .forms import DecisionForm, EvidenceForm, OrganisationForm, PlainForm, RegisterForm, StaffForm


def _labels() -> dict:
    return {
        "kind": organisations.kind_label,
        "status": organisations.status_label,
        "evidence": organisations.evidence_label,
    }


@bp.get("/organisations")
@require("organisation.view")
def organisations_page():
    user = current_user()
    kind = request.args.get("kind", "")
    rows = organisations.listing(
        user,
        query=request.args.get("q", "")[:100],
        kind=kind if kind in rules.ORGANISATION_KINDS else "",
        state=request.args.get("state", "")[:16],
    )
    return render_template(
        "partners/organisations.html",
        rows=rows,
        kinds=rules.ORGANISATION_KINDS,
        district=organisations.is_district(user),
        mine=[o.id for o in organisations.organisations_of(user)],
        labels=_labels(),
        query=request.args.get("q", "")[:100],
        kind=kind,
    )


@bp.route("/organisations/register", methods=["GET", "POST"])
@public
def register_page():
    user = current_user()
    if user is not None and user.role != "expert":
        raise Forbidden(
            _("Register an organisation with its own contact's account: sign out first, or ask the district."),
            code="forbidden",
        )
    form = RegisterForm()
    status = 200
    if form.validate_on_submit():
        data = {**_form_values(form)}
        if user is None:
            data.update(
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                email=form.email.data,
                password=form.password.data,
            )
        try:
            org, _contact = organisations.register(data, user)
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [*form.name.errors, exc.message]
            status = exc.status
        else:
            if user is None:
                flash(
                    _("%(name)s is registered. Log in with your e-mail to follow the district's check.", name=org.name),
                    "success",
                )
                return redirect(url_for("accounts.login"))
            flash(_("%(name)s is registered. The district checks it next.", name=org.name), "success")
            return redirect(url_for("partners.organisation_page", org_id=org.id))
    elif request.method == "POST":
        status = 400
    return render_template("partners/organisation_register.html", form=form, signed_in=user is not None), status


def _form_values(form: OrganisationForm) -> dict:
    return {
        "name": form.name.data,
        "kind": form.kind.data,
        "mission": form.mission.data,
        "offers": form.offers.data,
        "website": form.website.data,
        "contact_phone": form.contact_phone.data,
        "languages": form.languages.data or "",
        "regions": form.regions.data or "",
    }


def _profile(org_id: int, *, evidence_form=None, decision_form=None, staff_form=None, status: int = 200):
    user = current_user()
    org = organisations.visible(user, org_id)
    district = organisations.is_district(user)
    return render_template(
        "partners/organisation.html",
        org=org,
        status=organisations.status_of(org),
        district=district,
        contact=organisations.is_member(user, org.id),
        evidence=verification.evidence_rows(org.id) if district else [],
        evidence_form=evidence_form or EvidenceForm(),
        decision_form=decision_form or DecisionForm(),
        plain=PlainForm(),
        labels=_labels(),
        opportunities=[r for r in opportunities.listing(user) if r.organisation.id == org.id],
        offers=organisations.visit_offers(org.id),
        staff=organisations.staff(org.id) if district or organisations.is_member(user, org.id) else [],
        staff_form=staff_form or StaffForm(),
    ), status


@bp.get("/organisations/<int:org_id>")
@require("organisation.view")
def organisation_page(org_id: int):
    return _profile(org_id)


@bp.route("/organisations/<int:org_id>/edit", methods=["GET", "POST"])
@require("organisation.manage")
def organisation_edit(org_id: int):
    user = current_user()
    org = organisations.managed(user, org_id)
    form = OrganisationForm(obj=None if request.method == "POST" else org)
    if request.method == "GET":
        form.languages.data = ", ".join(org.languages or [])
        form.regions.data = ", ".join(org.regions or [])
    status = 200
    if form.validate_on_submit():
        try:
            organisations.update_profile(user, org.id, _form_values(form))
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [*form.name.errors, exc.message]
            status = exc.status
        else:
            flash(_("The profile is saved."), "success")
            return redirect(url_for("partners.organisation_page", org_id=org.id))
    elif request.method == "POST":
        status = 400
    return render_template("partners/organisation_edit.html", form=form, org=org, plain=PlainForm()), status


@bp.post("/organisations/<int:org_id>/logo")
@csrf.exempt  # checked in read_upload before the body is read
@require("organisation.manage")
def organisation_logo_upload(org_id: int):
    user = current_user()
    organisations.managed(user, org_id)
    try:
        data, name = read_upload(form_token=True)
        organisations.set_logo(user, org_id, data, name)
        flash(_("The logo is saved."), "success")
    except DomainError as exc:
        if exc.status in (403, 404) or exc.code == "csrf_failed":  # who may, and a forged form: the answer itself
            raise
        flash(exc.message, "error")
    return redirect(url_for("partners.organisation_edit", org_id=org_id))


@bp.get("/organisations/<int:org_id>/logo")
@require("organisation.view")
def organisation_logo(org_id: int):
    found = organisations.logo(current_user(), org_id)
    if found is None:
        abort(404)
    data, mime = found
    resp = Response(data, mimetype=mime)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


@bp.post("/organisations/<int:org_id>/staff")
@require("organisation.manage")
def organisation_staff(org_id: int):
    user = current_user()
    organisations.managed(user, org_id)
    form = StaffForm()
    if not form.validate_on_submit():
        return _profile(org_id, staff_form=form, status=400)
    try:
        member = organisations.add_staff(user, org_id, form.email.data)
    except DomainError as exc:
        db.session.rollback()
        form.email.errors = [*form.email.errors, exc.message]
        return _profile(org_id, staff_form=form, status=exc.status)
    flash(_("%(name)s acts for the organisation now.", name=member.user.full_name), "success")
    return redirect(url_for("partners.organisation_page", org_id=org_id))


@bp.post("/organisations/<int:org_id>/evidence")
@require("organisation.verify")
def organisation_evidence(org_id: int):
    user = current_user()
    organisations.require_district(user)
    form = EvidenceForm()
    if not form.validate_on_submit():
        return _profile(org_id, evidence_form=form, status=400)
    try:
        verification.record_evidence(
            user,
            org_id,
            {"kind": form.kind.data, "detail": form.detail.data, "expires_on": form.expires_on.data.isoformat()},
        )
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        form.detail.errors = [*form.detail.errors, exc.message]
        return _profile(org_id, evidence_form=form, status=exc.status)
    flash(_("The evidence is recorded."), "success")
    return redirect(url_for("partners.organisation_page", org_id=org_id))


@bp.post("/organisations/<int:org_id>/decision")
@require("organisation.verify")
def organisation_decision(org_id: int):
    user = current_user()
    organisations.require_district(user)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _profile(org_id, decision_form=form, status=400)
    try:
        org = verification.decide(user, org_id, form.decision.data, form.reason.data or "")
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        form.reason.errors = [*form.reason.errors, exc.message]
        return _profile(org_id, decision_form=form, status=exc.status)
    flash(
        _("%(name)s: %(state)s.", name=org.name, state=organisations.status_label(organisations.status_of(org).label)),
        "success",
    )
    return redirect(url_for("partners.organisation_page", org_id=org_id))


# ---- API ------------------------------------------------------------------------------------------


def _district_and_organisation(org_id: int) -> None:
    """Who may and which organisation, before what they sent is read."""
    organisations.require_district(current_user())
    organisations.organisation_or_404(org_id)


@bp.get("/api/v1/organisations")
@require("organisation.view")
@doc(
    "Organisations in good standing (the district: every organisation, with its state)",
    query={"q": "string", "kind": "string", "state": "string"},
    tag="partners",
)
def api_organisations():
    user = current_user()
    district = organisations.is_district(user)
    rows = organisations.listing(
        user,
        query=request.args.get("q", "")[:100],
        kind=request.args.get("kind", "")[:24],
        state=request.args.get("state", "")[:16],
    )
    mine = {o.id for o in organisations.organisations_of(user)}
    return ok(
        {
            "organisations": [
                organisations.as_json(r.organisation, r.status, full=district or r.organisation.id in mine)
                for r in rows
            ]
        }
    )


@bp.post("/api/v1/organisations")
@require("organisation.register")
@doc(
    "Register an organisation; the signed-in adult (expert role) becomes its first contact",
    body={"name": "string", "kind": "string", "mission": "string", "offers": "string", "languages": "array"},
    tag="partners",
    status=201,
)
def api_register():
    org, _contact = organisations.register(json_body(), current_user())
    return ok(organisations.as_json(org, organisations.status_of(org), full=True), 201)


@bp.get("/api/v1/organisations/<int:org_id>")
@require("organisation.view")
@doc("One organisation (its contacts and the district also see its evidence's state)", tag="partners")
def api_organisation(org_id: int):
    user = current_user()
    org = organisations.visible(user, org_id)
    full = organisations.is_district(user) or organisations.is_member(user, org.id)
    return ok(organisations.as_json(org, organisations.status_of(org), full=full))


@bp.post("/api/v1/organisations/<int:org_id>")
@require("organisation.manage")
@doc("Change an organisation's profile (its contacts)", body={"mission": "string", "offers": "string"}, tag="partners")
def api_update(org_id: int):
    user = current_user()
    organisations.managed(user, org_id)  # who may, before what they sent is read
    org = organisations.update_profile(user, org_id, json_body())
    return ok(organisations.as_json(org, organisations.status_of(org), full=True))


@bp.post("/api/v1/organisations/<int:org_id>/staff")
@require("organisation.manage")
@doc(
    "Add a colleague with an expert account to the organisation (its contacts); meeting students stays "
    "with their own vetting",
    body={"email": "string"},
    tag="partners",
    status=201,
)
def api_staff(org_id: int):
    user = current_user()
    organisations.managed(user, org_id)
    member = organisations.add_staff(user, org_id, json_body().get("email"))
    return ok({"user_id": member.user.id, "name": member.user.full_name, "cleared": member.cleared}, 201)


@bp.post("/api/v1/organisations/<int:org_id>/evidence")
@require("organisation.verify")
@doc(
    "Record verification evidence (the district): registration, safeguarding_policy, insurance, safeguarding_lead",
    body={"kind": "string", "detail": "string", "expires_on": "string"},
    tag="partners",
    status=201,
)
def api_evidence(org_id: int):
    _district_and_organisation(org_id)
    row = verification.record_evidence(current_user(), org_id, json_body())
    return ok(
        {"id": row.id, "kind": row.kind, "expires_on": row.expires_on.isoformat() if row.expires_on else None}, 201
    )


@bp.post("/api/v1/organisations/<int:org_id>/decision")
@require("organisation.verify")
@doc(
    "The district's decision: verify, suspend, reinstate or reject (with a reason)",
    body={"decision": "string", "reason": "string"},
    tag="partners",
)
def api_decision(org_id: int):
    _district_and_organisation(org_id)
    data = json_body()
    decision, reason = data.get("decision"), data.get("reason", "")
    if not isinstance(decision, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="decision"), code="wrong_type")
    org = verification.decide(current_user(), org_id, decision, reason)
    return ok(organisations.as_json(org, organisations.status_of(org), full=True))
