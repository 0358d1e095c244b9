"""Answering and changing a session: accept (the session gets its room), decline, propose
another time, cancel; one session or the rest of its weekly series. Each change is claimed
with a conditional update first, so a double click or a second tab cannot act twice."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, select, update

from ..i18n.words import label
from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid
from ..signals import audit
from . import session_rooms
from .access import cross_school, other_side, require_side, require_verified, side_of, teacher_of
from .clashes import ScheduleConflict, find_session_conflicts
from .invitations import clean_text, duration_of
from .local_time import iso
from .models import BUSY, ExchangeSession, SessionProposal
from .notifications import notify

log = logging.getLogger("exchange.scheduling")


def _claim(
    s: ExchangeSession,
    current: set[str],
    status: str,
    *,
    awaiting: str | None = None,
    set_awaiting: str | None = None,
    bump: bool = False,
) -> bool:
    """Move a session from one of `current` to `status` only if nobody did it meanwhile; commits."""
    q = update(ExchangeSession).where(ExchangeSession.id == s.id, ExchangeSession.status.in_(sorted(current)))
    if awaiting is not None:
        q = q.where(ExchangeSession.awaiting == awaiting)
    values: dict[str, Any] = {"status": status, "awaiting": set_awaiting, "updated_at": utcnow()}
    if bump:
        values["sequence"] = ExchangeSession.sequence + 1
    result = cast(
        CursorResult[Any], db.session.execute(q.values(**values).execution_options(synchronize_session=False))
    )
    claimed = result.rowcount == 1
    db.session.commit()
    db.session.refresh(s)
    return claimed


def _targets(actor: User, s: ExchangeSession, series: bool, statuses: tuple[str, ...]) -> list[ExchangeSession]:
    if not series or s.series_id is None:
        return [s]
    rows = db.session.scalars(
        select(ExchangeSession)
        .where(
            ExchangeSession.series_id == s.series_id,
            ExchangeSession.status.in_(statuses),
            ExchangeSession.ends_at > utcnow(),
        )
        .order_by(ExchangeSession.occurrence)
    )
    return [r for r in rows if side_of(actor, r) is not None] or [s]


def _close_proposals(session_ids: list[int], outcome: str) -> None:
    for p in db.session.scalars(
        select(SessionProposal).where(SessionProposal.session_id.in_(session_ids), SessionProposal.outcome == "open")
    ):
        p.outcome = outcome


def accept(
    actor: User, s: ExchangeSession, *, series: bool = False, book_anyway: bool = False
) -> list[ExchangeSession]:
    """The awaited teacher says yes: each session gets its room with both classes in."""
    side = require_side(actor, s)
    targets = [t for t in _targets(actor, s, series, ("proposed",)) if t.status == "proposed" and t.awaiting == side]
    if s not in targets:
        if s.status != "proposed":
            raise Conflict(
                _("This session is already %(status)s.", status=label(s.status, "session")), code="not_pending"
            )
        raise Forbidden(_("This invitation is waiting for the other teacher."), code="not_your_turn")
    if any(t.starts_at <= utcnow() for t in targets):
        raise Invalid(_("This time has passed. Propose another time instead."), code="session_in_past")
    organiser, partner_teacher = teacher_of(s, "organiser"), teacher_of(s, "partner")
    if cross_school(s.organiser_class, s.partner_class):
        require_verified(actor, actor, organiser if side == "partner" else partner_teacher)
    live = [t for t in targets if t.kind == "live"]
    conflicts = find_session_conflicts(
        actor,
        s.organiser_class,
        s.partner_class,
        [(t.starts_at, t.ends_at) for t in live],
        exclude=[t.id for t in targets],
        occurrences=[t.occurrence for t in live],
    )
    conflicts = [c for c in conflicts if c["kind"] in ("class_busy", "teacher_busy")] if not book_anyway else []
    if conflicts:
        raise ScheduleConflict(
            _("Something else was booked at this time. Propose another time or book anyway."), conflicts
        )
    done = []
    for t in targets:
        # Claim the session first (a conditional update), so a double click or a second tab
        # cannot create a second room; give it back if the room cannot be made.
        if not _claim(t, {"proposed"}, "accepted", awaiting=side):
            continue
        try:
            t.room_id = session_rooms.open_room(t, partner_teacher)  # commits the room
        except Exception:
            db.session.rollback()
            _claim(t, {"accepted"}, "proposed", set_awaiting=side)
            raise
        _close_proposals([t.id], "accepted")
        db.session.commit()
        done.append(t)
        audit(
            "scheduling",
            actor_id=actor.id,
            action="session.accept",
            subject_type="session",
            subject_id=t.id,
            room_id=t.room_id,
            school_id=actor.school_id,
            after={"status": "accepted", "room": t.room_id},
        )
    if not done:
        raise Conflict(_("This session is already %(status)s.", status=label(s.status, "session")), code="not_pending")
    log.info("session accept ids=%s by=%s", [t.id for t in done], actor.id)
    notify(done, "accepted", actor)
    return done


def decline(actor: User, s: ExchangeSession, *, series: bool = False) -> list[ExchangeSession]:
    side = require_side(actor, s)
    targets = [t for t in _targets(actor, s, series, ("proposed",)) if t.status == "proposed" and t.awaiting == side]
    if s not in targets:
        if s.status != "proposed":
            raise Conflict(
                _("This session is already %(status)s.", status=label(s.status, "session")), code="not_pending"
            )
        raise Forbidden(_("This invitation is waiting for the other teacher; cancel it instead."), code="not_your_turn")
    for t in targets:
        t.status, t.awaiting, t.updated_at = "declined", None, utcnow()
    _close_proposals([t.id for t in targets], "declined")
    db.session.commit()
    for t in targets:
        audit(
            "scheduling",
            actor_id=actor.id,
            action="session.decline",
            subject_type="session",
            subject_id=t.id,
            school_id=actor.school_id,
            after={"status": "declined"},
        )
    notify(targets, "declined", actor)
    return targets


def propose(
    actor: User, s: ExchangeSession, *, start: datetime, minutes: int | None = None, note="", book_anyway: bool = False
) -> ExchangeSession:
    """Either teacher suggests another time for a session still waiting for an answer; the other
    teacher then accepts, declines or proposes again."""
    side = require_side(actor, s)
    if s.status != "proposed":
        raise Conflict(
            _("Only a session waiting for an answer can be moved; cancel it and invite again."), code="not_pending"
        )
    if s.kind != "live":
        raise Invalid(_("An asynchronous exchange has no meeting time to move."), code="not_live")
    duration = duration_of(minutes) if minutes is not None else s.ends_at - s.starts_at
    if start <= utcnow():
        raise Invalid(_("Choose a time in the future."), code="session_in_past")
    note = clean_text(note, _("Note"), 500)
    end = start + duration
    conflicts = find_session_conflicts(
        actor, s.organiser_class, s.partner_class, [(start, end)], exclude=[s.id], occurrences=[s.occurrence]
    )
    if conflicts and not book_anyway:
        raise ScheduleConflict(
            _("This time clashes with something. Choose another time or propose it anyway."), conflicts
        )
    before = {"starts_at": iso(s.starts_at), "ends_at": iso(s.ends_at)}
    _close_proposals([s.id], "superseded")
    s.starts_at, s.ends_at = start, end
    s.awaiting = other_side(side)
    s.sequence += 1
    s.updated_at = utcnow()
    db.session.add(
        SessionProposal(session_id=s.id, proposed_by=actor.id, side=side, starts_at=start, ends_at=end, note=note)
    )
    db.session.commit()
    audit(
        "scheduling",
        actor_id=actor.id,
        action="session.propose",
        subject_type="session",
        subject_id=s.id,
        school_id=actor.school_id,
        before=before,
        after={"starts_at": iso(start), "ends_at": iso(end)},
    )
    notify([s], "proposed", actor)
    return s


def cancel(actor: User, s: ExchangeSession, *, series: bool = False, reason="") -> list[ExchangeSession]:
    """Either teacher calls a session off: calendars get STATUS:CANCELLED with a higher SEQUENCE,
    the room closes at once, and everyone is told in the app and by e-mail."""
    require_side(actor, s)
    if s.status not in BUSY:
        raise Conflict(_("This session is already %(status)s.", status=label(s.status, "session")), code="not_active")
    if s.ends_at <= utcnow():
        raise Invalid(_("This session is over."), code="session_over")
    reason = clean_text(reason, _("Reason"), 500)
    targets = [t for t in _targets(actor, s, series, BUSY) if t.status in BUSY]
    was_booked = {t.id: t.status == "accepted" for t in targets}
    targets = [t for t in targets if _claim(t, set(BUSY), "cancelled", bump=True)]
    if not targets:
        raise Conflict(_("This session is already %(status)s.", status=label(s.status, "session")), code="not_active")
    for t in targets:
        session_rooms.close_room(t, actor)
    _close_proposals([t.id for t in targets], "cancelled")
    db.session.commit()
    for t in targets:
        audit(
            "scheduling",
            actor_id=actor.id,
            action="session.cancel",
            subject_type="session",
            subject_id=t.id,
            room_id=t.room_id,
            school_id=actor.school_id,
            after={"status": "cancelled", "sequence": t.sequence},
        )
    log.info("session cancel ids=%s by=%s", [t.id for t in targets], actor.id)
    notify(targets, "cancelled", actor, students=any(was_booked.values()), note=reason)
    return targets
