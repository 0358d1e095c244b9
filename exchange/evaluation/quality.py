"""A partnership's quality rubric (issue 20): a teacher of it scores it as a self-assessment; a school
admin of a partner school, a moderator who supervises the room or the platform administrator records
a review, and the latest review decides the Quality label (`rubric.awarded`).

Evidence notes are adults' words, checked for the adult audience on the room's path
(`rooms.messaging.room_text_verdict`): a held note goes to the moderators and the assessment is kept
without it; a blocked one refuses the assessment with a sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..directory.models import SchoolClass
from ..errors import Forbidden, Invalid
from ..rooms.membership import accepted_classes, get_room, member_role, require_member
from ..rooms.models import Room
from . import rubric
from .screening import screen
from .models import RubricAssessment
from .surveys import is_partnership, partnership_classes, teaches_in

log = logging.getLogger("exchange.evaluation")


def kind_for(user: User, room: Room, classes: list[SchoolClass]) -> str | None:
    """self for a teacher of the partnership; review for a partner school's admin, a moderator of
    the room or the platform administrator; None for anyone else."""
    if teaches_in(user, classes):
        return "self"
    if user.role == "admin" and user.platform_wide:
        return "review"
    if user.role in ("admin", "moderator") and member_role(user, room) in ("admin", "moderator"):
        return "review"
    return None


def _room_for(user: User, room_id: object) -> tuple[Room, list[SchoolClass], str]:
    room = get_room(room_id)
    if not (user.role == "admin" and user.platform_wide):
        require_member(user, room)
    classes = accepted_classes(room)
    kind = kind_for(user, room, classes)
    if kind is None:
        raise Forbidden(
            _("Only the partnership's teachers assess it; a school admin or a moderator reviews it."),
            code="not_supervisor",
        )
    return room, classes, kind


def invalid_sentence(exc: rubric.RubricInvalid) -> str:
    if exc.code == "invalid_score":
        return _("Give every criterion a score from 0 to 3.")
    if exc.code == "too_long":
        return _("An evidence note may have at most 500 characters.")
    return _("The assessment was not understood. Please try again.")


def submit(user: User, room_id: object, scores: object, notes: object) -> RubricAssessment:
    """Keep a self-assessment or a review of a partnership; a review that meets the rule awards the label."""
    room, _classes, kind = _room_for(user, room_id)
    partnership_classes(room)
    try:
        points, words = rubric.clean(scores, notes)
    except rubric.RubricInvalid as exc:
        raise Invalid(invalid_sentence(exc), code=exc.code) from None
    screened = screen(user, room, words, subject_type="rubric_note", subject_prefix=f"{room.id}:{user.id}")
    if screened.blocked:
        raise Invalid(_("The assessment was not saved: an evidence note breaks the platform's rules."), code="blocked")
    kept, held = screened.kept, screened.held
    label = kind == "review" and rubric.awarded(points)
    had_label = standing_of(room).label
    row = RubricAssessment(
        room_id=room.id,
        author_id=user.id,
        kind=kind,
        scores=points,
        notes=kept,
        held=held,
        label=label,
        created_at=now(),
    )
    db.session.add(row)
    signals.audit(
        "evaluation",
        actor_id=user.id,
        action="rubric.review" if kind == "review" else "rubric.self_assessment",
        subject_type="room",
        subject_id=room.id,
        before={"label": had_label},
        after={"kind": kind, "scores": points, "total": rubric.total(points), "label": label},
        room_id=room.id,
    )
    db.session.commit()
    log.info("rubric.%s room=%s by=%s total=%s label=%s", kind, room.id, user.id, rubric.total(points), label)
    return row


def latest(room: Room, kind: str) -> RubricAssessment | None:
    return db.session.scalar(
        select(RubricAssessment)
        .where(RubricAssessment.room_id == room.id, RubricAssessment.kind == kind)
        .order_by(RubricAssessment.id.desc())
        .limit(1)
    )


def standing_of(room: Room) -> rubric.Standing:
    mine_self, review = latest(room, "self"), latest(room, "review")
    return rubric.standing(mine_self.scores if mine_self else None, review.scores if review else None)


@dataclass(frozen=True)
class Assessments:
    """What a partnership's supervisors see of its rubric: the standing and every assessment, newest first."""

    partnership: bool
    standing: rubric.Standing
    rows: list[tuple[str, RubricAssessment]]  # author's name and the assessment
    kind: str  # what the one asking would submit: self or review


def assessments_for(user: User, room_id: object) -> tuple[Room, Assessments]:
    room, classes, kind = _room_for(user, room_id)
    rows = list(
        db.session.scalars(
            select(RubricAssessment).where(RubricAssessment.room_id == room.id).order_by(RubricAssessment.id.desc())
        )
    )
    names = {
        u.id: u.full_name for u in db.session.scalars(select(User).where(User.id.in_({r.author_id for r in rows})))
    }
    return room, Assessments(
        is_partnership(room, classes), standing_of(room), [(names.get(r.author_id, ""), r) for r in rows], kind
    )


def labelled(room_ids: list[int]) -> set[int]:
    """Rooms among these whose latest review awards the Quality label."""
    if not room_ids:
        return set()
    newest = (
        select(func.max(RubricAssessment.id))
        .where(RubricAssessment.room_id.in_(room_ids), RubricAssessment.kind == "review")
        .group_by(RubricAssessment.room_id)
    )
    return set(
        db.session.scalars(
            select(RubricAssessment.room_id).where(RubricAssessment.id.in_(newest), RubricAssessment.label)
        )
    )
