"""Why a proposed session cannot go ahead as planned.

A session clashes with another live session of any class or teacher taking part, and
with the school calendar of each class: a closed day or time outside its school hours.
Sessions are half-open [start, end): back-to-back sessions do not clash.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .timetable import ClassTimetable, to_utc


class ConflictKind(StrEnum):
    CLASS_BUSY = "class_busy"
    TEACHER_BUSY = "teacher_busy"
    SCHOOL_CLOSED = "school_closed"
    OUTSIDE_SCHOOL_HOURS = "outside_school_hours"


@dataclass(frozen=True)
class BookedSession:
    """A session, proposed or already booked, with everyone it ties up."""

    session_id: Hashable | None
    start: datetime  # aware; stored in UTC
    end: datetime
    class_ids: frozenset[Hashable] = field(default_factory=frozenset)
    teacher_ids: frozenset[Hashable] = field(default_factory=frozenset)
    cancelled: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_utc(self.start))
        object.__setattr__(self, "end", to_utc(self.end))
        if not self.start < self.end:
            raise ValueError("a session must end after it starts")
        object.__setattr__(self, "class_ids", frozenset(self.class_ids))
        object.__setattr__(self, "teacher_ids", frozenset(self.teacher_ids))

    def overlaps(self, other: BookedSession) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    detail: str
    class_id: Hashable | None = None
    teacher_id: Hashable | None = None
    session_id: Hashable | None = None  # the existing session it clashes with


def find_conflicts(
    proposed: BookedSession,
    existing: Iterable[BookedSession],
    timetables: Mapping[Hashable, ClassTimetable] | None = None,
) -> list[Conflict]:
    """Every conflict of `proposed`; empty when it can be booked.

    Cancelled sessions and `proposed` itself (same session_id, when rescheduling) are
    ignored. `timetables` maps class ids to timetables; a class without one is only
    checked for double booking.
    """
    conflicts: list[Conflict] = []
    for other in existing:
        if other.cancelled or (proposed.session_id is not None and other.session_id == proposed.session_id):
            continue
        if not proposed.overlaps(other):
            continue
        for class_id in sorted(proposed.class_ids & other.class_ids, key=str):
            conflicts.append(
                Conflict(
                    ConflictKind.CLASS_BUSY,
                    f"class {class_id} already has session {other.session_id} "
                    f"{other.start:%Y-%m-%d %H:%M}–{other.end:%H:%M} UTC",
                    class_id=class_id,
                    session_id=other.session_id,
                )
            )
        for teacher_id in sorted(proposed.teacher_ids & other.teacher_ids, key=str):
            conflicts.append(
                Conflict(
                    ConflictKind.TEACHER_BUSY,
                    f"teacher {teacher_id} already has session {other.session_id} "
                    f"{other.start:%Y-%m-%d %H:%M}–{other.end:%H:%M} UTC",
                    teacher_id=teacher_id,
                    session_id=other.session_id,
                )
            )

    for class_id in sorted(proposed.class_ids, key=str):
        timetable = (timetables or {}).get(class_id)
        if timetable is not None:
            conflicts.extend(_calendar_conflicts(proposed, class_id, timetable))
    return conflicts


def _calendar_conflicts(proposed: BookedSession, class_id: Hashable, timetable: ClassTimetable) -> list[Conflict]:
    local_start = proposed.start.astimezone(timetable.zone)
    local_end = proposed.end.astimezone(timetable.zone)
    day = local_start.date()
    reason = timetable.closed_reason(day)
    if reason:
        return [Conflict(ConflictKind.SCHOOL_CLOSED, f"class {class_id}: {reason} on {day}", class_id=class_id)]
    hours = timetable.school_hours_utc(day)
    if hours is None or proposed.start < hours[0] or proposed.end > hours[1]:
        return [
            Conflict(
                ConflictKind.OUTSIDE_SCHOOL_HOURS,
                f"class {class_id}: {local_start:%H:%M}–{local_end:%H:%M} {timetable.tz} is outside "
                f"school hours {timetable.day_start:%H:%M}–{timetable.day_end:%H:%M}",
                class_id=class_id,
            )
        ]
    return []
