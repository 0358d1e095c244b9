"""The activity library's pages and API: search, an activity in the reader's language, attaching it
to a room, ratings, a teacher's submission and the editor's review.

Pages report refusals as a message on the page they came from; the API answers with the domain's
error (a sentence and a code). A room's panel (`room_activity_panel`) is a template global, so the
room page shows the activity without rooms importing this domain.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..errors import DomainError
from ..i18n import negotiate
from ..rooms.membership import can_control, current_state, get_room, require_member, rooms_for
from . import catalog, services
from .forms import AttachForm, RatingForm, ReviewForm, SearchForm, SubmitForm
from .words import SDGS, sdg_label, topic_label

log = logging.getLogger("exchange.activities")
bp = Blueprint("activities", __name__)
MINUTES = (30, 45, 60, 90)


def _reader_language() -> str:
    return str(get_locale() or "en")


@bp.app_template_filter("topic")
def _topic_filter(topic: str) -> str:
    return topic_label(topic)


@bp.app_template_global()
def direction_of(language: str) -> str:
    """ "rtl" or "ltr" for an activity's own language, which may differ from the page's."""
    return negotiate.direction(language)


@bp.app_template_global()
def language_name(code: str) -> str:
    return negotiate.native_name(code)


@bp.app_template_filter("sdg")
def _sdg_filter(number: int) -> str:
    return sdg_label(number)


def _query_from(args) -> catalog.Query:
    sdg = args.get("sdg", "")
    minutes = args.get("max_minutes", "")
    return catalog.Query(
        words=(args.get("q") or "")[:100],
        grade_band=args.get("grade_band", "") if args.get("grade_band") in catalog.GRADE_BANDS else "",
        topic=(args.get("topic") or "")[:40],
        language=(args.get("language") or "")[:8],
        sdg=int(sdg) if sdg.isdigit() and 1 <= int(sdg) <= 17 else None,
        max_minutes=int(minutes) if minutes.isdigit() and 10 <= int(minutes) <= 120 else None,
    )


def _summary(activity: catalog.Activity, rating: services.RatingSummary, language: str) -> dict:
    texts = activity.in_language(language)
    return {
        "slug": activity.slug,
        "title": texts.title,
        "summary": texts.summary,
        "language": texts.language,
        "languages": list(activity.languages),
        "grade_bands": list(activity.grade_bands),
        "topics": list(activity.topics),
        "duration_minutes": activity.duration_minutes,
        "sdgs": list(activity.sdgs),
        "rating": {"average": rating.average, "count": rating.count, "mine": rating.mine},
    }


def _detail(activity: catalog.Activity, rating: services.RatingSummary, language: str) -> dict:
    texts = activity.in_language(language)
    found = _summary(activity, rating, language)
    found.update(
        {key: list(getattr(texts, key)) for key in catalog.LISTS},
        safety_note=texts.safety_note,
        status=services.status_of(activity.slug),
    )
    return found


# ---- pages -------------------------------------------------------------------------------


@bp.get("/activities")
@require("activity.view")
def library_page():
    user, language = current_user(), _reader_language()
    form = SearchForm(request.args)
    form.grade_band.choices = [("", _("Any"))] + [(b, b) for b in catalog.GRADE_BANDS]
    every = services.visible_to(user)
    topics = sorted({t for a in every for t in a.topics}, key=lambda t: catalog.folded(topic_label(t)))
    form.topic.choices = [("", _("Any"))] + [(t, topic_label(t)) for t in topics]
    form.language.choices = [("", _("Any"))] + [
        (code, negotiate.native_name(code)) for code in services.interface_languages()
    ]
    form.sdg.choices = [("", _("Any"))] + [(str(n), f"{n}. {sdg_label(n)}") for n in SDGS]
    form.max_minutes.choices = [("", _("Any length"))] + [(str(m), _("%(n)s minutes", n=m)) for m in MINUTES]
    found = catalog.search(every, _query_from(request.args), language)
    rated = services.ratings([a.slug for a in found], user)
    waiting = len(services.waiting()) if services.is_editor(user) else 0
    return render_template(
        "activities/library.html",
        form=form,
        activities=[_summary(a, rated[a.slug], language) for a in found],
        total=len(every),
        waiting=waiting,
        editor=services.is_editor(user),
    )


@bp.get("/activities/<slug>")
@require("activity.view")
def activity_page(slug: str):
    user = current_user()
    language = request.args.get("lang") or _reader_language()
    activity = services.get(slug, user)
    rating = services.ratings([activity.slug], user)[activity.slug]
    attach = None
    if user.role in ("teacher", "admin", "moderator"):
        rooms = services.rooms_to_attach(user, rooms_for(user))
        if rooms:
            attach = AttachForm()
            attach.room_id.choices = [(str(r.id), r.title) for r in rooms]
    rate = RatingForm() if user.role == "teacher" else None
    if rate is not None and rating.mine:
        rate.stars.data = str(rating.mine)
    row = services.submission(activity.slug)
    review = ReviewForm() if services.is_editor(user) and row is not None and row.status == "submitted" else None
    return render_template(
        "activities/activity.html",
        activity=_detail(activity, rating, language),
        submission=row,
        attach=attach,
        rate=rate,
        review=review,
    )


@bp.post("/activities/<slug>/attach")
@require("activity.attach")
def attach_page(slug: str):
    form = AttachForm()
    form.room_id.choices = [(request.form.get("room_id", ""), "")]
    if not form.validate_on_submit():
        flash(_("Choose a room."), "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    try:
        room, activity = services.attach(current_user(), slug, form.room_id.data)
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404 and exc.code == "no_such_activity":
            raise
        flash(exc.message, "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    flash(
        _(
            "The room now follows “%(title)s”. Its prompts show in the room.",
            title=activity.in_language(_reader_language()).title,
        )
    )
    return redirect(url_for("rooms.room_page", room_id=room.id))


@bp.post("/activities/<slug>/rating")
@require("activity.rate")
def rate_page(slug: str):
    form = RatingForm()
    if not form.validate_on_submit():
        flash(_("Choose from one to five stars."), "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    try:
        services.rate(current_user(), slug, int(form.stars.data))
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        flash(exc.message, "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    flash(_("Thank you for rating this activity."))
    return redirect(url_for("activities.activity_page", slug=slug))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _submit_form() -> SubmitForm:
    form = SubmitForm()
    form.language.choices = [(code, negotiate.native_name(code)) for code in services.interface_languages()]
    form.sdgs.choices = [(str(n), f"{n}. {sdg_label(n)}") for n in SDGS]
    if not form.language.data:
        form.language.data = _reader_language() if _reader_language() in services.interface_languages() else "en"
    return form


@bp.route("/activities/new", methods=["GET", "POST"])
@require("activity.submit")
def submit_page():
    form = _submit_form()
    if form.validate_on_submit():
        raw = {
            "grade_bands": form.grade_bands.data,
            "topics": [t.strip() for t in (form.topics.data or "").split(",") if t.strip()],
            "duration_minutes": form.duration_minutes.data,
            "sdgs": [int(n) for n in form.sdgs.data or []],
            "texts": {
                form.language.data: {
                    "title": form.title.data,
                    "summary": form.summary.data,
                    "prepare": _lines(form.prepare.data),
                    "exchange": _lines(form.exchange.data),
                    "reflect": _lines(form.reflect.data),
                    "prompts": _lines(form.prompts.data),
                    "materials": _lines(form.materials.data),
                    "safety_note": form.safety_note.data or "",
                }
            },
        }
        try:
            row = services.submit(current_user(), raw)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Thank you. An editor will review your activity before other teachers see it."))
            return redirect(url_for("activities.activity_page", slug=row.slug))
    elif request.method == "POST":
        flash(_("Please complete the fields marked below."), "error")
    return render_template("activities/submit.html", form=form)


@bp.get("/activities/review")
@require("activity.review")
def review_queue_page():
    if not services.is_editor(current_user()):
        abort(403)
    language = _reader_language()
    rows = services.waiting()
    items = [(r, services.get(r.slug, current_user()).in_language(language)) for r in rows]
    return render_template("activities/review.html", items=items)


@bp.post("/activities/<slug>/review")
@require("activity.review")
def review_page(slug: str):
    form = ReviewForm()
    if not form.validate_on_submit():
        flash(_("Choose to publish or to send back."), "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    try:
        row = services.review(current_user(), slug, form.decision.data, form.note.data or "")
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        flash(exc.message, "error")
        return redirect(url_for("activities.activity_page", slug=slug))
    flash(_("Published.") if row.status == "published" else _("Sent back to the author."))
    return redirect(url_for("activities.review_queue_page"))


@bp.post("/rooms/<int:room_id>/activity/remove")
@require("activity.attach")
def detach_page(room_id: int):
    services.detach(current_user(), room_id)
    flash(_("The room no longer follows an activity."))
    return redirect(url_for("rooms.room_page", room_id=room_id))


@bp.app_template_global()
def room_activity_panel(room_id: int) -> dict | None:
    """For the room page: the activity the room follows, in the reader's language, and its phase now."""
    activity = services.room_activity(room_id)
    if activity is None:
        return None
    room = get_room(room_id)
    texts = activity.in_language(_reader_language())
    return {
        "slug": activity.slug,
        "texts": texts,
        "phase": catalog.phase_for(current_state(room)),
        "manages": can_control(current_user(), room),
    }


