"""The words a stored value shows as (a role, a room's state, a session's status), per language.

`_(s.status)` in a template never reaches a translator: extraction sees a variable, not a
word. Here every value is written out once with its context ("cancelled" is feminine for a
session in Spanish, masculine for a visit request), so each language can agree it with its noun.
A value with no entry shows as stored, which a test notices.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import pgettext

_Label = Callable[[], str]

WORDS: dict[str, dict[str, _Label]] = {
    "role": {
        "admin": lambda: pgettext("role", "admin"),
        "teacher": lambda: pgettext("role", "teacher"),
        "student": lambda: pgettext("role", "student"),
        "expert": lambda: pgettext("role", "expert"),
        "moderator": lambda: pgettext("role", "moderator"),
        "guardian": lambda: pgettext("role", "guardian"),
    },
    "room": {
        "scheduled": lambda: pgettext("room state", "scheduled"),
        "open": lambda: pgettext("room state", "open"),
        "closed": lambda: pgettext("room state", "closed"),
        "locked": lambda: pgettext("room state", "locked"),
    },
    "session": {
        "proposed": lambda: pgettext("session status", "proposed"),
        "accepted": lambda: pgettext("session status", "accepted"),
        "declined": lambda: pgettext("session status", "declined"),
        "cancelled": lambda: pgettext("session status", "cancelled"),
    },
    "visit": {
        "requested": lambda: pgettext("visit request status", "requested"),
        "accepted": lambda: pgettext("visit request status", "accepted"),
        "declined": lambda: pgettext("visit request status", "declined"),
        "cancelled": lambda: pgettext("visit request status", "cancelled"),
    },
    "exhibition": {
        "draft": lambda: pgettext("exhibition status", "draft"),
        "published": lambda: pgettext("exhibition status", "published"),
        "withdrawn": lambda: pgettext("exhibition status", "withdrawn"),
    },
}


def label(value: str | None, kind: str) -> str:
    """What `value` (of the given kind) is called in the reader's language."""
    if value is None:
        return ""
    found = WORDS.get(kind, {}).get(value)
    return found() if found else value
