"""The page edge of scheduling: class profile, partner search, invitations, sessions,
calendars, .ics files and the token feed, as HTML. Thin: the rules live in the use-case
modules; the /api/v1 routes are in `api`, on the same blueprint."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..authz import current_user, ensure, public, require
from ..db import db, utcnow
from ..directory import services as directory
from ..errors import DomainError, Invalid
from ..ratelimits import SECRET_LINK, guards_secret
from ..rooms.membership import get_room, member_role, refusal_reason
from . import answers, calendars, invitations, listings, partners, profiles
from . import api  # noqa: F401  why: importing it registers the /api/v1 routes on `bp`
from .access import cross_school, get_session, require_view, side_of, teacher_of
from .clashes import ScheduleConflict, find_session_conflicts
from .edge import bp, day_arg, ics_response, int_arg, own_teaching_class
from .forms import AsyncForm, InviteForm, ProfileForm, ProposeForm
from .local_time import local_moment, parse_when
from .month_view import month_panel
from .presenters import profile_view, public_class, session_view

__all__ = ["bp"]


@bp.app_template_global()
def scheduling_dashboard() -> dict:
    """For templates/scheduling/_dashboard.html: upcoming sessions and invitations waiting."""
    user = current_user()
    found = listings.dashboard_for(user)
    for view in found["upcoming"]:
        _room_link(view, user)
    return found


def _room_link(view: dict, user) -> dict:
    """A session's room link only for a viewer the room lets in; otherwise the reason (e.g. no consent)."""
    if view.get("room_id") and user is not None:
        room = get_room(view["room_id"])
        if member_role(user, room) is None:
            view["room_refused"] = refusal_reason(user, room)[1]
            view["room_id"] = view["room_url"] = None
    return view


def _page_view(s, user) -> dict:
    """A session as a page shows it: an answer the viewer cannot give now (not verified, the partner
    teacher not verified, the time passed) becomes the reason instead of a button that fails."""
    view = _room_link(session_view(s, user), user)
    actions = view["actions"]
    if not actions["accept"]:
        return view
    reason = None
    side = view["my_side"]
    if s.starts_at <= utcnow():
        reason = _("This time has passed. Propose another time instead.")
    elif cross_school(s.organiser_class, s.partner_class):
        other = teacher_of(s, "partner" if side == "organiser" else "organiser")
        if user.teacher_verified_at is None:
            reason = _("Your school admin must verify you first: then you can accept invitations from other schools.")
        elif other.teacher_verified_at is None:
            reason = _("The partner teacher is not verified by their school yet; you can accept once they are.")
    if reason:
        actions["accept"] = False
        view["accept_blocked"] = reason
    return view


# ---- class profile --------------------------------------------------------------------


@bp.route("/classes/<int:class_id>/profile", methods=["GET", "POST"])
@require("class.manage")
def profile_page(class_id: int):
    cls = profiles.managed_class(current_user(), class_id)
    form = ProfileForm()
    status = 200
    if request.method == "GET":
        view = profile_view(cls)
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
            profiles.update_profile(
                current_user(),
                cls,
                {
                    "grade_band": form.grade_band.data,
                    "languages": form.languages.data,
                    "topics": form.topics.data or "",
                    "timezone": form.timezone.data.strip(),
                    "school_days": form.school_days.data,
                    "day_start": form.day_start.data,
                    "day_end": form.day_end.data,
                    "term_start": form.term_start.data,
                    "term_end": form.term_end.data,
                    "holidays": (form.holidays.data or "").splitlines(),
                },
            )
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
    cls = own_teaching_class(class_id)
    weeks = int_arg("weeks", 4)
    result = partners.search_partners(current_user(), cls, day_arg("from"), weeks, window_limit=40)
    return render_template(
        "scheduling/partners.html",
        cls=cls,
        result=result,
        weeks=weeks,
        async_form=AsyncForm(formdata=None),
        verified=current_user().teacher_verified_at is not None,
    )


