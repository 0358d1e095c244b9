"""What the two HTTP edges of scheduling share: the blueprint (`views` for pages, `api` for
/api/v1) and the small helpers that read a request or shape a special response."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, request
from flask_babel import gettext as _

from ..apidoc import field, json_body, ok
from ..authz import current_user, ensure
from ..directory import services as directory
from ..errors import Invalid
from .clashes import ScheduleConflict
from .local_time import local_moment, parse_day, parse_when

bp = Blueprint("scheduling", __name__)

ICS_TYPE = "text/calendar; charset=utf-8"


def optional_body() -> dict:
    return json_body() if request.content_length else {}


def conflict_response(exc: ScheduleConflict):
    return ok({"error": {"code": exc.code, "message": exc.message}, "conflicts": exc.conflicts}, exc.status)


def start_from(data: dict, tz: str):
    """`starts_at` (ISO 8601 with an offset) or `date` + `time` on the clock of `tz`."""
    if data.get("starts_at") is not None:
        return parse_when(data["starts_at"])
    return local_moment(tz, field(data, "date"), field(data, "time"))


def int_arg(name: str, default: int) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        raise Invalid(_("%(name)s must be a whole number.", name=name), code="invalid_payload") from None


def day_arg(name: str) -> date | None:
    value = request.args.get(name)
    return parse_day(value, name) if value else None


def own_teaching_class(class_id: int):
    user = current_user()
    cls = directory.get_class(class_id)
    ensure(
        user.role == "teacher" and cls.teacher_id == user.id,
        _("This is not one of your classes."),
        code="not_your_class",
    )
    return cls


def ics_response(data: bytes, filename: str | None = None) -> Response:
    resp = Response(data, content_type=ICS_TYPE)
    if filename:
        resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
