"""The /api/v1 edge of scheduling: class profiles, partner search, invitations and answers,
sessions, calendar feed and .ics, as JSON. Thin: the rules live in the use-case modules."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, ensure, require
from ..db import db
from ..errors import Invalid
from ..ids import query_id
from . import answers, calendars, invitations, listings, partners, profiles
from .access import get_session, require_view, side_of
from .clashes import ScheduleConflict
from .edge import bp, conflict_response, day_arg, ics_response, int_arg, optional_body, own_teaching_class, start_from
from .local_time import parse_day
from .presenters import profile_view, session_view


@bp.get("/api/v1/classes/<int:class_id>/profile")
@require("class.manage")
@doc(
    "A class's profile for matching: grade band, languages, topics, zone, school days and hours, term, holidays",
    tag="scheduling",
)
def api_profile(class_id: int):
    return ok(profile_view(profiles.managed_class(current_user(), class_id)))


@bp.route("/api/v1/classes/<int:class_id>/profile", methods=["PATCH", "POST"])
@require("class.manage")
@doc(
    "Change a class's profile; fields left out keep their value. holidays: ISO dates or ranges '2026-12-21..2027-01-01'",
    body={
        "grade_band": "string",
        "languages": "array",
        "topics": "array",
        "timezone": "string",
        "school_days": "array",
        "day_start": "string",
        "day_end": "string",
        "term_start": "string",
        "term_end": "string",
        "holidays": "array",
    },
    tag="scheduling",
)
def api_update_profile(class_id: int):
    cls = profiles.managed_class(current_user(), class_id)
    data = json_body()
    known = {
        "grade_band",
        "languages",
        "topics",
        "timezone",
        "school_days",
        "day_start",
        "day_end",
        "term_start",
        "term_end",
        "holidays",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise Invalid(_("Unknown field: %(name)s", name=unknown[0][:40]), code="unknown_field")
    return ok(profile_view(profiles.update_profile(current_user(), cls, data)))


@bp.get("/api/v1/classes/<int:class_id>/partners")
@require("partner.search")
@doc(
    "Partner classes of other schools ranked by common school hours over the coming weeks (weeks, from), "
    "grade band, shared languages and topics; windows in both local times",
    tag="scheduling",
)
def api_partners(class_id: int):
    cls = own_teaching_class(class_id)
    return ok(partners.search_partners(current_user(), cls, day_arg("from"), int_arg("weeks", 4)))


@bp.post("/api/v1/sessions")
@require("session.invite")
@doc(
    "Invite a partner class to a session (starts_at ISO 8601, or date + time on your class's clock), weekly for "
    "`weeks`; 409 code conflict with `conflicts` unless book_anyway",
    body={
        "class_id": "integer",
        "partner_class_id": "integer",
        "title": "string",
        "agenda": "string",
        "cultural_prompt": "string",
        "starts_at": "string",
        "date": "string",
        "time": "string",
        "minutes": "integer",
        "weeks": "integer",
        "book_anyway": "boolean",
    },
    tag="scheduling",
    status=201,
)
def api_invite():
    user = current_user()
    data = json_body()
    org = own_teaching_class(field(data, "class_id", int))
    try:
        sessions = invitations.invite(
            user,
            class_id=org.id,
            partner_class_id=field(data, "partner_class_id", int),
            title=field(data, "title"),
            agenda=field(data, "agenda", required=False) or "",
            cultural_prompt=field(data, "cultural_prompt", required=False) or "",
            start=start_from(data, org.timezone),
            minutes=field(data, "minutes", int, required=False, default=45),
            weeks=field(data, "weeks", int, required=False, default=1),
            book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)),
        )
    except ScheduleConflict as exc:
        db.session.rollback()
        return conflict_response(exc)
    return ok({"sessions": [session_view(s, user) for s in sessions]}, 201)


@bp.post("/api/v1/sessions/check")
@require("session.invite")
@doc(
    "Both local times and every conflict of a session before inviting",
    body={
        "class_id": "integer",
        "partner_class_id": "integer",
        "starts_at": "string",
        "date": "string",
        "time": "string",
        "minutes": "integer",
        "weeks": "integer",
    },
    tag="scheduling",
)
def api_check():
    data = json_body()
    org = own_teaching_class(field(data, "class_id", int))
    return ok(
        invitations.preview(
            current_user(),
            class_id=org.id,
            partner_class_id=field(data, "partner_class_id", int),
            start=start_from(data, org.timezone),
            minutes=field(data, "minutes", int, required=False, default=45),
            weeks=field(data, "weeks", int, required=False, default=1),
        )
    )


@bp.post("/api/v1/async-exchanges")
@require("session.invite")
@doc(
    "No common school time: offer an asynchronous exchange, a room open over several days (default 5)",
    body={
        "class_id": "integer",
        "partner_class_id": "integer",
        "title": "string",
        "agenda": "string",
        "cultural_prompt": "string",
        "first_day": "string",
        "days": "integer",
    },
    tag="scheduling",
    status=201,
)
def api_invite_async():
    data = json_body()
    org = own_teaching_class(field(data, "class_id", int))
    first = field(data, "first_day", required=False)
    s = invitations.invite_async(
        current_user(),
        class_id=org.id,
        partner_class_id=field(data, "partner_class_id", int),
        title=field(data, "title"),
        agenda=field(data, "agenda", required=False) or "",
        cultural_prompt=field(data, "cultural_prompt", required=False) or "",
        first_day=parse_day(first, "first_day") if first else None,
        days=field(data, "days", int, required=False),
    )
    return ok(session_view(s, current_user()), 201)


@bp.get("/api/v1/invitations")
@require("session.invite")
@doc(
    "Invitations waiting for your answer (incoming), for the partner's (outgoing), and lately answered",
    tag="scheduling",
)
def api_invitations():
    user = current_user()
    return ok({k: [session_view(s, user) for s in v] for k, v in listings.invitations_for(user).items()})


@bp.get("/api/v1/sessions")
@require("session.view")
@doc("Sessions of your classes, soonest first (class_id, all=1 for past ones too)", tag="scheduling")
def api_sessions():
    user = current_user()
    class_id = query_id("class_id")
    rows = listings.sessions_for(user, class_id=class_id, upcoming=request.args.get("all") != "1")
    return ok({"sessions": [session_view(s, user) for s in rows]})


@bp.get("/api/v1/sessions/<int:session_id>")
@require("session.view")
@doc("One session with both local times, status, room and proposals", tag="scheduling")
def api_session(session_id: int):
    user = current_user()
    s = get_session(session_id)
    require_view(user, s)
    return ok(session_view(s, user))


@bp.post("/api/v1/sessions/<int:session_id>/<any(accept, decline, cancel):action>")
@require("session.invite")
@doc(
    "Answer or call off: accept (creates the room; book_anyway over new clashes), decline, cancel (reason); "
    "series: true for every open session of the series",
    body={"series": "boolean", "book_anyway": "boolean", "reason": "string"},
    tag="scheduling",
)
def api_session_action(session_id: int, action: str):
    user = current_user()
    s = get_session(session_id)
    data = optional_body()
    series = bool(field(data, "series", bool, required=False, default=False))
    try:
        if action == "accept":
            done = answers.accept(
                user,
                s,
                series=series,
                book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)),
            )
        elif action == "decline":
            done = answers.decline(user, s, series=series)
        else:
            done = answers.cancel(user, s, series=series, reason=field(data, "reason", required=False) or "")
    except ScheduleConflict as exc:
        db.session.rollback()
        return conflict_response(exc)
    return ok({"sessions": [session_view(x, user) for x in done]})


@bp.post("/api/v1/sessions/<int:session_id>/propose")
@require("session.invite")
@doc(
    "Propose another time (starts_at, or date + time on your class's clock; minutes; note); 409 conflict unless book_anyway",
    body={
        "starts_at": "string",
        "date": "string",
        "time": "string",
        "minutes": "integer",
        "note": "string",
        "book_anyway": "boolean",
    },
    tag="scheduling",
)
def api_propose(session_id: int):
    user = current_user()
    s = get_session(session_id)
    side = side_of(user, s)
    if side is None:
        require_view(user, s)
        ensure(False, _("Only the teachers of the two classes can do this."), code="not_your_session")
    data = json_body()
    mine = s.organiser_class if side == "organiser" else s.partner_class
    try:
        answers.propose(
            user,
            s,
            start=start_from(data, mine.timezone),
            minutes=field(data, "minutes", int, required=False),
            note=field(data, "note", required=False) or "",
            book_anyway=bool(field(data, "book_anyway", bool, required=False, default=False)),
        )
    except ScheduleConflict as exc:
        db.session.rollback()
        return conflict_response(exc)
    return ok(session_view(s, user))


@bp.get("/api/v1/calendar/feed")
@require("session.invite")
@doc("Whether you have a calendar feed address (the address itself is shown only when made)", tag="scheduling")
def api_feed_status():
    return ok(calendars.feed_status(current_user()))


@bp.post("/api/v1/calendar/feed")
@require("session.invite")
@doc(
    "Make a new calendar feed address for your calendar program; the previous one stops working",
    tag="scheduling",
    status=201,
)
def api_regenerate_feed():
    token = calendars.regenerate_feed(current_user())
    return ok({"url": url_for("scheduling.feed", token=token, _external=True), "token": token}, 201)


@bp.get("/api/v1/sessions/<int:session_id>/ics")
@require("session.view")
@doc("The session as an iCalendar file (text/calendar)", tag="scheduling")
def api_session_ics(session_id: int):
    user = current_user()
    return ics_response(calendars.session_file(get_session(session_id), user), f"session-{session_id}.ics")
