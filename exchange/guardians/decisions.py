"""Giving and withdrawing consent: a guardian online, or a teacher for a returned paper.

A withdrawal takes effect at once: after the commit and the audit record it tells the rooms
domain (`signals.access_lost`), which removes a connected student from rooms they lost.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Invalid
from ..signals import access_lost, audit
from . import rules
from .consent import SCOPES, newest_consent
from .models import Consent
from .students import guarded_child


def valid_scope(scope) -> str:
    if scope not in SCOPES:
        raise Invalid(_("Unknown consent scope."), code="invalid_scope")
    return scope


def give_consent(
    guardian: User, student_id, scope, *, method: str = "online", audit_extra: dict | None = None
) -> Consent:
    """A linked guardian agrees, online or by a text message's reply ("sms"). Giving it again while it
    stands changes nothing."""
    student = guarded_child(guardian, student_id)
    scope = valid_scope(scope)
    current = newest_consent(student.id, scope)
    if current is not None and current.status == "granted":
        return current
    row = Consent(
        student_id=student.id,
        scope=scope,
        status="granted",
        method=method,
        given_by=guardian.id,
        recorded_at=utcnow(),
    )
    db.session.add(row)
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="consent.grant",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={"scope": scope, "method": method, "consent_id": row.id, **(audit_extra or {})},
    )
    return row


def withdraw_consent(actor: User, student: User, scope: str, *, method: str) -> Consent:
    """Withdraw at once; a connected student leaves the rooms that now need what they lack."""
    scope = valid_scope(scope)
    now = utcnow()
    current = newest_consent(student.id, scope)
    before = current.status if current else "missing"
    if current is not None and current.status == "granted":
        current.status, current.withdrawn_at, current.withdrawn_by, current.withdrawn_method = (
            "withdrawn",
            now,
            actor.id,
            method,
        )
        row = current
    elif current is not None:
        row = current  # already withdrawn: nothing changes
    else:  # the family says no before ever saying yes: keep that answer on record
        row = Consent(
            student_id=student.id,
            scope=scope,
            status="withdrawn",
            method=method,
            given_by=actor.id,
            recorded_at=now,
            withdrawn_at=now,
            withdrawn_by=actor.id,
            withdrawn_method=method,
        )
        db.session.add(row)
    db.session.commit()
    if before != "withdrawn":
        audit(
            "guardians",
            actor_id=actor.id,
            action="consent.withdraw",
            subject_type="student",
            subject_id=student.id,
            school_id=student.school_id,
            before={"scope": scope, "status": before},
            after={"scope": scope, "status": "withdrawn", "method": method, "consent_id": row.id},
        )
    access_lost("guardians", user_id=student.id, code=rules.CONSENT_WITHDRAWN)
    return row


def guardian_withdraws(guardian: User, student_id, scope) -> Consent:
    return withdraw_consent(guardian, guarded_child(guardian, student_id), scope, method="online")