# ---- API ---------------------------------------------------------------------------------


@bp.get("/api/v1/activities")
@require("activity.view")
@doc(
    "Search the activity library",
    tag="activities",
    query={
        "q": "string",
        "grade_band": "string",
        "topic": "string",
        "language": "string",
        "sdg": "integer",
        "max_minutes": "integer",
    },
)
def api_library():
    user, language = current_user(), _reader_language()
    found = catalog.search(services.visible_to(user), _query_from(request.args), language)
    rated = services.ratings([a.slug for a in found], user)
    return ok({"activities": [_summary(a, rated[a.slug], language) for a in found]})


@bp.get("/api/v1/activities/<slug>")
@require("activity.view")
@doc("One activity in the reader's language (or ?lang=)", tag="activities", query={"lang": "string"})
def api_activity(slug: str):
    user = current_user()
    activity = services.get(slug, user)
    rating = services.ratings([activity.slug], user)[activity.slug]
    return ok(_detail(activity, rating, request.args.get("lang") or _reader_language()))


@bp.post("/api/v1/activities")
@require("activity.submit")
@doc(
    "Submit your own activity for an editor's review",
    body={"grade_bands": "array", "topics": "array", "duration_minutes": "integer", "sdgs": "array", "texts": "object"},
    tag="activities",
    status=201,
)
def api_submit():
    row = services.submit(current_user(), json_body())
    return ok({"slug": row.slug, "status": row.status}, 201)


