"""Pure rules of community partners: may an organisation act today, may a student take part, and
where does each step of a learner's way lead. No Flask, no database: easy to test and reason about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ORGANISATION_KINDS = (
    "business",
    "university",
    "museum",
    "library",
    "nonprofit",
    "faith",
    "government",
    "recreation",
)
OPPORTUNITY_KINDS = (
    "internship",
    "job_shadowing",
    "mentoring",
    "work_based",
    "service_learning",
    "after_school",
    "exhibition",
    "competition",
)
# What the district checks before an organisation may publish; each has an expiry day.
EVIDENCE_KINDS = ("registration", "safeguarding_policy", "insurance", "safeguarding_lead")
REMINDER_DAYS = 30
GRADE_BANDS = ("K-2", "3-5", "6-8", "9-10", "11-12")
YOUNGEST_AGE = {"K-2": 5, "3-5": 8, "6-8": 11, "9-10": 14, "11-12": 16}  # the usual youngest in a band
MAX_RATIO_STUDENTS = 30

# A learner's way: which step may follow which, and who takes it.
STEPS = {
    "endorse": ({"interested"}, "endorsed"),
    "consent": ({"endorsed"}, "consented"),
    "confirm": ({"consented", "waitlisted"}, "confirmed"),
    "waitlist": ({"consented"}, "waitlisted"),
    "decline": ({"interested", "endorsed", "consented", "waitlisted"}, "declined"),
    "withdraw": ({"interested", "endorsed", "consented", "waitlisted", "confirmed"}, "withdrawn"),
}
OPEN_STATES = ("interested", "endorsed", "consented", "waitlisted", "confirmed")


@dataclass(frozen=True)
class OrganisationStatus:
    """`verified` only when the district verified it and no evidence is missing or lapsed."""

    state: str  # applied | verified | suspended | rejected (the district's decision)
    missing: tuple[str, ...] = ()
    lapsed: tuple[str, ...] = ()
    expiring: tuple[str, ...] = ()
    next_expiry: date | None = None

    @property
    def active(self) -> bool:
        return self.state == "verified" and not self.missing and not self.lapsed

    @property
    def label(self) -> str:
        if self.state != "verified":
            return self.state
        if self.lapsed or self.missing:
            return "lapsed"
        return "expiring" if self.expiring else "verified"


def organisation_status(state: str, evidence: dict[str, date | None], today: date) -> OrganisationStatus:
    """The organisation's standing on `today` from the district's decision and the newest evidence
    of each kind (kind → expiry day; None: recorded without an expiry). Lapsed evidence ends the
    standing on its day, before any job writes anything."""
    missing = tuple(k for k in EVIDENCE_KINDS if k not in evidence)
    dated = {k: d for k, d in evidence.items() if d is not None}
    lapsed = tuple(k for k in EVIDENCE_KINDS if k in dated and dated[k] < today)
    soon = today + timedelta(days=REMINDER_DAYS)
    expiring = tuple(k for k in EVIDENCE_KINDS if k in dated and today <= dated[k] <= soon)
    days = [d for d in dated.values() if d >= today]
    return OrganisationStatus(state, missing, lapsed, expiring, min(days) if days else None)


def may_verify(evidence: dict[str, date | None], today: date) -> str | None:
    """Why the district may not verify yet (a missing or lapsed kind), or None."""
    status = organisation_status("verified", evidence, today)
    if status.missing:
        return "missing"
    if status.lapsed:
        return "lapsed"
    return None


def reminders_due(evidence: dict[str, date | None], today: date, sent: set[tuple[str, date]]) -> list[tuple[str, date]]:
    """Evidence expiring within the reminder window that was not yet reminded for that expiry day."""
    soon = today + timedelta(days=REMINDER_DAYS)
    return [(k, d) for k, d in sorted(evidence.items()) if d is not None and today <= d <= soon and (k, d) not in sent]


def eligibility_problem(
    *,
    grade_bands: list[str],
    school_ids: list[int],
    student_band: str | None,
    student_school_id: int | None,
) -> str | None:
    """Why a student may not say they are interested ("grade" or "school"), or None. The minimum
    age is confirmed by the teacher at endorsement (schools hold no birth dates here)."""
    if grade_bands and student_band not in grade_bands:
        return "grade"
    if school_ids and student_school_id not in school_ids:
        return "school"
    return None


def step_problem(action: str, current: str) -> str | None:
    """None when `action` may follow the interest's `current` state; else "state"."""
    sources, _target = STEPS[action]
    return None if current in sources else "state"


def placement(confirmed: int, capacity: int) -> str:
    """Where the organisation's confirmation lands: a place while one is left, else the waiting list."""
    return "confirmed" if confirmed < capacity else "waitlisted"


def ratio_problem(adults: int, students: int, capacity: int) -> str | None:
    """At least one adult to at most 30 students, and room for at least one student."""
    if adults < 1 or students < 1 or students > MAX_RATIO_STUDENTS * adults:
        return "ratio"
    if capacity < 1:
        return "capacity"
    return None


def dates_problem(starts_on: date, ends_on: date, today: date) -> str | None:
    if ends_on < starts_on:
        return "order"
    if ends_on < today:
        return "past"
    return None


def youngest_age(band: str) -> int | None:
    return YOUNGEST_AGE.get(band)
