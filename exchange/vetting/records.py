"""Vetting records and the evidence a verifier records on them: each piece cleaned, checked
against the pure rules before it is stored, and audited without its contents.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..signals import audit
from .clearance import clock, expiry_policy, to_rules_evidence, today
from .messages import problem_message, state_label
from .models import VettingEvidence, VettingRecord
from .rules.evidence import EvidenceKind, validate_evidence
from .rules.states import TERMINAL_STATES, VERIFIER_ROLE


EVIDENCE_KINDS = tuple(k.value for k in EvidenceKind)
EVIDENCE_TEXT = {  # field -> longest value kept
    "document_type": 32,
    "provider": 120,
    "reference": 80,
    "referee_name": 120,
    "relation": 120,
}
EVIDENCE_FIELDS = {
    "identity": ("document_type", "checked_on", "date_of_birth"),
    "background": ("provider", "reference", "issued_on"),
    "safeguarding_training": ("provider", "completed_on"),
    "reference": ("referee_name", "relation", "confirmed_on"),
}


def get_record(record_id) -> VettingRecord:
    record = lookup(VettingRecord, record_id)
    if record is None:
        raise NotFound(_("No such vetting record."), code="no_such_record")
    return record


def _require_verifier(actor: User) -> None:
    if actor is None or actor.role != VERIFIER_ROLE or not actor.is_active:
        raise Forbidden(_("Only a verifier (admin) may do this."), code="not_verifier")


def _clean_text(value, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    return " ".join(value.split())[: EVIDENCE_TEXT.get(name, 200)]


def _clean_day(value, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2025-03-10.", name=name), code="invalid_date") from None


def record_evidence(actor: User, record_id, kind: str, data: dict, *, day: date | None = None) -> VettingEvidence:
    """A verifier records one piece of evidence they checked; refused when it is not acceptable."""
    _require_verifier(actor)
    record = get_record(record_id)
    if record.state in TERMINAL_STATES:
        raise Conflict(
            _("This record is closed: it was %(state)s.", state=state_label(record.state)), code="record_closed"
        )
    if kind not in EVIDENCE_KINDS:
        raise Invalid(_("Unknown kind of evidence."), code="unknown_evidence_kind")
    fields: dict = {}
    for name in EVIDENCE_FIELDS[kind]:
        value = data.get(name)
        fields[name] = (
            _clean_day(value, name) if name.endswith("_on") or name == "date_of_birth" else _clean_text(value, name)
        )
    if kind == "identity":
        fields["checked_by"] = actor.id
        fields["document_type"] = fields["document_type"].lower()
    if kind == "reference":
        fields["confirmed_by"] = actor.id
    stored = {k: v.isoformat() if isinstance(v, date) else v for k, v in fields.items()}
    row = VettingEvidence(record_id=record.id, kind=kind, fields=stored, recorded_by=actor.id, recorded_at=clock())
    policy = expiry_policy()
    problems = validate_evidence(
        to_rules_evidence(row), today=day or today(), adult_age=policy.adult_age, subject_id=record.expert_id
    )
    if problems:
        raise Invalid(problem_message(problems[0]), code=problems[0].code)
    db.session.add(row)
    db.session.commit()
    # The audit log is read by moderators too: it names the kind, never the evidence itself.
    audit(
        "vetting",
        actor_id=actor.id,
        action="vetting.evidence_record",
        subject_type="vetting_record",
        subject_id=record.id,
        after={"kind": kind, "evidence_id": row.id, "expert_id": record.expert_id},
    )
    return row
