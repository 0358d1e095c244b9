"""The page edge of vetting: the expert's application and checklist, the verifier's records,
public expert profiles, offers and visit requests, as HTML. Thin: the rules live in the use-case
modules; the /api/v1 routes are in `api`, on the same blueprint.

Who sees what: evidence only verifiers (admins); teachers and moderators a badge (state and
dates); students the public profile of a cleared expert only.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from ..authz import current_user, require
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.services import classes_for
from ..errors import DomainError
from . import api  # noqa: F401  why: importing it registers the /api/v1 routes on `bp`
from . import applications, decisions, expiry, offers, presenters, records, visits
from .clearance import current_record, expert_cleared
from .edge import bp
from .forms import EVIDENCE_FORMS, ApplicationForm, OfferForm, TransitionForm, VisitRequestForm
from .messages import state_label
from .rules.states import TERMINAL_STATES, VettingState, allowed_transitions

__all__ = ["bp"]


# ---- helpers for templates -------------------------------------------------------------


@bp.app_template_global()
def vetting_dashboard() -> dict:
    """The vetting card of the dashboard for the current user's role."""
    return presenters.dashboard_for(current_user())


@bp.app_template_filter("vetting_in_zone")
def in_zone(dt: datetime | None, zone: str, fmt: str = "short") -> str:
    """A UTC datetime shown in a named time zone (e.g. the partner class's), in the viewer's language."""
    if dt is None:
        return ""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return format_datetime(dt, fmt, tzinfo=tz, locale=str(get_locale() or "en"))


def _form_error(form, exc: DomainError, by_code: dict) -> None:
    """Show a domain refusal beside the field it concerns (or above the form)."""
    for prefix, name in by_code.items():
        if exc.code.startswith(prefix) and hasattr(form, name):
            getattr(form, name).errors = list(getattr(form, name).errors or []) + [exc.message]
            return
    form.form_errors.append(exc.message)


def _visit_rows(reqs) -> list[dict]:
    return [dict(presenters.visit_view(r), start=r.proposed_start) for r in reqs]


def _expert_rows(expert, reqs) -> list[dict]:
    """The expert's requests; one they cannot accept now carries the reason instead of the button
    (the same rules as `visits.answer_visit`: cleared expert, verified teacher, time not passed)."""
    cleared = expert_cleared(expert)
    rows = []
    for r in reqs:
        row = dict(presenters.visit_view(r), start=r.proposed_start, accept_blocked=None)
        if r.status == "requested":
            teacher = db.session.get(User, r.teacher_id)
            length = timedelta(minutes=row["length_minutes"] or 0)
            if not cleared:
                row["accept_blocked"] = _("You can accept once a verifier has cleared you.")
            elif teacher is None or not teacher.is_active or teacher.teacher_verified_at is None:
                row["accept_blocked"] = _(
                    "The teacher is not verified by their school yet; you can accept once they are."
                )
            elif r.proposed_start + length <= utcnow():
                row["accept_blocked"] = _("The proposed time has passed. Ask the teacher for a new request.")
        rows.append(row)
    return rows


@bp.before_app_request
def _watch_expiry() -> None:
    """The first request starts this process's daily expiry and reminder check."""
    expiry.start_watch(current_app._get_current_object())  # type: ignore[attr-defined]  # the app behind the proxy


# ---- the expert's application ----------------------------------------------------------

APPLICATION_ERRORS = {
    "display_name": "display_name",
    "organisation": "organisation",
    "expertise": "expertise",
    "bio": "bio",
    "invalid_languages": "languages",
    "no_language": "languages",
    "invalid_language": "languages",
    "code_of_conduct": "agree",
}


@bp.route("/vetting/apply", methods=["GET", "POST"])
@require("vetting.apply")
def apply_page():
    expert = current_user()
    profile = applications.get_profile(expert.id)
    form = ApplicationForm()
    if request.method == "GET" and profile is not None:
        form.display_name.data, form.organisation.data = profile.display_name, profile.organisation
        form.expertise.data, form.languages.data = profile.expertise, ", ".join(profile.languages or [])
        form.bio.data = applications.bio_as_text(profile.bio)
    status = 200
    if form.validate_on_submit():
        try:
            applications.submit_application(
                expert,
                display_name=form.display_name.data,
                organisation=form.organisation.data,
                expertise=form.expertise.data,
                languages=form.languages.data,
                bio=form.bio.data or "",
                agree=bool(form.agree.data),
            )
        except DomainError as exc:
            db.session.rollback()
            _form_error(form, exc, APPLICATION_ERRORS)
            status = exc.status
        else:
            flash(_("Thank you. Your application is saved; a verifier will review it."))
            return redirect(url_for("vetting.me_page"))
    elif request.method == "POST":
        status = 400
    return render_template(
        "vetting/apply.html", form=form, profile=profile, code_version=applications.CODE_OF_CONDUCT_VERSION
    ), status


