"""How long evidence stays valid and what an expert holds on a given day: the checklist,
its expiry, and the reminders due before it lapses.

Dates: evidence is valid *through* its `expires_on` day (inclusive) and invalid from the
day after. Validity is added as calendar months (clamped to the month's end: Jan 31 +
1 month = Feb 28/29) then days. Pure (stdlib only).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from .evidence import (
    DEFAULT_ADULT_AGE,
    Evidence,
    EvidenceKind,
    Problem,
    ReferenceEvidence,
    as_day,
    is_day,
    validate_evidence,
)


# --- expiry ----------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    last = (next_first - date(year, month, 1)).days
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Validity:
    """How long evidence stays valid: calendar months, then days."""

    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.months < 0 or self.days < 0 or (self.months == 0 and self.days == 0):
            raise ValueError("a validity must be a positive number of months and/or days")

    def expires_on(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(days=self.days)

    @classmethod
    def parse(cls, value: Validity | int | str) -> Validity:
        """From deployment settings: "12m", "730d", "1m15d", or a bare number of months."""
        if isinstance(value, Validity):
            return value
        text = str(value).strip().lower()
        if text.isdigit():
            return cls(months=int(text))
        match = re.fullmatch(r"(?:(\d+)\s*m)?\s*(?:(\d+)\s*d)?", text)
        if not text or not match:
            raise ValueError(f"cannot read a validity from {value!r}; use e.g. 12m or 730d")
        return cls(months=int(match[1] or 0), days=int(match[2] or 0))


@dataclass(frozen=True)
class ExpiryPolicy:
    """A deployment's vetting policy: validity per evidence kind, reminder lead time,
    adult age and how many distinct references are required."""

    identity: Validity = Validity(months=60)
    background: Validity = Validity(months=12)
    safeguarding_training: Validity = Validity(months=24)
    reference: Validity = Validity(months=36)
    reminder_days_before: int = 30
    adult_age: int = DEFAULT_ADULT_AGE
    references_required: int = 2

    def __post_init__(self) -> None:
        if self.reminder_days_before < 0:
            raise ValueError("reminder_days_before cannot be negative")
        if self.adult_age < 18:
            # A deployment may raise the bar (some schemes want 21) but never lower it.
            raise ValueError("adult_age cannot be below 18")
        if self.references_required < 1:
            raise ValueError("at least one reference is required")

    def validity(self, kind: str) -> Validity:
        validity: Validity = getattr(self, EvidenceKind(kind).value)
        return validity

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ExpiryPolicy:
        """Build from a settings mapping, e.g. {"background": "12m", "reminder_days_before": 30};
        absent keys keep their defaults, unknown keys are refused so typos do not pass."""
        known = {f.name for f in fields(cls)}
        unknown = set(settings) - known
        if unknown:
            raise ValueError(f"unknown vetting policy settings: {sorted(unknown)}")
        kinds = {k.value for k in EvidenceKind}
        values: dict[str, Any] = {
            key: Validity.parse(value) if key in kinds else int(value) for key, value in settings.items()
        }
        return cls(**values)


SLOT_LABELS = {
    "identity": "Identity document check",
    "background": "Background check",
    "safeguarding_training": "Safeguarding training",
}


def _slot_label(slot: str) -> str:
    if slot.startswith("reference_"):
        return f"Reference {slot.removeprefix('reference_')}"
    return SLOT_LABELS[slot]


@dataclass(frozen=True)
class ChecklistItem:
    """One required item (a reference counts once per required referee)."""

    slot: str  # "identity", "background", "safeguarding_training", "reference_1", ...
    kind: EvidenceKind
    present: bool
    valid: bool
    expires_on: date | None = None
    days_left: int | None = None  # 0 on the expiry day, negative once expired
    due_for_reminder: bool = False
    problems: tuple[Problem, ...] = ()
    evidence: Evidence | None = None

    @property
    def label(self) -> str:
        return _slot_label(self.slot)


@dataclass(frozen=True)
class VettingChecklist:
    """What an expert holds on `today` against the policy, item by item."""

    today: date
    policy: ExpiryPolicy
    items: tuple[ChecklistItem, ...]

    @property
    def missing(self) -> list[str]:
        """Slots with no evidence at all."""
        return [i.slot for i in self.items if not i.present]

    @property
    def outstanding(self) -> list[str]:
        """Slots not satisfied: missing, expired or with problems."""
        return [i.slot for i in self.items if not i.valid]

    @property
    def complete(self) -> bool:
        return all(i.valid for i in self.items)

    @property
    def earliest_expiry(self) -> date | None:
        """The day the first currently valid item lapses after (None if none is valid)."""
        days = [d for i in self.items if i.valid and (d := i.expires_on) is not None]
        return min(days) if days else None

    def item(self, slot: str) -> ChecklistItem:
        for i in self.items:
            if i.slot == slot:
                return i
        raise KeyError(slot)


@dataclass(frozen=True)
class _Assessed:
    evidence: Evidence
    problems: tuple[Problem, ...]
    expires_on: date | None

    @property
    def sound(self) -> bool:  # acceptable apart from possibly having expired
        return not self.problems


def _assess(evidence: Evidence, policy: ExpiryPolicy, today: date, subject_id: Hashable | None) -> _Assessed:
    problems = validate_evidence(evidence, today=today, adult_age=policy.adult_age, subject_id=subject_id)
    start = evidence.starts_on
    expires = policy.validity(evidence.kind).expires_on(start) if is_day(start) else None
    return _Assessed(evidence, tuple(problems), expires)


def _item(
    slot: str,
    kind: EvidenceKind,
    chosen: _Assessed | None,
    policy: ExpiryPolicy,
    today: date,
    extra: tuple[Problem, ...] = (),
) -> ChecklistItem:
    if chosen is None:
        return ChecklistItem(
            slot,
            kind,
            present=False,
            valid=False,
            problems=(Problem("missing", f"{_slot_label(slot)} has not been recorded."),),
        )
    problems: tuple[Problem, ...] = chosen.problems + extra
    days_left = (chosen.expires_on - today).days if chosen.expires_on else None
    if not problems and chosen.expires_on is not None and days_left is not None and days_left < 0:
        problems = (Problem("expired", f"{_slot_label(slot)} expired on {chosen.expires_on.isoformat()}."),)
    valid = not problems
    due = valid and days_left is not None and days_left <= policy.reminder_days_before
    return ChecklistItem(
        slot,
        kind,
        present=True,
        valid=valid,
        expires_on=chosen.expires_on,
        days_left=days_left,
        due_for_reminder=due,
        problems=problems,
        evidence=chosen.evidence,
    )


def _preference(a: _Assessed, today: date) -> tuple[bool, bool, date, date]:
    # valid first, then sound-but-expired, then flawed; within each, the latest expiry/start.
    valid = a.sound and a.expires_on is not None and a.expires_on >= today
    start = a.evidence.starts_on if is_day(a.evidence.starts_on) else date.min
    return (valid, a.sound, a.expires_on or date.min, start)


def _referee_key(name: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(name or "")).casefold().split())


def _referee_of(a: _Assessed) -> str:
    # Only references are paired with referees; other kinds never reach here.
    return _referee_key(a.evidence.referee_name if isinstance(a.evidence, ReferenceEvidence) else None)


def evidence_status(
    evidence_list: Iterable[Evidence], policy: ExpiryPolicy | None, today: date, *, subject_id: Hashable | None = None
) -> VettingChecklist:
    """The checklist for one expert on `today` (the injectable clock). Of several records
    of a kind (renewals), the best counts. `subject_id`, the expert's user id, refuses
    evidence they checked themselves."""
    policy = policy or ExpiryPolicy()
    today = as_day(today)
    assessed = [_assess(e, policy, today, subject_id) for e in evidence_list]
    by_kind: dict[EvidenceKind, list[_Assessed]] = {k: [] for k in EvidenceKind}
    for a in assessed:
        by_kind[a.evidence.kind].append(a)

    items: list[ChecklistItem] = []
    for kind in (EvidenceKind.IDENTITY, EvidenceKind.BACKGROUND, EvidenceKind.SAFEGUARDING_TRAINING):
        candidates = by_kind[kind]
        best = max(candidates, key=lambda a: _preference(a, today)) if candidates else None
        items.append(_item(kind.value, kind, best, policy, today))

    # References: each required slot needs a different referee; a second record from the
    # same referee is shown, with its problem, only when nothing better is left.
    left = list(by_kind[EvidenceKind.REFERENCE])
    used: set[str] = set()
    for n in range(1, policy.references_required + 1):
        if not left:
            items.append(_item(f"reference_{n}", EvidenceKind.REFERENCE, None, policy, today))
            continue
        best = max(left, key=lambda a: (_referee_of(a) not in used,) + _preference(a, today))
        left.remove(best)
        key = _referee_of(best)
        extra: tuple[Problem, ...] = ()
        if key in used:
            extra = (Problem("duplicate_referee", "References must come from different referees.", "referee_name"),)
        used.add(key)
        items.append(_item(f"reference_{n}", EvidenceKind.REFERENCE, best, policy, today, extra))
    return VettingChecklist(today=today, policy=policy, items=tuple(items))


@dataclass(frozen=True)
class Reminder:
    """An item the expert should renew soon, for the reminder job."""

    slot: str
    kind: EvidenceKind
    expires_on: date
    days_left: int

    @property
    def label(self) -> str:
        return _slot_label(self.slot)


def reminders_due(checklist: VettingChecklist, today: date | None = None) -> list[Reminder]:
    """Valid items expiring within the policy's reminder window of `today` (default: the
    checklist's day), soonest first. The job keys sent reminders on (slot, expires_on)
    so a renewal resets them and a daily run does not repeat them."""
    today = checklist.today if today is None else as_day(today)
    window = checklist.policy.reminder_days_before
    due = []
    for i in checklist.items:
        if i.valid and i.expires_on is not None and 0 <= (i.expires_on - today).days <= window:
            due.append(Reminder(i.slot, i.kind, i.expires_on, (i.expires_on - today).days))
    return sorted(due, key=lambda r: (r.expires_on, r.slot))
