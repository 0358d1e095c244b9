"""Models of community partners: organisations with their district verification, the people who act
for them, the opportunities they offer learners, and each learner's way to a confirmed place.

An organisation's contacts are adult accounts of the expert role: a contact who also meets students
goes through expert vetting like any expert; membership here gives only the organisation's pages.
Evidence (registration number, insurer, safeguarding lead) is shown to the district alone.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class Organisation(Base):
    """A business, university, museum, library, non-profit, faith-based organisation, local
    government or recreation body. `state` is the district's decision; whether it may act today
    also depends on its evidence not having lapsed (`rules.organisation_status`)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    mission: Mapped[str] = mapped_column(Text, default="")
    offers: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    languages: Mapped[list] = mapped_column(JSON, default=list)
    regions: Mapped[list] = mapped_column(JSON, default=list)
    logo_blob_id: Mapped[str | None] = mapped_column(String(64))
    logo_mime: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16), default="applied", index=True)  # applied|verified|suspended|rejected
    state_reason: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OrganisationMember(Base):
    """An adult who acts for the organisation (registers it, publishes, confirms places)."""

    __tablename__ = "organisation_members"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="contact")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OrganisationEvidence(Base):
    """One piece of verification evidence the district recorded; the newest of a kind counts."""

    __tablename__ = "organisation_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(200), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: loaded by a command (demo)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OrganisationReminder(Base):
    """A renewal reminder sent for one piece of evidence, keyed on its expiry day (never twice)."""

    __tablename__ = "organisation_reminders"
    __table_args__ = (UniqueConstraint("organisation_id", "kind", "expires_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    expires_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Opportunity(Base):
    """An opportunity an organisation offers learners, with its eligibility and safeguarding."""

    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")  # what students will learn
    grade_bands: Mapped[list] = mapped_column(JSON, default=list)
    min_age: Mapped[int | None] = mapped_column(Integer)
    school_ids: Mapped[list] = mapped_column(JSON, default=list)  # empty: every school
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    place: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int] = mapped_column(Integer)
    supervisor: Mapped[str] = mapped_column(String(120))  # the supervising adult
    ratio_adults: Mapped[int] = mapped_column(Integer, default=1)
    ratio_students: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="published", index=True)  # published|closed
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Interest(Base):
    """One student's way to a place: interested → endorsed (teacher) → consented (guardian, online
    or on paper) → confirmed or waitlisted (organisation); or declined / withdrawn on the way."""

    __tablename__ = "opportunity_interests"
    __table_args__ = (UniqueConstraint("opportunity_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    state: Mapped[str] = mapped_column(String(16), default="interested", index=True)
    note: Mapped[str] = mapped_column(Text, default="")  # the student's few words on why
    endorsed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    endorsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the guardian, or the teacher for paper
    consent_method: Mapped[str] = mapped_column(String(8), default="")  # online | paper
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