@bp.get("/vetting/me")
@require("vetting.apply")
def me_page():
    return render_template("vetting/me.html", mine=presenters.my_vetting(current_user()))


# ---- the verifier's pages --------------------------------------------------------------


@bp.get("/vetting/records")
@require("vetting.verify")
def records_page():
    state = request.args.get("state") or None
    return render_template(
        "vetting/records.html",
        records=presenters.list_records(state),
        state=state,
        states=[(s.value, state_label(s.value)) for s in VettingState],
    )


def _render_record(record, forms: dict | None = None, transition: TransitionForm | None = None, status: int = 200):
    detail = presenters.record_detail(record)
    forms = dict(forms or {})
    for kind, cls in EVIDENCE_FORMS.items():
        forms.setdefault(kind, cls(prefix=kind, formdata=None))
    if transition is None:
        transition = TransitionForm(formdata=None)
    transition.target.choices = [("", _("Choose…"))] + [(s, state_label(s)) for s in detail["allowed_transitions"]]
    if len(transition.target.choices) == 1:
        transition.target.choices = []
    return render_template(
        "vetting/record.html", r=detail, forms=forms, transition=transition, kinds=list(EVIDENCE_FORMS)
    ), status


@bp.get("/vetting/records/<int:record_id>")
@require("vetting.verify")
def record_page(record_id: int):
    return _render_record(records.get_record(record_id))


@bp.post("/vetting/records/<int:record_id>/evidence/<any(identity, background, safeguarding_training, reference):kind>")
@require("vetting.verify")
def record_evidence_page(record_id: int, kind: str):
    record = records.get_record(record_id)
    form = EVIDENCE_FORMS[kind](prefix=kind)
    if form.validate_on_submit():
        try:
            records.record_evidence(
                current_user(), record.id, kind, {k: v for k, v in form.data.items() if k != "csrf_token"}
            )
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            return _render_record(record, {kind: form}, status=exc.status)
        flash(_("Evidence recorded."))
        return redirect(url_for("vetting.record_page", record_id=record.id))
    return _render_record(record, {kind: form}, status=400)


@bp.post("/vetting/records/<int:record_id>/transition")
@require("vetting.verify")
def transition_page(record_id: int):
    record = records.get_record(record_id)
    form = TransitionForm()
    form.target.choices = [("", "")] + [(s, s) for s in allowed_transitions(record.state)]
    if form.validate_on_submit():
        if not form.target.data:
            form.target.errors = [_("Choose the new state.")]
            return _render_record(record, transition=form, status=400)
        try:
            decisions.change_state(current_user(), record.id, form.target.data, form.reason.data)
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            return _render_record(record, transition=form, status=exc.status)
        flash(_("The record is now %(state)s.", state=state_label(form.target.data)))
        return redirect(url_for("vetting.record_page", record_id=record.id))
    return _render_record(record, transition=form, status=400)


@bp.post("/vetting/run/<any(expiry, reminders):job>")
@require("vetting.verify")
def run_job_page(job: str):
    if job == "expiry":
        done = expiry.expire_due()
        flash(
            ngettext(
                "Expiry check done: %(n)d record expired.",
                "Expiry check done: %(n)d records expired.",
                len(done),
                n=len(done),
            )
        )
    else:
        sent = expiry.send_reminders()
        flash(ngettext("Reminder sent: %(n)d item.", "Reminders sent: %(n)d items.", len(sent), n=len(sent)))
    return redirect(url_for("vetting.records_page"))


# ---- public profiles -------------------------------------------------------------------


@bp.get("/experts/<int:expert_id>")
@require("expert.view_public")
def expert_page(expert_id: int):
    return render_template("vetting/expert.html", e=presenters.expert_profile_for(current_user(), expert_id))


# ---- offers and visits: pages ----------------------------------------------------------

OFFER_ERRORS = {
    "invalid_topic": "topic",
    "name_refused": "topic",
    "invalid_name": "topic",
    "invalid_grade_bands": "grade_bands",
    "invalid_languages": "languages",
    "invalid_length": "length_minutes",
    "availability": "availability",
}


