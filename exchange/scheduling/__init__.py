"""Partner matching, common school time across zones, sessions and calendar export.

The modules re-exported here are pure (stdlib zoneinfo and icalendar only): they take
plain dataclasses and know nothing of Flask or the database, so they are tested alone.
"""

from .conflicts import BookedSession, Conflict, ConflictKind, find_conflicts
from .ics import CalendarSession, cancel, session_ics, session_uid, teacher_feed_ics
from .matching import ClassProfile, GradeBand, PartnerMatch, ineligibility, rank_partners, score_partner
from .overlap import LocalSpan, OverlapReport, OverlapWindow, find_overlaps
from .recurrence import Occurrence, weekly_occurrences
from .timetable import UTC, ClassTimetable, load_zone, to_utc

__all__ = [
    "UTC",
    "BookedSession",
    "CalendarSession",
    "ClassProfile",
    "ClassTimetable",
    "Conflict",
    "ConflictKind",
    "GradeBand",
    "LocalSpan",
    "Occurrence",
    "OverlapReport",
    "OverlapWindow",
    "PartnerMatch",
    "cancel",
    "find_conflicts",
    "find_overlaps",
    "ineligibility",
    "load_zone",
    "rank_partners",
    "score_partner",
    "session_ics",
    "session_uid",
    "teacher_feed_ics",
    "to_utc",
    "weekly_occurrences",
]
