"""HTTP edge of the scheduling domain: class profiles, partner search, invitations, calendars
and iCalendar files, as pages and as /api/v1 routes. Thin: the rules live in `services`."""
from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, public, require
from ..db import db
from ..directory import services as directory
from ..errors import DomainError, Invalid
from ..ids import query_id
from ..ratelimits import SECRET_LINK, guards_secret
from . import services
from .forms import AsyncForm, InviteForm, ProfileForm, ProposeForm
from .services import ScheduleConflict

bp = Blueprint("scheduling", __name__)

ICS_TYPE = "text/calendar; charset=utf-8"


@bp.app_template_global()
def scheduling_dashboard() -> dict:
    """For templates/scheduling/_dashboard.html: upcoming sessions and invitations waiting."""
    return services.dashboard_for(current_user())


def _optional_body() -> dict:
    return json_body() if request.content_length else {}


def _conflict_response(exc: ScheduleConflict):
    return ok({"error": {"code": exc.code, "message": exc.message}, "conflicts": exc.conflicts}, exc.status)


def _start_from(data: dict, tz: str):
    """`starts_at` (ISO 8601 with an offset) or `date` + `time` on the clock of `tz`."""
    if data.get("starts_at") is not None:
        return services.parse_when(data["starts_at"])
    return services.local_moment(tz, field(data, "date"), field(data, "time"))


def _int_arg(name: str, default: int) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        raise Invalid(_("%(name)s must be a whole number.", name=name), code="invalid_payload") from None


def _day_arg(name: str) -> date | None:
    value = request.args.get(name)
    return services.parse_day(value, name) if value else None


def _own_teaching_class(class_id: int):
    user = current_user()
    cls = directory.get_class(class_id)
    ensure(user.role == "teacher" and cls.teacher_id == user.id, _("This is not one of your classes."), code="not_your_class")
    return cls


# ---- class profile --------------------------------------------------------------------

@bp.route("/classes/<int:class_id>/profile", methods=["GET", "POST"])
@require("class.manage")
def profile_page(class_id: int):
    cls = services.managed_class(current_user(), class_id)
    form = ProfileForm()
    status = 200
    if request.method == "GET":
        view = services.profile_view(cls)
        form.grade_band.data = cls.grade_band
        form.languages.data = ", ".join(view["languages"])
        form.topics.data = ", ".join(view["topics"])
        form.timezone.data = cls.timezone
        form.school_days.data = [str(d) for d in view["school_days"]]
        form.day_start.data, form.day_end.data = cls.day_start, cls.day_end
        form.term_start.data, form.term_end.data = cls.term_start, cls.term_end
        form.holidays.data = "\n".join(a if a == b else f"{a}..{b}" for a, b in view["holiday_ranges"])
    elif form.validate_on_submit():
        try:
            services.update_profile(current_user(), cls, {
                "grade_band": form.grade_band.data, "languages": form.languages.data, "topics": form.topics.data or "",
                "timezone": form.timezone.data.strip(), "school_days": form.school_days.data,
                "day_start": form.day_start.data, "day_end": form.day_end.data,
                "term_start": form.term_start.data, "term_end": form.term_end.data,
                "holidays": (form.holidays.data or "").splitlines()})
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(_("School calendar saved."))
            return redirect(url_for("scheduling.profile_page", class_id=cls.id))
    else:
        status = 400
    return render_template("scheduling/profile.html", cls=cls, form=form), status


@bp.get("/api/v1/classes/<int:class_id>/profile")
@require("class.manage")
@doc("A class's profile for matching: grade band, languages, topics, zone, school days and hours, term, holidays",
     tag="scheduling")
def api_profile(class_id: int):
    return ok(services.profile_view(services.managed_class(current_user(), class_id)))


@bp.route("/api/v1/classes/<int:class_id>/profile", methods=["PATCH", "POST"])
@require("class.manage")
@doc("Change a class's profile; fields left out keep their value. holidays: ISO dates or ranges '2026-12-21..2027-01-01'",
     body={"grade_band": "string", "languages": "array", "topics": "array", "timezone": "string",
           "school_days": "array", "day_start": "string", "day_end": "string", "term_start": "string",
           "term_end": "string", "holidays": "array"}, tag="scheduling")
