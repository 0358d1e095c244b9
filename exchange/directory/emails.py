"""The e-mails of onboarding: a staff invitation link. Only texts here; `invitations.py` sends
them through the outbox."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from ..accounts.models import User
from .language import school_language
from .models import School, SchoolApplication, StaffInvitation


def staff_invitation_email(inv: StaffInvitation, school: School, inviter: User, url: str) -> tuple[str, str]:
    """(subject, text) of the invitation e-mail to a teacher or a school's admin."""
    with force_locale(school_language(school)):  # the newcomer reads the school's language, not the inviter's
        if inv.role == "admin":
            subject = _("You are invited to run %(school)s on Classroom Exchange", school=school.name)
        else:
            subject = _("You are invited to teach at %(school)s on Classroom Exchange", school=school.name)
        until = format_date(inv.expires_at.astimezone(zone_of(school)).date(), "long", locale=str(get_locale() or "en"))
        text = render_template(
            "directory/invitation_email.txt", inv=inv, school=school, inviter=inviter, url=url, until=until
        )
    return subject, text


def zone_of(school: School) -> ZoneInfo:
    try:
        return ZoneInfo(school.timezone)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def application_declined_email(application: SchoolApplication) -> tuple[str, str]:
    """(subject, text) telling an applicant their school's application was declined, and why."""
    subject = _("Your application for %(school)s on Classroom Exchange", school=application.school_name)
    text = render_template("directory/application_declined_email.txt", application=application)
    return subject, text
