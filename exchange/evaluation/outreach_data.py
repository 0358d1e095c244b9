"""What the outreach page reads (issue 22): who may see which schools, and the outreach log's rows
of a period as plain records for `outreach_summary`.

The district (an administrator of no school) sees every school and picks one or all; a school's
administrator sees their own school; nobody else sees the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import School
from ..errors import Forbidden, Invalid, NotFound
from ..outreach.models import OutreachEvent
from . import outreach_summary as summary


@dataclass(frozen=True)
class Scope:
    schools: list[School]  # the schools this person may see, by name
    chosen: School | None  # one school, or None for every school (the district only)
    district: bool


def scope_of(user: User, school: str | None) -> Scope:
    """The district: every school, or the one picked with `?school=<id>`; a school admin: their own."""
    if user.role != "admin":
        raise Forbidden(
            _("Only the district's and the school's administrators see the outreach log."), code="forbidden"
        )
    if user.school_id is None:
        schools = list(db.session.scalars(select(School).order_by(School.name)))
        if not school or school == "all":
            return Scope(schools, None, True)
        picked = next((s for s in schools if str(s.id) == school), None)
        if picked is None:
            raise NotFound(_("There is no such school."), code="not_found")
        return Scope(schools, picked, True)
    own = db.session.get(School, user.school_id)
    if own is None:
        raise NotFound(_("There is no such school."), code="not_found")
    if school and school not in ("all", str(own.id)):
        raise Forbidden(
            _("A school's administrator sees the outreach of their own school only."), code="not_your_school"
        )
    return Scope([own], own, False)


def period_of(start: str | None, end: str | None) -> summary.Period:
    try:
        return summary.parse_period(start, end, utcnow().date())
    except summary.PeriodInvalid as exc:
        sentences = {
            "invalid_date": _("Give the dates as YYYY-MM-DD, for example 2027-01-31."),
            "start_after_end": _("The start of the period comes after its end."),
            "period_too_long": _("Choose a period of at most three years."),
        }
        raise Invalid(sentences[exc.code], code=exc.code) from None


def _bounds(period: summary.Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.start, time.min, tzinfo=timezone.utc)
    return start, datetime.combine(period.end, time.min, tzinfo=timezone.utc) + timedelta(days=1)


def rows_for(scope: Scope, period: summary.Period) -> list[summary.OutreachRow]:
    """The log's rows of the period for the chosen school, or for every school (and none) for the district."""
    start, end = _bounds(period)
    query = select(OutreachEvent).where(OutreachEvent.sent_at >= start, OutreachEvent.sent_at < end)
    if scope.chosen is not None:
        query = query.where(OutreachEvent.school_id == scope.chosen.id)
    return [
        summary.OutreachRow(
            sent_at=e.sent_at,
            school_id=e.school_id,
            channel=e.channel,
            audience=e.audience,
            kind=e.kind,
            language=e.language,
            ref=e.ref,
            read_at=e.read_at,
            replied_at=e.replied_at,
        )
        for e in db.session.scalars(query.order_by(OutreachEvent.id))
    ]


@dataclass
class Found:
    scope: Scope
    period: summary.Period
    total: summary.Summary
    schools: dict[int, summary.Summary]  # the district's comparison (one entry for a school admin)


def outreach_for(user: User, school: str | None, start: str | None, end: str | None) -> Found:
    scope = scope_of(user, school)
    period = period_of(start, end)
    rows = rows_for(scope, period)
    shown = [scope.chosen] if scope.chosen is not None else scope.schools
    return Found(scope, period, summary.summarise(rows, period), summary.by_school(rows, period, [s.id for s in shown]))
