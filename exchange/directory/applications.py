"""A school applies on the public form; the platform administrator approves it (the school is
created with the same checks as on the command line, and the applicant gets a school-admin
invitation) or declines it with a reason (e-mailed to the applicant). Every step is audited."""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..outbox import outbox
from ..signals import audit
from . import invitations
from .emails import application_declined_email
from .models import School, SchoolApplication
from .school_rules import name_key
from .schools import check_school, create_school

REASON_MAX = 500

log = logging.getLogger("exchange.directory")


def _platform_admin(actor: User | None) -> User:
    if actor is None or actor.role != "admin" or not actor.platform_wide:
        raise Forbidden(_("Only the platform administrator can manage schools."), code="not_platform_admin")
    return actor


def submit_application(
    *,
    school_name: str,
    country: str,
    timezone: str,
    languages,
    region: str = "",
    first_name: str,
    last_name: str = "",
    email: str,
    accepts_terms: bool,
) -> SchoolApplication:
    """A school's application, checked like a new school (the same sentences) and the applicant's
    name and address; it waits for the platform administrator."""
    if not accepts_terms:
        raise Invalid(_("Please read and accept the terms of use to apply."), code="terms_required")
    fields = check_school(name=school_name, country=country, timezone=timezone, languages=languages, region=region)
    waiting = db.session.scalars(select(SchoolApplication.school_name).where(SchoolApplication.status == "pending"))
    if any(name_key(other) == name_key(fields["name"]) for other in waiting):
        raise Conflict(
            _("An application for %(name)s is already waiting for a decision.", name=fields["name"]),
            code="application_exists",
        )
    cleaned = invitations.check_invitee(email)
    first = validate_name(first_name, _("First name"))
    last = validate_name(last_name, _("Last name")) if (last_name or "").strip() else ""
    application = SchoolApplication(
        school_name=fields["name"],
        country=fields["country"],
        region=fields["region"],
        timezone=fields["timezone"],
        languages=fields["languages"],
        applicant_first_name=first,
        applicant_last_name=last,
        applicant_email=cleaned,
        terms_accepted_at=utcnow(),
        status="pending",
    )
    db.session.add(application)
    db.session.commit()
    audit(
        "directory",
        actor_id=None,
        action="school.apply",
        subject_type="school_application",
        subject_id=application.id,
        after={"country": application.country, "timezone": application.timezone},
    )
    return application


def _pending(application_id) -> SchoolApplication:
    application = lookup(SchoolApplication, application_id)
    if application is None:
        raise NotFound(_("There is no such application."), code="no_such_application")
    if application.status != "pending":
        raise Conflict(_("This application has already been decided."), code="application_decided")
    return application


def approve_application(actor: User | None, application_id, *, link_base: str) -> tuple[School, invitations.Invited]:
    """Create the school and invite the applicant as its admin."""
    admin = _platform_admin(actor)
    application = _pending(application_id)
    invitations.check_invitee(application.applicant_email)  # before the school exists: nothing half done
    school = create_school(
        name=application.school_name,
        country=application.country,
        timezone=application.timezone,
        languages=application.languages,
        region=application.region,
        actor_id=admin.id,
        terms_accepted=True,
    )
    application.status, application.school_id = "approved", school.id
    application.decided_by, application.decided_at = admin.id, utcnow()
    db.session.commit()
    audit(
        "directory",
        actor_id=admin.id,
        action="school.application.approve",
        subject_type="school_application",
        subject_id=application.id,
        school_id=school.id,
        before={"status": "pending"},
        after={"status": "approved", "school_id": school.id},
    )
    invited = invitations.invite_staff(
        admin,
        school.id,
        role="admin",
        email=application.applicant_email,
        first_name=application.applicant_first_name,
        last_name=application.applicant_last_name,
        link_base=link_base,
    )
    return school, invited


def decline_application(actor: User | None, application_id, *, reason: str) -> SchoolApplication:
    admin = _platform_admin(actor)
    application = _pending(application_id)
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > REASON_MAX:
        raise Invalid(_("Give a reason of 1 to %(n)d characters.", n=REASON_MAX), code="reason_required")
    application.status, application.decline_reason = "declined", reason
    application.decided_by, application.decided_at = admin.id, utcnow()
    db.session.commit()
    audit(
        "directory",
        actor_id=admin.id,
        action="school.application.decline",
        subject_type="school_application",
        subject_id=application.id,
        reason=reason,
        before={"status": "pending"},
        after={"status": "declined"},
    )
    subject, text = application_declined_email(application)
    try:
        outbox().send(to=application.applicant_email, subject=subject, text=text)
        log.info("application decline mailed application=%s", application.id)
    except Exception:  # the decision stands; the log says the mail did not go
        log.exception("application decline mail failed application=%s", application.id)
    return application


def pending_applications() -> list[SchoolApplication]:
    return list(
        db.session.scalars(
            select(SchoolApplication).where(SchoolApplication.status == "pending").order_by(SchoolApplication.id)
        )
    )
