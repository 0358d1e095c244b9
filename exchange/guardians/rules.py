"""Pure consent, invitation and retention rules: no Flask, no database, easy to test on their own.

Services hand these functions plain values (the newest consent record of a scope, dates,
message records) and act on what they return.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ..csv_export import csv_text

# public_showing: work shown in a public exhibition (first name and initial only); public_faces:
# pictures in it where the child's face can be seen (counts only beside public_showing).
SCOPES = ("exchanges", "expert_visits", "file_sharing", "public_showing", "public_faces")
METHODS = ("online", "paper", "sms")  # sms: a YES with the one-time code by text (texting.py)

# Refusal codes other domains see (rooms join acks, file sharing).
CONSENT_MISSING = "consent_missing"
CONSENT_WITHDRAWN = "consent_withdrawn"

INVITATION_DAYS = 14
PAPER_MAX_AGE_DAYS = 2 * 366  # a signed form older than two school years is not accepted


@dataclass(frozen=True)
class ConsentState:
    """Where one scope stands for one student: granted, withdrawn or missing, with how and when."""

    scope: str
    status: str  # granted | withdrawn | missing
    method: str | None = None  # online | paper
    on: date | None = None  # the paper's date, or the day it was given online
    guardian_name: str = ""
    withdrawn_on: date | None = None


class ConsentRecord(Protocol):
    """What `state_from` reads of a consent row (a `models.Consent`, or any object alike).

    Read-only members (properties): a row whose column is narrower (`method: str`) still fits."""

    @property
    def status(self) -> str: ...
    @property
    def method(self) -> str | None: ...
    @property
    def signed_on(self) -> date | None: ...
    @property
    def recorded_at(self) -> datetime | None: ...
    @property
    def guardian_name(self) -> str | None: ...
    @property
    def withdrawn_at(self) -> datetime | None: ...


def state_from(scope: str, newest: ConsentRecord | None) -> ConsentState:
    """The state of a scope from its newest record (any object with the Consent attributes), or None."""
    if newest is None:
        return ConsentState(scope, "missing")
    given_on = newest.signed_on or (newest.recorded_at.date() if newest.recorded_at else None)
    withdrawn_on = newest.withdrawn_at.date() if newest.withdrawn_at else None
    return ConsentState(
        scope,
        "withdrawn" if newest.status == "withdrawn" else "granted",
        newest.method,
        given_on,
        newest.guardian_name or "",
        withdrawn_on,
    )


def refusal(state: ConsentState, *, cross_school: bool) -> str | None:
    """None when the student may take part; a code when a guardian's consent is needed first.

    A class among itself (one school) needs no consent: the school's own rules apply.
    """
    if not cross_school:
        return None
    if state.status == "granted":
        return None
    return CONSENT_WITHDRAWN if state.status == "withdrawn" else CONSENT_MISSING


def new_token() -> tuple[str, str]:
    """A random invitation token (32 bytes, URL-safe) and the SHA-256 hex we keep of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_problem(*, expires_at: datetime, used_at: datetime | None, now: datetime) -> str | None:
    if used_at is not None:
        return "invitation_used"
    if expires_at <= now:
        return "invitation_expired"
    return None


def paper_date_problem(signed_on: date, today: date) -> str | None:
    """A paper form's date must be real: not in the future (a day of slack for time zones), not ancient."""
    if signed_on > today + timedelta(days=1):
        return "date_in_future"
    if signed_on < today - timedelta(days=PAPER_MAX_AGE_DAYS):
        return "date_too_old"
    return None


def retention_due(term_end: date | None, days_after_term: int, now: datetime) -> bool:
    """True once `days_after_term` whole days have passed after the term's last day."""
    if term_end is None:
        return False
    return term_end + timedelta(days=days_after_term) < now.date()


def room_scopes(school_count: int, has_expert: bool) -> list[tuple[str, bool]]:
    """The consents a student needs in a room with classes of `school_count` schools and,
    maybe, an expert: (scope, cross_school) pairs, as `consent_refusal` takes them."""
    needs = [("exchanges", school_count > 1)]
    if has_expert:
        needs.append(("expert_visits", True))  # an outside adult: always beyond the class
    return needs


EXPORT_FIELDS = ("room_id", "room_title", "seq", "at", "kind", "body", "removed")


def export_csv(
    messages: list[dict[str, Any]],
    files: list[dict[str, Any]],
    writings: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> str:
    """The CSV download of a child's data: one line per message, one per file, then one per other
    writing (an exhibition comment, a reflection answer), whose type names it."""
    rows = [("message",) + tuple(m.get(f) for f in EXPORT_FIELDS) + ("", "") for m in messages]
    rows += [
        ("file", f.get("room_id"), f.get("room_title"), "", f.get("at"), "file", "", "", f.get("name"), f.get("status"))
        for f in files
    ]
    rows += [
        (
            w.get("type"),
            w.get("room_id"),
            w.get("room_title"),
            "",
            w.get("at"),
            w.get("type"),
            w.get("body"),
            "",
            "",
            "",
        )
        for w in writings
    ]
    return csv_text(("type",) + EXPORT_FIELDS + ("file_name", "file_status"), rows)
