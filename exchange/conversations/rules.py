"""The pure rules of family messages: what the filter's verdict means for a message between
adults, when the school is open, and by which channel a family is reached. No Flask, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

BODY_LIMIT = 4000
TITLE_LIMIT = 160
NOTE_LIMIT = 300
TEXT_LIMIT = 300  # what a text message carries of a teacher's message
CHANNELS = ("email", "sms", "paper")
SIDES = ("guardian", "staff")
# Reasons that, in a message between adults, call for the school's safeguarding lead to look.
CONCERN_CATEGORIES = frozenset({"self_harm", "grooming", "violence", "sexual"})


@dataclass(frozen=True)
class Outcome:
    deliver: bool
    text: str
    concern: bool  # the school's admin may read the thread
    flagged: bool  # shown to the teacher as masked by the filter


def text_outcome(action: str, text: str, categories: Iterable[str]) -> Outcome:
    """An adult's message is delivered unless the filter blocks it. A hold is still delivered (a
    parent writing "my son talks of hurting himself" must reach the teacher); self-harm, grooming,
    violence or sexual content opens a safeguarding concern; masked words are flagged, never silent."""
    cats = frozenset(categories)
    if action == "block":
        return Outcome(False, "", False, False)
    concern = bool(cats & CONCERN_CATEGORIES)
    return Outcome(True, text, concern, action in ("redact", "hold"))


def staff_audience() -> str:
    """Teachers write to families with the teen audience's contact-detail rules: a phone number, an
    address or a handle in a teacher's message (most often another child's) is masked."""
    return "teen"


@dataclass(frozen=True)
class Hours:
    days: tuple[int, ...]  # ISO weekdays the school is open
    start: time
    end: time
    zone: str


def is_open(hours: Hours, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(hours.zone))
    return local.isoweekday() in hours.days and hours.start <= local.time() < hours.end


def channel_for(preferred: str | None, has_email: bool, has_phone: bool) -> str:
    """How a family hears of an announcement: their choice when it can reach them, else e-mail,
    else paper (every family can be reached by a letter the child takes home)."""
    if preferred == "sms" and has_phone:
        return "sms"
    if preferred == "paper":
        return "paper"
    return "email" if has_email else "paper"


@dataclass(frozen=True)
class Receipts:
    total: int
    read: int
    by_channel: dict[str, int]
    to_print: int


def receipts(rows: Iterable[tuple[str, str, bool]]) -> Receipts:
    """`rows`: (channel, status, read) per guardian of an announcement."""
    total = read = to_print = 0
    by_channel: dict[str, int] = {}
    for channel, status, was_read in rows:
        total += 1
        read += 1 if was_read else 0
        to_print += 1 if status == "to_print" else 0
        by_channel[channel] = by_channel.get(channel, 0) + 1
    return Receipts(total, read, by_channel, to_print)


def text_excerpt(prefix: str, body: str, limit: int = TEXT_LIMIT) -> str:
    """A text message's body: the prefix and as much of the message as fits, cut at a word."""
    room = limit - len(prefix) - 1
    if len(body) <= room:
        return f"{prefix} {body}"
    cut = body[: max(room - 1, 0)].rsplit(" ", 1)[0]
    return f"{prefix} {cut}…"
