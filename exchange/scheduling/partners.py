"""Partner search: classes of other schools ranked for one class by common school time,
grade band, shared languages and topics (the ranking itself is the pure `matching`)."""

from __future__ import annotations

import logging
from collections.abc import Hashable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Forbidden, Invalid
from .matching import rank_partners
from .presenters import partner_match_view, partner_search_view
from .profiles import match_profile

log = logging.getLogger("exchange.scheduling")

MAX_SEARCH_WEEKS = 8


def search_partners(
    actor: User, cls: SchoolClass, first_day: date | None = None, weeks: int = 4, window_limit: int = 40
) -> dict:
    """Classes of other schools ranked for `cls`, with the common school time in both local times."""
    if actor.role != "teacher" or cls.teacher_id != actor.id:
        raise Forbidden(_("You can search partners for your own classes only."), code="not_your_class")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_SEARCH_WEEKS:
        raise Invalid(_("Weeks must be 1 to %(n)d.", n=MAX_SEARCH_WEEKS), code="invalid_weeks")
    try:
        seeker = match_profile(cls)
    except ValueError:
        raise Invalid(
            _("The school calendar of this class is not consistent; check its profile."), code="invalid_timetable"
        ) from None
    # From tomorrow on the class's own calendar: today's common time has mostly passed or is too soon to book.
    first_day = first_day or utcnow().astimezone(ZoneInfo(cls.timezone)).date() + timedelta(days=1)
    candidates: dict[Hashable, SchoolClass] = {}
    rows = db.session.scalars(
        select(SchoolClass)
        .join(User, User.id == SchoolClass.teacher_id)
        .where(SchoolClass.school_id != cls.school_id, User.status == "active")
        .order_by(SchoolClass.id.desc())
        .limit(1000)
    )
    profiles = []
    for other in rows:
        try:
            profiles.append(match_profile(other))
        except ValueError:  # a class with an inconsistent timetable is left out, not fatal
            log.warning("partner search skipped class=%s: bad timetable", other.id)
            continue
        candidates[other.id] = other
    matches = rank_partners(seeker, profiles, first_day, weeks=weeks)
    results = [partner_match_view(m, cls, candidates[m.candidate.class_id], window_limit) for m in matches]
    return partner_search_view(cls, first_day, weeks, results)
