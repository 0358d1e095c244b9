"""Reminder mail before a booked session, sent once per teacher and session (claimed in
`session_reminders` first, so two runs or two processes never send it twice). For
`exchange scheduling remind`."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.language import language_of
from ..realtime import emit, user_channel
from . import emails, mailer
from .models import ExchangeSession, SessionReminder
from .presenters import session_payload

log = logging.getLogger("exchange.scheduling")


def send_due_reminders(now: datetime | None = None) -> int:
    """Mail each teacher of each accepted session starting within EXCHANGE_REMINDER_HOURS (24)
    a reminder, once: the row in `session_reminders` is claimed before the mail goes out.
    Returns how many were sent."""
    now = now or utcnow()
    hours = int(current_app.config.get("REMINDER_HOURS", 24))
    due = list(
        db.session.scalars(
            select(ExchangeSession)
            .where(
                ExchangeSession.status == "accepted",
                ExchangeSession.starts_at > now,
                ExchangeSession.starts_at <= now + timedelta(hours=hours),
            )
            .order_by(ExchangeSession.starts_at)
            .limit(1000)
        )
    )
    sent = 0
    for s in due:
        for tid in sorted({s.organiser_class.teacher_id, s.partner_class.teacher_id}):
            teacher = db.session.get(User, tid)
            if teacher is None or not teacher.email or not teacher.is_active:
                continue
            db.session.add(SessionReminder(session_id=s.id, user_id=tid, channel="email", sent_at=now))
            try:
                db.session.commit()
            except IntegrityError:  # already reminded (or another process is doing it now)
                db.session.rollback()
                continue
            try:
                with force_locale(language_of(teacher)):
                    subject, text = emails.subject("reminder", s.title), emails.body("reminder", [s], teacher, None)
                mailer.send_email(teacher.email, subject, text)
                emit("session_update", session_payload(s, "reminder"), user_channel(tid))
                sent += 1
            except Exception:
                log.exception("reminder mail failed session=%s user=%s", s.id, tid)
    log.info("reminders sent=%s", sent)
    return sent