def api_update_profile(class_id: int):
    cls = services.managed_class(current_user(), class_id)
    data = json_body()
    known = {"grade_band", "languages", "topics", "timezone", "school_days", "day_start", "day_end", "term_start",
             "term_end", "holidays"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise Invalid(_("Unknown field: %(name)s", name=unknown[0][:40]), code="unknown_field")
    return ok(services.profile_view(services.update_profile(current_user(), cls, data)))


# ---- partner search -------------------------------------------------------------------

@bp.get("/partners")
@require("partner.search")
def partners_start():
    classes = directory.classes_for(current_user())
    if len(classes) == 1:
        return redirect(url_for("scheduling.partners_page", class_id=classes[0].id))
    return render_template("scheduling/partners_start.html", classes=classes)


@bp.get("/classes/<int:class_id>/partners")
@require("partner.search")
def partners_page(class_id: int):
    cls = _own_teaching_class(class_id)
    weeks = _int_arg("weeks", 4)
    result = services.search_partners(current_user(), cls, _day_arg("from"), weeks, window_limit=40)
    return render_template("scheduling/partners.html", cls=cls, result=result, weeks=weeks,
                           async_form=AsyncForm(formdata=None))


@bp.get("/api/v1/classes/<int:class_id>/partners")
@require("partner.search")
@doc("Partner classes of other schools ranked by common school hours over the coming weeks (weeks, from), "
     "grade band, shared languages and topics; windows in both local times", tag="scheduling")
def api_partners(class_id: int):
    cls = _own_teaching_class(class_id)
    return ok(services.search_partners(current_user(), cls, _day_arg("from"), _int_arg("weeks", 4)))


# ---- invitations ----------------------------------------------------------------------

@bp.route("/classes/<int:class_id>/invite", methods=["GET", "POST"])
@require("session.invite")
def invite_page(class_id: int):
    user = current_user()
    cls = _own_teaching_class(class_id)
    form = InviteForm()
    partner_id = request.values.get("partner_class_id") or request.args.get("partner")
    try:
        partner = directory.get_class(int(partner_id or 0))
    except ValueError:
        partner = None
    if partner is None or partner.id == cls.id:
        raise Invalid(_("Choose a partner class first."), code="invalid_partner")
    conflicts, status, preview = [], 200, None
    if request.method == "GET":
        form.partner_class_id.data = str(partner.id)
        start = request.args.get("start")
        if start:
            moment = services.parse_when(start).astimezone(ZoneInfo(cls.timezone))
            form.date.data, form.time.data = moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)
        form.minutes.data = form.minutes.data or 45
        form.weeks.data = form.weeks.data or 1
    elif form.validate_on_submit():
        try:
            start = services.local_moment(cls.timezone, form.date.data, form.time.data)
            sessions = services.invite(user, class_id=cls.id, partner_class_id=partner.id, title=form.title.data,
                                       agenda=form.agenda.data, cultural_prompt=form.cultural_prompt.data, start=start,
                                       minutes=form.minutes.data, weeks=form.weeks.data,
                                       book_anyway=bool(form.book_anyway.data))
        except ScheduleConflict as exc:
            db.session.rollback()
            conflicts, status = exc.conflicts, exc.status
            form.form_errors.append(exc.message)
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Invitation sent to %(cls)s.", cls=partner.name) if len(sessions) == 1 else
                  _("%(n)d weekly invitations sent to %(cls)s.", n=len(sessions), cls=partner.name))
            return redirect(url_for("scheduling.invitations_page"))
    else:
        status = 400
    if form.date.data and form.time.data and not conflicts:
        try:
            preview = services.preview(user, class_id=cls.id, partner_class_id=partner.id,
                                       start=services.local_moment(cls.timezone, form.date.data, form.time.data),
                                       minutes=form.minutes.data or 45, weeks=form.weeks.data or 1)
            conflicts = preview["conflicts"]
        except DomainError:
            preview = None
    return render_template("scheduling/invite.html", cls=cls, partner=services.public_class(partner), form=form,
                           conflicts=conflicts, preview=preview), status


