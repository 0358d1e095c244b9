"""Database ids as they arrive from outside: URL segments, JSON bodies, Socket.IO payloads.

Every table's key is an `Integer` column: 32-bit on PostgreSQL, 64-bit on SQLite. A number
outside 1..2^31-1 can name no row on either, and handed to the driver it overflows (a 500).
Such values, booleans, floats and non-digit text are refused here, before any query.
"""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

from .db import db
from .errors import Invalid

MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER; SQLite's is wider


def as_id(value) -> int | None:
    """The id `value` names, or None when it cannot name a row (wrong type, text, 0, negative, too large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= 12):
            return None
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= MAX_ID:
        return None
    return value


def lookup(model, value):
    """`db.session.get(model, ...)` for an id from outside; None when the value can name no row."""
    key = as_id(value)
    return db.session.get(model, key) if key is not None else None


def parse_id(value, name: str, code: str = "invalid_id") -> int:
    """An id from a JSON body or a Socket.IO payload, or a clear 400 naming the field."""
    found = as_id(value)
    if found is None:
        raise Invalid(_("%(name)s must be the number of an existing record.", name=name), code=code)
    return found


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: only 1..MAX_ID matches, anything else is a plain 404."""

    def __init__(
        self, map, fixed_digits: int = 0, min: int | None = 1, max: int | None = MAX_ID, signed: bool = False
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def query_id(name: str) -> int | None:
    """An optional id filter from the query string (`?room=12`): None when absent, a clear 400
    when it cannot name a row (text, negative, too large)."""
    value = request.args.get(name)
    if value in (None, ""):
        return None
    return parse_id(value, name)
