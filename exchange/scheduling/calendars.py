"""Calendar files: one session as an .ics file, and each teacher's subscribable feed behind
an unguessable token (only its hash is stored; a new token retires the old address)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlparse

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory import services as directory
from ..errors import Forbidden, NotFound
from ..signals import audit
from .access import require_view
from .ics import CalendarSession, session_ics, session_uid, teacher_feed_ics
from .local_time import iso
from .models import CalendarFeed, ExchangeSession
from .presenters import public_url


def _uid_domain() -> str:
    return urlparse(current_app.config.get("PUBLIC_URL") or "").hostname or "exchange.invalid"


def calendar_entry(s: ExchangeSession, viewer: User) -> CalendarSession:
    base = public_url()
    description = [s.agenda] if s.agenda else []
    if s.cultural_prompt:
        description.append(_("Cultural prompt: %(text)s", text=s.cultural_prompt))
    description.append(
        _(
            "%(a)s (%(a_school)s, %(a_country)s) with %(b)s (%(b_school)s, %(b_country)s)",
            a=s.organiser_class.name,
            a_school=s.organiser_class.school.name,
            a_country=s.organiser_class.school.country,
            b=s.partner_class.name,
            b_school=s.partner_class.school.name,
            b_country=s.partner_class.school.country,
        )
    )
    teacher_view = viewer.role == "teacher"
    organiser = s.organiser_class.teacher
    return CalendarSession(
        uid=session_uid(s.id, _uid_domain()),
        start=s.starts_at,
        end=s.ends_at,
        summary=s.title,
        description="\n".join(description),
        room_url=f"{base}/rooms/{s.room_id}" if s.room_id else "",
        organizer_email=(organiser.email or "") if teacher_view else "",
        organizer_name=organiser.full_name if teacher_view else "",
        cancelled=s.status in ("cancelled", "declined"),
        sequence=s.sequence,
        zones=tuple(dict.fromkeys((s.organiser_class.timezone, s.partner_class.timezone))),
    )


def session_file(s: ExchangeSession, viewer: User) -> bytes:
    require_view(viewer, s)
    return session_ics(calendar_entry(s, viewer))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_status(teacher: User) -> dict:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == teacher.id))
    return {"exists": feed is not None, "created_at": iso(feed.created_at) if feed else None}


def regenerate_feed(teacher: User) -> str:
    """A fresh feed token (the old address stops working); only its hash is stored."""
    if teacher.role != "teacher":
        raise Forbidden(_("Calendar feeds are for teachers."), code="forbidden")
    token = secrets.token_urlsafe(32)
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == teacher.id))
    if feed is None:
        feed = CalendarFeed(user_id=teacher.id, token_hash=_hash(token))
        db.session.add(feed)
    feed.token_hash, feed.created_at = _hash(token), utcnow()
    db.session.commit()
    audit(
        "scheduling",
        actor_id=teacher.id,
        action="calendar_feed.regenerate",
        subject_type="user",
        subject_id=teacher.id,
        school_id=teacher.school_id,
    )
    return token


def feed_file(token: str) -> bytes:
    """The feed behind a token: the teacher's accepted and cancelled sessions of the last 60 days
    and the future. An unknown token is a plain 404."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound(_("There is nothing here."))
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    teacher = db.session.get(User, feed.user_id) if feed else None
    if teacher is None or not teacher.is_active or teacher.role != "teacher":
        raise NotFound(_("There is nothing here."))
    ids = [c.id for c in directory.classes_for(teacher)]
    rows = []
    if ids:
        rows = list(
            db.session.scalars(
                select(ExchangeSession)
                .where(
                    or_(ExchangeSession.organiser_class_id.in_(ids), ExchangeSession.partner_class_id.in_(ids)),
                    ExchangeSession.status.in_(("accepted", "cancelled")),
                    ExchangeSession.ends_at > utcnow() - timedelta(days=60),
                )
                .order_by(ExchangeSession.starts_at)
                .limit(1000)
            )
        )
    entries = [calendar_entry(s, teacher) for s in rows if s.status == "accepted" or s.room_id is not None]
    return teacher_feed_ics(entries, name=_("Classroom Exchange: %(name)s", name=teacher.full_name))
