"""The vetting state machine a verifier drives, the effective state access checks use, and
what a teacher, the expert and a verifier each see of a record.

A record stays "verified" in the database until a job writes "expired", but
`effective_state` reads it as expired on the first day after any evidence lapses. Pure
(stdlib only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .checklist import ChecklistItem, VettingChecklist
from .evidence import Evidence, VettingError


# --- the state machine -----------------------------------------------------------------


class VettingState(StrEnum):
    APPLIED = "applied"
    IN_REVIEW = "in_review"
    VERIFIED = "verified"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    REJECTED = "rejected"


_S = VettingState

#: Every allowed move. Revoked and rejected are terminal: a new application is a new record.
#:   applied   -> in_review   a verifier starts the review
#:   in_review -> verified    only with a complete checklist on that date
#:   in_review -> rejected
#:   in_review -> applied     more information requested: back to the expert, reason says what
#:   verified  -> expired     evidence lapsed (the "system" job, or an admin)
#:   verified  -> suspended   pending an investigation: access stops at once
#:   verified  -> revoked
#:   expired   -> in_review   new evidence submitted
#:   expired   -> revoked     a concern about a lapsed expert must still be final
#:   suspended -> verified    investigation cleared, only with a complete checklist
#:   suspended -> expired     cleared, but evidence lapsed meanwhile: renew via in_review
#:   suspended -> revoked
TRANSITIONS: Mapping[VettingState, frozenset[VettingState]] = {
    _S.APPLIED: frozenset({_S.IN_REVIEW}),
    _S.IN_REVIEW: frozenset({_S.VERIFIED, _S.REJECTED, _S.APPLIED}),
    _S.VERIFIED: frozenset({_S.EXPIRED, _S.SUSPENDED, _S.REVOKED}),
    _S.EXPIRED: frozenset({_S.IN_REVIEW, _S.REVOKED}),
    _S.SUSPENDED: frozenset({_S.VERIFIED, _S.EXPIRED, _S.REVOKED}),
    _S.REVOKED: frozenset(),
    _S.REJECTED: frozenset(),
}

#: Waiting for a verifier; closed for good (a new application is a new record).
OPEN_STATES = ("applied", "in_review")
TERMINAL_STATES = ("revoked", "rejected")

VERIFIER_ROLE = "admin"
SYSTEM_ROLE = "system"  # the expiry job; may only record expiry
MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 2000


def _state(value: str) -> VettingState:
    try:
        return VettingState(value)
    except ValueError:
        raise VettingError("unknown_state", f"{value!r} is not a vetting state.") from None


def allowed_transitions(state: str, actor_role: str = VERIFIER_ROLE) -> list[VettingState]:
    """Targets `actor_role` may move a record to from `state` (for a verifier's buttons)."""
    targets = TRANSITIONS[_state(state)]
    if actor_role == VERIFIER_ROLE:
        return sorted(targets)
    if actor_role == SYSTEM_ROLE:
        return sorted(targets & {_S.EXPIRED})
    return []


def _complete_at(checklist: VettingChecklist | None, day: date) -> bool:
    # A checklist computed earlier must not carry a verification past its own expiry.
    return (
        checklist is not None
        and checklist.complete
        and (checklist.earliest_expiry is None or checklist.earliest_expiry >= day)
    )


@dataclass(frozen=True)
class TransitionResult:
    new_state: VettingState
    audit: dict[str, str]  # before, after, reason, actor_role, at (ISO 8601): the caller adds ids


def transition(
    current_state: str,
    target_state: str,
    *,
    actor_role: str,
    reason: str,
    checklist: VettingChecklist | None = None,
    now: datetime,
) -> TransitionResult:
    """Check one move of a vetting record and return its new state and audit entry.

    Raises VettingError: not_verifier (only "admin"; "system" only to expire),
    invalid_transition, reason_required / reason_too_long, evidence_incomplete (verifying
    without a complete checklist on `now`'s date), evidence_still_valid (expiring a
    record whose checklist still holds), unknown_state.
    """
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    before, after = _state(current_state), _state(target_state)
    if actor_role != VERIFIER_ROLE and not (actor_role == SYSTEM_ROLE and after is _S.EXPIRED):
        raise VettingError("not_verifier", "Only a verifier (admin) may change a vetting record.")
    if after not in TRANSITIONS[before]:
        raise VettingError("invalid_transition", f"A vetting record cannot go from {before} to {after}.")
    reason = " ".join(str(reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise VettingError("reason_required", f"Give a reason of at least {MIN_REASON_LENGTH} characters.")
    if len(reason) > MAX_REASON_LENGTH:
        raise VettingError("reason_too_long", f"Keep the reason under {MAX_REASON_LENGTH} characters.")
    day = now.date()
    if after is _S.VERIFIED and not _complete_at(checklist, day):
        missing = ", ".join(checklist.outstanding) if checklist is not None else "no checklist given"
        raise VettingError("evidence_incomplete", f"Evidence is incomplete or expired: {missing}.")
    if after is _S.EXPIRED and (checklist is None or _complete_at(checklist, day)):
        raise VettingError("evidence_still_valid", "Expiry is recorded only against a checklist that has lapsed.")
    audit = {
        "before": before.value,
        "after": after.value,
        "reason": reason,
        "actor_role": actor_role,
        "at": now.isoformat(),
    }
    return TransitionResult(new_state=after, audit=audit)


def effective_state(stored_state: str, checklist: VettingChecklist | None) -> VettingState:
    """The state access checks use: a stored "verified" whose checklist is incomplete or
    lapsed is "expired" already, before any job has written it."""
    state = _state(stored_state)
    if state is _S.VERIFIED and (checklist is None or not checklist.complete):
        return _S.EXPIRED
    return state


def cleared_to_meet_students(stored_state: str, checklist: VettingChecklist | None) -> bool:
    """True only for a verified record whose evidence is complete and unexpired now."""
    return effective_state(stored_state, checklist) is _S.VERIFIED


# --- views -----------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def badge_view(
    stored_state: str, checklist: VettingChecklist | None, *, verified_since: date | datetime | None = None
) -> dict[str, Any]:
    """What a teacher sees on an expert's profile: cleared or not, with dates, and no
    evidence. Suspension, revocation and rejection all read "not_verified": a pending
    investigation is not for every school to see, and the answer for a teacher is the same."""
    state = effective_state(stored_state, checklist)
    if state is _S.VERIFIED:
        return {
            "state": "verified",
            "cleared": True,
            "label": "Verified adult",
            "verified_since": _iso(verified_since),
            "expires_on": _iso(checklist.earliest_expiry if checklist else None),
        }
    if state is _S.EXPIRED:
        return {
            "state": "expired",
            "cleared": False,
            "label": "Verification expired",
            "verified_since": None,
            "expires_on": None,
        }
    return {
        "state": "not_verified",
        "cleared": False,
        "label": "Not verified",
        "verified_since": None,
        "expires_on": None,
    }


def _evidence_dict(evidence: Evidence | None) -> dict[str, object] | None:
    if evidence is None:
        return None
    out: dict[str, object] = {"kind": evidence.kind.value}
    for f in fields(evidence):
        value = getattr(evidence, f.name)
        out[f.name] = value.isoformat() if isinstance(value, date) else value
    return out


def _item_dict(item: ChecklistItem, *, with_evidence: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "slot": item.slot,
        "kind": item.kind.value,
        "label": item.label,
        "present": item.present,
        "valid": item.valid,
        "expires_on": _iso(item.expires_on),
        "days_left": item.days_left,
        "due_for_reminder": item.due_for_reminder,
        "problems": [p.as_dict() for p in item.problems],
    }
    if with_evidence:
        out["evidence"] = _evidence_dict(item.evidence)
    return out


def expert_view(stored_state: str, checklist: VettingChecklist) -> dict[str, Any]:
    """What the expert sees of their own record: each item, what is missing, when each
    expires; not the evidence fields verifiers recorded."""
    return {
        "state": effective_state(stored_state, checklist).value,
        "complete": checklist.complete,
        "missing": checklist.missing,
        "outstanding": checklist.outstanding,
        "earliest_expiry": _iso(checklist.earliest_expiry),
        "items": [_item_dict(i, with_evidence=False) for i in checklist.items],
    }


def verifier_view(stored_state: str, checklist: VettingChecklist) -> dict[str, Any]:
    """Everything a verifier needs to decide: stored and effective state, every item with
    its evidence and problems, and the moves open to them."""
    return {
        "stored_state": _state(stored_state).value,
        "state": effective_state(stored_state, checklist).value,
        "cleared": cleared_to_meet_students(stored_state, checklist),
        "today": checklist.today.isoformat(),
        "complete": checklist.complete,
        "missing": checklist.missing,
        "outstanding": checklist.outstanding,
        "earliest_expiry": _iso(checklist.earliest_expiry),
        "items": [_item_dict(i, with_evidence=True) for i in checklist.items],
        "allowed_transitions": [s.value for s in allowed_transitions(stored_state, VERIFIER_ROLE)],
    }
