"""Tables of partnership agreements: the agreement between a school and an organisation or another
school, each version of its text, the signatures on a version, the renewal reminders sent, and the
partnership's steering log of notes and decisions.

A version is never changed once written: an edit adds the next one, and signatures point at the
version they signed. `Agreement` keeps the current version's title and dates for lists and reminders.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class Agreement(Base):
    """A memorandum of understanding; `state` is draft | awaiting | active | ended (the calendar adds
    renewal due and lapsed: `agreement_rules.status`)."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # school_org | school_school
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    partner_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    start_on: Mapped[date] = mapped_column(Date)
    renew_on: Mapped[date] = mapped_column(Date, index=True)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str] = mapped_column(Text, default="")


class AgreementVersion(Base):
    """One version of the agreement's text, as it was signed or offered for signing."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    start_on: Mapped[date] = mapped_column(Date)
    renew_on: Mapped[date] = mapped_column(Date)
    goals: Mapped[str] = mapped_column(Text)
    roles: Mapped[str] = mapped_column(Text)
    contacts: Mapped[str] = mapped_column(Text)
    # {data_items: [str], purpose: str, retention: str, no_onward_sharing: bool}
    data_sharing: Mapped[dict] = mapped_column(JSON)
    safeguarding: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AgreementSignature(Base):
    """One side's signature on one version: who signed, as whom, on which day."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("version_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    side: Mapped[str] = mapped_column(String(16))  # school | organisation | partner_school
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    role_title: Mapped[str] = mapped_column(String(120))
    signed_on: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AgreementReminder(Base):
    """A renewal reminder sent for one slot (days before) of one renewal date: never twice."""

    __tablename__ = "agreement_reminders"
    __table_args__ = (UniqueConstraint("agreement_id", "slot", "renew_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    renew_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PartnershipNote(Base):
    """An entry of the partnership's steering log: a note, or a decision the partners took."""

    __tablename__ = "partnership_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # note | decision
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
