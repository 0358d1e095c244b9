"""Rank partner classes for a class that is looking for one.

Hard rules decide who may be suggested at all (another country or region, a shared
language, a compatible grade band); a score then orders the rest by common school time,
grade fit, languages and topics. A partner with no common time is still suggested, but
flagged for an asynchronous exchange, because that is the usual case for Oslo and Sydney.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .overlap import OverlapReport, OverlapWindow, find_overlaps
from .timetable import ClassTimetable

# Score weights (out of 100). Common time counts most: without it a live exchange fails.
OVERLAP_POINTS = 50
TOPIC_POINTS = 20
GRADE_POINTS = 15  # overlapping bands; adjacent bands get ADJACENT_GRADE_POINTS
ADJACENT_GRADE_POINTS = 8
LANGUAGE_POINTS = 15  # two or more shared languages; one gets ONE_LANGUAGE_POINTS
ONE_LANGUAGE_POINTS = 10
# Minutes of common time per week at which the overlap score is ~63% of its maximum:
# a few hours a week is all an exchange needs, so more counts less and less.
OVERLAP_SCALE_MINUTES = 120

_BAND = re.compile(r"^\s*(K|\d{1,2})\s*(?:[-–]\s*(K|\d{1,2}))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class GradeBand:
    """An inclusive range of school grades, kindergarten as grade 0."""

    low: int
    high: int

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high <= 13:
            raise ValueError(f"grade band {self.low}-{self.high} is not within K-13")

    @classmethod
    def parse(cls, text: str) -> GradeBand:
        """Read "K-2", "5-7", "11-13", "5–7" or a single grade such as "9"."""
        found = _BAND.match(text)
        if not found:
            raise ValueError(f"not a grade band: {text!r}")
        low, high = (0 if g.upper() == "K" else int(g) for g in (found[1], found[2] or found[1]))
        return cls(low, high)

    def overlaps(self, other: GradeBand) -> bool:
        return self.low <= other.high and other.low <= self.high

    def is_compatible(self, other: GradeBand) -> bool:
        """Overlapping or adjacent bands: a year apart is still a fair conversation."""
        return self.low <= other.high + 1 and other.low <= self.high + 1

    def __str__(self) -> str:
        low = "K" if self.low == 0 else str(self.low)
        return low if self.low == self.high else f"{low}-{self.high}"


def _language(tag: str) -> str:
    # "en-GB" and "en-KE" talk to each other fine: compare primary language subtags.
    return tag.strip().replace("_", "-").split("-")[0].lower()


def _topic(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class ClassProfile:
    """What matching needs to know about a class; built by the directory from its rows."""

    class_id: Hashable
    country: str  # ISO 3166-1 alpha-2
    grade_band: GradeBand
    languages: frozenset[str]  # BCP 47 tags; compared by primary subtag
    timetable: ClassTimetable
    region: str = ""
    topics: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if isinstance(self.grade_band, str):
            object.__setattr__(self, "grade_band", GradeBand.parse(self.grade_band))
        object.__setattr__(self, "country", self.country.strip().upper())
        object.__setattr__(self, "languages", frozenset(_language(t) for t in self.languages if t.strip()))
        object.__setattr__(self, "topics", frozenset(_topic(t) for t in self.topics if t.strip()))


@dataclass(frozen=True)
class PartnerMatch:
    """One suggested partner, with what the score was made of and why."""

    candidate: ClassProfile
    score: float  # 0..100
    overlap: OverlapReport
    shared_languages: frozenset[str]
    shared_topics: frozenset[str]
    grade_fit: str  # "overlapping" or "adjacent"
    reasons: tuple[str, ...]
    async_suggested: bool  # no common school time: offer a room open over several days

    @property
    def windows(self) -> tuple[OverlapWindow, ...]:
        return self.overlap.windows


def ineligibility(seeker: ClassProfile, candidate: ClassProfile) -> tuple[str, ...]:
    """Why `candidate` may not be suggested to `seeker`; empty when it may."""
    reasons = []
    if candidate.class_id == seeker.class_id:
        reasons.append("same class")
    same_region = candidate.country == seeker.country and not (
        seeker.region and candidate.region and seeker.region.casefold() != candidate.region.casefold()
    )
    if same_region:
        reasons.append("same country and region")
    if not seeker.languages & candidate.languages:
        reasons.append("no shared language")
    if not seeker.grade_band.is_compatible(candidate.grade_band):
        reasons.append(f"grade bands {seeker.grade_band} and {candidate.grade_band} are too far apart")
    return tuple(reasons)


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def score_partner(
    seeker: ClassProfile,
    candidate: ClassProfile,
    first_day: date,
    *,
    weeks: int = 4,
    min_minutes: int = 30,
) -> PartnerMatch:
    """Score one eligible candidate over `weeks` weeks from `first_day` (seeker's dates)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    last_day = first_day + timedelta(days=7 * weeks - 1)
    overlap = find_overlaps([seeker.timetable, candidate.timetable], first_day, last_day, min_minutes=min_minutes)
    per_week = overlap.total_minutes / weeks
    overlap_points = OVERLAP_POINTS * (1 - math.exp(-per_week / OVERLAP_SCALE_MINUTES))

    languages = seeker.languages & candidate.languages
    language_points = LANGUAGE_POINTS if len(languages) >= 2 else ONE_LANGUAGE_POINTS if languages else 0

    topics = seeker.topics & candidate.topics
    topic_points = TOPIC_POINTS * len(topics) / len(seeker.topics) if seeker.topics else 0

    if seeker.grade_band.overlaps(candidate.grade_band):
        grade_fit, grade_points = "overlapping", GRADE_POINTS
    else:
        grade_fit, grade_points = "adjacent", ADJACENT_GRADE_POINTS

    reasons = []
    if overlap.has_overlap:
        reasons.append(
            f"{_hours(overlap.total_minutes)} of common school time over {weeks} "
            f"week{'s' if weeks > 1 else ''} in {len(overlap.windows)} windows"
        )
    else:
        reasons.append("no common school time: an asynchronous exchange is suggested")
    reasons.append("shared language: " + ", ".join(sorted(languages)))
    if topics:
        reasons.append("shared topics: " + ", ".join(sorted(topics)))
    reasons.append(f"grade bands {seeker.grade_band} and {candidate.grade_band} {grade_fit}")

    score = round(overlap_points + language_points + topic_points + grade_points, 1)
    return PartnerMatch(
        candidate, score, overlap, languages, topics, grade_fit, tuple(reasons), async_suggested=not overlap.has_overlap
    )


def rank_partners(
    seeker: ClassProfile,
    candidates: Iterable[ClassProfile],
    first_day: date,
    *,
    weeks: int = 4,
    min_minutes: int = 30,
) -> list[PartnerMatch]:
    """Eligible candidates, best first; ties go to more common time, then to class id."""
    matches = [
        score_partner(seeker, c, first_day, weeks=weeks, min_minutes=min_minutes)
        for c in candidates
        if not ineligibility(seeker, c)
    ]
    matches.sort(key=lambda m: (-m.score, -m.overlap.total_minutes, str(m.candidate.class_id)))
    return matches
