"""Opportunities' pages and API: the published list with its search, publishing, a student's
interest, the requests page of each role (endorse, consent, paper form, withdraw) and the
organisation's applicants (confirm, decline)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from ..apidoc import doc, json_body, ok
from ..authz import check, current_user, require
from ..db import db
from ..errors import DomainError, Forbidden, Invalid
from . import interests, opportunities, organisations, paper, rules
from .blueprint import bp
from .forms import OPPORTUNITY_LABELS, EndorseForm, InterestForm, OpportunityForm, PaperForm, PlainForm, ReasonForm

STEP_ACTIONS = ("endorse", "decline", "consent", "refuse", "paper", "confirm", "withdraw")


def _state_labels() -> dict:
    return {
        "interested": _("Waiting for the teacher"),
        "endorsed": _("Waiting for the family's consent"),
        "consented": _("Waiting for the organisation"),
        "waitlisted": _("On the waiting list"),
        "confirmed": _("Place confirmed"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    }


def _common() -> dict:
    return {"kind_labels": OPPORTUNITY_LABELS, "state_labels": _state_labels(), "plain": PlainForm()}


def _search_args() -> dict:
    kind = request.args.get("kind", "")
    online = request.args.get("online", "")
    band = request.args.get("band", "")
    return {
        "query": request.args.get("q", "")[:100],
        "kind": kind if kind in rules.OPPORTUNITY_KINDS else "",
        "online": online if online in ("yes", "no") else "",
        "band": band if band in rules.GRADE_BANDS else "",
    }


@bp.get("/opportunities")
@require("opportunity.view")
def opportunities_page():
    user = current_user()
    args = _search_args()
    rows = opportunities.listing(user, **args)
    own = organisations.organisations_of(user)
    return render_template(
        "partners/opportunities.html",
        rows=rows,
        args=args,
        kinds=rules.OPPORTUNITY_KINDS,
        bands=rules.GRADE_BANDS,
        own=own,
        mine=opportunities.listing(user, mine=True) if own else [],
        **_common(),
    )


def _publish_form(user) -> OpportunityForm:
    form = OpportunityForm()
    form.organisation_id.choices = [(o.id, o.name) for o in organisations.organisations_of(user)]
    return form


@bp.route("/opportunities/new", methods=["GET", "POST"])
@require("opportunity.publish")
def opportunity_new():
    user = current_user()
    form = _publish_form(user)
    if not form.organisation_id.choices:
        raise Forbidden(_("Register your organisation first; the district verifies it."), code="no_organisation")
    status = 200
    if form.validate_on_submit():
        data = {
            "kind": form.kind.data,
            "title": form.title.data,
            "description": form.description.data,
            "learning": form.learning.data,
            "grade_bands": form.grade_bands.data or [],
            "min_age": form.min_age.data,
            "starts_on": form.starts_on.data,
            "ends_on": form.ends_on.data,
            "online": bool(form.online.data),
            "place": form.place.data,
            "capacity": form.capacity.data,
            "supervisor": form.supervisor.data,
            "ratio_adults": form.ratio_adults.data,
            "ratio_students": form.ratio_students.data,
        }
        try:
            opp = opportunities.publish(user, form.organisation_id.data, data)
        except DomainError as exc:
            db.session.rollback()
            if exc.status == 404:
                raise
            form.title.errors = [*form.title.errors, exc.message]
            status = exc.status
        else:
            flash(_("The opportunity is published."), "success")
            return redirect(url_for("partners.opportunity_page", opp_id=opp.id))
    elif request.method == "POST":
        status = 400
    return render_template("partners/opportunity_new.html", form=form), status


@bp.get("/opportunities/<int:opp_id>")
@require("opportunity.view")
def opportunity_page(opp_id: int):
    user = current_user()
    opp = opportunities.visible(user, opp_id)
    org = organisations.organisation_or_404(opp.organisation_id)
    cls = opportunities.student_class(user) if user.role == "student" else None
    own_request = None
    if user.role == "student":
        own_request = next((r for r in interests.requests_for(user) if r.opportunity.id == opp.id), None)
    return render_template(
        "partners/opportunity.html",
        opp=opp,
        org=org,
        listed=opportunities.is_listed(opp, org),
        confirmed=opportunities.confirmed_count(opp.id),
        contact=organisations.is_member(user, org.id),
        eligible=opportunities.eligibility(user, opp, cls)
        if cls is not None
        else ("no_class" if user.role == "student" else None),
        own_request=own_request,
        form=InterestForm(),
        **_common(),
    )


@bp.post("/opportunities/<int:opp_id>/interest")
@require("opportunity.interest")
def opportunity_interest(opp_id: int):
    form = InterestForm()
    if not form.validate_on_submit():
        raise Invalid(_("Your form expired. Reload the page and try again."), code="invalid_form")
    interests.express_interest(current_user(), opp_id, form.note.data or "")
    flash(_("Your teacher is asked to endorse your request."), "success")
    return redirect(url_for("partners.opportunity_page", opp_id=opp_id))


@bp.post("/opportunities/<int:opp_id>/close")
@require("opportunity.publish")
def opportunity_close(opp_id: int):
    if not PlainForm().validate_on_submit():
        raise Invalid(_("Your form expired. Reload the page and try again."), code="invalid_form")
    opportunities.close(current_user(), opp_id)
    flash(_("The opportunity is closed; it leaves the list."), "success")
    return redirect(url_for("partners.opportunity_page", opp_id=opp_id))


@bp.get("/opportunities/requests")
@require("opportunity.view")
def requests_page():
    user = current_user()
    return render_template(
        "partners/requests.html",
        rows=interests.requests_for(user),
        endorse_form=EndorseForm(),
        paper_form=PaperForm(),
        reason_form=ReasonForm(),
        **_common(),
    )


@bp.get("/opportunities/<int:opp_id>/applicants")
@require("opportunity.confirm")
def applicants_page(opp_id: int):
    opp, rows = interests.applicants(current_user(), opp_id)
    return render_template(
        "partners/applicants.html",
        opp=opp,
        rows=rows,
        confirmed=opportunities.confirmed_count(opp.id),
        reason_form=ReasonForm(),
        **_common(),
    )


@bp.get("/opportunity-requests/<int:interest_id>/letter")
@require("opportunity.endorse")
def request_letter(interest_id: int):
    """The paper form for a family without internet; the teacher records the returned answer."""
    letter = paper.letter(current_user(), interest_id, request.args.get("lang"))
    return render_template("partners/letter.html", letter=letter, t=letter["texts"])


def _step(action: str, interest_id: int, values: dict):
    user = current_user()
    if action == "endorse":
        return interests.endorse(user, interest_id, age_confirmed=bool(values.get("age_confirmed")))
    if action in ("consent", "refuse"):
        return interests.consent(user, interest_id, agree=action == "consent")
    if action == "paper":
        return interests.paper_consent(
            user, interest_id, signed_on=values.get("signed_on") or "", agree=values.get("agree") == "yes"
        )
    if action == "confirm":
        return interests.confirm(user, interest_id)
    if action == "decline":
        return interests.decline(user, interest_id, values.get("reason") or "")
    return interests.withdraw(user, interest_id)


_STEP_PERMISSION = {
    "endorse": "opportunity.endorse",
    "paper": "opportunity.endorse",
    "consent": "opportunity.consent",
    "refuse": "opportunity.consent",
    "confirm": "opportunity.confirm",
    "decline": "opportunity.view",  # a teacher or the organisation: the service checks which
    "withdraw": "opportunity.withdraw",
}


def _step_allowed(action: str) -> None:
    check(current_user(), _STEP_PERMISSION[action])


@bp.post(
    "/opportunity-requests/<int:interest_id>/<any(endorse, decline, consent, refuse, paper, confirm, withdraw):action>"
)
@require("opportunity.view")
def request_step(interest_id: int, action: str):
    _step_allowed(action)
    form: FlaskForm = {"endorse": EndorseForm, "paper": PaperForm, "decline": ReasonForm}.get(action, PlainForm)()
    if not form.validate_on_submit():
        if action in ("paper", "decline") and request.form.get("csrf_token"):
            flash(_("Fill in every field of the form."), "error")
            return redirect(request.referrer or url_for("partners.requests_page"))
        raise Invalid(_("Your form expired. Reload the page and try again."), code="invalid_form")
    values = {
        "age_confirmed": getattr(getattr(form, "age_confirmed", None), "data", False),
        "signed_on": form.signed_on.data.isoformat() if isinstance(form, PaperForm) else "",
        "agree": getattr(getattr(form, "agree", None), "data", ""),
        "reason": getattr(getattr(form, "reason", None), "data", ""),
    }
    try:
        interest = _step(action, interest_id, values)
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        flash(exc.message, "error")
    else:
        flash(_("Done: %(state)s.", state=_state_labels().get(interest.state, interest.state)), "success")
    back = url_for("partners.requests_page")
    if action in ("confirm", "decline") and current_user().role == "expert":
        interest = interests.interest_or_404(interest_id)
        back = url_for("partners.applicants_page", opp_id=interest.opportunity_id)
    return redirect(back)


# ---- API ------------------------------------------------------------------------------------------


def _opp_json(row: opportunities.Listed | None = None, *, opp=None, org=None, confirmed: int | None = None) -> dict:
    if row is not None:
        opp, org, confirmed = row.opportunity, row.organisation, row.confirmed
    assert opp is not None and org is not None
    return {
        "id": opp.id,
        "organisation": {"id": org.id, "name": org.name},
        "kind": opp.kind,
        "title": opp.title,
        "description": opp.description,
        "learning": opp.learning,
        "grade_bands": opp.grade_bands or [],
        "min_age": opp.min_age,
        "starts_on": opp.starts_on.isoformat(),
        "ends_on": opp.ends_on.isoformat(),
        "online": opp.online,
        "place": opp.place,
        "capacity": opp.capacity,
        "places_left": max(0, opp.capacity - (confirmed or 0)),
        "supervisor": opp.supervisor,
        "ratio": f"{opp.ratio_adults}:{opp.ratio_students}",
        "state": opp.state,
        **({"eligible": row.eligible is None} if row is not None else {}),
    }


@bp.get("/api/v1/opportunities")
@require("opportunity.view")
@doc(
    "The published opportunities for learners, searchable",
    query={"q": "string", "kind": "string", "online": "string", "band": "string"},
    tag="partners",
)
def api_opportunities():
    return ok({"opportunities": [_opp_json(r) for r in opportunities.listing(current_user(), **_search_args())]})


@bp.post("/api/v1/opportunities")
@require("opportunity.publish")
@doc(
    "Publish an opportunity (a contact of an organisation in good standing)",
    body={
        "organisation_id": "integer",
        "kind": "string",
        "title": "string",
        "description": "string",
        "learning": "string",
        "grade_bands": "array",
        "starts_on": "string",
        "ends_on": "string",
        "online": "boolean",
        "place": "string",
        "capacity": "integer",
        "supervisor": "string",
        "ratio_adults": "integer",
        "ratio_students": "integer",
    },
    tag="partners",
    status=201,
)
def api_publish():
    data = json_body()
    opp = opportunities.publish(current_user(), data.get("organisation_id"), data)
    org = organisations.organisation_or_404(opp.organisation_id)
    return ok(_opp_json(opp=opp, org=org, confirmed=0), 201)


@bp.get("/api/v1/opportunities/<int:opp_id>")
@require("opportunity.view")
@doc("One opportunity", tag="partners")
def api_opportunity(opp_id: int):
    opp = opportunities.visible(current_user(), opp_id)
    org = organisations.organisation_or_404(opp.organisation_id)
    return ok(_opp_json(opp=opp, org=org, confirmed=opportunities.confirmed_count(opp.id)))


@bp.post("/api/v1/opportunities/<int:opp_id>/interest")
@require("opportunity.interest")
@doc(
    "A student says they are interested; their teacher is asked to endorse",
    body={"note": "string"},
    tag="partners",
    status=201,
)
def api_interest(opp_id: int):
    note = json_body().get("note", "") if request.content_length else ""  # the note is optional
    interest = interests.express_interest(current_user(), opp_id, note)
    return ok({"id": interest.id, "state": interest.state}, 201)


@bp.get("/api/v1/opportunity-requests")
@require("opportunity.view")
@doc("Requests for opportunities this person may follow (own, children's, students', school's)", tag="partners")
def api_requests():
    return ok(
        {
            "requests": [
                interests.request_json(r, for_organisation=False) for r in interests.requests_for(current_user())
            ]
        }
    )


@bp.get("/api/v1/opportunities/<int:opp_id>/applicants")
@require("opportunity.confirm")
@doc("The organisation's applicants: learners whose family consented, by first name and initial", tag="partners")
def api_applicants(opp_id: int):
    _opp, rows = interests.applicants(current_user(), opp_id)
    return ok({"applicants": [interests.request_json(r, for_organisation=True) for r in rows]})


@bp.post(
    "/api/v1/opportunity-requests/<int:interest_id>/<any(endorse, decline, consent, refuse, paper, confirm, withdraw):action>"
)
@require("opportunity.view")
@doc(
    "A step of a request: endorse (teacher), consent or refuse (guardian), paper (teacher records the form), "
    "confirm or decline (organisation; a teacher may decline), withdraw",
    body={"age_confirmed": "boolean", "signed_on": "string", "agree": "string", "reason": "string"},
    tag="partners",
)
def api_request_step(interest_id: int, action: str):
    _step_allowed(action)
    data = json_body() if request.content_length else {}
    for key in ("signed_on", "agree", "reason"):
        if key in data and not isinstance(data[key], str):
            raise Invalid(_("Field %(name)s has the wrong type.", name=key), code="wrong_type")
    interest = _step(action, interest_id, data)
    return ok({"id": interest.id, "state": interest.state})
