"""What goes over the wire: consent states, invitations, deletion requests and family updates
as plain dicts for pages and the JSON API, plus the labels and messages families read.

Services return models and values; these functions decide what a reader may see of them
(an invitation shows the child as "Nora B." only, before anyone has logged in).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..directory.models import School
from . import rules
from .models import DeletionRequest, GuardianInvitation


def iso(dt: datetime | None) -> str | None:
    """An instant as the API writes it: ISO 8601, UTC as "Z"."""
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def scope_labels() -> dict[str, str]:
    return {
        "exchanges": _("Exchanges with partner classes"),
        "expert_visits": _("Visits by experts"),
        "file_sharing": _("Sharing files with other schools"),
        "public_showing": _("Showing school work in public exhibitions (first name and initial)"),
        "public_faces": _("Public exhibitions may include pictures showing my child's face"),
    }


def refusal_message(code: str | None, scope: str) -> str:
    label = scope_labels().get(scope, scope)
    if code == rules.CONSENT_WITHDRAWN:
        return _("A guardian withdrew consent for: %(scope)s.", scope=label)
    if code == rules.CONSENT_MISSING:
        return _("No guardian consent yet for: %(scope)s.", scope=label)
    if code == "citizenship_missing":
        return _("Has not taken the digital-citizenship lesson this room requires.")
    return ""


def state_view(state: rules.ConsentState) -> dict:
    return {
        "scope": state.scope,
        "status": state.status,
        "method": state.method,
        "on": state.on.isoformat() if state.on else None,
        "withdrawn_on": state.withdrawn_on.isoformat() if state.withdrawn_on else None,
    }


def invitation_view(inv: GuardianInvitation) -> dict:
    """What the invitation page may show before anyone has logged in: first name and initial only."""
    student = db.session.get(User, inv.student_id)
    school = db.session.get(School, student.school_id) if student and student.school_id else None
    return {
        "student": student.short_name if student else "",
        "school": school.name if school else "",
        "language": inv.language,
        "expires_at": iso(inv.expires_at),
    }


def deletion_view(req: DeletionRequest) -> dict:
    student = db.session.get(User, req.student_id)
    return {
        "id": req.id,
        "status": req.status,
        "reason": req.reason,
        "decision_reason": req.decision_reason,
        "student": {"id": student.id, "name": student.full_name} if student else None,
        "requested_by": req.requested_by,
        "created_at": iso(req.created_at),
        "decided_by": req.decided_by,
        "decided_at": iso(req.decided_at),
        "result": req.result or {},
    }


def update_json(update: dict) -> dict:
    """A family update (see `family.build_update`) for the JSON API: instants as ISO strings."""

    def item(i):
        return dict(i, opens_at=iso(i["opens_at"]), closes_at=iso(i["closes_at"]))

    return {
        "class": update["class"],
        "sessions_held": [item(i) for i in update["sessions_held"]],
        "happening_now": [item(i) for i in update["happening_now"]],
        "coming_next": [item(i) for i in update["coming_next"]],
        "shared_work": update["shared_work"],
        "as_of": iso(update["as_of"]),
    }
