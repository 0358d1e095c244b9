"""The verifier's decisions: one checked move of a record's state machine, stored against a
concurrent move, audited, and, when the expert loses clearance, announced to the rooms at
once through `signals.access_lost`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from ..accounts.models import User
from ..db import db
from ..errors import Conflict, Forbidden
from ..signals import access_lost, audit
from .clearance import checklist_for, clock
from .messages import transition_error
from .models import VettingRecord, VettingTransition
from .records import get_record
from .rules.evidence import VettingError
from .rules.states import TransitionResult, transition

log = logging.getLogger("exchange.vetting")

LOST_ACCESS_CODE = "expert_not_cleared"


def apply_transition(
    record: VettingRecord, result: TransitionResult, *, actor_id: int | None, now: datetime
) -> VettingRecord:
    """Store one checked move, guarded against a concurrent move of the same record."""
    before, after = result.audit["before"], result.new_state.value
    values = {"state": after, "state_changed_at": now}
    if after == "verified" and (before == "in_review" or record.verified_since is None):
        values["verified_since"] = now
    done = cast(
        CursorResult[Any],
        db.session.execute(  # an UPDATE answers with a cursor: its rowcount
            update(VettingRecord)
            .where(VettingRecord.id == record.id, VettingRecord.state == before)
            .values(**values)
            .execution_options(synchronize_session=False)
        ),
    )
    if done.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("Someone else changed this record meanwhile. Reload and try again."), code="record_changed")
    db.session.add(
        VettingTransition(
            record_id=record.id,
            before=before,
            after=after,
            actor_id=actor_id,
            actor_role=result.audit["actor_role"],
            reason=result.audit["reason"],
            at=now,
        )
    )
    db.session.commit()
    db.session.refresh(record)
    audit(
        "vetting",
        actor_id=actor_id,
        action=f"vetting.{after}",
        subject_type="vetting_record",
        subject_id=record.id,
        reason=result.audit["reason"],
        before={"state": before},
        after={"state": after, "expert_id": record.expert_id, "actor_role": result.audit["actor_role"]},
    )
    log.info(
        "vetting transition record=%s expert=%s %s->%s actor=%s",
        record.id,
        record.expert_id,
        before,
        after,
        actor_id if actor_id is not None else "system",
    )
    if after != "verified":
        # Rooms re-check every room the expert is connected to and remove them at once.
        access_lost("vetting", user_id=record.expert_id, code=LOST_ACCESS_CODE)
    return record


def change_state(actor: User, record_id, target: str, reason: str, *, now: datetime | None = None) -> VettingRecord:
    """A verifier moves a record with a reason (see `rules.states.TRANSITIONS`); audited."""
    if actor is None or not actor.is_active:
        raise Forbidden(_("Only a verifier (admin) may do this."), code="not_verifier")
    now = now or clock()
    record = get_record(record_id)
    checklist = checklist_for(record, now.date())
    try:
        result = transition(
            record.state,
            target if isinstance(target, str) else "",
            actor_role=actor.role,
            reason=reason if isinstance(reason, str) else "",
            checklist=checklist,
            now=now,
        )
    except VettingError as exc:
        raise transition_error(exc, record.state, str(target), checklist) from None
    return apply_transition(record, result, actor_id=actor.id, now=now)
