"""The lists people look at: a user's sessions, a teacher's invitations by who must answer,
and the dashboard panel of the next two weeks."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory import services as directory
from .access import can_view, side_of
from .models import ExchangeSession
from .presenters import session_view


def sessions_for(
    user: User,
    *,
    class_id: int | None = None,
    upcoming: bool = True,
    limit: int = 200,
    between: tuple[datetime, datetime] | None = None,
) -> list[ExchangeSession]:
    """Sessions this user may see, soonest first: of their classes (students: accepted or cancelled);
    ``between`` keeps those starting in a period (a month of the calendar)."""
    ids = [c.id for c in directory.classes_for(user)]
    if class_id is not None:
        ids = [i for i in ids if i == class_id]
    if not ids:
        return []
    q = select(ExchangeSession).where(
        or_(ExchangeSession.organiser_class_id.in_(ids), ExchangeSession.partner_class_id.in_(ids))
    )
    if upcoming:
        q = q.where(ExchangeSession.ends_at > utcnow())
    if between is not None:
        q = q.where(ExchangeSession.starts_at >= between[0], ExchangeSession.starts_at < between[1])
    if user.role == "teacher":
        q = q.where(ExchangeSession.status != "declined")
    else:
        q = q.where(ExchangeSession.status.in_(("accepted", "cancelled")))
    rows = db.session.scalars(q.order_by(ExchangeSession.starts_at, ExchangeSession.id).limit(limit))
    return [s for s in rows if can_view(user, s)]


def invitations_for(teacher: User) -> dict:
    """Sessions waiting for this teacher's answer, waiting for the partner, and lately answered."""
    ids = [c.id for c in directory.classes_for(teacher)] if teacher.role == "teacher" else []
    if not ids:
        return {"incoming": [], "outgoing": [], "answered": []}
    base = select(ExchangeSession).where(
        or_(ExchangeSession.organiser_class_id.in_(ids), ExchangeSession.partner_class_id.in_(ids))
    )
    pending = db.session.scalars(
        base.where(ExchangeSession.status == "proposed", ExchangeSession.ends_at > utcnow())
        .order_by(ExchangeSession.starts_at, ExchangeSession.id)
        .limit(300)
    )
    incoming: list[ExchangeSession] = []
    outgoing: list[ExchangeSession] = []
    for s in pending:
        side = side_of(teacher, s)
        if side is None:
            continue
        (incoming if s.awaiting == side else outgoing).append(s)
    answered = list(
        db.session.scalars(
            base.where(
                ExchangeSession.status.in_(("declined", "cancelled", "accepted")),
                ExchangeSession.updated_at > utcnow() - timedelta(days=30),
            )
            .order_by(ExchangeSession.updated_at.desc())
            .limit(20)
        )
    )
    return {"incoming": incoming, "outgoing": outgoing, "answered": answered}


def dashboard_for(user: User | None) -> dict:
    """Upcoming sessions of the next two weeks in the viewer's zone, and invitations waiting."""
    if user is None or user.role not in ("teacher", "student", "admin"):
        return {"upcoming": [], "waiting": []}
    horizon = utcnow() + timedelta(days=14)
    upcoming = [s for s in sessions_for(user, limit=50) if s.starts_at <= horizon and s.status == "accepted"][:8]
    waiting = invitations_for(user)["incoming"][:8] if user.role == "teacher" else []
    return {"upcoming": [session_view(s, user) for s in upcoming], "waiting": [session_view(s, user) for s in waiting]}
