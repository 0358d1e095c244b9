"""Activities teachers wrote, ratings, and the activity a room follows.

The shipped library lives in `library/*.json` and is read once per process (`library.py`): it
needs no import step, and an upgrade that improves a text reaches every school at once. Only what
people add is stored: a teacher's submission (published once a platform editor approves it), a
rating per teacher and activity, and which activity a room follows. Each refers to an activity by
its slug, shipped or submitted alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow

STATUSES = ("submitted", "published", "rejected")


class SubmittedActivity(Base):
    """A teacher's own activity: others see it once an editor published it."""

    __tablename__ = "submitted_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    document: Mapped[dict] = mapped_column(JSON)  # catalog.as_document(): checked by catalog.activity_from
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ActivityRating(Base):
    """One teacher's stars (1–5) for one activity; rating again replaces them."""

    __tablename__ = "activity_ratings"
    __table_args__ = (UniqueConstraint("slug", "user_id", name="uq_activity_rating"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoomActivity(Base):
    """The activity a room follows (a session's room or an asynchronous exchange): one per room."""

    __tablename__ = "room_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), unique=True)
    slug: Mapped[str] = mapped_column(String(100), index=True)
    attached_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    attached_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
