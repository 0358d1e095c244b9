"""Times as people read them: one interval on one clock (for pages, mails and the API), and
dates and wall-clock times typed on a class's clock turned into UTC instants."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import babel.dates
from flask import has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _

from ..directory import services as directory
from ..errors import Invalid
from ..when import utc_instant
from .overlap import LocalSpan
from .timetable import UTC


def current_locale() -> str:
    """The request's language for dates; English outside a request (reminders from the command)."""
    if has_request_context():
        return str(get_locale() or "en")
    return "en"


def iso(dt: datetime | None) -> str | None:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z") if dt else None


def offset_label(dt: datetime) -> str:
    """ "UTC+05:45": the clock a time is read on, next to the zone's name."""
    return "UTC" + LocalSpan("UTC", dt, dt).utc_offset


def _zone(tz: str | None) -> tuple[str, ZoneInfo]:
    if tz is not None:
        try:
            return tz, ZoneInfo(tz)
        except (TypeError, ValueError, KeyError):  # a user row with a broken zone reads times in UTC
            pass
    return "UTC", ZoneInfo("UTC")


def local_label(start: datetime, end: datetime, tz: str, locale: str | None = None) -> dict:
    """One interval on one clock, for pages, mails and the API."""
    tz, zone = _zone(tz)
    locale = locale or current_locale()
    s, e = start.astimezone(zone), end.astimezone(zone)
    day = babel.dates.format_skeleton("yMMMEd", s, tzinfo=zone, locale=locale)
    t0 = babel.dates.format_time(s, "short", tzinfo=zone, locale=locale)
    t1 = babel.dates.format_time(e, "short", tzinfo=zone, locale=locale)
    if e.date() != s.date():
        t1 = babel.dates.format_skeleton("MMMEd", e, tzinfo=zone, locale=locale) + " " + t1
    return {
        "timezone": tz,
        "start": s.isoformat(),
        "end": e.isoformat(),
        "date": s.date().isoformat(),
        "start_time": s.strftime("%H:%M"),
        "end_time": e.strftime("%H:%M"),
        "offset": offset_label(s),
        "label": f"{day}, {t0}–{t1}",
    }


def parse_when(value, name: str = "starts_at") -> datetime:
    """An ISO 8601 date and time with an offset, as UTC."""
    return utc_instant(value, name)


def parse_day(value, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2027-03-16.", name=name), code="invalid_date") from None


def local_moment(tz: str, day, at) -> datetime:
    """A wall-clock time in a class's zone as UTC; refuses a time the clocks skip that night."""
    day = parse_day(day, _("Date"))
    at = directory.parse_time(at, _("Time"))
    zone = ZoneInfo(tz)
    local = datetime.combine(day, at, tzinfo=zone)
    moment = local.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise Invalid(
            _(
                "%(time)s does not exist in %(tz)s on %(date)s: the clocks change that night. Choose another time.",
                time=at.strftime("%H:%M"),
                tz=tz,
                date=day.isoformat(),
            ),
            code="time_does_not_exist",
        )
    return moment
