"""Guardians and consent: who may speak for a child, what they agreed to, and data-rights requests.

A consent row is never rewritten into a different decision: a new grant is a new row and a
withdrawal closes the current one, so the history of what a family agreed to, when and how
(online or on signed paper) stays readable.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class GuardianLink(Base):
    """A guardian account that may speak for one student."""

    __tablename__ = "guardian_links"
    __table_args__ = (UniqueConstraint("guardian_user_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    relation: Mapped[str] = mapped_column(String(40), default="")
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GuardianInvitation(Base):
    """A one-time link from a teacher to a child's guardian; only the SHA-256 of its token is kept."""

    __tablename__ = "guardian_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Consent(Base):
    """One decision for one scope: granted (online by a guardian, or on paper recorded by a teacher),
    later perhaps withdrawn. The newest row per (student, scope) is the one that counts."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_student_id_scope", "student_id", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scope: Mapped[str] = mapped_column(
        String(24)
    )  # exchanges | expert_visits | file_sharing | public_showing | public_faces
    status: Mapped[str] = mapped_column(String(16))  # granted | withdrawn
    method: Mapped[str] = mapped_column(String(8))  # online | paper
    given_by: Mapped[int] = mapped_column(ForeignKey("users.id"))  # the guardian, or the recording teacher
    guardian_name: Mapped[str] = mapped_column(String(160), default="")  # as written on the paper form
    signed_on: Mapped[date | None] = mapped_column(Date)  # the date on the signed paper
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_method: Mapped[str | None] = mapped_column(String(8))


class DeletionRequest(Base):
    """A guardian asks that their child's messages and files be erased; a school admin decides."""

    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending | approved | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict] = mapped_column(JSON, default=dict)  # the tombstone: what was erased (counts, rooms)


class RetentionPolicy(Base):
    """A school's retention rule: room messages and files go this many days after a class's term ends."""

    __tablename__ = "retention_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), unique=True)
    days_after_term: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RetentionRun(Base):
    """One enforcement run (CLI or admin), with what it purged."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    school_id: Mapped[int | None] = mapped_column(Integer)  # None: every school (the CLI)
    rooms: Mapped[int] = mapped_column(Integer, default=0)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    files: Mapped[int] = mapped_column(Integer, default=0)


class CitizenshipPledge(Base):
    """A student took the digital-citizenship lesson of one version and accepted its pledge (issue 22).
    A new version of the lesson asks again; the newest row counts."""

    __tablename__ = "citizenship_pledges"
    __table_args__ = (UniqueConstraint("student_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    band: Mapped[str] = mapped_column(String(8))  # under13 | teen: the lesson's text they read
    language: Mapped[str] = mapped_column(String(16))
    answers_right: Mapped[int] = mapped_column(Integer, default=0)  # of the lesson's questions
    pledged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
