"""Telling people a session changed: both teachers (and, for a booked session that changes,
its students) at once on their user channels, and the teachers by e-mail."""

from __future__ import annotations

import logging

from flask_babel import force_locale
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.language import language_of
from ..directory.models import ClassMembership
from ..realtime import emit, user_channel
from . import emails, mailer
from .models import ExchangeSession
from .presenters import session_payload

log = logging.getLogger("exchange.scheduling")


def _students(class_ids) -> list[int]:
    return list(
        db.session.scalars(
            select(ClassMembership.user_id).where(
                ClassMembership.class_id.in_(list(class_ids)), ClassMembership.status == "approved"
            )
        )
    )


def notify(
    sessions: list[ExchangeSession], event: str, actor: User | None, *, students: bool = False, note: str = ""
) -> None:
    """Tell both teachers (and for a booked session that changes, the students) in the app at once
    through `session_update` on their user channels, and the teachers by e-mail."""
    if not sessions:
        return
    first = sessions[0]
    teachers = [
        t
        for t in (
            db.session.get(User, tid)
            for tid in sorted({first.organiser_class.teacher_id, first.partner_class.teacher_id})
        )
        if t is not None
    ]
    for s in sessions:
        payload = session_payload(s, event)
        for t in teachers:
            emit("session_update", payload, user_channel(t.id))
        if students:
            for uid in _students(s.class_ids):
                emit("session_update", payload, user_channel(uid))
    for t in teachers:
        if not t.email or not t.is_active:
            continue
        if actor is not None and t.id == actor.id and event not in ("cancelled", "reminder"):
            continue  # the person acting knows; a cancellation is confirmed to both
        try:
            with force_locale(language_of(t)):  # each teacher reads it in their own language
                subject, text = emails.subject(event, first.title), emails.body(event, sessions, t, actor, note)
            mailer.send_email(t.email, subject, text)
        except Exception:  # a broken outbox must not undo the booking; the log says which session
            log.exception("session mail failed session=%s event=%s user=%s", first.id, event, t.id)