@bp.post("/api/v1/activities/<slug>/rating")
@require("activity.rate")
@doc("Rate an activity from one to five stars", body={"stars": "integer"}, tag="activities")
def api_rate(slug: str):
    data = json_body()
    summary = services.rate(current_user(), slug, field(data, "stars", int))
    return ok({"average": summary.average, "count": summary.count, "mine": summary.mine})


@bp.post("/api/v1/activities/<slug>/review")
@require("activity.review")
@doc(
    "Publish a submitted activity or send it back (platform editors)",
    body={"decision": "string", "note": "string"},
    tag="activities",
)
def api_review(slug: str):
    data = json_body()
    row = services.review(current_user(), slug, field(data, "decision"), field(data, "note", required=False) or "")
    return ok({"slug": row.slug, "status": row.status})


@bp.get("/api/v1/rooms/<int:room_id>/activity")
@require("room.view")
@doc("The activity a room follows and its phase now (prepare, exchange, reflect)", tag="activities")
def api_room_activity(room_id: int):
    user = current_user()
    room = get_room(room_id)
    require_member(user, room)
    activity = services.room_activity(room.id)
    if activity is None:
        return ok({"activity": None})
    rating = services.ratings([activity.slug], user)[activity.slug]
    return ok(
        {"activity": _detail(activity, rating, _reader_language()), "phase": catalog.phase_for(current_state(room))}
    )


@bp.put("/api/v1/rooms/<int:room_id>/activity")
@require("activity.attach")
@doc("Choose the activity a room you run follows", body={"slug": "string"}, tag="activities")
def api_attach(room_id: int):
    data = json_body()
    slug = field(data, "slug")
    room, activity = services.attach(current_user(), slug, room_id)
    return ok({"room_id": room.id, "slug": activity.slug, "phase": catalog.phase_for(current_state(room))})


@bp.delete("/api/v1/rooms/<int:room_id>/activity")
@require("activity.attach")
@doc("Stop following an activity in a room you run", tag="activities")
def api_detach(room_id: int):
    services.detach(current_user(), room_id)
    return ok({"room_id": room_id, "activity": None})
