"""Evidence an adult must hold to meet students, and what makes one piece acceptable.

Pure (stdlib only): the services turn stored rows into these dataclasses and ask
`validate_evidence` before anything is saved.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar, TypeGuard


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

    def as_dict(self) -> dict[str, str | None]:
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


def is_day(value: object) -> TypeGuard[date]:
    # datetime is a date subclass but compares with dates only by raising TypeError.
    return isinstance(value, date) and not isinstance(value, datetime)


def as_day(value: object) -> date:
    if not is_day(value):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_day(problems: list[Problem], value: object, name: str, today: date) -> bool:
    """Append a problem for a missing, malformed or future date; True when usable."""
    if value is None:
        problems.append(Problem("missing_date", f"The {name.replace('_', ' ')} is missing.", name))
        return False
    if not is_day(value):
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


def validate_identity(
    evidence: IdentityEvidence, *, today: date, adult_age: int = DEFAULT_ADULT_AGE, subject_id: Hashable | None = None
) -> list[Problem]:
    """Problems with an identity check; the holder must be an adult on the check date."""
    today = as_day(today)
    problems: list[Problem] = []
    if evidence.document_type not in set(DocumentType):
        problems.append(
            Problem(
                "unknown_document_type",
                "The document type must be passport, national_id, driving_licence or other.",
                "document_type",
            )
        )
    if is_blank(evidence.checked_by):
        problems.append(Problem("missing_checker", "Record which verifier checked the document.", "checked_by"))
    elif subject_id is not None and evidence.checked_by == subject_id:
        problems.append(Problem("self_checked", "Nobody may check their own identity document.", "checked_by"))
    checked_ok = _check_day(problems, evidence.checked_on, "checked_on", today)
    born_ok = _check_day(problems, evidence.date_of_birth, "date_of_birth", today)
    if checked_ok and born_ok and age_on(evidence.date_of_birth, evidence.checked_on) < adult_age:
        problems.append(Problem("under_age", f"The holder was under {adult_age} on the check date.", "date_of_birth"))
    return problems


def validate_background(evidence: BackgroundCheckEvidence, *, today: date) -> list[Problem]:
    """Problems with a background check record."""
    today = as_day(today)
    problems: list[Problem] = []
    if is_blank(evidence.provider):
        problems.append(Problem("missing_provider", "Name the provider or scheme of the background check.", "provider"))
    if is_blank(evidence.reference):
        problems.append(
            Problem("missing_reference_number", "The background check needs its reference number.", "reference")
        )
    _check_day(problems, evidence.issued_on, "issued_on", today)
    return problems


def validate_training(evidence: TrainingEvidence, *, today: date) -> list[Problem]:
    """Problems with a safeguarding training record."""
    today = as_day(today)
    problems: list[Problem] = []
    if is_blank(evidence.provider):
        problems.append(Problem("missing_provider", "Name who provided the safeguarding training.", "provider"))
    _check_day(problems, evidence.completed_on, "completed_on", today)
    return problems


def validate_reference(
    evidence: ReferenceEvidence, *, today: date, subject_id: Hashable | None = None
) -> list[Problem]:
    """Problems with one confirmed reference (distinctness is checked across the set)."""
    today = as_day(today)
    problems: list[Problem] = []
    if is_blank(evidence.referee_name):
        problems.append(Problem("missing_referee_name", "Name the referee.", "referee_name"))
    if is_blank(evidence.relation):
        problems.append(Problem("missing_relation", "Say how the referee knows the applicant.", "relation"))
    if is_blank(evidence.confirmed_by):
        problems.append(Problem("missing_checker", "Record which verifier confirmed the reference.", "confirmed_by"))
    elif subject_id is not None and evidence.confirmed_by == subject_id:
        problems.append(Problem("self_checked", "Nobody may confirm their own reference.", "confirmed_by"))
    _check_day(problems, evidence.confirmed_on, "confirmed_on", today)
    return problems


def validate_evidence(
    evidence: Evidence, *, today: date, adult_age: int = DEFAULT_ADULT_AGE, subject_id: Hashable | None = None
) -> list[Problem]:
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
