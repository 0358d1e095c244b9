"""Inviting a partner class: one live session, a weekly series, or an asynchronous exchange
when the two schools share no school hours; and the preview of times and clashes before."""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..directory import services as directory
from ..directory.models import SchoolClass
from ..errors import Forbidden, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from .access import cross_school, require_verified
from .clashes import ScheduleConflict, find_session_conflicts
from .local_time import iso
from .models import ExchangeSession, SessionProposal
from .notifications import notify
from .presenters import slot_view
from .recurrence import weekly_occurrences
from .timetable import UTC

log = logging.getLogger("exchange.scheduling")

MAX_WEEKS = 12
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_ASYNC_DAYS = 14
TEXT_LIMIT = 2000


def clean_text(value, name: str, limit: int = TEXT_LIMIT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    value = value.replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise Invalid(_("%(name)s must be at most %(n)d characters.", name=name, n=limit), code="too_long")
    return value


def duration_of(minutes) -> timedelta:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise Invalid(
            _("A session lasts %(a)d to %(b)d minutes.", a=MIN_MINUTES, b=MAX_MINUTES), code="invalid_duration"
        )
    return timedelta(minutes=minutes)


def _partner_for(actor: User, org: SchoolClass, partner_class_id) -> SchoolClass:
    if isinstance(partner_class_id, bool) or not isinstance(partner_class_id, int):
        raise Invalid(_("Choose a partner class."), code="invalid_partner")
    partner = lookup(SchoolClass, partner_class_id)
    if partner is None:
        raise NotFound(_("No such class."), code="no_such_class")
    if partner.id == org.id or partner.teacher_id == actor.id:
        raise Invalid(_("Invite a class of another teacher."), code="invalid_partner")
    if partner.teacher.status != "active":
        raise Invalid(_("That class cannot be invited now."), code="invalid_partner")
    if cross_school(org, partner):
        require_verified(actor, actor)
    return partner


def _organiser_class(actor: User, class_id) -> SchoolClass:
    if isinstance(class_id, bool) or not isinstance(class_id, int):
        raise Invalid(_("Choose one of your classes."), code="invalid_class")
    org = directory.get_class(class_id)
    if actor.role != "teacher" or org.teacher_id != actor.id:
        raise Forbidden(_("You can invite for your own classes only."), code="not_your_class")
    return org


def plan_slots(org: SchoolClass, partner: SchoolClass, start: datetime, duration: timedelta, weeks: int):
    """The UTC slots of a weekly series keeping the organiser's wall-clock time, and the calendar
    notes of the recurrence (a time the clocks skip)."""
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise Invalid(_("A series has 1 to %(n)d weekly sessions.", n=MAX_WEEKS), code="invalid_weeks")
    zone = ZoneInfo(org.timezone)
    local = start.astimezone(zone)
    occurrences = weekly_occurrences(org.timezone, local.date(), local.time().replace(tzinfo=None), duration, weeks)
    return [(o.start, o.end) for o in occurrences], [o.closed for o in occurrences]


def _gap_conflicts(org: SchoolClass, notes: list[tuple[str, ...]]) -> list[dict]:
    out = []
    for index, closed in enumerate(notes):
        if any("does not exist" in c for c in closed):
            out.append(
                {
                    "kind": "time_does_not_exist",
                    "occurrence": index,
                    "class_id": org.id,
                    "session_id": None,
                    "message": _(
                        "Week %(n)d: that time does not exist in %(tz)s (the clocks change that night).",
                        n=index + 1,
                        tz=org.timezone,
                    ),
                }
            )
    return out


def preview(actor: User, *, class_id, partner_class_id, start: datetime, minutes: int = 45, weeks: int = 1) -> dict:
    """Both local times and every conflict of a session not yet proposed."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    slots, notes = plan_slots(org, partner, start, duration_of(minutes), weeks)
    conflicts = _gap_conflicts(org, notes) + find_session_conflicts(actor, org, partner, slots)
    return {"occurrences": [slot_view(i, s, e, org, partner) for i, (s, e) in enumerate(slots)], "conflicts": conflicts}


def invite(
    actor: User,
    *,
    class_id,
    partner_class_id,
    title,
    agenda="",
    cultural_prompt="",
    start: datetime,
    minutes: int = 45,
    weeks: int = 1,
    book_anyway: bool = False,
) -> list[ExchangeSession]:
    """Invite a partner class to one session or a weekly series of `weeks` sessions."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    title = validate_name(title if isinstance(title, str) else "", _("Title"))
    agenda = clean_text(agenda, _("Agenda"))
    prompt = clean_text(cultural_prompt, _("Cultural prompt"))
    duration = duration_of(minutes)
    if start <= utcnow():
        raise Invalid(_("Choose a time in the future."), code="session_in_past")
    slots, notes = plan_slots(org, partner, start, duration, weeks)
    conflicts = _gap_conflicts(org, notes) + find_session_conflicts(actor, org, partner, slots)
    if conflicts and not book_anyway:
        raise ScheduleConflict(_("This time clashes with something. Choose another time or book anyway."), conflicts)
    series = uuid.uuid4().hex if weeks > 1 else None
    sessions = []
    for index, (s, e) in enumerate(slots):
        session = ExchangeSession(
            kind="live",
            organiser_id=actor.id,
            organiser_class_id=org.id,
            partner_class_id=partner.id,
            title=title,
            agenda=agenda,
            cultural_prompt=prompt,
            starts_at=s,
            ends_at=e,
            status="proposed",
            awaiting="partner",
            series_id=series,
            occurrence=index,
            series_size=len(slots),
            sequence=0,
        )
        db.session.add(session)
        db.session.flush()
        db.session.add(
            SessionProposal(session_id=session.id, proposed_by=actor.id, side="organiser", starts_at=s, ends_at=e)
        )
        sessions.append(session)
    db.session.commit()
    for session in sessions:
        audit(
            "scheduling",
            actor_id=actor.id,
            action="session.invite",
            subject_type="session",
            subject_id=session.id,
            school_id=org.school_id,
            after={
                "classes": [org.id, partner.id],
                "starts_at": iso(session.starts_at),
                "series": series,
                "conflicts_overridden": bool(conflicts),
            },
        )
    log.info("session invite ids=%s organiser=%s partner_class=%s", [s.id for s in sessions], actor.id, partner.id)
    notify(sessions, "invited", actor)
    return sessions


def invite_async(
    actor: User,
    *,
    class_id,
    partner_class_id,
    title,
    agenda="",
    cultural_prompt="",
    first_day: date | None = None,
    days: int | None = None,
) -> ExchangeSession:
    """No common school time: invite to an asynchronous exchange, a room open over several days
    (EXCHANGE_ASYNC_DAYS, default 5) where both classes write in their own school hours."""
    org = _organiser_class(actor, class_id)
    partner = _partner_for(actor, org, partner_class_id)
    days = days if days is not None else int(current_app.config.get("ASYNC_DAYS", 5))
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_ASYNC_DAYS:
        raise Invalid(_("An asynchronous exchange lasts 1 to %(n)d days.", n=MAX_ASYNC_DAYS), code="invalid_days")
    title = validate_name(title if isinstance(title, str) else "", _("Title"))
    zone = ZoneInfo(org.timezone)
    first_day = first_day or (utcnow().astimezone(zone).date() + timedelta(days=1))
    start = datetime.combine(first_day, org.day_start, tzinfo=zone).astimezone(UTC)
    if start <= utcnow():
        raise Invalid(_("Choose a day in the future."), code="session_in_past")
    session = ExchangeSession(
        kind="async",
        organiser_id=actor.id,
        organiser_class_id=org.id,
        partner_class_id=partner.id,
        title=title,
        agenda=clean_text(agenda, _("Agenda")),
        cultural_prompt=clean_text(cultural_prompt, _("Cultural prompt")),
        starts_at=start,
        ends_at=start + timedelta(days=days),
        status="proposed",
        awaiting="partner",
    )
    db.session.add(session)
    db.session.flush()
    db.session.add(
        SessionProposal(
            session_id=session.id,
            proposed_by=actor.id,
            side="organiser",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
    )
    db.session.commit()
    audit(
        "scheduling",
        actor_id=actor.id,
        action="session.invite_async",
        subject_type="session",
        subject_id=session.id,
        school_id=org.school_id,
        after={"classes": [org.id, partner.id], "days": days},
    )
    notify([session], "invited", actor)
    return session
