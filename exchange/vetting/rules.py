"""Pure vetting rules: evidence an adult must hold to meet students, its expiry, and the
state machine a verifier drives. Stdlib only, so every rule is tested with plain dates.

Access checks use `effective_state`/`cleared_to_meet_students`, never the stored state
alone: a record stays "verified" in the database until a job writes "expired", but the
expert loses access on the first day after any required evidence lapses.

Dates: evidence is valid *through* its `expires_on` day (inclusive) and invalid from the
day after. Validity is added as calendar months (clamped to the month's end: Jan 31 +
1 month = Feb 28/29) then days.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import ClassVar


class VettingError(Exception):
    """A refused vetting transition; `code` is machine-readable, `message` English."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One reason a piece of evidence or a profile is not acceptable."""

    code: str
    message: str
    field: str | None = None

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field}


# --- evidence ------------------------------------------------------------------------


class EvidenceKind(StrEnum):
    IDENTITY = "identity"
    BACKGROUND = "background"
    SAFEGUARDING_TRAINING = "safeguarding_training"
    REFERENCE = "reference"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    DRIVING_LICENCE = "driving_licence"
    OTHER = "other"


@dataclass(frozen=True)
class IdentityEvidence:
    """A verifier saw an identity document and recorded the holder's date of birth."""

    kind: ClassVar[EvidenceKind] = EvidenceKind.IDENTITY
    document_type: str
    checked_by: Hashable  # the verifier's user id
    checked_on: date
    date_of_birth: date

    @property
    def starts_on(self) -> date:
        return self.checked_on


@dataclass(frozen=True)
class BackgroundCheckEvidence:
    """A criminal-record or barring check (e.g. a national scheme) with its reference."""

    kind: ClassVar[EvidenceKind] = EvidenceKind.BACKGROUND
    provider: str  # provider or scheme
    reference: str
    issued_on: date

    @property
    def starts_on(self) -> date:
        return self.issued_on


@dataclass(frozen=True)
class TrainingEvidence:
    """Completed safeguarding training."""

    kind: ClassVar[EvidenceKind] = EvidenceKind.SAFEGUARDING_TRAINING
    completed_on: date
    provider: str

    @property
    def starts_on(self) -> date:
        return self.completed_on


@dataclass(frozen=True)
class ReferenceEvidence:
    """A referee a verifier contacted and who confirmed the applicant."""

    kind: ClassVar[EvidenceKind] = EvidenceKind.REFERENCE
    referee_name: str
    relation: str
    confirmed_on: date
    confirmed_by: Hashable  # the verifier's user id

    @property
    def starts_on(self) -> date:
        return self.confirmed_on


Evidence = IdentityEvidence | BackgroundCheckEvidence | TrainingEvidence | ReferenceEvidence

DEFAULT_ADULT_AGE = 18


def _is_day(value) -> bool:
    # datetime is a date subclass but compares with dates only by raising TypeError.
    return isinstance(value, date) and not isinstance(value, datetime)


def _as_day(value) -> date:
    if not _is_day(value):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_day(problems: list[Problem], value, name: str, today: date) -> bool:
    """Append a problem for a missing, malformed or future date; True when usable."""
    if value is None:
        problems.append(Problem("missing_date", f"The {name.replace('_', ' ')} is missing.", name))
        return False
    if not _is_day(value):
        problems.append(Problem("invalid_date", f"The {name.replace('_', ' ')} is not a date.", name))
        return False
    if value > today:
        problems.append(Problem("future_date", f"The {name.replace('_', ' ')} is in the future.", name))
        return False
    return True


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years on `day`. Someone born on 29 February gains a year on 1 March in
    common years: the later reading, which is the cautious one for an adult check."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def validate_identity(evidence: IdentityEvidence, *, today: date, adult_age: int = DEFAULT_ADULT_AGE,
                      subject_id: Hashable | None = None) -> list[Problem]:
    """Problems with an identity check; the holder must be an adult on the check date."""
    today = _as_day(today)
    problems: list[Problem] = []
    if evidence.document_type not in set(DocumentType):
        problems.append(Problem("unknown_document_type",
                                "The document type must be passport, national_id, driving_licence or other.",
                                "document_type"))
    if _blank(evidence.checked_by):
        problems.append(Problem("missing_checker", "Record which verifier checked the document.", "checked_by"))
    elif subject_id is not None and evidence.checked_by == subject_id:
        problems.append(Problem("self_checked", "Nobody may check their own identity document.", "checked_by"))
    checked_ok = _check_day(problems, evidence.checked_on, "checked_on", today)
    born_ok = _check_day(problems, evidence.date_of_birth, "date_of_birth", today)
    if checked_ok and born_ok and age_on(evidence.date_of_birth, evidence.checked_on) < adult_age:
        problems.append(Problem("under_age", f"The holder was under {adult_age} on the check date.",
                                "date_of_birth"))
    return problems