# ---- invitations ----------------------------------------------------------------------


@bp.route("/classes/<int:class_id>/invite", methods=["GET", "POST"])
@require("session.invite")
def invite_page(class_id: int):
    user = current_user()
    cls = own_teaching_class(class_id)
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
        start_arg = request.args.get("start")
        if start_arg:
            moment = parse_when(start_arg).astimezone(ZoneInfo(cls.timezone))
            form.date.data, form.time.data = moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)
        form.minutes.data = form.minutes.data or 45
        form.weeks.data = form.weeks.data or 1
    elif form.validate_on_submit():
        try:
            start = local_moment(cls.timezone, form.date.data, form.time.data)
            sessions = invitations.invite(
                user,
                class_id=cls.id,
                partner_class_id=partner.id,
                title=form.title.data,
                agenda=form.agenda.data,
                cultural_prompt=form.cultural_prompt.data,
                start=start,
                minutes=form.minutes.data,
                weeks=form.weeks.data,
                book_anyway=bool(form.book_anyway.data),
            )
        except ScheduleConflict as exc:
            db.session.rollback()
            conflicts, status = exc.conflicts, exc.status
            form.form_errors.append(exc.message)
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(
                _("Invitation sent to %(cls)s.", cls=partner.name)
                if len(sessions) == 1
                else ngettext(
                    "%(n)d weekly invitation sent to %(cls)s.",
                    "%(n)d weekly invitations sent to %(cls)s.",
                    len(sessions),
                    n=len(sessions),
                    cls=partner.name,
                )
            )
            return redirect(url_for("scheduling.invitations_page"))
    else:
        status = 400
    if form.date.data and form.time.data and not conflicts:
        try:
            preview = invitations.preview(
                user,
                class_id=cls.id,
                partner_class_id=partner.id,
                start=local_moment(cls.timezone, form.date.data, form.time.data),
                minutes=form.minutes.data or 45,
                weeks=form.weeks.data or 1,
            )
            conflicts = preview["conflicts"]
        except DomainError:
            preview = None
    blocked = None
    if cross_school(cls, partner) and user.teacher_verified_at is None:
        blocked = _("Your school admin must verify you first: then you can invite classes of other schools.")
    return render_template(
        "scheduling/invite.html",
        invite_blocked=blocked,
        cls=cls,
        partner=public_class(partner),
        form=form,
        conflicts=conflicts,
        preview=preview,
    ), status


@bp.post("/classes/<int:class_id>/async")
@require("session.invite")
def async_page(class_id: int):
    cls = own_teaching_class(class_id)
    form = AsyncForm()
    if not form.validate_on_submit():
        flash(_("Give a title and the number of days (1 to 14)."), "error")
        return redirect(url_for("scheduling.partners_page", class_id=cls.id))
    try:
        s = invitations.invite_async(
            current_user(),
            class_id=cls.id,
            partner_class_id=int(form.partner_class_id.data),
            title=form.title.data,
            days=form.days.data,
        )
    except (DomainError, ValueError) as exc:
        db.session.rollback()
        flash(getattr(exc, "message", _("Choose a partner class first.")), "error")
        return redirect(url_for("scheduling.partners_page", class_id=cls.id))
    flash(_("Asynchronous exchange offered to %(cls)s.", cls=s.partner_class.name))
    return redirect(url_for("scheduling.invitations_page"))


@bp.get("/invitations")
@require("session.invite")
def invitations_page():
    user = current_user()
    found = listings.invitations_for(user)
    views = {k: [_page_view(s, user) for s in v] for k, v in found.items()}
    for v, s in zip(views["incoming"], found["incoming"]):
        v["conflicts"] = (
            find_session_conflicts(user, s.organiser_class, s.partner_class, [(s.starts_at, s.ends_at)], exclude=[s.id])
            if s.kind == "live"
            else []
        )
    return render_template("scheduling/invitations.html", **views)


