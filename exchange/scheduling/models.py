"""Models of the scheduling domain: sessions between two classes, the times proposed for
them, reminders already sent, and the secret behind each teacher's calendar feed.

A session is called `ExchangeSession` in code (table `exchange_sessions`) so that it is
never mistaken for a database session or a login session.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db import Base, UTCDateTime, utcnow
from ..directory.models import SchoolClass

SESSION_KINDS = ("live", "async")  # async: a room open over several days, no meeting time
SESSION_STATUSES = ("proposed", "accepted", "declined", "cancelled")
BUSY = ("proposed", "accepted")  # the statuses that hold a time in both classes' calendars
SIDES = ("organiser", "partner")


class ExchangeSession(Base):
    """A meeting of an organiser's class with a partner class, and the room it owns once accepted.

    While `proposed`, `awaiting` says whose answer is needed: the partner for an invitation,
    the organiser after the partner proposed another time. `sequence` is the iCalendar
    SEQUENCE: raised on every change of time and on cancellation.
    """

    __tablename__ = "exchange_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), default="live")
    organiser_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organiser_class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    partner_class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    agenda: Mapped[str] = mapped_column(Text, default="")
    cultural_prompt: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    awaiting: Mapped[str | None] = mapped_column(String(16))  # organiser | partner, while proposed
    series_id: Mapped[str | None] = mapped_column(String(32), index=True)
    occurrence: Mapped[int] = mapped_column(Integer, default=0)
    series_size: Mapped[int] = mapped_column(Integer, default=1)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organiser: Mapped[User] = relationship(lazy="joined")
    organiser_class: Mapped[SchoolClass] = relationship(foreign_keys=[organiser_class_id], lazy="joined")
    partner_class: Mapped[SchoolClass] = relationship(foreign_keys=[partner_class_id], lazy="joined")

    @property
    def class_ids(self) -> tuple[int, int]:
        return (self.organiser_class_id, self.partner_class_id)

    @property
    def teacher_ids(self) -> frozenset[int]:
        return frozenset({self.organiser_id, self.partner_class.teacher_id})


class SessionProposal(Base):
    """One time put forward for a session: the first invitation and every counter-proposal."""

    __tablename__ = "session_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exchange_sessions.id"), index=True)
    proposed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    side: Mapped[str] = mapped_column(String(16))  # organiser | partner
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(
        String(16), default="open"
    )  # open | accepted | declined | superseded | cancelled
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SessionReminder(Base):
    """A reminder already sent, so each person is reminded of each session once."""

    __tablename__ = "session_reminders"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exchange_sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(16), default="email")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarFeed(Base):
    """A teacher's calendar feed: calendar programs cannot log in, so an unguessable token
    in the URL stands for the teacher. Only its SHA-256 is kept; regenerating replaces it."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