def validate_background(evidence: BackgroundCheckEvidence, *, today: date) -> list[Problem]:
    """Problems with a background check record."""
    today = _as_day(today)
    problems: list[Problem] = []
    if _blank(evidence.provider):
        problems.append(Problem("missing_provider", "Name the provider or scheme of the background check.",
                                "provider"))
    if _blank(evidence.reference):
        problems.append(Problem("missing_reference_number", "The background check needs its reference number.",
                                "reference"))
    _check_day(problems, evidence.issued_on, "issued_on", today)
    return problems


def validate_training(evidence: TrainingEvidence, *, today: date) -> list[Problem]:
    """Problems with a safeguarding training record."""
    today = _as_day(today)
    problems: list[Problem] = []
    if _blank(evidence.provider):
        problems.append(Problem("missing_provider", "Name who provided the safeguarding training.", "provider"))
    _check_day(problems, evidence.completed_on, "completed_on", today)
    return problems


def validate_reference(evidence: ReferenceEvidence, *, today: date,
                       subject_id: Hashable | None = None) -> list[Problem]:
    """Problems with one confirmed reference (distinctness is checked across the set)."""
    today = _as_day(today)
    problems: list[Problem] = []
    if _blank(evidence.referee_name):
        problems.append(Problem("missing_referee_name", "Name the referee.", "referee_name"))
    if _blank(evidence.relation):
        problems.append(Problem("missing_relation", "Say how the referee knows the applicant.", "relation"))
    if _blank(evidence.confirmed_by):
        problems.append(Problem("missing_checker", "Record which verifier confirmed the reference.",
                                "confirmed_by"))
    elif subject_id is not None and evidence.confirmed_by == subject_id:
        problems.append(Problem("self_checked", "Nobody may confirm their own reference.", "confirmed_by"))
    _check_day(problems, evidence.confirmed_on, "confirmed_on", today)
    return problems


def validate_evidence(evidence: Evidence, *, today: date, adult_age: int = DEFAULT_ADULT_AGE,
                      subject_id: Hashable | None = None) -> list[Problem]:
    """Problems with one piece of evidence of any kind; [] when acceptable."""
    if isinstance(evidence, IdentityEvidence):
        return validate_identity(evidence, today=today, adult_age=adult_age, subject_id=subject_id)
    if isinstance(evidence, BackgroundCheckEvidence):
        return validate_background(evidence, today=today)
    if isinstance(evidence, TrainingEvidence):
        return validate_training(evidence, today=today)
    if isinstance(evidence, ReferenceEvidence):
        return validate_reference(evidence, today=today, subject_id=subject_id)
    raise TypeError(f"not vetting evidence: {type(evidence).__name__}")


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
        return getattr(self, EvidenceKind(kind).value)

    @classmethod
    def from_settings(cls, settings: Mapping) -> ExpiryPolicy:
        """Build from a settings mapping, e.g. {"background": "12m", "reminder_days_before": 30};
        absent keys keep their defaults, unknown keys are refused so typos do not pass."""
        known = {f.name for f in fields(cls)}
        unknown = set(settings) - known
        if unknown:
            raise ValueError(f"unknown vetting policy settings: {sorted(unknown)}")
        kinds = {k.value for k in EvidenceKind}
        values = {key: Validity.parse(value) if key in kinds else int(value) for key, value in settings.items()}
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
        days = [i.expires_on for i in self.items if i.valid]
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


def _assess(evidence: Evidence, policy: ExpiryPolicy, today: date, subject_id) -> _Assessed:
    problems = validate_evidence(evidence, today=today, adult_age=policy.adult_age, subject_id=subject_id)
    start = evidence.starts_on
    expires = policy.validity(evidence.kind).expires_on(start) if _is_day(start) else None
    return _Assessed(evidence, tuple(problems), expires)


