"""Time passing: the expiry job that records lapsed evidence as "expired", the reminder
mail before it lapses, and the watch that runs both in the server when the day changes.
Every function takes `now` so that tests can stand on either side of an expiry date.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..db import db
from ..errors import Conflict
from ..extensions import socketio
from . import emails, notify
from .clearance import checklist_for, clock, today
from .decisions import apply_transition
from .models import VettingRecord, VettingReminder
from .rules.checklist import reminders_due
from .rules.evidence import VettingError
from .rules.states import SYSTEM_ROLE, cleared_to_meet_students, transition

log = logging.getLogger("exchange.vetting")


def expire_due(now: datetime | None = None) -> list[int]:
    """The expiry job: every verified record whose evidence has lapsed becomes "expired"
    (actor "system", audited) and the expert is removed from rooms. Returns record ids."""
    now = now or clock()
    expired = []
    for record in list(
        db.session.scalars(select(VettingRecord).where(VettingRecord.state == "verified").order_by(VettingRecord.id))
    ):
        checklist = checklist_for(record, now.date())
        if cleared_to_meet_students(record.state, checklist):
            continue
        lapsed = ", ".join(checklist.outstanding) or "evidence"
        try:
            result = transition(
                "verified",
                "expired",
                actor_role=SYSTEM_ROLE,
                reason=f"Evidence lapsed: {lapsed}",
                checklist=checklist,
                now=now,
            )
            apply_transition(record, result, actor_id=None, now=now)
        except (VettingError, Conflict):
            db.session.rollback()
            continue
        expired.append(record.id)
    return expired


def send_reminders(now: datetime | None = None) -> list[dict]:
    """E-mail each cleared expert about items expiring within the policy's window, once per
    item and expiry day (a renewal is reminded again). Returns what was sent."""
    now = now or clock()
    day = now.date()
    sent: list[dict] = []
    for record in list(
        db.session.scalars(select(VettingRecord).where(VettingRecord.state == "verified").order_by(VettingRecord.id))
    ):
        checklist = checklist_for(record, day)
        if not cleared_to_meet_students(record.state, checklist):
            continue
        done = {
            (r.slot, r.expires_on)
            for r in db.session.scalars(select(VettingReminder).where(VettingReminder.record_id == record.id))
        }
        due = [r for r in reminders_due(checklist, day) if (r.slot, r.expires_on) not in done]
        expert = db.session.get(User, record.expert_id)
        if not due or expert is None or not expert.email:
            continue
        for r in due:
            db.session.add(VettingReminder(record_id=record.id, slot=r.slot, expires_on=r.expires_on, sent_at=now))
        try:
            db.session.flush()  # the unique key makes a concurrent run skip instead of sending twice
        except IntegrityError:
            db.session.rollback()
            continue
        subject, body = emails.renewal_reminder(expert, due)
        notify.write_email(expert.email, subject, body)
        db.session.commit()
        log.info("vetting reminder record=%s items=%d", record.id, len(due))
        sent.extend(
            {"record_id": record.id, "expert_id": expert.id, "slot": r.slot, "expires_on": r.expires_on.isoformat()}
            for r in due
        )
    return sent


_watching = False


def start_watch(app) -> None:
    """Run the expiry check and the reminders in this server process whenever the (clock's)
    day changes, looking every `VETTING_WATCH_SECONDS` (default 60; 0 turns it off).
    Evidence lapses at UTC midnight, so an expert still connected to a room then is removed
    within a minute, not at the next cron run. Access never waits for it: every join and
    message checks the effective state. Several processes may run it: each move is guarded
    and each reminder keyed, so nothing happens twice."""
    global _watching
    seconds = app.config.get("VETTING_WATCH_SECONDS", 60)
    if _watching or not seconds:
        return
    _watching = True

    def loop():
        with app.app_context():
            last_day = today()
        while True:
            socketio.sleep(seconds)
            with app.app_context():
                try:
                    day = today()
                    if day != last_day:
                        expired = expire_due()
                        sent = send_reminders()
                        last_day = day
                        log.info("vetting watch day=%s expired=%d reminders=%d", day, len(expired), len(sent))
                except Exception:  # a database hiccup must not end the watch; the next tick retries
                    log.exception("vetting watch failed")
                    db.session.rollback()
                finally:
                    db.remove()

    socketio.start_background_task(loop)