@bp.post("/classes/<int:class_id>/async")
@require("session.invite")
def async_page(class_id: int):
    cls = _own_teaching_class(class_id)
    form = AsyncForm()
    if not form.validate_on_submit():
        flash(_("Give a title and the number of days (1 to 14)."))
        return redirect(url_for("scheduling.partners_page", class_id=cls.id))
    try:
        s = services.invite_async(current_user(), class_id=cls.id, partner_class_id=int(form.partner_class_id.data),
                                  title=form.title.data, days=form.days.data)
    except (DomainError, ValueError) as exc:
        db.session.rollback()
        flash(getattr(exc, "message", _("Choose a partner class first.")))
        return redirect(url_for("scheduling.partners_page", class_id=cls.id))
    flash(_("Asynchronous exchange offered to %(cls)s.", cls=s.partner_class.name))
    return redirect(url_for("scheduling.invitations_page"))


@bp.get("/invitations")
@require("session.invite")
def invitations_page():
    user = current_user()
    found = services.invitations_for(user)
    views = {k: [services.session_view(s, user) for s in v] for k, v in found.items()}
    for v, s in zip(views["incoming"], found["incoming"]):
        v["conflicts"] = services.find_session_conflicts(user, s.organiser_class, s.partner_class,
                                                         [(s.starts_at, s.ends_at)], exclude=[s.id]) if s.kind == "live" else []
    return render_template("scheduling/invitations.html", **views)


@bp.get("/sessions/<int:session_id>")
@require("session.view")
def session_page(session_id: int):
    user = current_user()
    s = services.get_session(session_id)
    services.require_view(user, s)
    return render_template("scheduling/session.html", s=services.session_view(s, user))


@bp.post("/sessions/<int:session_id>/<any(accept, decline, cancel):action>")
@require("session.invite")
def session_action(session_id: int, action: str):
    user = current_user()
    s = services.get_session(session_id)
    series = request.form.get("series") == "1"
    try:
        if action == "accept":
            done = services.accept(user, s, series=series, book_anyway=request.form.get("book_anyway") == "1")
            flash(_("Accepted. The room is ready.") if len(done) == 1 else _("Accepted %(n)d sessions.", n=len(done)))
        elif action == "decline":
            services.decline(user, s, series=series)
            flash(_("Declined."))
        else:
            done = services.cancel(user, s, series=series, reason=request.form.get("reason", "")[:500])
            flash(_("Cancelled. Everyone has been told.") if len(done) == 1 else
                  _("Cancelled %(n)d sessions. Everyone has been told.", n=len(done)))
    except ScheduleConflict as exc:
        db.session.rollback()
        flash(exc.message + " " + " ".join(c["message"] for c in exc.conflicts))
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        flash(exc.message)
    target = request.form.get("next", "")
    return redirect(target if target in ("/invitations", "/calendar", f"/sessions/{session_id}") else
                    url_for("scheduling.invitations_page"))


@bp.route("/sessions/<int:session_id>/propose", methods=["GET", "POST"])
@require("session.invite")
def propose_page(session_id: int):
    user = current_user()
    s = services.get_session(session_id)
    side = services.side_of(user, s)
    ensure(side is not None, _("Only the teachers of the two classes can do this."), code="not_your_session")
    mine = s.organiser_class if side == "organiser" else s.partner_class
    form = ProposeForm()
    conflicts, status = [], 200
    if request.method == "GET":
        local = s.starts_at.astimezone(ZoneInfo(mine.timezone))
        form.date.data, form.time.data = local.date(), local.time().replace(tzinfo=None)
        form.minutes.data = int((s.ends_at - s.starts_at).total_seconds()) // 60
    elif form.validate_on_submit():
        try:
            services.propose(user, s, start=services.local_moment(mine.timezone, form.date.data, form.time.data),
                             minutes=form.minutes.data, note=form.note.data or "", book_anyway=bool(form.book_anyway.data))
        except ScheduleConflict as exc:
            db.session.rollback()
            conflicts, status = exc.conflicts, exc.status
            form.form_errors.append(exc.message)
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Another time proposed. The other teacher has been told."))
            return redirect(url_for("scheduling.invitations_page"))
    else:
        status = 400
    return render_template("scheduling/propose.html", s=services.session_view(s, user), mine=mine, form=form,
                           conflicts=conflicts), status


@bp.post("/api/v1/sessions")
@require("session.invite")
@doc("Invite a partner class to a session (starts_at ISO 8601, or date + time on your class's clock), weekly for "
     "`weeks`; 409 code conflict with `conflicts` unless book_anyway",
     body={"class_id": "integer", "partner_class_id": "integer", "title": "string", "agenda": "string",
           "cultural_prompt": "string", "starts_at": "string", "date": "string", "time": "string", "minutes": "integer",
           "weeks": "integer", "book_anyway": "boolean"}, tag="scheduling", status=201)