def _item(slot: str, kind: EvidenceKind, chosen: _Assessed | None, policy: ExpiryPolicy, today: date,
          extra: tuple[Problem, ...] = ()) -> ChecklistItem:
    if chosen is None:
        return ChecklistItem(slot, kind, present=False, valid=False,
                             problems=(Problem("missing", f"{_slot_label(slot)} has not been recorded."),))
    problems = chosen.problems + extra
    days_left = (chosen.expires_on - today).days if chosen.expires_on else None
    if not problems and days_left is not None and days_left < 0:
        problems = (Problem("expired", f"{_slot_label(slot)} expired on {chosen.expires_on.isoformat()}."),)
    valid = not problems
    due = valid and days_left <= policy.reminder_days_before
    return ChecklistItem(slot, kind, present=True, valid=valid, expires_on=chosen.expires_on,
                         days_left=days_left, due_for_reminder=due, problems=problems, evidence=chosen.evidence)


def _preference(a: _Assessed, today: date) -> tuple:
    # valid first, then sound-but-expired, then flawed; within each, the latest expiry/start.
    valid = a.sound and a.expires_on is not None and a.expires_on >= today
    start = a.evidence.starts_on if _is_day(a.evidence.starts_on) else date.min
    return (valid, a.sound, a.expires_on or date.min, start)


def _referee_key(name) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(name or "")).casefold().split())


def evidence_status(evidence_list: Iterable[Evidence], policy: ExpiryPolicy | None, today: date, *,
                    subject_id: Hashable | None = None) -> VettingChecklist:
    """The checklist for one expert on `today` (the injectable clock). Of several records
    of a kind (renewals), the best counts. `subject_id`, the expert's user id, refuses
    evidence they checked themselves."""
    policy = policy or ExpiryPolicy()
    today = _as_day(today)
    assessed = [_assess(e, policy, today, subject_id) for e in evidence_list]
    by_kind: dict[EvidenceKind, list[_Assessed]] = {k: [] for k in EvidenceKind}
    for a in assessed:
        by_kind[a.evidence.kind].append(a)

    items = []
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
        best = max(left, key=lambda a: (_referee_key(a.evidence.referee_name) not in used,)
                   + _preference(a, today))
        left.remove(best)
        key = _referee_key(best.evidence.referee_name)
        extra = ()
        if key in used:
            extra = (Problem("duplicate_referee", "References must come from different referees.",
                             "referee_name"),)
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
    today = checklist.today if today is None else _as_day(today)
    window = checklist.policy.reminder_days_before
    due = []
    for i in checklist.items:
        if i.valid and i.expires_on is not None and 0 <= (i.expires_on - today).days <= window:
            due.append(Reminder(i.slot, i.kind, i.expires_on, (i.expires_on - today).days))
    return sorted(due, key=lambda r: (r.expires_on, r.slot))


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

VERIFIER_ROLE = "admin"
SYSTEM_ROLE = "system"  # the expiry job; may only record expiry
MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 2000


def _state(value) -> VettingState:
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
    return (checklist is not None and checklist.complete
            and (checklist.earliest_expiry is None or checklist.earliest_expiry >= day))


@dataclass(frozen=True)
class TransitionResult:
    new_state: VettingState
    audit: dict  # before, after, reason, actor_role, at (ISO 8601): the caller adds ids


def transition(current_state: str, target_state: str, *, actor_role: str, reason: str,
               checklist: VettingChecklist | None = None, now: datetime) -> TransitionResult:
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
    audit = {"before": before.value, "after": after.value, "reason": reason, "actor_role": actor_role,
             "at": now.isoformat()}
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


# --- the application profile -----------------------------------------------------------

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)


@dataclass(frozen=True)
class ApplicationProfile:
    """What an expert tells schools about themselves. `bio` arrives already sanitised by
    the caller (safety's HTML sanitiser); here only its length is checked."""

    display_name: str
    organisation: str
    expertise: str
    languages: tuple[str, ...] = ()
    bio: str = ""
    agreed_code_of_conduct_on: date | None = None
    code_version: str = ""

    def __post_init__(self) -> None:
        langs = self.languages
        object.__setattr__(self, "languages", (langs,) if isinstance(langs, str) else tuple(langs or ()))


PROFILE_LIMITS = {"display_name": (2, 80), "organisation": (2, 120), "expertise": (3, 200)}
MAX_BIO_LENGTH = 4000


