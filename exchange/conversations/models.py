"""Family threads, their messages, announcements to a class and a teacher's availability note."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow
from ..storage.sql_base import UTCDateTime


class FamilyThread(Base):
    """One guardian and the teachers of one child. `concern_at`: a safeguarding concern was raised
    (by a person or by the filter), which lets the school's admin read the thread."""

    __tablename__ = "family_threads"
    __table_args__ = (UniqueConstraint("student_id", "guardian_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    concern_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    concern_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    concern_reason: Mapped[str] = mapped_column(Text, default="")


class FamilyMessage(Base):
    """`side`: guardian or staff. `read_at`/`read_by`: the first reader on the other side.
    `channel`: web, or sms for a family's reply by text."""

    __tablename__ = "family_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("family_threads.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    side: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(8), default="web")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    read_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attachment_blob: Mapped[str | None] = mapped_column(String(80))
    attachment_name: Mapped[str] = mapped_column(String(200), default="")
    attachment_mime: Mapped[str] = mapped_column(String(80), default="")
    attachment_size: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Announcement(Base):
    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AnnouncementDelivery(Base):
    """One guardian's copy: by which channel it went (email, sms, paper) and when they read it on
    the site (`read_at`; a text or a letter cannot say, so the teacher's list says so)."""

    __tablename__ = "announcement_deliveries"
    __table_args__ = (UniqueConstraint("announcement_id", "guardian_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default="sent")  # sent | failed | to_print
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffAvailability(Base):
    """A teacher's note to families: when they answer messages."""

    __tablename__ = "staff_availability"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
