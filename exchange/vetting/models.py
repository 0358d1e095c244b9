"""Models of the vetting domain: an expert's public profile, their vetting record with its
evidence and history, expiry reminders sent, and the visits experts offer to classes.

Evidence fields (dates of birth, reference numbers, referees) live only in `VettingEvidence`
and are shown to verifiers alone; everything a teacher or student sees is derived from them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow

VISIT_STATUSES = ("requested", "accepted", "declined", "cancelled")


class ExpertProfile(Base):
    """What an expert tells schools about themselves; `bio` is sanitised HTML."""

    __tablename__ = "expert_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(120))
    expertise: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list] = mapped_column(JSON, default=list)
    bio: Mapped[str] = mapped_column(Text, default="")
    code_of_conduct_version: Mapped[str] = mapped_column(String(16))
    agreed_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VettingRecord(Base):
    """One application of one expert through the vetting states. Revoked and rejected are
    final: a new application after a rejection is a new record; the newest record counts."""

    __tablename__ = "vetting_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default="applied", index=True)
    state_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    verified_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VettingEvidence(Base):
    """One piece of evidence a verifier recorded (kind + its fields, dates as ISO strings)."""

    __tablename__ = "vetting_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("vetting_records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VettingTransition(Base):
    """The history of a record's states for the verifier's page (the audit log keeps the
    tamper-evident copy). `actor_id` is None for the system's expiry job."""

    __tablename__ = "vetting_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("vetting_records.id"), index=True)
    before: Mapped[str] = mapped_column(String(16))
    after: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VettingReminder(Base):
    """A renewal reminder sent for one item; keyed on its expiry day, so a renewal (a new
    expiry day) is reminded again and a daily run never repeats one."""

    __tablename__ = "vetting_reminders"
    __table_args__ = (UniqueConstraint("record_id", "slot", "expires_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("vetting_records.id"), index=True)
    slot: Mapped[str] = mapped_column(String(32))
    expires_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ExpertOffer(Base):
    """A virtual visit an expert offers; teachers see it while the expert is cleared."""

    __tablename__ = "expert_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    topic: Mapped[str] = mapped_column(String(80))
    grade_bands: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    length_minutes: Mapped[int] = mapped_column(Integer)
    availability: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VisitRequest(Base):
    """A teacher asks an expert to visit one of their classes; accepting creates the room."""

    __tablename__ = "visit_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("expert_offers.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    proposed_start: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="requested")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
