"""Pure rules of partnership agreements (memoranda of understanding): who must sign, what state an
agreement is in on a given day, which renewal reminders are due, and what a valid text holds.
No Flask, no database: the services gather the facts and ask here.

Any edit of the text makes a new version, and a signature belongs to one version: signing
version 2 says nothing about version 3, so an amended agreement is signed again before it is
active again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

KINDS = ("school_org", "school_school")
# The sides of each kind of partnership; every side signs the current version.
SIDES: dict[str, tuple[str, ...]] = {
    "school_org": ("school", "organisation"),
    "school_school": ("school", "partner_school"),
}
# Stored states; `status` adds what the calendar says (renewal due, lapsed).
STATES = ("draft", "awaiting", "active", "ended")
STATUSES = ("draft", "awaiting", "active", "renewal_due", "lapsed", "ended")
RENEWAL_WINDOW_DAYS = 60
REMINDER_SLOTS = (60, 14)  # days before the renewal date; each sent once per renewal date
MAX_TERM_YEARS = 3
NOTE_KINDS = ("note", "decision")

LIMITS = {
    "title": 200,
    "goals": 4000,
    "roles": 4000,
    "contacts": 2000,
    "purpose": 1000,
    "retention": 500,
    "safeguarding": 4000,
    "data_item": 120,
    "signer_name": 120,
    "signer_role": 120,
    "note": 2000,
    "reason": 500,
}
MAX_DATA_ITEMS = 20


@dataclass(frozen=True)
class DataSharing:
    """What data passes between the partners, why, for how long, and the promise not to pass it on."""

    data_items: tuple[str, ...]
    purpose: str
    retention: str
    no_onward_sharing: bool


@dataclass(frozen=True)
class Text:
    """Everything a version of an agreement says; two versions differ when their texts differ."""

    title: str
    start_on: date
    renew_on: date
    goals: str
    roles: str
    contacts: str
    data_sharing: DataSharing
    safeguarding: str


class AgreementInvalid(ValueError):
    """A text or a date that breaks a rule; `code` names which, for the edge to put in words."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def sides_for(kind: str) -> tuple[str, ...]:
    return SIDES[kind]


def signed_sides(signatures: Iterable[tuple[int, str]], version_id: int) -> frozenset[str]:
    """The sides that signed `version_id`, from (version id, side) pairs: other versions' do not count."""
    return frozenset(side for vid, side in signatures if vid == version_id)


def missing_sides(kind: str, signed: Iterable[str]) -> tuple[str, ...]:
    done = set(signed)
    return tuple(side for side in sides_for(kind) if side not in done)


def state_after(kind: str, signed: Iterable[str], *, ended: bool = False) -> str:
    """draft (nobody signed this version) → awaiting (some sides did) → active (every side did)."""
    if ended:
        return "ended"
    done = set(signed)
    if not missing_sides(kind, done):
        return "active"
    return "awaiting" if done else "draft"


def status(state: str, renew_on: date, today: date) -> str:
    """The state as people read it on `today`: an active agreement is due for renewal within
    RENEWAL_WINDOW_DAYS of its renewal date, and lapsed after it until a renewed version is signed."""
    if state != "active":
        return state
    if today > renew_on:
        return "lapsed"
    if (renew_on - today).days <= RENEWAL_WINDOW_DAYS:
        return "renewal_due"
    return "active"


def reminders_due(state: str, renew_on: date, today: date, sent: Iterable[tuple[int, date]]) -> tuple[int, ...]:
    """Reminder slots (days before renewal) reached on `today` and not yet sent for this renewal
    date. Slots passed together (an agreement signed late) come out together; the caller sends one
    message for them. Only an agreement in force is reminded; a lapsed one is past reminding."""
    if state != "active" or today > renew_on:
        return ()
    done = {slot for slot, day in sent if day == renew_on}
    days_left = (renew_on - today).days
    return tuple(slot for slot in REMINDER_SLOTS if days_left <= slot and slot not in done)


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_dates(start_on: date, renew_on: date) -> None:
    """The renewal date comes after the start, and at most MAX_TERM_YEARS after it."""
    if renew_on <= start_on:
        raise AgreementInvalid("renew_before_start")
    if renew_on > add_years(start_on, MAX_TERM_YEARS):
        raise AgreementInvalid("term_too_long")


def check_text(text: Text) -> None:
    """Every section present; the data-sharing section names the data, the purpose and how long it is
    kept, and affirms that nothing is passed on. Lengths are the services' check (with the filter)."""
    for name in ("title", "goals", "roles", "contacts", "safeguarding"):
        if not getattr(text, name).strip():
            raise AgreementInvalid(f"{name}_missing")
    sharing = text.data_sharing
    if not sharing.data_items or any(not item.strip() for item in sharing.data_items):
        raise AgreementInvalid("data_items_missing")
    if len(sharing.data_items) > MAX_DATA_ITEMS:
        raise AgreementInvalid("too_many_data_items")
    if not sharing.purpose.strip():
        raise AgreementInvalid("purpose_missing")
    if not sharing.retention.strip():
        raise AgreementInvalid("retention_missing")
    if sharing.no_onward_sharing is not True:
        raise AgreementInvalid("onward_sharing_not_excluded")
    check_dates(text.start_on, text.renew_on)


def parse_day(value: object) -> date:
    """A day given as YYYY-MM-DD text (or a date)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value.strip()) != 10:
        raise AgreementInvalid("invalid_date")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise AgreementInvalid("invalid_date") from None


def data_items_from(value: object) -> tuple[str, ...]:
    """The data items as a list of short texts: a JSON list, or one text with an item a line or
    separated by commas (the form's text area)."""
    if isinstance(value, str):
        parts = [p.strip() for line in value.splitlines() for p in line.split(",")]
        return tuple(p for p in parts if p)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise AgreementInvalid("invalid_data_items")
