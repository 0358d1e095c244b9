"""Ports: what a lower domain needs from a higher one, installed by `exchange.wiring`.

Rooms and files sit below guardians, vetting and moderation, yet must ask them a question
(may this student be here? is this expert cleared?) or hand them a flag. They ask through a
port; the domain above provides the answer when the app is created. A port not installed
raises RuntimeError: a missing rule fails closed, it never lets someone in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class ConsentRefusal(Protocol):
    def __call__(self, student: Any, scope: str, *, cross_school: bool) -> str | None: ...


class RoomConsentRefusal(Protocol):
    def __call__(self, student: Any, room: Any, classes: list[Any] | None = None) -> tuple[str, str] | None: ...


class RoomRefusal(Protocol):
    def __call__(self, student: Any, room: Any) -> str | None: ...


class ExpertCleared(Protocol):
    def __call__(self, user: Any) -> bool: ...


@dataclass(frozen=True)
class RoomAccess:
    """Who may be in a room beyond its membership rows: guardians' consent, vetting's clearance.

    consent_refusal(student, scope, cross_school=...): None, or the consent code that refuses.
    room_consent_refusal(student, room, classes): (code, scope) of the first consent lacking, or None.
    room_refusal(student, room): the consent code keeping a student of the room's classes out, or None.
    expert_cleared(user): True only for an expert verified now.
    """

    consent_refusal: ConsentRefusal
    room_consent_refusal: RoomConsentRefusal
    room_refusal: RoomRefusal
    expert_cleared: ExpertCleared


class RaiseFlag(Protocol):
    def __call__(
        self,
        *,
        room_id: int | None,
        school_id: int | None,
        source: str,
        verdict: str,
        author_id: int | None,
        body: str,
        reasons: list[dict[str, Any]],
        context: list[Any],
        client_msg_id: str | None = None,
        subject_type: str = "message",
        subject_id: Any = None,
        reporter_id: int | None = None,
        notify_user_ids: Any = (),
    ) -> Any: ...


class HeldFor(Protocol):
    def __call__(self, room_id: int, author_id: int, client_msg_id: str) -> Any: ...


class Report(Protocol):
    def __call__(
        self,
        reporter: Any,
        *,
        room_id: int | None,
        subject_type: str,
        subject_id: Any,
        category: str,
        reason: str,
        snapshot: str,
        context: list[Any],
        author_id: int | None,
        school_id: int | None,
    ) -> Any: ...


@dataclass(frozen=True)
class Flags:
    """Moderation's intake: rooms and files raise flags (blocked or held messages, dangerous
    uploads, reports) and ask whether a message attempt was already flagged.

    raise_flag(...): the new flag (one per message attempt); held_for(room_id, author_id,
    client_msg_id): that attempt's flag or None; report(reporter, ...): a member's report as
    a flag; queue_channel: the Socket.IO channel every moderator listens on.
    """

    raise_flag: RaiseFlag
    held_for: HeldFor
    report: Report
    queue_channel: str


@dataclass(frozen=True)
class SafetyListView:
    """The moderators' lists that apply to one room: phrases allowed, entries denied as
    (phrase, category, severity), and the id of each deny entry in the same order (so that a
    reason's rule can name the list entry that fired)."""

    allow_words: frozenset[str] = frozenset()
    deny_entries: tuple[tuple[str, str, int], ...] = ()
    deny_ids: tuple[int, ...] = ()


class ListsFor(Protocol):
    def __call__(self, school_ids: frozenset[int]) -> SafetyListView: ...


@dataclass(frozen=True)
class SafetyLists:
    """Moderation's allow and deny lists, learnt from decisions in the queue: the send path
    asks for the lists of a room's schools (platform-wide entries included) on every message;
    moderation answers from a cache that every process refreshes at once after a change."""

    lists_for: ListsFor


_room_access: RoomAccess | None = None
_flags: Flags | None = None
_safety_lists: SafetyLists | None = None


def install_room_access(port: RoomAccess) -> None:
    global _room_access
    _room_access = port


def install_flags(port: Flags) -> None:
    global _flags
    _flags = port


def install_safety_lists(port: SafetyLists) -> None:
    global _safety_lists
    _safety_lists = port


def room_access() -> RoomAccess:
    """The installed RoomAccess port; RuntimeError (never an open door) when nothing installed it."""
    if _room_access is None:
        raise RuntimeError("the RoomAccess port is not installed: exchange.wiring.wire(app) installs it")
    return _room_access


def flags() -> Flags:
    """The installed Flags port; RuntimeError (no message goes unchecked) when nothing installed it."""
    if _flags is None:
        raise RuntimeError("the Flags port is not installed: exchange.wiring.wire(app) installs it")
    return _flags


def safety_lists() -> SafetyLists:
    """The installed SafetyLists port; RuntimeError (no message goes unchecked) when nothing installed it."""
    if _safety_lists is None:
        raise RuntimeError("the SafetyLists port is not installed: exchange.wiring.wire(app) installs it")
    return _safety_lists


class PartnerSchools(Protocol):
    """A community partner's contact -> the schools their organisation works with (None: the person
    acts for no organisation). Partners answers; the awareness survey (evaluation) asks."""

    def __call__(self, user_id: int) -> frozenset[int] | None: ...


_partner_schools: PartnerSchools | None = None


def install_partner_schools(port: PartnerSchools) -> None:
    global _partner_schools
    _partner_schools = port


def partner_schools() -> PartnerSchools:
    """The installed PartnerSchools port; RuntimeError (nobody answers for a school) when not installed."""
    if _partner_schools is None:
        raise RuntimeError("the PartnerSchools port is not installed: exchange.wiring.wire(app) installs it")
    return _partner_schools