def api_invite():
    user = current_user()
    data = json_body()
    org = _own_teaching_class(field(data, "class_id", int))
    try:
        sessions = services.invite(
            user, class_id=org.id, partner_class_id=field(data, "partner_class_id", int), title=field(data, "title"),
            agenda=field(data, "agenda", required=False) or "", cultural_prompt=field(data, "cultural_prompt", required=False) or "",
            start=_start_from(data, org.timezone), minutes=field(data, "minutes", int, required=False, default=45),
            weeks=field(data, "weeks", int, required=False, default=1),
            book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)))
    except ScheduleConflict as exc:
        db.session.rollback()
        return _conflict_response(exc)
    return ok({"sessions": [services.session_view(s, user) for s in sessions]}, 201)


@bp.post("/api/v1/sessions/check")
@require("session.invite")
@doc("Both local times and every conflict of a session before inviting",
     body={"class_id": "integer", "partner_class_id": "integer", "starts_at": "string", "date": "string",
           "time": "string", "minutes": "integer", "weeks": "integer"}, tag="scheduling")
def api_check():
    data = json_body()
    org = _own_teaching_class(field(data, "class_id", int))
    return ok(services.preview(current_user(), class_id=org.id, partner_class_id=field(data, "partner_class_id", int),
                               start=_start_from(data, org.timezone),
                               minutes=field(data, "minutes", int, required=False, default=45),
                               weeks=field(data, "weeks", int, required=False, default=1)))


@bp.post("/api/v1/async-exchanges")
@require("session.invite")
@doc("No common school time: offer an asynchronous exchange, a room open over several days (default 5)",
     body={"class_id": "integer", "partner_class_id": "integer", "title": "string", "agenda": "string",
           "cultural_prompt": "string", "first_day": "string", "days": "integer"}, tag="scheduling", status=201)
def api_invite_async():
    data = json_body()
    org = _own_teaching_class(field(data, "class_id", int))
    first = field(data, "first_day", required=False)
    s = services.invite_async(current_user(), class_id=org.id, partner_class_id=field(data, "partner_class_id", int),
                              title=field(data, "title"), agenda=field(data, "agenda", required=False) or "",
                              cultural_prompt=field(data, "cultural_prompt", required=False) or "",
                              first_day=services.parse_day(first, "first_day") if first else None,
                              days=field(data, "days", int, required=False))
    return ok(services.session_view(s, current_user()), 201)


@bp.get("/api/v1/invitations")
@require("session.invite")
@doc("Invitations waiting for your answer (incoming), for the partner's (outgoing), and lately answered", tag="scheduling")
def api_invitations():
    user = current_user()
    return ok({k: [services.session_view(s, user) for s in v] for k, v in services.invitations_for(user).items()})


@bp.get("/api/v1/sessions")
@require("session.view")
@doc("Sessions of your classes, soonest first (class_id, all=1 for past ones too)", tag="scheduling")
def api_sessions():
    user = current_user()
    class_id = query_id("class_id")
    rows = services.sessions_for(user, class_id=class_id, upcoming=request.args.get("all") != "1")
    return ok({"sessions": [services.session_view(s, user) for s in rows]})


@bp.get("/api/v1/sessions/<int:session_id>")
@require("session.view")
@doc("One session with both local times, status, room and proposals", tag="scheduling")
def api_session(session_id: int):
    user = current_user()
    s = services.get_session(session_id)
    services.require_view(user, s)
    return ok(services.session_view(s, user))


@bp.post("/api/v1/sessions/<int:session_id>/<any(accept, decline, cancel):action>")
@require("session.invite")
@doc("Answer or call off: accept (creates the room; book_anyway over new clashes), decline, cancel (reason); "
     "series: true for every open session of the series", body={"series": "boolean", "book_anyway": "boolean",
                                                                  "reason": "string"}, tag="scheduling")
