"""Is this expert cleared to meet students, now? The one question other domains ask vetting.

It lives apart from the services so that the rooms (through a port) and every vetting
module read clearance from one small place: the expert's newest record, its evidence
checked against the deployment's expiry policy on the clock's day. Access ends the moment
evidence lapses, before any job writes "expired".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from .. import clock as the_clock
from ..db import db
from .models import VettingEvidence, VettingRecord
from .rules.checklist import ExpiryPolicy, VettingChecklist, evidence_status
from .rules.evidence import BackgroundCheckEvidence, Evidence, IdentityEvidence, ReferenceEvidence, TrainingEvidence
from .rules.states import cleared_to_meet_students


def clock() -> datetime:
    """Now, in UTC, from the one clock (`exchange.clock`): tests set it with EXCHANGE_FAKE_NOW
    to stand on either side of an expiry date; outside tests that variable is ignored."""
    return the_clock.now()


def today() -> date:
    """Evidence days are counted in UTC."""
    return the_clock.today()


def expiry_policy() -> ExpiryPolicy:
    """The deployment's policy from `VETTING_POLICY`: a mapping, or "background=12m,
    safeguarding_training=24m,reminder_days_before=30"; absent keys keep the defaults."""
    raw = current_app.config.get("VETTING_POLICY") or {}
    if isinstance(raw, str):
        pairs = [p.split("=", 1) for p in re.split(r"[,;]", raw) if p.strip()]
        raw = {k.strip(): v.strip() for k, v in pairs}
    return ExpiryPolicy.from_settings(raw)


def current_record(expert_id: int) -> VettingRecord | None:
    """The expert's newest record: older ones are closed (rejected or revoked)."""
    return db.session.scalar(
        select(VettingRecord).where(VettingRecord.expert_id == expert_id).order_by(VettingRecord.id.desc()).limit(1)
    )


def evidence_rows(record: VettingRecord) -> list[VettingEvidence]:
    return list(
        db.session.scalars(
            select(VettingEvidence).where(VettingEvidence.record_id == record.id).order_by(VettingEvidence.id)
        )
    )


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def to_rules_evidence(row: VettingEvidence) -> Evidence:
    f = row.fields
    if row.kind == "identity":
        return IdentityEvidence(
            document_type=f.get("document_type", ""),
            checked_by=f.get("checked_by"),
            checked_on=_day(f.get("checked_on")),
            date_of_birth=_day(f.get("date_of_birth")),
        )
    if row.kind == "background":
        return BackgroundCheckEvidence(
            provider=f.get("provider", ""), reference=f.get("reference", ""), issued_on=_day(f.get("issued_on"))
        )
    if row.kind == "safeguarding_training":
        return TrainingEvidence(completed_on=_day(f.get("completed_on")), provider=f.get("provider", ""))
    return ReferenceEvidence(
        referee_name=f.get("referee_name", ""),
        relation=f.get("relation", ""),
        confirmed_on=_day(f.get("confirmed_on")),
        confirmed_by=f.get("confirmed_by"),
    )


def checklist_for(record: VettingRecord, day: date | None = None) -> VettingChecklist:
    """What this record holds on `day` (default: the clock's day)."""
    return evidence_status(
        [to_rules_evidence(r) for r in evidence_rows(record)],
        expiry_policy(),
        day or today(),
        subject_id=record.expert_id,
    )


def expert_cleared(user, now: datetime | None = None) -> bool:
    """True only for an active expert whose newest record is verified and whose evidence is
    complete and unexpired on the clock's day: access ends the moment evidence lapses, before
    any job writes "expired"."""
    if user is None or getattr(user, "role", None) != "expert" or not user.is_active:
        return False
    record = current_record(user.id)
    if record is None or record.state != "verified":
        return False
    return cleared_to_meet_students(record.state, checklist_for(record, (now or clock()).date()))
