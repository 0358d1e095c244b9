"""What a partnership's steering view shows, gathered once: its agreement and state; for two schools
the rooms their classes share (as the showcase finds a partnership: a room whose accepted classes
come from both), their sessions, activities and evaluation results; for a school and an
organisation the organisation's opportunities with how far this school's students got, and its
contacts' visits to the school's classes; and the partners' log of notes and decisions.

Only counts and means leave a room here (no child's name or words), since a school's teachers and
the district read this page without being members of every room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select

from ..accounts.models import User
from ..activities.services import activity_title, attached
from ..db import db
from ..directory.models import SchoolClass
from ..evaluation import quality, rubric, survey
from ..evaluation.surveys import answers_for_impact
from ..rooms.membership import current_state
from ..rooms.models import Room, RoomClass
from ..scheduling.models import ExchangeSession
from ..vetting.models import ExpertOffer, VisitRequest
from . import steering_log
from .agreement_models import Agreement, AgreementVersion, PartnershipNote
from .agreements import current_version, is_partner, party_names, party_sides, signed_sides, status_of, visible
from .models import Interest, Opportunity
from .organisations import member_ids

MAX_ROWS = 30


@dataclass(frozen=True)
class RoomLine:
    room: Room
    state: str
    activity: str | None
    quality: rubric.Standing
    survey: list[survey.QuestionResult]


@dataclass(frozen=True)
class OpportunityLine:
    opportunity: Opportunity
    counts: dict[str, int]  # state of the learner's way → how many of this school's students


@dataclass(frozen=True)
class VisitLine:
    topic: str
    starts_at: datetime
    status: str


@dataclass(frozen=True)
class Steering:
    agreement: Agreement
    status: str
    parties: dict[str, str]
    version: AgreementVersion
    signed: frozenset[str]
    rooms: list[RoomLine]
    sessions: list[ExchangeSession]
    opportunities: list[OpportunityLine]
    visits: list[VisitLine]
    log: list[tuple[PartnershipNote, str]]
    may_write: bool
    may_sign: bool


def _class_ids(school_id: int | None) -> list[int]:
    if school_id is None:
        return []
    return list(db.session.scalars(select(SchoolClass.id).where(SchoolClass.school_id == school_id)))


def shared_rooms(school_a: int, school_b: int) -> list[Room]:
    """Rooms whose accepted classes come from both schools, newest first."""
    by_room: dict[int, set[int]] = {}
    rows = db.session.execute(
        select(RoomClass.room_id, SchoolClass.school_id)
        .join(SchoolClass, SchoolClass.id == RoomClass.class_id)
        .where(RoomClass.status == "accepted", SchoolClass.school_id.in_([school_a, school_b]))
    )
    for room_id, school_id in rows:
        by_room.setdefault(room_id, set()).add(school_id)
    ids = [room_id for room_id, schools in by_room.items() if {school_a, school_b} <= schools]
    if not ids:
        return []
    return list(db.session.scalars(select(Room).where(Room.id.in_(ids)).order_by(Room.id.desc()).limit(MAX_ROWS)))


def _room_line(room: Room) -> RoomLine:
    found = attached(room.id)
    return RoomLine(
        room=room,
        state=current_state(room),
        activity=activity_title(found.slug) if found is not None else None,
        quality=quality.standing_of(room),
        survey=survey.results(answers_for_impact([room.id])),
    )


def shared_sessions(school_a: int, school_b: int) -> list[ExchangeSession]:
    """Sessions between a class of one school and a class of the other, proposed or accepted."""
    a, b = _class_ids(school_a), _class_ids(school_b)
    if not a or not b:
        return []
    return list(
        db.session.scalars(
            select(ExchangeSession)
            .where(
                or_(
                    and_(ExchangeSession.organiser_class_id.in_(a), ExchangeSession.partner_class_id.in_(b)),
                    and_(ExchangeSession.organiser_class_id.in_(b), ExchangeSession.partner_class_id.in_(a)),
                ),
                ExchangeSession.status.in_(("proposed", "accepted")),
            )
            .order_by(ExchangeSession.starts_at)
            .limit(MAX_ROWS)
        )
    )


def opportunity_lines(org_id: int, school_id: int) -> list[OpportunityLine]:
    """The organisation's opportunities, each with how many of this school's students are at each step."""
    offers = list(
        db.session.scalars(
            select(Opportunity)
            .where(Opportunity.organisation_id == org_id)
            .order_by(Opportunity.starts_on.desc())
            .limit(MAX_ROWS)
        )
    )
    counts: dict[int, dict[str, int]] = {o.id: {} for o in offers}
    if offers:
        rows = db.session.execute(
            select(Interest.opportunity_id, Interest.state, func.count(Interest.id))
            .join(SchoolClass, SchoolClass.id == Interest.class_id)
            .where(SchoolClass.school_id == school_id, Interest.opportunity_id.in_(list(counts)))
            .group_by(Interest.opportunity_id, Interest.state)
        )
        for opportunity_id, state, n in rows:
            counts[opportunity_id][state] = n
    return [OpportunityLine(o, counts[o.id]) for o in offers]


def visit_lines(org_id: int, school_id: int) -> list[VisitLine]:
    """Visits the organisation's contacts (as vetted experts) made or offered to this school's classes."""
    experts, classes = member_ids(org_id), _class_ids(school_id)
    if not experts or not classes:
        return []
    rows = db.session.execute(
        select(ExpertOffer.topic, VisitRequest.proposed_start, VisitRequest.status)
        .join(ExpertOffer, ExpertOffer.id == VisitRequest.offer_id)
        .where(ExpertOffer.expert_id.in_(experts), VisitRequest.class_id.in_(classes))
        .order_by(VisitRequest.proposed_start.desc())
        .limit(MAX_ROWS)
    )
    return [VisitLine(topic, starts_at, status) for topic, starts_at, status in rows]


def steering_for(user: User, agreement_id: object) -> Steering:
    ag = visible(user, agreement_id)
    version = current_version(ag)
    rooms: list[RoomLine] = []
    sessions: list[ExchangeSession] = []
    offers: list[OpportunityLine] = []
    visits: list[VisitLine] = []
    if ag.partner_school_id is not None:
        rooms = [_room_line(r) for r in shared_rooms(ag.school_id, ag.partner_school_id)]
        sessions = shared_sessions(ag.school_id, ag.partner_school_id)
    if ag.organisation_id is not None:
        offers = opportunity_lines(ag.organisation_id, ag.school_id)
        visits = visit_lines(ag.organisation_id, ag.school_id)
    _ag, log = steering_log.entries(user, ag.id)
    signed = signed_sides(ag, version)
    return Steering(
        agreement=ag,
        status=status_of(ag),
        parties=party_names(ag),
        version=version,
        signed=signed,
        rooms=rooms,
        sessions=sessions,
        opportunities=offers,
        visits=visits,
        log=log,
        may_write=is_partner(user, ag),
        may_sign=ag.state != "ended" and any(s not in signed for s in party_sides(user, ag)),
    )
