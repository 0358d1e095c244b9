"""The e-mails of onboarding: a staff invitation link. Only texts here; `invitations.py` sends
them through the outbox."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from ..accounts.models import User
from .models import School, SchoolApplication, StaffInvitation


def staff_invitation_email(inv: StaffInvitation, school: School, inviter: User, url: str) -> tuple[str, str]:
    """(subject, text) of the invitation e-mail to a teacher or a school's admin."""
    if inv.role == "admin":
        subject = _("You are invited to run %(school)s on Classroom Exchange", school=school.name)
    else:
        subject = _("You are invited to teach at %(school)s on Classroom Exchange", school=school.name)
    text = render_template("directory/invitation_email.txt", inv=inv, school=school, inviter=inviter, url=url)
    return subject, text


def application_declined_email(application: SchoolApplication) -> tuple[str, str]:
    """(subject, text) telling an applicant their school's application was declined, and why."""
    subject = _("Your application for %(school)s on Classroom Exchange", school=application.school_name)
    text = render_template("directory/application_declined_email.txt", application=application)
    return subject, text
