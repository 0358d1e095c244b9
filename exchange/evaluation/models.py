"""Reflections after a session: a student's (a picture scale under 13, short answers above) and an
adult's feedback (teachers, experts, moderators). One per person and room; answering again replaces it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class Reflection(Base):
    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("room_id", "user_id", name="uq_reflection_room_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # picture | questions | feedback (reflect.KINDS)
    scale: Mapped[int] = mapped_column(Integer)  # 1 (sad) .. 5 (very happy) / (poor .. excellent)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> text, after the safety check
    held: Mapped[bool] = mapped_column(Boolean, default=False)  # a text went to a moderator instead
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