@bp.route("/offers/mine", methods=["GET", "POST"])
@require("offer.publish")
def my_offers_page():
    expert = current_user()
    form = OfferForm()
    if request.method == "GET":
        profile = applications.get_profile(expert.id)
        form.languages.data = ", ".join(profile.languages) if profile else ""
    status = 200
    if form.validate_on_submit():
        try:
            offers.publish_offer(
                expert,
                topic=form.topic.data,
                grade_bands=form.grade_bands.data,
                languages=form.languages.data,
                length_minutes=form.length_minutes.data,
                availability=form.availability.data or "",
            )
        except DomainError as exc:
            db.session.rollback()
            _form_error(form, exc, OFFER_ERRORS)
            status = exc.status
        else:
            flash(_("Your offer is published. Teachers see it while you are verified."))
            return redirect(url_for("vetting.my_offers_page"))
    elif request.method == "POST":
        status = 400
    return render_template(
        "vetting/my_offers.html",
        publish_blocked=_publish_blocked(expert),
        has_profile=applications.get_profile(expert.id) is not None,
        form=form,
        offers=offers.offers_of(expert),
        requests=_expert_rows(expert, visits.requests_for_expert(expert)),
        cleared=expert_cleared(expert),
    ), status


def _publish_blocked(expert) -> str | None:
    """Why this expert cannot publish an offer now (the rules of `offers.publish_offer`), or None."""
    if applications.get_profile(expert.id) is None:
        return _("Fill in your expert profile first.")
    record = current_record(expert.id)
    if record is not None and record.state in TERMINAL_STATES:
        return _("Your verification was %(state)s: you cannot offer visits.", state=state_label(record.state))
    return None


@bp.post("/offers/<int:offer_id>/withdraw")
@require("offer.publish")
def withdraw_offer_page(offer_id: int):
    offers.set_offer_active(current_user(), offer_id, False)
    flash(_("Offer withdrawn."))
    return redirect(url_for("vetting.my_offers_page"))


@bp.post("/visit-requests/<int:request_id>/<any(accept, decline):answer>")
@require("visit.answer")
def answer_page(request_id: int, answer: str):
    try:
        req = visits.answer_visit(current_user(), request_id, answer == "accept")
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("vetting.my_offers_page"))
    flash(_("Visit accepted: the room is ready.") if req.status == "accepted" else _("Request declined."))
    return redirect(url_for("vetting.my_offers_page"))


def _request_form(teacher, offer_id: int, formdata=True) -> VisitRequestForm:
    form = (
        VisitRequestForm(prefix=f"o{offer_id}") if formdata else VisitRequestForm(prefix=f"o{offer_id}", formdata=None)
    )
    form.class_id.choices = [(c.id, f"{c.name} ({c.grade_band})") for c in classes_for(teacher)]
    return form


def _render_offers(teacher, forms: dict | None = None, status: int = 200):
    shown = presenters.browse_offers()
    forms = dict(forms or {})
    for o in shown:
        forms.setdefault(o["id"], _request_form(teacher, o["id"], formdata=False))
    return render_template(
        "vetting/offers.html",
        offers=shown,
        forms=forms,
        sent=_visit_rows(visits.requests_of_teacher(teacher)),
        verified=teacher.teacher_verified_at is not None,
        has_classes=bool(classes_for(teacher)),
    ), status


@bp.get("/offers")
@require("visit.request")
def offers_page():
    return _render_offers(current_user())


@bp.post("/offers/<int:offer_id>/request")
@require("visit.request")
def request_visit_page(offer_id: int):
    teacher = current_user()
    form = _request_form(teacher, offer_id)
    if form.validate_on_submit():
        try:
            zone = ZoneInfo(teacher.timezone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        try:
            visits.request_visit(
                teacher,
                offer_id,
                class_id=form.class_id.data,
                proposed_start=form.start.data.replace(tzinfo=zone).astimezone(timezone.utc),
                note=form.note.data or "",
            )
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            return _render_offers(teacher, {offer_id: form}, status=exc.status)
        flash(_("Visit requested. The expert will answer soon."))
        return redirect(url_for("vetting.offers_page"))
    return _render_offers(teacher, {offer_id: form}, status=400)


@bp.post("/visit-requests/<int:request_id>/cancel")
@require("visit.request")
def cancel_page(request_id: int):
    visits.cancel_visit(current_user(), request_id)
    flash(_("Request cancelled."))
    return redirect(url_for("vetting.offers_page"))
