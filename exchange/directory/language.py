"""The language a message to a person is written in, when they are not the one reading a page.

An e-mail to a partner teacher abroad goes in *their* language, not the sender's: their own
choice, else their school's first language that the interface speaks, else English.
"""

from __future__ import annotations

from flask import current_app

from ..accounts.models import User
from ..db import db
from ..i18n import negotiate
from .models import School


def _available() -> list[str]:
    return list(current_app.config.get("LANGUAGES") or [negotiate.SOURCE])


def school_language(school: School | None) -> str:
    """A school's first language that has a catalogue (English when none has)."""
    return negotiate.choose(None, [], list(school.languages or []) if school else [], _available())


def language_of(user: User | None) -> str:
    """The language to write to this person in."""
    if user is None:
        return negotiate.SOURCE
    school = db.session.get(School, user.school_id) if user.school_id else None
    return negotiate.choose(user.locale or None, [], list(school.languages or []) if school else [], _available())
