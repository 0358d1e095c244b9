"""Reading a date and time given by a client or an operator: ISO 8601, returned as aware UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import gettext as _

from .errors import Invalid


def utc_instant(value, name: str, *, naive_is_utc: bool = False) -> datetime:
    """`value` as an aware UTC datetime, or a clear `invalid_time` error naming the field.

    Without an offset the value is refused (a teacher's "09:00" is ambiguous across zones),
    unless `naive_is_utc` says the caller documents naive values as UTC (report periods).
    """
    if not isinstance(value, str):
        raise Invalid(_("%(name)s must be an ISO 8601 date and time.", name=name), code="invalid_time")
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(_("%(name)s must be an ISO 8601 date and time.", name=name), code="invalid_time") from None
    if dt.tzinfo is None:
        if not naive_is_utc:
            raise Invalid(_("%(name)s needs a time zone offset (for example Z).", name=name), code="invalid_time")
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)
