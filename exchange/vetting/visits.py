"""Visit requests: a verified teacher asks a cleared expert to visit a class; accepting
creates the visit room (rooms below us open it on the wall clock), with the expert invited.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult

from ..i18n.words import label
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..rooms.admin import create_room
from ..signals import audit
from .applications import refuse_unsafe
from .clearance import clock, expert_cleared
from .models import ExpertOffer, VisitRequest
from .offers import get_offer


def request_visit(teacher: User, offer_id, *, class_id, proposed_start: datetime, note: str = "") -> VisitRequest:
    """A verified teacher asks a cleared expert to visit one of their classes."""
    if teacher is None or teacher.role != "teacher":
        raise Forbidden(_("Only teachers request visits."), code="not_teacher")
    if teacher.teacher_verified_at is None:
        raise Forbidden(_("Your school admin must verify you before you host experts."), code="teacher_not_verified")
    offer = get_offer(offer_id)
    expert = db.session.get(User, offer.expert_id)
    if not offer.active:
        raise Conflict(_("This offer was withdrawn."), code="offer_withdrawn")
    if not expert_cleared(expert):
        raise Forbidden(
            _("This expert is not verified, or their verification has expired."), code="expert_not_verified"
        )
    cls = lookup(SchoolClass, class_id) if isinstance(class_id, int) else None
    if cls is None:
        raise NotFound(_("No such class."), code="no_such_class")
    if cls.teacher_id != teacher.id:
        raise Forbidden(_("Request visits for your own classes only."), code="not_your_class")
    if cls.grade_band not in offer.grade_bands:
        raise Invalid(
            _("This offer is for grades %(bands)s.", bands=", ".join(offer.grade_bands)), code="grade_band_mismatch"
        )
    if not set(cls.languages or []) & set(offer.languages or []):
        raise Invalid(_("The class and the expert share no language."), code="no_common_language")
    if not isinstance(proposed_start, datetime) or proposed_start.tzinfo is None:
        raise Invalid(_("Give the start as a date and time with its time zone."), code="invalid_time")
    now = utcnow()  # rooms open by the wall clock, so visits are scheduled against it
    if proposed_start <= now:
        raise Invalid(_("A visit must start in the future."), code="start_in_past")
    if proposed_start > now + timedelta(days=366):
        raise Invalid(_("A visit can be requested up to a year ahead."), code="start_too_far")
    if note is not None and not isinstance(note, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="note"), code="wrong_type")
    note = (note or "").strip()[:500]
    refuse_unsafe(note, "note", _("Note"))
    if db.session.scalar(
        select(VisitRequest.id).where(
            VisitRequest.offer_id == offer.id, VisitRequest.class_id == cls.id, VisitRequest.status == "requested"
        )
    ):
        raise Conflict(_("You already asked for this visit for this class."), code="already_requested")
    req = VisitRequest(
        offer_id=offer.id,
        teacher_id=teacher.id,
        class_id=cls.id,
        proposed_start=proposed_start.astimezone(timezone.utc),
        note=note,
        status="requested",
        created_at=now,
    )
    db.session.add(req)
    db.session.commit()
    audit(
        "vetting",
        actor_id=teacher.id,
        action="visit.request",
        subject_type="visit_request",
        subject_id=req.id,
        school_id=cls.school_id,
        after={"offer_id": offer.id, "class_id": cls.id, "expert_id": offer.expert_id},
    )
    return req


def get_visit_request(request_id) -> VisitRequest:
    req = lookup(VisitRequest, request_id)
    if req is None:
        raise NotFound(_("No such visit request."), code="no_such_request")
    return req


def answer_visit(expert: User, request_id, accept: bool) -> VisitRequest:
    """The expert accepts (the visit room is created for the class, with them invited) or
    declines. Only a cleared expert may accept, and only for a verified teacher."""
    req = get_visit_request(request_id)
    offer = db.session.get(ExpertOffer, req.offer_id)
    if expert is None or offer is None or offer.expert_id != expert.id:
        raise Forbidden(_("This request is not for you."), code="not_your_request")
    if req.status != "requested":
        raise Conflict(
            _("This request was already %(status)s.", status=label(req.status, "visit")), code="already_answered"
        )
    now = utcnow()
    if not accept:
        req.status, req.decided_at = "declined", now
        db.session.commit()
        audit("vetting", actor_id=expert.id, action="visit.decline", subject_type="visit_request", subject_id=req.id)
        return req
    if not expert_cleared(expert):
        raise Forbidden(_("You are not verified, or your verification has expired."), code="expert_not_verified")
    teacher = db.session.get(User, req.teacher_id)
    if teacher is None or not teacher.is_active or teacher.teacher_verified_at is None:
        raise Forbidden(_("The teacher is not verified by their school."), code="teacher_not_verified")
    if req.proposed_start + timedelta(minutes=offer.length_minutes) <= now:
        raise Conflict(_("The proposed time has passed. Ask the teacher for a new request."), code="start_in_past")
    # Claim the request first so that two clicks cannot create two rooms.
    claimed = cast(
        CursorResult[Any],
        db.session.execute(
            update(VisitRequest)
            .where(VisitRequest.id == req.id, VisitRequest.status == "requested")
            .values(status="accepted", decided_at=now)
            .execution_options(synchronize_session=False)
        ),
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("This request was already answered."), code="already_answered")
    db.session.commit()
    try:
        room = create_room(
            teacher,
            title=f"{_('Visit')}: {offer.topic}"[:80],
            class_ids=[req.class_id],
            opens_at=req.proposed_start,
            closes_at=req.proposed_start + timedelta(minutes=offer.length_minutes),
            expert_ids=[expert.id],
            kind="visit",
        )
    except Exception:
        db.session.rollback()
        db.session.execute(
            update(VisitRequest)
            .where(VisitRequest.id == req.id)
            .values(status="requested", decided_at=None)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        raise
    db.session.execute(
        update(VisitRequest)
        .where(VisitRequest.id == req.id)
        .values(room_id=room.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(req)
    audit(
        "vetting",
        actor_id=expert.id,
        action="visit.accept",
        subject_type="visit_request",
        subject_id=req.id,
        room_id=room.id,
        after={"room_id": room.id, "class_id": req.class_id},
    )
    return req


def cancel_visit(teacher: User, request_id) -> VisitRequest:
    """The teacher withdraws a request the expert has not answered yet."""
    req = get_visit_request(request_id)
    if teacher is None or req.teacher_id != teacher.id:
        raise Forbidden(_("This is not your request."), code="not_your_request")
    if req.status != "requested":
        raise Conflict(_("Only a request not yet answered can be cancelled."), code="already_answered")
    req.status, req.decided_at = "cancelled", clock()
    db.session.commit()
    audit("vetting", actor_id=teacher.id, action="visit.cancel", subject_type="visit_request", subject_id=req.id)
    return req


def requests_for_expert(expert: User) -> list[VisitRequest]:
    return list(
        db.session.scalars(
            select(VisitRequest)
            .join(ExpertOffer, ExpertOffer.id == VisitRequest.offer_id)
            .where(ExpertOffer.expert_id == expert.id)
            .order_by(VisitRequest.id.desc())
            .limit(200)
        )
    )


def requests_of_teacher(teacher: User) -> list[VisitRequest]:
    return list(
        db.session.scalars(
            select(VisitRequest)
            .where(VisitRequest.teacher_id == teacher.id)
            .order_by(VisitRequest.id.desc())
            .limit(200)
        )
    )
