"""Reflections after a session, and the records behind the impact dashboard.

A reflection's words are a child's words: each answer passes `exchange.safety.check_text` for the
author's audience, exactly as a chat message does. A masked answer keeps its mask; an answer the
filter holds or blocks is not stored, it goes to the moderators as a flag (a child who writes about
hurting themselves in a reflection must reach an adult) that belongs to the child's school, not to
the room (the partner teacher never reads it), and the reflection says one answer is with a moderator. Teachers see the answers of their own class's students by first name; of the partner
class only the counts: no partner child's words or name leave their own school here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..activities.models import RoomActivity
from ..clock import now
from ..db import db
from ..directory.models import ClassMembership, School, SchoolClass
from ..errors import Forbidden, Invalid
from ..moderation.models import Flag
from ..rooms.membership import accepted_classes, can_control, current_state, get_room, require_member
from ..rooms.models import Room, RoomClass
from ..storage import message_log
from . import impact, quality, reflect, surveys
from .screening import screen
from .models import Reflection

log = logging.getLogger("exchange.evaluation")


def asked_of(user: User, room: Room) -> reflect.Asked:
    return reflect.asked(require_member(user, room), room.audience)


def mine(user: User, room: Room) -> Reflection | None:
    return db.session.scalar(select(Reflection).where(Reflection.room_id == room.id, Reflection.user_id == user.id))


def invalid_sentence(exc: reflect.ReflectionInvalid) -> str:
    if exc.code == "invalid_scale":
        return _("Choose one of the five faces.")
    if exc.code == "too_long":
        return _("An answer may have at most 500 characters.")
    return _("The answers were not understood. Please try again.")


def save(user: User, room_id: object, scale: object, answers: object) -> Reflection:
    """Store (or replace) this person's reflection on a room that has opened."""
    room = get_room(room_id)
    role = require_member(user, room)
    if current_state(room) == "scheduled":
        raise Invalid(_("You can reflect on the session once it has started."), code="not_started")
    asked = reflect.asked(role, room.audience)
    try:
        stars, texts = reflect.clean(asked.kind, scale, answers)
    except reflect.ReflectionInvalid as exc:
        raise Invalid(invalid_sentence(exc), code=exc.code) from None
    # A held or blocked answer is kept out, the face stays: see `screening`.
    screened = screen(
        user, room, texts, subject_type="reflection", subject_prefix=f"{room.id}:{user.id}", flag_verdict="hold"
    )
    kept, held = screened.kept, screened.held
    row = mine(user, room)
    if row is None:
        row = Reflection(room_id=room.id, user_id=user.id, school_id=user.school_id, kind=asked.kind, scale=stars)
        db.session.add(row)
    row.kind, row.scale, row.answers, row.held, row.updated_at = asked.kind, stars, kept, held, now()
    db.session.commit()
    log.info("reflection.save room=%s user=%s kind=%s", room.id, user.id, asked.kind)
    return row


@dataclass(frozen=True)
class Shown:
    """What a supervisor sees of a room's reflections."""

    faces: dict[int, int]  # every student's scale, both classes: counts only
    students: list[tuple[str, Reflection]]  # own class's students: first name and answers
    adults: list[tuple[str, Reflection]]  # teachers' and experts' feedback
    partner_count: int  # reflections from students of other schools (counted, not shown)


def for_supervisor(user: User, room_id: object) -> Shown:
    room = get_room(room_id)
    require_member(user, room)
    if not can_control(user, room):
        raise Forbidden(_("Only the room's teachers and moderators see its reflections."), code="not_supervisor")
    rows = list(db.session.scalars(select(Reflection).where(Reflection.room_id == room.id).order_by(Reflection.id)))
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([r.user_id for r in rows])))}
    mine_classes = {c.id for c in accepted_classes(room) if user.school_id is None or c.school_id == user.school_id}
    own_students = set(
        db.session.scalars(
            select(ClassMembership.user_id).where(
                ClassMembership.class_id.in_(mine_classes), ClassMembership.status == "approved"
            )
        )
    )
    students, adults, partner = [], [], 0
    for r in rows:
        person = people.get(r.user_id)
        if person is None:
            continue
        if person.role != "student":
            adults.append((person.full_name, r))
        elif r.user_id in own_students:
            students.append((person.full_name.split(" ")[0], r))
        else:
            partner += 1
    faces = reflect.distribution(
        [r.scale for r in rows if people.get(r.user_id) and people[r.user_id].role == "student"]
    )
    return Shown(faces, students, adults, partner)


# ---- the impact dashboard ------------------------------------------------------------------


def scope_rooms(user: User) -> list[Room]:
    """A teacher's rooms (their classes took part), a school's (any class of it did), or every room
    for a platform administrator or moderator."""
    query = select(Room).where(Room.kind.in_(("exchange", "visit")))
    if user.platform_wide:
        return list(db.session.scalars(query))
    classes = select(SchoolClass.id)
    if user.role == "teacher":
        classes = classes.where(SchoolClass.teacher_id == user.id)
    elif user.role in ("admin", "moderator") and user.school_id is not None:
        classes = classes.where(SchoolClass.school_id == user.school_id)
    else:
        raise Forbidden(_("Your role may not do this."), code="forbidden")
    ids = select(RoomClass.room_id).where(RoomClass.class_id.in_(classes), RoomClass.status == "accepted")
    return list(db.session.scalars(query.where(Room.id.in_(ids))))


def impact_for(user: User) -> impact.Impact:
    rooms = scope_rooms(user)
    ids = [r.id for r in rooms]
    links = db.session.execute(
        select(RoomClass.room_id, SchoolClass.id, SchoolClass.school_id, School.country)
        .join(SchoolClass, SchoolClass.id == RoomClass.class_id)
        .join(School, School.id == SchoolClass.school_id)
        .where(RoomClass.room_id.in_(ids), RoomClass.status == "accepted")
    ).all()
    class_ids = {c for _r, c, _s, _k in links}
    students: dict[int, set[int]] = {}
    for class_id, student in db.session.execute(
        select(ClassMembership.class_id, ClassMembership.user_id).where(
            ClassMembership.class_id.in_(class_ids), ClassMembership.status == "approved"
        )
    ):
        students.setdefault(class_id, set()).add(student)
    activities = dict(
        db.session.execute(select(RoomActivity.room_id, RoomActivity.slug).where(RoomActivity.room_id.in_(ids))).all()
    )
    log_ = message_log()
    records = []
    for room in rooms:
        mine_links = [(c, s, k) for r, c, s, k in links if r == room.id]
        opened = room.opens_at or room.created_at
        records.append(
            impact.RoomRecord(
                room_id=room.id,
                held=current_state(room) != "scheduled",
                month=opened.strftime("%Y-%m"),
                school_ids=frozenset(s for _c, s, _k in mine_links),
                countries=frozenset(k for _c, _s, k in mine_links),
                student_ids=frozenset(u for c, _s, _k in mine_links for u in students.get(c, ())),
                lines=log_.last_seq(room.id),
                activity=activities.get(room.id),
            )
        )
    held_ids = [r.room_id for r in records if r.held]
    flags = [
        impact.FlagRecord(f.created_at, f.resolved_at, f.category)
        for f in db.session.scalars(select(Flag).where(Flag.room_id.in_(held_ids)))
    ]
    scales = list(
        db.session.scalars(
            select(Reflection.scale)
            .join(User, User.id == Reflection.user_id)
            .where(Reflection.room_id.in_(held_ids), User.role == "student")
        )
    )
    return impact.compute(records, flags, scales, surveys.answers_for_impact(ids), quality.labelled(ids))
