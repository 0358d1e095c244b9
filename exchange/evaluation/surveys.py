"""A partnership's surveys before and after (issue 20): a teacher of it opens each phase, its
students answer each phase once, and its supervisors read the means before and after.

The one line a student may write passes `rooms.messaging.room_text_verdict`, the path a reflection
takes: masked words stay masked; words the filter holds go to the moderators as a flag of the
child's school (not of the room: the partner teacher never reads them) and the answer is kept
without them; words it blocks are refused with a sentence, and the moderators hear of them too.
In the results a teacher reads the lines of their own class's students by first name and the
partner class's without any name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Conflict, Forbidden, Invalid
from ..rooms.membership import accepted_classes, can_control, get_room, require_member
from ..rooms.models import Room
from . import survey
from .screening import screen
from .models import SurveyAnswer, SurveyRound

log = logging.getLogger("exchange.evaluation")


def is_partnership(room: Room, classes: list[SchoolClass] | None = None) -> bool:
    return survey.is_partnership({c.school_id for c in (accepted_classes(room) if classes is None else classes)})


def partnership_classes(room: Room) -> list[SchoolClass]:
    """The room's accepted classes, or a clear refusal when they are all of one school."""
    classes = accepted_classes(room)
    if not is_partnership(room, classes):
        raise Invalid(
            _("Surveys and the quality label are for partnerships: rooms with classes of two schools or more."),
            code="not_a_partnership",
        )
    return classes


def teaches_in(user: User, classes: list[SchoolClass]) -> bool:
    return user.role == "teacher" and any(c.teacher_id == user.id for c in classes)


def rounds(room: Room) -> dict[str, SurveyRound]:
    return {r.phase: r for r in db.session.scalars(select(SurveyRound).where(SurveyRound.room_id == room.id))}


def current_round(room: Room) -> SurveyRound | None:
    opened = rounds(room)
    phase = survey.current_phase(list(opened))
    return None if phase is None else opened[phase]


def mine(user: User, room: Room) -> dict[str, SurveyAnswer]:
    """This student's answers in this room, by phase."""
    return {
        a.phase: a
        for a in db.session.scalars(
            select(SurveyAnswer).where(SurveyAnswer.room_id == room.id, SurveyAnswer.user_id == user.id)
        )
    }


def asked_in(room: Room) -> survey.Asked:
    return survey.asked(room.audience)


def open_phase(user: User, room_id: object, phase: object) -> SurveyRound:
    """A teacher of the partnership opens its "before" survey, later its "after" one."""
    room = get_room(room_id)
    require_member(user, room)
    classes = accepted_classes(room)
    if not teaches_in(user, classes):
        raise Forbidden(_("Only a teacher of the partnership opens its surveys."), code="not_supervisor")
    partnership_classes(room)
    opened = rounds(room)
    refusal = survey.open_refusal(str(phase), list(opened))
    if refusal == "invalid_phase":
        raise Invalid(_("A survey's phase is before or after."), code="invalid_phase")
    if refusal == "already_open":
        raise Conflict(_("This survey is already open."), code="already_open")
    if refusal == "before_first":
        raise Conflict(_("Open the survey before the partnership first."), code="before_first")
    row = SurveyRound(room_id=room.id, phase=str(phase), opened_by=user.id, opened_at=now())
    db.session.add(row)
    signals.audit(
        "evaluation",
        actor_id=user.id,
        action="survey.open",
        subject_type="room",
        subject_id=room.id,
        after={"phase": row.phase},
        room_id=room.id,
    )
    db.session.commit()
    log.info("survey.open room=%s phase=%s by=%s", room.id, row.phase, user.id)
    return row


def invalid_sentence(exc: survey.SurveyInvalid) -> str:
    if exc.code == "invalid_scale":
        return _("Choose one answer for each question.")
    if exc.code == "too_long":
        return _("Your answer may have at most 300 characters.")
    return _("The answers were not understood. Please try again.")