def validate_profile(profile: ApplicationProfile, *, today: date | None = None,
                     current_code_version: str | None = None) -> list[Problem]:
    """Problems with an application profile; [] when it can go to review. With
    `current_code_version`, an agreement to an older code must be renewed."""
    problems: list[Problem] = []
    for name, (low, high) in PROFILE_LIMITS.items():
        value = " ".join(str(getattr(profile, name) or "").split())
        label = name.replace("_", " ")
        if len(value) < low:
            problems.append(Problem(f"{name}_too_short", f"The {label} needs at least {low} characters.", name))
        elif len(value) > high:
            problems.append(Problem(f"{name}_too_long", f"The {label} may have at most {high} characters.", name))
    if not profile.languages:
        problems.append(Problem("no_language", "Give at least one language.", "languages"))
    for lang in profile.languages:
        if not isinstance(lang, str) or not _LANGUAGE_TAG.fullmatch(lang.strip()):
            problems.append(Problem("invalid_language", f"{str(lang)[:12]!r} is not a language code.", "languages"))
    if len(profile.bio or "") > MAX_BIO_LENGTH:
        problems.append(Problem("bio_too_long", f"The bio may have at most {MAX_BIO_LENGTH} characters.", "bio"))
    agreed = profile.agreed_code_of_conduct_on
    if agreed is None:
        problems.append(Problem("code_of_conduct_not_agreed", "Agree to the code of conduct.",
                                "agreed_code_of_conduct_on"))
    elif not _is_day(agreed):
        problems.append(Problem("invalid_date", "The code of conduct agreement date is not a date.",
                                "agreed_code_of_conduct_on"))
    elif today is not None and agreed > _as_day(today):
        problems.append(Problem("future_date", "The code of conduct agreement date is in the future.",
                                "agreed_code_of_conduct_on"))
    if _blank(profile.code_version):
        problems.append(Problem("missing_code_version", "Record which version of the code was agreed.",
                                "code_version"))
    elif current_code_version is not None and profile.code_version != current_code_version:
        problems.append(Problem("code_of_conduct_outdated", "The code of conduct has changed; agree to the new one.",
                                "code_version"))
    return problems


# --- views -----------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def badge_view(stored_state: str, checklist: VettingChecklist | None, *,
               verified_since: date | datetime | None = None) -> dict:
    """What a teacher sees on an expert's profile: cleared or not, with dates, and no
    evidence. Suspension, revocation and rejection all read "not_verified": a pending
    investigation is not for every school to see, and the answer for a teacher is the same."""
    state = effective_state(stored_state, checklist)
    if state is _S.VERIFIED:
        return {"state": "verified", "cleared": True, "label": "Verified adult",
                "verified_since": _iso(verified_since), "expires_on": _iso(checklist.earliest_expiry)}
    if state is _S.EXPIRED:
        return {"state": "expired", "cleared": False, "label": "Verification expired",
                "verified_since": None, "expires_on": None}
    return {"state": "not_verified", "cleared": False, "label": "Not verified",
            "verified_since": None, "expires_on": None}


def _evidence_dict(evidence: Evidence | None) -> dict | None:
    if evidence is None:
        return None
    out = {"kind": evidence.kind.value}
    for f in fields(evidence):
        value = getattr(evidence, f.name)
        out[f.name] = value.isoformat() if isinstance(value, date) else value
    return out


def _item_dict(item: ChecklistItem, *, with_evidence: bool) -> dict:
    out = {"slot": item.slot, "kind": item.kind.value, "label": item.label, "present": item.present,
           "valid": item.valid, "expires_on": _iso(item.expires_on), "days_left": item.days_left,
           "due_for_reminder": item.due_for_reminder, "problems": [p.as_dict() for p in item.problems]}
    if with_evidence:
        out["evidence"] = _evidence_dict(item.evidence)
    return out


def expert_view(stored_state: str, checklist: VettingChecklist) -> dict:
    """What the expert sees of their own record: each item, what is missing, when each
    expires; not the evidence fields verifiers recorded."""
    return {"state": effective_state(stored_state, checklist).value,
            "complete": checklist.complete, "missing": checklist.missing, "outstanding": checklist.outstanding,
            "earliest_expiry": _iso(checklist.earliest_expiry),
            "items": [_item_dict(i, with_evidence=False) for i in checklist.items]}


def verifier_view(stored_state: str, checklist: VettingChecklist) -> dict:
    """Everything a verifier needs to decide: stored and effective state, every item with
    its evidence and problems, and the moves open to them."""
    return {"stored_state": _state(stored_state).value,
            "state": effective_state(stored_state, checklist).value,
            "cleared": cleared_to_meet_students(stored_state, checklist),
            "today": checklist.today.isoformat(), "complete": checklist.complete,
            "missing": checklist.missing, "outstanding": checklist.outstanding,
            "earliest_expiry": _iso(checklist.earliest_expiry),
            "items": [_item_dict(i, with_evidence=True) for i in checklist.items],
            "allowed_transitions": [s.value for s in allowed_transitions(stored_state, VERIFIER_ROLE)]}