def api_session_action(session_id: int, action: str):
    user = current_user()
    s = services.get_session(session_id)
    data = _optional_body()
    series = bool(field(data, "series", bool, required=False, default=False))
    try:
        if action == "accept":
            done = services.accept(user, s, series=series,
                                   book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)))
        elif action == "decline":
            done = services.decline(user, s, series=series)
        else:
            done = services.cancel(user, s, series=series, reason=field(data, "reason", required=False) or "")
    except ScheduleConflict as exc:
        db.session.rollback()
        return _conflict_response(exc)
    return ok({"sessions": [services.session_view(x, user) for x in done]})


@bp.post("/api/v1/sessions/<int:session_id>/propose")
@require("session.invite")
@doc("Propose another time (starts_at, or date + time on your class's clock; minutes; note); 409 conflict unless book_anyway",
     body={"starts_at": "string", "date": "string", "time": "string", "minutes": "integer", "note": "string",
           "book_anyway": "boolean"}, tag="scheduling")
def api_propose(session_id: int):
    user = current_user()
    s = services.get_session(session_id)
    side = services.side_of(user, s)
    if side is None:
        services.require_view(user, s)
        ensure(False, _("Only the teachers of the two classes can do this."), code="not_your_session")
    data = json_body()
    mine = s.organiser_class if side == "organiser" else s.partner_class
    try:
        services.propose(user, s, start=_start_from(data, mine.timezone), minutes=field(data, "minutes", int, required=False),
                         note=field(data, "note", required=False) or "",
                         book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)))
    except ScheduleConflict as exc:
        db.session.rollback()
        return _conflict_response(exc)
    return ok(services.session_view(s, user))


# ---- calendars and iCalendar ----------------------------------------------------------

def _calendar(class_id: int | None, new_feed_url: str | None = None):
    user = current_user()
    classes = directory.classes_for(user)
    cls = None
    if class_id is not None:
        cls = directory.get_class(class_id)
        ensure(cls in classes, _("This is not one of your classes."), code="not_your_class")
    rows = services.sessions_for(user, class_id=class_id)
    feed = services.feed_status(user) if user.role == "teacher" else None
    return render_template("scheduling/calendar.html", cls=cls, classes=classes,
                           sessions=[services.session_view(s, user) for s in rows], feed=feed, new_feed_url=new_feed_url)


@bp.get("/calendar")
@require("session.view")
def calendar_page():
    return _calendar(None)


@bp.get("/classes/<int:class_id>/calendar")
@require("session.view")
def class_calendar_page(class_id: int):
    return _calendar(class_id)


@bp.post("/calendar/feed")
@require("session.invite")
def regenerate_feed_page():
    token = services.regenerate_feed(current_user())
    return _calendar(None, url_for("scheduling.feed", token=token, _external=True))


@bp.get("/api/v1/calendar/feed")
@require("session.invite")
@doc("Whether you have a calendar feed address (the address itself is shown only when made)", tag="scheduling")
def api_feed_status():
    return ok(services.feed_status(current_user()))


@bp.post("/api/v1/calendar/feed")
@require("session.invite")
@doc("Make a new calendar feed address for your calendar program; the previous one stops working", tag="scheduling",
     status=201)
def api_regenerate_feed():
    token = services.regenerate_feed(current_user())
    return ok({"url": url_for("scheduling.feed", token=token, _external=True), "token": token}, 201)


def _ics(data: bytes, filename: str | None = None) -> Response:
    resp = Response(data, content_type=ICS_TYPE)
    if filename:
        resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@bp.get("/sessions/<int:session_id>.ics")
@require("session.view")
def session_ics(session_id: int):
    user = current_user()
    return _ics(services.session_file(services.get_session(session_id), user), f"session-{session_id}.ics")


@bp.get("/api/v1/sessions/<int:session_id>/ics")
@require("session.view")
@doc("The session as an iCalendar file (text/calendar)", tag="scheduling")
def api_session_ics(session_id: int):
    user = current_user()
    return _ics(services.session_file(services.get_session(session_id), user), f"session-{session_id}.ics")


@bp.get("/calendar/<token>.ics")
@public
@guards_secret(SECRET_LINK, failures=("not_found",))
def feed(token: str):
    """A teacher's feed: the unguessable token in the address is the only credential (calendar
    programs cannot log in); an unknown token is a 404 like any missing page."""
    resp = _ics(services.feed_file(token))
    resp.headers["Cache-Control"] = "private, max-age=300"
    resp.headers["Referrer-Policy"] = "no-referrer"
    return resp