def answer(user: User, room_id: object, scales: object, texts: object) -> SurveyAnswer:
    """A student's one answer to the phase open now."""
    room = get_room(room_id)
    role = require_member(user, room)
    if role != "student":
        raise Forbidden(_("Only the room's students answer its survey."), code="forbidden")
    partnership_classes(room)
    current = current_round(room)
    if current is None:
        raise Invalid(_("No survey is open in this room yet."), code="survey_not_open")
    if current.phase in mine(user, room):
        raise Conflict(_("You have already answered this survey."), code="already_answered")
    asked = asked_in(room)
    try:
        points, words = survey.clean(asked, scales, texts)
    except survey.SurveyInvalid as exc:
        raise Invalid(invalid_sentence(exc), code=exc.code) from None
    screened = screen(
        user, room, words, subject_type="survey_answer", subject_prefix=f"{room.id}:{current.phase}:{user.id}"
    )
    if screened.blocked:
        raise Invalid(
            _("Your answer was not saved: what you wrote breaks the rules of the room. Please write it again."),
            code="blocked",
        )
    kept, held = screened.kept, screened.held
    row = SurveyAnswer(
        round_id=current.id,
        room_id=room.id,
        user_id=user.id,
        school_id=user.school_id,
        phase=current.phase,
        scales=points,
        texts=kept,
        held=held,
        answered_at=now(),
    )
    db.session.add(row)
    signals.audit(
        "evaluation",
        actor_id=user.id,
        action="survey.answer",
        subject_type="room",
        subject_id=room.id,
        after={"phase": current.phase, "held": held},  # the answer itself stays out of the audit log
        room_id=room.id,
    )
    db.session.commit()
    log.info("survey.answer room=%s user=%s phase=%s", room.id, user.id, current.phase)
    return row


def may_read_results(user: User, room: Room) -> bool:
    return can_control(user, room) or (user.role == "admin" and user.platform_wide)


@dataclass(frozen=True)
class Results:
    """What a room's supervisors see of its surveys."""

    partnership: bool
    opened: dict[str, datetime]  # phase -> when it opened
    current: str | None
    questions: list[survey.QuestionResult]
    lines: list[tuple[str | None, str, str]]  # (first name for one's own students, else None; phase; text)
    held: int  # answers with a line that went to a moderator
    may_open: bool  # the one asking is a teacher of the partnership


def results_for(user: User, room_id: object) -> tuple[Room, Results]:
    room = get_room(room_id)
    if not (user.role == "admin" and user.platform_wide):
        require_member(user, room)
    if not may_read_results(user, room):
        raise Forbidden(
            _("Only the room's teachers, moderators and admins see its survey results."), code="not_supervisor"
        )
    classes = accepted_classes(room)
    opened = rounds(room)
    answers = list(db.session.scalars(select(SurveyAnswer).where(SurveyAnswer.room_id == room.id)))
    own_classes = [c.id for c in classes if user.school_id is None or c.school_id == user.school_id]
    own_students = set(
        db.session.scalars(
            select(ClassMembership.user_id).where(
                ClassMembership.class_id.in_(own_classes), ClassMembership.status == "approved"
            )
        )
    )
    writers = [a.user_id for a in answers if a.texts and a.user_id in own_students]
    first_names = {
        u.id: u.full_name.split(" ")[0] for u in db.session.scalars(select(User).where(User.id.in_(writers)))
    }
    named = [
        (first_names.get(a.user_id), a.phase, t) for a in answers if a.user_id in own_students for t in a.texts.values()
    ]
    # The partner class's lines without a name, in an order that says nothing of who wrote first.
    unnamed = sorted((a.phase, t) for a in answers if a.user_id not in own_students for t in a.texts.values())
    lines = sorted(named, key=lambda n: (n[1], n[0] or "")) + [(None, p, t) for p, t in unnamed]
    return room, Results(
        partnership=is_partnership(room, classes),
        opened={phase: r.opened_at for phase, r in opened.items()},
        current=survey.current_phase(list(opened)),
        questions=survey.results((a.phase, a.scales) for a in answers),
        lines=lines,
        held=sum(1 for a in answers if a.held),
        may_open=teaches_in(user, classes),
    )


def answers_for_impact(room_ids: list[int]) -> list[tuple[str, dict]]:
    """Every answer's phase and scales in these rooms, for the dashboard's before/after figures."""
    if not room_ids:
        return []
    return [
        (phase, scales)
        for phase, scales in db.session.execute(
            select(SurveyAnswer.phase, SurveyAnswer.scales).where(SurveyAnswer.room_id.in_(room_ids))
        )
    ]
