"""The e-mails families get: the invitation link and the class's family update, each written in
the family's language and with times on the family's own clock (an e-mail has no viewer zone).

Only texts here; the use cases (`invitations`, `family`) send them through the outbox.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..directory.models import School
from ..extensions import babel
from .models import GuardianInvitation
from .presenters import scope_labels


def ui_languages() -> set[str]:
    """Languages the interface speaks (its translation catalogues), English always."""
    try:
        langs = {str(loc) for loc in babel.list_translations()} if hasattr(babel, "list_translations") else set()
    except Exception:  # no translation folder yet
        langs = set()
    return langs | {"en"}


def in_zone(dt: datetime | None, zone: str, locale: str = "en") -> str:
    """A time as the reader's clock shows it, with the zone's name (e-mails have no viewer zone)."""
    if dt is None:
        return ""
    try:
        tz = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    try:
        return format_datetime(dt, "medium", tzinfo=tz, locale=locale or "en") + f" ({tz.key})"
    except Exception:  # an unknown locale: fall back to English, never fail a letter over it
        return format_datetime(dt, "medium", tzinfo=tz, locale="en") + f" ({tz.key})"


def invitation_email(inv: GuardianInvitation, student: User, url: str) -> tuple[str, str]:
    """(subject, text) of the invitation e-mail, in the invitation's language when the interface speaks it."""
    with force_locale(inv.language if inv.language in ui_languages() else "en"):
        subject = _("Your child's class on Classroom Exchange: please confirm")
        text = render_template(
            "guardians/invitation_email.txt",
            student=student,
            url=url,
            inv=inv,
            school=db.session.get(School, student.school_id) if student.school_id else None,
        )
    return subject, text


def family_update_email(update: dict, class_name: str, guardian: User) -> tuple[str, str, str]:
    """(subject, text, html) of a family update for one guardian: their language, their time zone."""
    locale = guardian.locale if guardian.locale in ui_languages() else "en"
    with force_locale(locale):
        subject = _("News from %(class_name)s", class_name=class_name)
        context = {
            "u": update,
            "guardian": guardian,
            "labels": scope_labels(),
            "when": lambda dt: in_zone(dt, guardian.timezone, locale),
        }
        text = render_template("guardians/family_update_email.txt", **context)
        html = render_template("guardians/family_update_email.html", **context)
    return subject, text, html
