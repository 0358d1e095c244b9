"""May this student take part? The consent checks other domains rely on.

Rooms ask before a student enters a room, files before a student's file reaches another
school (through ports installed by `exchange.wiring`). Kept apart from the use cases that
change consent so the seam stays small, read-only and cheap to import.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.models import SchoolClass
from ..rooms.membership import has_expert_member
from ..rooms.models import Room, RoomClass
from . import citizenship, rules
from .models import Consent

log = logging.getLogger("exchange.guardians")

SCOPES = rules.SCOPES


def consent_refusal(student, scope: str, *, cross_school: bool) -> str | None:
    """None when the student may take part in `scope`; else "consent_missing" or "consent_withdrawn".

    A class among itself needs no consent (not cross_school). Anyone who is not a student is
    never refused here. An unknown scope is refused: a typo must not open a door.
    """
    if not cross_school or student is None or getattr(student, "role", None) != "student":
        return None
    if scope not in SCOPES:
        log.warning("consent check with unknown scope=%s", scope)
        return rules.CONSENT_MISSING
    return rules.refusal(consent_state(student.id, scope), cross_school=True)


def room_has_expert(room: Room) -> bool:
    """Is an outside adult (an expert) a member of this room, whatever kind of room it is?"""
    return room.kind == "visit" or has_expert_member(room)


def room_needs(room: Room, classes: list[SchoolClass]) -> list[tuple[str, bool]]:
    """Every (scope, cross_school) a student needs to be in this room: it follows who is in the
    room, not the room's kind. Another school's class needs consent to exchanges; an expert
    in the room needs consent to expert visits, in any room."""
    return rules.room_scopes(len({c.school_id for c in classes}), room_has_expert(room))


def room_consent_refusal(student: User, room: Room, classes: list[SchoolClass] | None = None) -> tuple[str, str] | None:
    """(code, scope) of the first thing the student lacks for this room, or None: a guardian's consent
    for a scope, then the digital-citizenship lesson when the room requires it ("citizenship")."""
    for scope, cross_school in room_needs(room, accepted_classes(room.id) if classes is None else classes):
        code = consent_refusal(student, scope, cross_school=cross_school)
        if code:
            return code, scope
    code = citizenship.refusal(student, room)
    return (code, "citizenship") if code else None


def room_refusal(student: User, room: Room) -> str | None:
    """Why a student of one of the room's classes is kept out of it (a consent code), or None."""
    found = room_consent_refusal(student, room)
    return found[0] if found else None


def consent_state(student_id: int, scope: str) -> rules.ConsentState:
    return rules.state_from(scope, newest_consent(student_id, scope))


def newest_consent(student_id: int, scope: str) -> Consent | None:
    return db.session.scalar(
        select(Consent)
        .where(Consent.student_id == student_id, Consent.scope == scope)
        .order_by(Consent.id.desc())
        .limit(1)
    )


def consent_states(student_ids) -> dict[int, dict[str, rules.ConsentState]]:
    """Every scope of every given student, in one query."""
    ids = list(student_ids)
    newest: dict[tuple[int, str], Consent] = {}
    if ids:
        for row in db.session.scalars(select(Consent).where(Consent.student_id.in_(ids)).order_by(Consent.id)):
            newest[(row.student_id, row.scope)] = row
    return {sid: {s: rules.state_from(s, newest.get((sid, s))) for s in SCOPES} for sid in ids}


def accepted_classes(room_id: int) -> list[SchoolClass]:
    """The classes that accepted the room's invitation: whose schools are in the room."""
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(RoomClass, RoomClass.class_id == SchoolClass.id)
            .where(RoomClass.room_id == room_id, RoomClass.status == "accepted")
        )
    )
