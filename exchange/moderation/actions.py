"""The nine actions on a flag: approve, remove, dismiss, warn, mute, kick, suspend, lock, escalate.

Room effects (mute, remove from room, lock, eviction) belong to the rooms domain, a file's
removal to files, a suspension to accounts; this module composes them with the moderation
services. Each action writes exactly one audit record: the moderation one, or (a file's
removal) the one the owning domain writes; the room functions are called with `audited=False`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.services import suspend_user
from ..apidoc import field
from ..authz import ensure
from ..db import db
from ..errors import Conflict, Invalid
from ..files.decisions import decide as decide_file
from ..realtime import emit, user_channel
from ..rooms.models import Room
from ..rooms.admin import mute, remove_from_room, set_state
from ..rooms.live import evict
from ..rooms.membership import ensure_delivery, get_room, member_role
from ..rooms.presence import present_rooms_of
from . import services, subjects
from .models import Flag


@dataclass
class Case:
    """One action on one flag: who acts, why, on which room and author (if any), with what options."""

    actor: User
    flag: Flag
    reason: str
    room: Room | None
    author: User | None
    options: dict


def _approve(case: Case) -> dict:
    flag, room, author = case.flag, case.room, case.author
    owner = subjects.handler_for(flag.subject_type)
    if owner is not None:  # a higher domain's subject (an exhibition comment): it shows it
        owner.approve(case.actor, flag.subject_id or "")
        services.resolve(case.actor, flag, "approved", case.reason, action="approve")
        return {}
    # At approval time, not at hold time: the author must still be in the room and the room
    # must take messages now (open, not locked, not paused for want of a supervisor).
    if room is not None and author is not None and flag.verdict == "hold":
        if member_role(author, room) is None:
            raise Conflict(
                _("The author is no longer in this room; the message cannot be approved."), code="author_gone"
            )
        ensure_delivery(author, room, "release")
    return {"seq": services.release_held(case.actor, flag, case.reason)}


def _remove(case: Case) -> dict:
    actor, flag, reason, room = case.actor, case.flag, case.reason, case.room
    owner = subjects.handler_for(flag.subject_type)
    if owner is not None:
        owner.remove(actor, flag.subject_id or "")
        services.resolve(actor, flag, "removed", reason, action="remove")
        return {}
    if flag.subject_type == "file":
        decide_file(actor, flag.subject_id, "remove", reason)  # audited there, once
        services.resolve(actor, flag, "removed", reason, action="remove", audited=False)
        return {}
    if flag.verdict == "hold":  # never delivered: it simply never enters the room
        services.resolve(actor, flag, "removed", reason, action="remove", after={"delivered": False})
        if flag.author_id:  # the author's page drops its "waiting for approval" line
            emit(
                "held_rejected",
                {"room": flag.room_id, "client_msg_id": flag.client_msg_id},
                user_channel(flag.author_id),
            )
        return {}
    subject = flag.subject_id or ""
    seq = int(subject) if flag.subject_type == "message" and subject.isdigit() else None
    if seq is None or room is None:
        raise Invalid(_("This flag is not about a message in a room."), code="not_a_message")
    removal_seq = services.remove_message(actor, room.id, seq, reason)
    services.resolve(actor, flag, "removed", reason, action="remove", after={"removed_seq": seq})
    return {"removal_seq": removal_seq}


def _dismiss(case: Case) -> dict:
    services.resolve(case.actor, case.flag, "dismissed", case.reason, action="dismiss")
    return {}


def _warn(case: Case) -> dict:
    services.warn(case.actor, case.flag, case.reason)
    return {}


def _room(case: Case) -> Room:
    if case.room is None:
        raise Invalid(_("This flag has no room or author for that action."), code="invalid_action")
    return case.room


def _room_and_author(case: Case) -> tuple[Room, User]:
    if case.room is None or case.author is None:
        raise Invalid(_("This flag has no room or author for that action."), code="invalid_action")
    return case.room, case.author


def _mute(case: Case) -> dict:
    room, author = _room_and_author(case)
    minutes = field(case.options, "minutes", int, required=False) or 15
    services.mute_window(minutes)
    mute(case.actor, room, author.id, minutes, case.reason, audited=False)
    services.resolve(
        case.actor,
        case.flag,
        "actioned",
        case.reason,
        action="mute",
        after={"muted_user": author.id, "minutes": minutes},
    )
    return {}


def _kick(case: Case) -> dict:
    room, author = _room_and_author(case)
    remove_from_room(case.actor, room, author, case.reason, audited=False)
    services.resolve(case.actor, case.flag, "actioned", case.reason, action="kick", after={"removed_user": author.id})
    return {}


def _lock(case: Case) -> dict:
    room = _room(case)
    set_state(case.actor, room, "lock", case.reason, audited=False)
    services.resolve(case.actor, case.flag, "actioned", case.reason, action="lock", after={"room_state": "locked"})
    return {}


def _suspend(case: Case) -> dict:
    author = case.author
    ensure(author is not None, _("This flag has no author."))
    assert author is not None
    suspend_user(case.actor, author, case.reason, audited=False)
    for room_id in present_rooms_of(author.id):
        evict(room_id, author.id, "account_suspended")
    services.resolve(
        case.actor, case.flag, "actioned", case.reason, action="suspend", after={"suspended_user": author.id}
    )
    return {}


def _escalate(case: Case) -> dict:
    services.escalate(case.actor, case.flag, case.reason)
    return {}


ACTIONS: dict[str, Callable[[Case], dict]] = {
    "approve": _approve,
    "remove": _remove,
    "dismiss": _dismiss,
    "warn": _warn,
    "mute": _mute,
    "kick": _kick,
    "suspend": _suspend,
    "lock": _lock,
    "escalate": _escalate,
}


def act(actor: User, flag: Flag, action: str, reason, options: dict) -> dict:
    """Carry out `action` on `flag`; returns what the answer adds to the flag (a seq, a removal seq).

    `options` holds the action's extra fields as sent (`minutes` for a mute)."""
    reason = services.require_reason(reason)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Invalid(_("Unknown action."), code="invalid_action")
    if action == "suspend" and actor.role == "teacher":
        ensure(False, _("Only moderators and admins can suspend accounts."))
    room = get_room(flag.room_id) if flag.room_id is not None else None
    author = db.session.get(User, flag.author_id) if flag.author_id else None
    return handler(Case(actor=actor, flag=flag, reason=reason, room=room, author=author, options=options))