@bp.get("/sessions/<int:session_id>")
@require("session.view")
def session_page(session_id: int):
    user = current_user()
    s = get_session(session_id)
    require_view(user, s)
    return render_template("scheduling/session.html", s=_page_view(s, user))


@bp.post("/sessions/<int:session_id>/<any(accept, decline, cancel):action>")
@require("session.invite")
def session_action(session_id: int, action: str):
    user = current_user()
    s = get_session(session_id)
    series = request.form.get("series") == "1"
    try:
        if action == "accept":
            done = answers.accept(user, s, series=series, book_anyway=request.form.get("book_anyway") == "1")
            flash(
                _("Accepted. The room is ready.")
                if len(done) == 1
                else ngettext("Accepted %(n)d session.", "Accepted %(n)d sessions.", len(done), n=len(done))
            )
        elif action == "decline":
            answers.decline(user, s, series=series)
            flash(_("Declined."))
        else:
            done = answers.cancel(user, s, series=series, reason=request.form.get("reason", "")[:500])
            flash(
                _("Cancelled. Everyone has been told.")
                if len(done) == 1
                else ngettext(
                    "Cancelled %(n)d session. Everyone has been told.",
                    "Cancelled %(n)d sessions. Everyone has been told.",
                    len(done),
                    n=len(done),
                )
            )
    except ScheduleConflict as exc:
        db.session.rollback()
        flash(exc.message + " " + " ".join(c["message"] for c in exc.conflicts), "error")
    except DomainError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        flash(exc.message, "error")
    target = request.form.get("next", "")
    return redirect(
        target
        if target in ("/invitations", "/calendar", f"/sessions/{session_id}")
        else url_for("scheduling.invitations_page")
    )


@bp.route("/sessions/<int:session_id>/propose", methods=["GET", "POST"])
@require("session.invite")
def propose_page(session_id: int):
    user = current_user()
    s = get_session(session_id)
    side = side_of(user, s)
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
            answers.propose(
                user,
                s,
                start=local_moment(mine.timezone, form.date.data, form.time.data),
                minutes=form.minutes.data,
                note=form.note.data or "",
                book_anyway=bool(form.book_anyway.data),
            )
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
    return render_template(
        "scheduling/propose.html", s=session_view(s, user), mine=mine, form=form, conflicts=conflicts
    ), status


# ---- calendars and iCalendar ----------------------------------------------------------


def _calendar(class_id: int | None, new_feed_url: str | None = None):
    user = current_user()
    classes = directory.classes_for(user)
    cls = None
    if class_id is not None:
        cls = directory.get_class(class_id)
        ensure(cls in classes, _("This is not one of your classes."), code="not_your_class")
    rows = listings.sessions_for(user, class_id=class_id)
    feed = calendars.feed_status(user) if user.role == "teacher" else None
    return render_template(
        "scheduling/calendar.html",
        cls=cls,
        classes=classes,
        month=month_panel(user, class_id, request.args.get("month")),
        sessions=[_page_view(s, user) for s in rows],
        feed=feed,
        new_feed_url=new_feed_url,
    )


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
    token = calendars.regenerate_feed(current_user())
    return _calendar(None, url_for("scheduling.feed", token=token, _external=True))


@bp.get("/sessions/<int:session_id>.ics")
@require("session.view")
def session_ics(session_id: int):
    user = current_user()
    return ics_response(calendars.session_file(get_session(session_id), user), f"session-{session_id}.ics")


@bp.get("/calendar/<token>.ics")
@public
@guards_secret(SECRET_LINK, failures=("not_found",))
def feed(token: str):
    """A teacher's feed: the unguessable token in the address is the only credential (calendar
    programs cannot log in); an unknown token is a 404 like any missing page."""
    resp = ics_response(calendars.feed_file(token))
    resp.headers["Cache-Control"] = "private, max-age=300"
    resp.headers["Referrer-Policy"] = "no-referrer"
    return resp
