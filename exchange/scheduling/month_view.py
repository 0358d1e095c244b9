"""The calendar page's month: a wall calendar in the viewer's language, first weekday and zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton, format_time
from flask_babel import get_locale

from ..accounts.models import User
from ..db import utcnow
from . import listings, month


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def month_panel(user: User, class_id: int | None, month_arg: str | None) -> dict:
    """The weeks of one month with the viewer's sessions on the days they start, in their zone."""
    tz = _zone(user.timezone)
    locale = Locale.parse(str(get_locale() or "en"))
    today = utcnow().astimezone(tz).date()
    first = month.month_of(month_arg, today)
    before, after = month.neighbours(first)
    # a week either side: the grid shows the ends of the neighbouring months too
    start = datetime.combine(first - timedelta(days=7), time(0), tz)
    end = datetime.combine(after + timedelta(days=7), time(0), tz)
    rows = listings.sessions_for(user, class_id=class_id, upcoming=False, between=(start, end))
    items = [
        (
            s.starts_at.astimezone(tz).date(),
            {
                "id": s.id,
                "title": s.title,
                "status": s.status,
                "time": format_time(s.starts_at, "short", tzinfo=tz, locale=locale),
            },
        )
        for s in rows
    ]
    first_weekday = locale.first_week_day
    order = [(first_weekday + i) % 7 for i in range(7)]
    return {
        "title": format_skeleton("yMMMM", first, locale=locale),
        "weeks": month.weeks(first, first_weekday, today, items),
        "weekdays": [(locale.days["format"]["wide"][d], locale.days["format"]["abbreviated"][d]) for d in order],
        "before": {"arg": before.strftime("%Y-%m"), "title": format_skeleton("yMMMM", before, locale=locale)},
        "after": {"arg": after.strftime("%Y-%m"), "title": format_skeleton("yMMMM", after, locale=locale)},
        "zone": tz.key,
        "count": len(items),
    }
