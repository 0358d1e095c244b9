"""The impact dashboard's figures, from plain records (pure: no Flask, no database), so each figure
has one definition that the page, the CSV and the tests share.

A session held is a room that has opened (its effective state is not "scheduled"). Messages per
session counts the room's lines (its last sequence number, notices included). Time to first
moderator action is from a flag's creation to its resolution, the first action the flag records.
Knowledge of the partner is the mean of each survey question's answers before and after (every
answer in the rooms counted, `survey.results`); a partnership is a held room of two schools or more,
and one with a quality label is a room whose latest review awards it (`rubric.awarded`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from .reflect import distribution
from .survey import QuestionResult, is_partnership, results


@dataclass(frozen=True)
class RoomRecord:
    room_id: int
    held: bool  # it has opened
    month: str  # "2027-02", of its opening (or creation), in UTC
    school_ids: frozenset[int]
    countries: frozenset[str]
    student_ids: frozenset[int]
    lines: int
    activity: str | None


@dataclass(frozen=True)
class FlagRecord:
    created_at: datetime
    resolved_at: datetime | None
    category: str


@dataclass
class Impact:
    sessions: int = 0
    sessions_by_month: dict[str, int] = field(default_factory=dict)
    schools: int = 0
    countries: list[str] = field(default_factory=list)
    students: int = 0
    messages: int = 0
    messages_per_session: float = 0.0
    activities: dict[str, int] = field(default_factory=dict)
    reflections: dict[int, int] = field(default_factory=dict)
    flags: int = 0
    flags_by_category: dict[str, int] = field(default_factory=dict)
    flags_per_1000: float = 0.0
    first_action_minutes: float | None = None
    knowledge: list[QuestionResult] = field(default_factory=list)
    partnerships: int = 0
    labelled: int = 0


def compute(
    rooms: list[RoomRecord],
    flags: list[FlagRecord],
    scales: list[int],
    surveys: Iterable[tuple[str, Mapping[str, int]]] = (),
    labelled: Collection[int] = (),
) -> Impact:
    held = [r for r in rooms if r.held]
    found = Impact()
    found.sessions = len(held)
    found.sessions_by_month = dict(sorted(Counter(r.month for r in held).items()))
    found.schools = len(frozenset().union(*(r.school_ids for r in held))) if held else 0
    found.countries = sorted(frozenset().union(*(r.countries for r in held))) if held else []
    found.students = len(frozenset().union(*(r.student_ids for r in held))) if held else 0
    found.messages = sum(r.lines for r in held)
    found.messages_per_session = round(found.messages / len(held), 1) if held else 0.0
    found.activities = dict(Counter(r.activity for r in held if r.activity).most_common())
    found.reflections = distribution(scales)
    found.flags = len(flags)
    found.flags_by_category = dict(Counter(f.category or "other" for f in flags).most_common())
    found.flags_per_1000 = round(1000 * len(flags) / found.messages, 1) if found.messages else 0.0
    waits = [(f.resolved_at - f.created_at).total_seconds() / 60 for f in flags if f.resolved_at is not None]
    found.first_action_minutes = round(median(waits), 1) if waits else None
    found.knowledge = results(surveys)
    found.partnerships = sum(1 for r in held if is_partnership(r.school_ids))
    found.labelled = sum(1 for r in rooms if r.room_id in labelled)
    return found
