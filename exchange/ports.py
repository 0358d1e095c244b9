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
    def __call__(self, *, room_id: int | None, school_id: int | None, source: str, verdict: str,
                 author_id: int | None, body: str, reasons: list[dict[str, Any]], context: list[Any],
                 client_msg_id: str | None = None, subject_type: str = "message", subject_id: Any = None,
                 reporter_id: int | None = None, notify_user_ids: Any = ()) -> Any: ...


class HeldFor(Protocol):
    def __call__(self, room_id: int, author_id: int, client_msg_id: str) -> Any: ...


class Report(Protocol):
    def __call__(self, reporter: Any, *, room_id: int | None, subject_type: str, subject_id: Any, category: str,
                 reason: str, snapshot: str, context: list[Any], author_id: int | None,
                 school_id: int | None) -> Any: ...


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


_room_access: RoomAccess | None = None
_flags: Flags | None = None


def install_room_access(port: RoomAccess) -> None:
    global _room_access
    _room_access = port


def install_flags(port: Flags) -> None:
    global _flags
    _flags = port


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
