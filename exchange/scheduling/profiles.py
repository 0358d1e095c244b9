"""A class's profile for matching and scheduling: grade band, languages, topics, zone,
school days and hours, term and holidays; and the pure timetable built from it."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..directory import services as directory
from ..directory.models import GRADE_BANDS, SchoolClass
from ..errors import Forbidden, Invalid
from ..signals import audit
from .local_time import parse_day
from .matching import ClassProfile, GradeBand
from .presenters import profile_view
from .timetable import ClassTimetable

MAX_HOLIDAYS = 400


def timetable_of(cls: SchoolClass) -> ClassTimetable:
    terms = ((cls.term_start, cls.term_end),) if cls.term_start and cls.term_end else ()
    return ClassTimetable(
        tz=cls.timezone,
        school_days=frozenset(cls.school_days or [1, 2, 3, 4, 5]),
        day_start=cls.day_start,
        day_end=cls.day_end,
        terms=terms,
        holidays=tuple(cls.holidays or ()),
    )


def match_profile(cls: SchoolClass) -> ClassProfile:
    return ClassProfile(
        class_id=cls.id,
        country=cls.school.country,
        region=cls.school.region or "",
        grade_band=GradeBand.parse(cls.grade_band),
        languages=frozenset(cls.languages or ()),
        topics=frozenset(cls.topics or ()),
        timetable=timetable_of(cls),
    )


def clean_holidays(values) -> list[str]:
    """Dates and ranges ("2026-12-21..2027-01-01", or [first, last]) as a sorted list of ISO dates."""
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").replace("\n", ",").split(",")]
    if not isinstance(values, (list, tuple)):
        raise Invalid(_("Holidays must be a list of dates or date ranges."), code="invalid_holidays")
    days: set[date] = set()
    for item in values:
        if isinstance(item, (list, tuple)) and len(item) == 2:
            first, last = item
        elif isinstance(item, str) and item.strip():
            text = item.strip()
            parts = [p.strip() for p in (text.split("..") if ".." in text else text.split(" to "))]
            first, last = (parts[0], parts[-1]) if len(parts) in (1, 2) else ("", "")
        elif isinstance(item, str):
            continue
        else:
            raise Invalid(_("Holidays must be a list of dates or date ranges."), code="invalid_holidays")
        a, b = parse_day(first, _("Holiday")), parse_day(last, _("Holiday"))
        if b < a:
            raise Invalid(
                _(
                    "A holiday range ends before it starts: %(first)s to %(last)s.",
                    first=a.isoformat(),
                    last=b.isoformat(),
                ),
                code="invalid_holidays",
            )
        if (b - a).days > MAX_HOLIDAYS:
            raise Invalid(_("That holiday range is too long."), code="invalid_holidays")
        while a <= b:
            days.add(a)
            a += timedelta(days=1)
        if len(days) > MAX_HOLIDAYS:
            raise Invalid(_("At most %(n)d holiday dates.", n=MAX_HOLIDAYS), code="invalid_holidays")
    return [d.isoformat() for d in sorted(days)]


def managed_class(actor: User, class_id) -> SchoolClass:
    cls = directory.get_class(class_id)
    if not directory.can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can do this."), code="not_your_class")
    return cls


def update_profile(actor: User, cls: SchoolClass, data: dict) -> SchoolClass:
    """Set what partner search and scheduling need; fields left out keep their value."""
    if not directory.can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can do this."), code="not_your_class")
    before = profile_view(cls)
    if "grade_band" in data:
        if data["grade_band"] not in GRADE_BANDS:
            raise Invalid(_("Choose a grade band."), code="invalid_grade_band")
        cls.grade_band = data["grade_band"]
    if "languages" in data:
        cls.languages = directory.clean_languages(data["languages"])
    if "topics" in data:
        cls.topics = directory.clean_topics(data["topics"] or [])
    if "timezone" in data:
        cls.timezone = directory.valid_timezone(data["timezone"])
    if "school_days" in data:
        days = data["school_days"]
        if isinstance(days, str):
            days = [d for d in days.replace(",", " ").split()]
        try:
            days = (
                sorted({int(d) for d in days})
                if isinstance(days, (list, tuple)) and not any(isinstance(d, bool) for d in days)
                else None
            )
        except (TypeError, ValueError):
            days = None
        if not days or not all(1 <= d <= 7 for d in days):
            raise Invalid(_("School days are weekday numbers 1 (Monday) to 7 (Sunday)."), code="invalid_days")
        cls.school_days = days
    if "day_start" in data:
        cls.day_start = directory.parse_time(data["day_start"], _("Start of the school day"))
    if "day_end" in data:
        cls.day_end = directory.parse_time(data["day_end"], _("End of the school day"))
    if cls.day_end <= cls.day_start:
        raise Invalid(_("The school day must end after it starts."), code="invalid_time")
    if "term_start" in data:
        cls.term_start = parse_day(data["term_start"], _("Term start")) if data["term_start"] else None
    if "term_end" in data:
        cls.term_end = parse_day(data["term_end"], _("Term end")) if data["term_end"] else None
    if bool(cls.term_start) != bool(cls.term_end):
        raise Invalid(_("Give both the first and the last day of term, or neither."), code="invalid_term")
    if cls.term_start and cls.term_end and cls.term_end < cls.term_start:
        raise Invalid(_("The term must end after it starts."), code="invalid_term")
    if "holidays" in data:
        cls.holidays = clean_holidays(data["holidays"] or [])
    try:
        timetable_of(cls)
    except ValueError:
        raise Invalid(_("This timetable is not consistent."), code="invalid_timetable") from None
    db.session.commit()
    after = profile_view(cls)
    changed = sorted(k for k in after if after[k] != before[k] and k != "holiday_ranges")
    audit(
        "scheduling",
        actor_id=actor.id,
        action="class.profile_update",
        subject_type="class",
        subject_id=cls.id,
        school_id=cls.school_id,
        after={"fields": changed},
    )
    return cls
