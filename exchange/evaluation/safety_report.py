"""The public safety report's figures, per school term, from plain records (pure: no Flask, no
database). A term is a third of the calendar year (January–April, May–August, September–December),
in UTC: the same for every school on the platform, and short enough to show change.

Nothing here names a school, a room or a person: the report is public, so it gives counts,
shares and times only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from statistics import median, quantiles

TERM_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}


@dataclass(frozen=True, order=True)
class Term:
    year: int
    number: int  # 1, 2 or 3

    @property
    def key(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def start(self) -> datetime:
        return datetime(self.year, TERM_MONTHS[self.number][0], 1, tzinfo=timezone.utc)

    @property
    def end(self) -> datetime:
        """The first instant after the term."""
        if self.number == 3:
            return datetime(self.year + 1, 1, 1, tzinfo=timezone.utc)
        return datetime(self.year, TERM_MONTHS[self.number + 1][0], 1, tzinfo=timezone.utc)

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def term_of(moment: datetime) -> Term:
    number = next(n for n, (first, last) in TERM_MONTHS.items() if first <= moment.month <= last)
    return Term(moment.year, number)


def parse_term(text: str | None, default: Term) -> Term:
    """ "2027-1" → Term(2027, 1); anything else is the default (a bad link shows the current term)."""
    if not text or len(text) > 8:
        return default
    year, _, number = text.partition("-")
    if not (year.isdigit() and number in ("1", "2", "3") and 2000 <= int(year) <= 2200):
        return default
    return Term(int(year), int(number))


@dataclass(frozen=True)
class FlagFact:
    created_at: datetime
    resolved_at: datetime | None
    category: str
    source: str  # safety | premoderation | report
    status: str


@dataclass(frozen=True)
class VettingFact:
    at: datetime
    after: str  # the state a record moved to


@dataclass
class TermFigures:
    term: Term
    flags: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    still_open: int = 0
    median_minutes: float | None = None
    p90_minutes: float | None = None
    vetting: dict[str, int] = field(default_factory=dict)
    verified_now: int = 0


OPEN = ("open", "claimed", "escalated")


def figures(term: Term, flags: list[FlagFact], vetting: list[VettingFact], verified_now: int) -> TermFigures:
    """Flags raised in the term (by category, by how they were raised, what was done), the minutes
    until a moderator acted on them, and the vetting decisions of the term."""
    mine = [f for f in flags if term.holds(f.created_at)]
    found = TermFigures(term, flags=len(mine), verified_now=verified_now)
    found.by_category = dict(Counter(f.category or "other" for f in mine).most_common())
    found.by_source = dict(Counter(f.source for f in mine).most_common())
    found.outcomes = dict(Counter(f.status for f in mine if f.status not in OPEN).most_common())
    found.still_open = sum(1 for f in mine if f.status in OPEN)
    waits = sorted((f.resolved_at - f.created_at).total_seconds() / 60 for f in mine if f.resolved_at is not None)
    if waits:
        found.median_minutes = round(median(waits), 1)
        found.p90_minutes = (
            round(quantiles(waits, n=10, method="inclusive")[-1], 1) if len(waits) > 1 else found.median_minutes
        )
    found.vetting = dict(Counter(v.after for v in vetting if term.holds(v.at)).most_common())
    return found


def terms_with_data(flags: list[FlagFact], current: Term) -> list[Term]:
    """The current term and every earlier term with a flag, newest first."""
    return sorted({current, *(term_of(f.created_at) for f in flags)}, reverse=True)
